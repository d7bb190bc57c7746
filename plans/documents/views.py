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
        return first_print_page(request, plan, data, digest)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, numbering.filename(data))
    return _validators(response, etag)


def _links(plan, report=None):
    """The waiting page's addresses: the PDF, the fragment it polls, the way back."""
    if report is not None:
        return {"pdf_url": reverse("report_pdf", args=[report.pk]), "poll_url": reverse("report_pdf_progress", args=[report.pk]),
                "back_url": reverse("report_detail", args=[report.pk]), "back_label": "Báo cáo tháng", "subject": "báo cáo này"}
    return {"pdf_url": reverse("plan_pdf", args=[plan.pk]), "poll_url": reverse("plan_pdf_progress", args=[plan.pk]),
            "back_url": reverse("plan_preview", args=[plan.pk]), "back_label": "Xem trước bản in", "subject": "kế hoạch này"}


def first_print_page(request, plan, data, digest, report=None):
    """The answer to a PDF not printed yet: its job asked of the worker, and the page that follows it."""
    links = _links(plan, report)
    try:
        check_size(data)  # a document too big is refused at once, as the preview says it
    except RenderError as exc:
        messages.error(request, str(exc))
        return redirect(links["back_url"])
    job = first_print.request(plan, digest, report)
    # 202: the request is taken and the file will follow; the page reloads itself without JavaScript.
    return render(request, "pdf/first_print.html", {"title": data["title"], "job": job, **links}, status=202)


def first_print_progress(request, plan, digest, pdf, report=None):
    """The fragment the waiting page polls (htmx); once the PDF (`pdf`, None until printed) is
    there, htmx goes to it. The document may have been edited while its page waited: the job is
    the current content's."""
    links = _links(plan, report)
    if pdf is not None:
        response = render(request, "pdf/_first_print_progress.html", {"job": None, **links})
        response["HX-Redirect"] = links["pdf_url"]
        return response
    job = first_print.request(plan, digest, report)
    return render(request, "pdf/_first_print_progress.html", {"job": job, **links})


@plan_view("plans.view_plan")
def plan_pdf_progress(request, plan):
    data, digest = _content(plan)
    return first_print_progress(request, plan, digest, serve.stored_pdf(plan, digest))


@plan_view("plans.view_plan")
def plan_preview(request, plan):
    data = serve.plan_data(plan)
    return render(request, "pdf/preview.html", {
        "plan": plan, "title": data["title"],
        "document": serve.cached_document(data, revision=serve.revision_line(plan)),
    })
