"""The editor's hooks in the printed document's templates (templates/pdf/): with `editing` in the
context each block of the document gets its id, its link to its editor and its review comments,
so the editor shows the very rendering the preview and the PDF print. Without `editing` the tags
are never reached and the document prints as before."""
from html import escape

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from plans.editor.blocks import KINDS, block_id, url_format
from plans.templatetags.plan_comments import has_open_comments, open_comments

register = template.Library()

# The kinds of review comment anchored at a block (plans.federation.comments).
ANCHORS = {"paragraph": "paragraph", "target": "target", "row": "activity"}
EMPTY = {
    "bases": "Chưa có căn cứ: bấm vào đây để thêm.", "preamble": "Chưa có lời mở đầu: bấm vào đây để thêm.",
    "closing": "Chưa có phần kết: bấm vào đây để thêm.", "signature": "Chưa có nơi nhận và người ký: bấm vào đây để thêm.",
    "paragraph": "(Đoạn trống: bấm vào đây để gõ.)",
}


def _url(context, kind, ref, index):
    """The block's editor URL, from one reversed pattern per kind and page."""
    urls = context.render_context.setdefault("editor_block_urls", {})
    pattern = urls.get(kind)
    if pattern is None:
        pattern = urls[kind] = url_format(KINDS[kind][1], context["plan"].pk, *[None] * ((ref is not None) + (index is not None)))
    return pattern.format(*(value for value in (ref, index) if value is not None))


def _link_html(context, kind, ref, index, text):
    """The block's edit link, and the open review comments about it. Built by hand, not with
    format_html: a 120-row plan has some 150 of them; only the snippet is text of the plan's (the
    URL is digits and the app's own path, the action a constant), and it is escaped."""
    first = text[0] if isinstance(text, list) and text else text
    snippet = escape(first[:60]) if isinstance(first, str) else ""
    # No htmx attributes: editor.js opens the block a link belongs to (its closest .blk), which
    # keeps a few hundred copies of the URL, target and swap out of a long plan's page.
    out = (f'<a class="blk-edit" href="{_url(context, kind, ref, index)}">Sửa {KINDS[kind][2]}'
           f'<span class="visually-hidden">: {snippet}</span></a>')
    anchor = ANCHORS.get(kind)
    plan = context["plan"]
    comments = open_comments(plan, anchor, ref, "" if index is None else index) if anchor and has_open_comments(plan) else None
    if comments:
        out += render_to_string("plans/editor/blocks/_comments.html", {"comments": comments, "plan": plan},
                                request=context.get("request"))
    return out


# Written out here rather than as templates: a long plan has a few hundred blocks, and a template
# rendered for each was most of the page's time.
@register.simple_tag(takes_context=True)
def blk(context, kind, ref=None, index=None, text=""):
    """Opens the block's element (closed by `</div>` in the template) with its edit link."""
    out = f'<div class="blk blk-{kind}" id="{block_id(kind, ref, index)}">' + _link_html(context, kind, ref, index, text)
    if not text and kind in EMPTY:
        out += f'<p class="blk-empty">{EMPTY[kind]}</p>'
    return mark_safe(out)


@register.simple_tag(takes_context=True)
def blk_link(context, kind, ref=None, index=None, text=""):
    """The edit link of a block whose element the template writes itself (a month row's <tr>)."""
    return mark_safe(_link_html(context, kind, ref, index, text))


@register.simple_tag
def blk_row(row, kind="row"):
    """The attributes that make a table row's <tr> its block, a month row or a report's target (one
    tag, not a tag and two nodes)."""
    return mark_safe(f' class="blk blk-row" id="{block_id(kind, row["ref"])}"')
