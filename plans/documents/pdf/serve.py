"""The printed plan as the web app and `render_plan` serve it.

An issued plan is its frozen snapshot (JSON and PDF, stored at issue); any other plan is rendered
from its live data once per content: the PDF, and the HTML of the preview, are cached under
`content_hash(data)` (the canonical JSON plus a hash of the renderer's code, templates, stylesheet
and fonts), so an edit of the plan, or a change of layout, reaches a new key and nothing ever has to
be invalidated.
"""
import json

from django.core.cache import caches
from django.utils.safestring import mark_safe

from plans import numbering
from plans.documents.pdf.render import content_hash, render_document, render_pdf
from plans.planformat import export_plan

CACHE_ALIAS = "documents"


def plan_data(plan):
    """What the plan prints: the snapshot once issued, the live rows before."""
    return json.loads(plan.snapshot) if plan.is_issued and plan.snapshot else export_plan(plan)


def revision_line(plan):
    """'Điều chỉnh Kế hoạch số 01/KH-CĐCS ngày ...' for a correction of an issued plan, else ""."""
    replaced = getattr(plan, "replaces", None)
    if replaced is None:
        return ""
    return numbering.revision_line(plan.get_revision_display(), plan_data(replaced))


def _cached(kind, data, etag, revision, render):
    """`render(data, revision)` from the cache, or rendered and stored; `etag` is `content_hash(data,
    revision)` when the caller has it already."""
    key = f"{kind}:{etag or content_hash(data, revision)}"
    return caches[CACHE_ALIAS].get_or_set(key, lambda: render(data, revision))


def cached_pdf(data, etag=None, revision=""):
    return _cached("pdf", data, etag, revision, render_pdf)


def cached_document(data, etag=None, revision=""):
    """The document's HTML for the preview. Marked safe here, not trusted to keep its mark through
    the cache's serialiser: it is the template's output, every text of the data escaped there."""
    return mark_safe(_cached("html", data, etag, revision, render_document))


def _issued_pdf(plan):
    # snapshot first: it is loaded with the plan, while the PDF's bytes are read only when there are some.
    return bytes(plan.snapshot_pdf) if plan.is_issued and plan.snapshot and plan.snapshot_pdf else None


def plan_pdf(plan, data, etag=None):
    """The PDF of `plan` whose data is `data`: the one issued, byte for byte, once it is issued."""
    return _issued_pdf(plan) or cached_pdf(data, etag, revision_line(plan))


def cached_only(etag):
    """The PDF whose `content_hash` is `etag` if the documents cache holds it, else None."""
    return caches[CACHE_ALIAS].get(f"pdf:{etag}")


def stored_pdf(plan, etag):
    """The PDF of `plan` if it is there to serve without rendering (issued, or in the cache), else
    None; `etag` is its `content_hash`."""
    return _issued_pdf(plan) or cached_only(etag)
