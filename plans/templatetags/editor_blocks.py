"""The editor's hooks in the printed document's templates (templates/pdf/): with `editing` in the
context each block of the document gets its id, its link to its editor and its review comments,
so the editor shows the very rendering the preview and the PDF print. Without `editing` the tags
are never reached and the document prints as before."""
from django import template
from django.urls import reverse

from plans.templatetags.plan_comments import open_comments

register = template.Library()

# kind: (id prefix, url name, what the link says, comment anchor kind)
KINDS = {
    "title": ("b-title", "plan_editor_title", "Sửa kỳ và trích yếu", ""),
    "bases": ("b-bases", "plan_editor_bases", "Sửa căn cứ", ""),
    "preamble": ("b-preamble", "plan_editor_preamble", "Sửa lời mở đầu", ""),
    "closing": ("b-closing", "plan_editor_closing", "Sửa phần kết", ""),
    "signature": ("b-signature", "plan_editor_tail", "Sửa nơi nhận và người ký", ""),
    "heading": ("b-s", "plan_editor_section", "Sửa tiêu đề mục", ""),
    "paragraph": ("b-p", "plan_editor_paragraph", "Sửa đoạn", "paragraph"),
    "target": ("b-t", "plan_editor_target", "Sửa chỉ tiêu", "target"),
    "row": ("b-r", "plan_editor_row", "Sửa dòng", "activity"),
}
EMPTY = {
    "bases": "Chưa có căn cứ: bấm vào đây để thêm.", "preamble": "Chưa có lời mở đầu: bấm vào đây để thêm.",
    "closing": "Chưa có phần kết: bấm vào đây để thêm.", "signature": "Chưa có nơi nhận và người ký: bấm vào đây để thêm.",
    "paragraph": "(Đoạn trống: bấm vào đây để gõ.)",
}


def block_id(kind, ref=None, index=None):
    prefix = KINDS[kind][0]
    if ref is None:
        return prefix
    return f"{prefix}{ref}" + (f"-{index}" if index is not None else "")


def _link(context, kind, ref, index, text):
    plan = context["plan"]
    args = [plan.pk] + ([ref] if ref is not None else []) + ([index] if index is not None else [])
    first = text[0] if isinstance(text, list) and text else text
    first = first if isinstance(first, str) else ""
    anchor = KINDS[kind][3]
    return {
        "id": block_id(kind, ref, index), "kind": kind, "url": reverse(KINDS[kind][1], args=args),
        "action": KINDS[kind][2], "snippet": first[:60], "empty": EMPTY.get(kind) if not text else "",
        "comments": open_comments(plan, anchor, ref, "" if index is None else index) if anchor else [],
        "plan": plan, "request": context.get("request"),
    }


@register.inclusion_tag("plans/editor/blocks/_open_tag.html", takes_context=True)
def blk(context, kind, ref=None, index=None, text=""):
    """Opens the block's element (closed by `</div>` in the template) with its edit link."""
    return _link(context, kind, ref, index, text)


@register.inclusion_tag("plans/editor/blocks/_link.html", takes_context=True)
def blk_link(context, kind, ref=None, index=None, text=""):
    """The edit link of a block whose element the template writes itself (a month row's <tr>)."""
    return _link(context, kind, ref, index, text)


@register.simple_tag
def blk_id(kind, ref=None, index=None):
    return block_id(kind, ref, index)
