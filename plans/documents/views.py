"""The printed plan: its PDF, and a preview of the same document in the app."""
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, quote_etag

from plans import numbering
from plans.documents.pdf import RenderError, content_hash, serve
from plans.scope import plan_view


def _validators(response, etag):
    response["ETag"] = etag
    # Private: the document is behind a login. no-cache: the browser asks each time, and an
    # unchanged plan costs it a 304.
    response["Cache-Control"] = "private, no-cache"
    return response


@plan_view("plans.view_plan")
def plan_pdf(request, plan):
    data = serve.plan_data(plan)
    digest = content_hash(data, serve.revision_line(plan))
    etag = quote_etag(digest)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _validators(not_modified, etag)
    try:
        pdf = serve.plan_pdf(plan, data, digest)
    except RenderError as exc:
        messages.error(request, str(exc))
        return redirect("plan_preview", pk=plan.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, numbering.filename(data))
    return _validators(response, etag)


@plan_view("plans.view_plan")
def plan_preview(request, plan):
    data = serve.plan_data(plan)
    return render(request, "pdf/preview.html", {
        "plan": plan, "title": data["title"], "filename": numbering.filename(data),
        "document": serve.cached_document(data, revision=serve.revision_line(plan)),
    })
