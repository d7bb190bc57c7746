"""Review comments (góp ý) of federation staff on a plan, each pinned to the part it is about: a
paragraph of a section, a target, a month row, or the plan as a whole.

The anchor survives the chair's editing as well as it can: a deleted section, target or row
leaves its comment in place as a general one, and the quoted text shows what was commented on
even after the paragraph moved or changed.
"""
from django.conf import settings
from django.db import models

from plans import periods
from plans.models import AnnualPlan, MonthlyActivity, Section, Target
from plans.months.services import month_label
from plans.numbering import heading_number
from unionplans.fields import NFCTextField

QUOTE_LENGTH = 300
# Staff comment once the plan has gone up to them and until it is issued (frozen from then on).
OPEN_FOR_COMMENTS = (AnnualPlan.Status.SUBMITTED, AnnualPlan.Status.RETURNED, AnnualPlan.Status.APPROVED)


class CommentError(Exception):
    """A comment that cannot be made; the message is shown to the user as it is."""


class PlanComment(models.Model):
    class Kind(models.TextChoices):
        PARAGRAPH = "paragraph", "Đoạn văn"
        TARGET = "target", "Chỉ tiêu"
        ACTIVITY = "activity", "Dòng kế hoạch tháng"
        GENERAL = "general", "Chung cho cả kế hoạch"

    plan = models.ForeignKey(AnnualPlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người góp ý", null=True, on_delete=models.SET_NULL, related_name="+",
    )
    kind = models.CharField("góp ý về", max_length=10, choices=Kind.choices, default=Kind.GENERAL)
    section = models.ForeignKey(
        Section, verbose_name="mục", null=True, blank=True, on_delete=models.SET_NULL, related_name="comments",
    )
    paragraph_index = models.PositiveSmallIntegerField("đoạn thứ", null=True, blank=True)
    target = models.ForeignKey(
        Target, verbose_name="chỉ tiêu", null=True, blank=True, on_delete=models.SET_NULL, related_name="comments",
    )
    activity = models.ForeignKey(
        MonthlyActivity, verbose_name="dòng kế hoạch tháng", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="comments",
    )
    quote = NFCTextField("trích phần được góp ý", blank=True)
    text = NFCTextField("nội dung góp ý")
    created = models.DateTimeField("góp ý lúc", auto_now_add=True)
    resolved = models.BooleanField("đã xử lý", default=False)

    class Meta:
        verbose_name = "góp ý kế hoạch"
        verbose_name_plural = "góp ý kế hoạch"
        ordering = ["plan", "created", "pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def anchor_lost(self):
        """The part commented on was deleted since: the comment now reads as a general one."""
        return (
            self.kind == self.Kind.PARAGRAPH and self.section_id is None
            or self.kind == self.Kind.TARGET and self.target_id is None
            or self.kind == self.Kind.ACTIVITY and self.activity_id is None
        )


def _quote(text):
    text = " ".join((text or "").split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1] + "…"


def _anchor(plan, kind, ref, paragraph_index):
    """The comment's anchor fields for `kind` and the id `ref`, checked to belong to the plan."""
    if kind == PlanComment.Kind.GENERAL:
        return {}
    if kind == PlanComment.Kind.PARAGRAPH:
        section = plan.sections.filter(pk=ref).first()
        if section is None or paragraph_index is None or not 0 <= paragraph_index < len(section.paragraphs):
            raise CommentError("Đoạn văn được góp ý không còn trong kế hoạch; hãy tải lại trang.")
        return {"section": section, "paragraph_index": paragraph_index, "quote": _quote(section.paragraphs[paragraph_index])}
    if kind == PlanComment.Kind.TARGET:
        target = plan.targets.filter(pk=ref).first()
        if target is None:
            raise CommentError("Chỉ tiêu được góp ý không còn trong kế hoạch; hãy tải lại trang.")
        return {"target": target, "quote": _quote(target.text)}
    if kind == PlanComment.Kind.ACTIVITY:
        activity = plan.activities.filter(pk=ref).first()
        if activity is None:
            raise CommentError("Dòng được góp ý không còn trong kế hoạch; hãy tải lại trang.")
        return {"activity": activity, "quote": _quote(activity.content)}
    raise CommentError("Hãy chọn phần của kế hoạch cần góp ý.")


def add_comment(author, plan, kind, text, ref=None, paragraph_index=None):
    if plan.status not in OPEN_FOR_COMMENTS:
        raise CommentError("Chỉ góp ý được kế hoạch đã gửi cấp trên và chưa ban hành.")
    if not (text or "").strip():
        raise CommentError("Hãy viết nội dung góp ý.")
    return PlanComment.objects.create(
        plan=plan, author=author, kind=kind, text=text.strip(), **_anchor(plan, kind, ref, paragraph_index),
    )


def set_resolved(comment, resolved):
    comment.resolved = resolved
    comment.save(update_fields=["resolved"])
    return comment


def comments_of(plan):
    """The plan's comments with their authors. Not their parts: a comment is placed by the parts'
    ids and shows its own quote, and joining the sections (their paragraphs), targets and rows
    cost the editor of a long plan more than the rest of its comment lookups."""
    return plan.comments.select_related("author")


def by_anchor(comments):
    """The comments keyed as the pages look them up: ("paragraph", section id, index),
    ("target", id), ("activity", id); general ones and those whose part is gone under "general"."""
    out = {}
    for comment in comments:
        if comment.anchor_lost or comment.kind == PlanComment.Kind.GENERAL:
            key = "general"
        elif comment.kind == PlanComment.Kind.PARAGRAPH:
            key = f"paragraph-{comment.section_id}-{comment.paragraph_index}"
        elif comment.kind == PlanComment.Kind.TARGET:
            key = f"target-{comment.target_id}"
        else:
            key = f"activity-{comment.activity_id}"
        out.setdefault(key, []).append(comment)
    return out


def _outline(sections, comments, parent_id=None, depth=0):
    out = []
    children = [s for s in sections if s.parent_id == parent_id]
    for n, section in enumerate(children, 1):
        out.append({
            "section": section, "number": heading_number(depth, n), "depth": depth,
            "paragraphs": [
                {"index": i, "text": text, "comments": comments.get(f"paragraph-{section.pk}-{i}", [])}
                for i, text in enumerate(section.paragraphs)
            ],
        })
        out.extend(_outline(sections, comments, section.pk, depth + 1))
    return out


def review_outline(plan):
    """The plan as the reviewer reads it, part by part, each with its comments (resolved ones too);
    a fixed number of queries whatever the plan's size."""
    comments = by_anchor(comments_of(plan))
    sections = list(plan.sections.order_by("part", "order", "pk"))
    rows = list(plan.activities.order_by("month_index", "order", "pk"))
    return {
        "general": comments.get("general", []),
        "body": _outline([s for s in sections if s.part == Section.Part.BODY], comments),
        "appendices": _outline([s for s in sections if s.part == Section.Part.APPENDIX], comments),
        "targets": [{"target": t, "comments": comments.get(f"target-{t.pk}", [])} for t in plan.targets.order_by("order", "pk")],
        "months": [
            {"label": month_label(plan, index), "rows": [
                {"row": row, "comments": comments.get(f"activity-{row.pk}", [])} for row in rows if row.month_index == index
            ]}
            for index in range(periods.MONTHS_IN_PERIOD)
            if any(row.month_index == index for row in rows)
        ],
    }
