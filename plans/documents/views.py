"""The printed plan: its PDF, and a preview of the same document in the app."""
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, quote_etag

from plans import numbering
from plans.documents import first_print
from plans.documents.pdf import RenderError, content_hash, serve
from plans.documents.pdf.render import check_size
from plans.scope import plan_view


def _validators(response, etag):
    response["ETag"] = etag
    # Private: the document is behind a login. no-cache: the browser asks each time, and an
    # unchanged plan costs it a 304.
    response["Cache-Control"] = "private, no-cache"
    return response


def _content(plan):
    data = serve.plan_data(plan)
    return data, content_hash(data, serve.revision_line(plan))


@plan_view("plans.view_plan")
def plan_pdf(request, plan):
    """The PDF when it is printed already; else the worker is asked to print it and the page that
    follows the job answers at once (plans.documents.first_print)."""
    data, digest = _content(plan)
    etag = quote_etag(digest)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _validators(not_modified, etag)
    pdf = serve.stored_pdf(plan, digest)
    if pdf is None:
        return _first_print(request, plan, data, digest)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, numbering.filename(data))
    return _validators(response, etag)


def _first_print(request, plan, data, digest):
    try:
        check_size(data)  # a plan too big is refused at once, as the preview says it
    except RenderError as exc:
        messages.error(request, str(exc))
        return redirect("plan_preview", pk=plan.pk)
    job = first_print.request(plan, digest)
    # 202: the request is taken and the file will follow; the page reloads itself without JavaScript.
    return render(request, "pdf/first_print.html", {"plan": plan, "title": data["title"], "job": job}, status=202)


@plan_view("plans.view_plan")
def plan_pdf_progress(request, plan):
    """The fragment the waiting page polls (htmx); once the PDF is printed, htmx goes to it."""
    data, digest = _content(plan)
    if serve.stored_pdf(plan, digest) is not None:
        response = render(request, "pdf/_first_print_progress.html", {"plan": plan, "job": None})
        response["HX-Redirect"] = reverse("plan_pdf", args=[plan.pk])
        return response
    # The plan may have been edited while its page waited: the job is the current content's.
    job = first_print.request(plan, digest)
    return render(request, "pdf/_first_print_progress.html", {"plan": plan, "job": job})


@plan_view("plans.view_plan")
def plan_preview(request, plan):
    data = serve.plan_data(plan)
    return render(request, "pdf/preview.html", {
        "plan": plan, "title": data["title"],
        "document": serve.cached_document(data, revision=serve.revision_line(plan)),
    })
