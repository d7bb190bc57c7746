"""Review comments where they apply, for pages whose views know nothing of comments (the editor,
the status page): the plan's comments are read once per request and kept on the plan object."""
from django import template

from plans.federation.comments import by_anchor, comments_of

register = template.Library()


def _comments(plan):
    if not hasattr(plan, "_review_comments"):
        plan._review_comments = list(comments_of(plan))
        plan._open_comments = by_anchor(c for c in plan._review_comments if not c.resolved)
    return plan._review_comments


@register.simple_tag
def open_comments(plan, kind, ref="", index=""):
    """Unresolved comments on one part: ("paragraph", section id, index), ("target", id),
    ("activity", id), ("general"); ("paragraph", section id) gives every paragraph of the section."""
    _comments(plan)
    key = "-".join(str(part) for part in (kind, ref, index) if part != "")
    if kind == "paragraph" and index == "":
        return [c for k, found in plan._open_comments.items() if k.startswith(f"{key}-") for c in found]
    return plan._open_comments.get(key, [])


def has_open_comments(plan):
    """Whether any comment of the plan is still open: most plans have none, and then each block's
    lookup is skipped."""
    _comments(plan)
    return bool(plan._open_comments)


@register.simple_tag
def all_comments(plan):
    """Every comment of the plan, in the order they were made."""
    return _comments(plan)
