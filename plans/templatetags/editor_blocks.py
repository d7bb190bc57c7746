"""The editor's hooks in the printed document's templates (templates/pdf/): with `editing` in the
context each block of the document gets its id, its link to its editor and its review comments,
so the editor shows the very rendering the preview and the PDF print. Without `editing` the tags
are never reached and the document prints as before."""
from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html

from plans.editor.blocks import KINDS, block_id
from plans.templatetags.plan_comments import open_comments

register = template.Library()

# The kinds of review comment anchored at a block (plans.federation.comments).
ANCHORS = {"paragraph": "paragraph", "target": "target", "row": "activity"}
EMPTY = {
    "bases": "Chưa có căn cứ: bấm vào đây để thêm.", "preamble": "Chưa có lời mở đầu: bấm vào đây để thêm.",
    "closing": "Chưa có phần kết: bấm vào đây để thêm.", "signature": "Chưa có nơi nhận và người ký: bấm vào đây để thêm.",
    "paragraph": "(Đoạn trống: bấm vào đây để gõ.)",
}


SENTINEL = 987654321  # stands for the block's ids in a URL reversed once per page


def _url(context, kind, ref, index):
    """The block's editor URL: reversed once per kind and page, then the ids put in, as reversing
    a few hundred times was a fifth of a long plan's page."""
    urls = context.render_context.setdefault("editor_block_urls", {})
    if kind not in urls:
        args = [context["plan"].pk] + [SENTINEL] * ((ref is not None) + (index is not None))
        urls[kind] = reverse(KINDS[kind][1], args=args)
    url = urls[kind]
    for value in (ref, index):
        if value is not None:
            url = url.replace(str(SENTINEL), str(value), 1)
    return url


def _link(context, kind, ref, index, text):
    plan = context["plan"]
    first = text[0] if isinstance(text, list) and text else text
    first = first if isinstance(first, str) else ""
    anchor = ANCHORS.get(kind)
    return {
        "id": block_id(kind, ref, index), "kind": kind, "url": _url(context, kind, ref, index),
        "action": f"Sửa {KINDS[kind][2]}", "snippet": first[:60], "empty": EMPTY.get(kind) if not text else "",
        "comments": open_comments(plan, anchor, ref, "" if index is None else index) if anchor else [],
        "plan": plan,
    }


def _link_html(context, link):
    html = format_html(
        '<a class="blk-edit" href="{0}" data-hx-get="{0}" data-hx-target="#{1}" data-hx-swap="outerHTML">{2}'
        '<span class="visually-hidden">: {3}</span></a>', link["url"], link["id"], link["action"], link["snippet"],
    )
    if link["comments"]:
        html += render_to_string("plans/editor/blocks/_comments.html", link, request=context.get("request"))
    return html


# Written out here rather than as templates: a long plan has a few hundred blocks, and a template
# rendered for each was most of the page's time.
@register.simple_tag(takes_context=True)
def blk(context, kind, ref=None, index=None, text=""):
    """Opens the block's element (closed by `</div>` in the template) with its edit link."""
    link = _link(context, kind, ref, index, text)
    html = format_html('<div class="blk blk-{}" id="{}">', kind, link["id"]) + _link_html(context, link)
    return html + format_html('<p class="blk-empty">{}</p>', link["empty"]) if link["empty"] else html


@register.simple_tag(takes_context=True)
def blk_link(context, kind, ref=None, index=None, text=""):
    """The edit link of a block whose element the template writes itself (a month row's <tr>)."""
    return _link_html(context, _link(context, kind, ref, index, text))


@register.simple_tag
def blk_id(kind, ref=None, index=None):
    return block_id(kind, ref, index)
