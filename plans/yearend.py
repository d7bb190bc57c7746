"""The year-end report (báo cáo tổng kết, ký hiệu BC), drafted from the year's own facts.

The report is a document of the plan's own model (AnnualPlan with doc_type BC and source_plan, the
plan it reports on), so the one editor, workflow, renderer, Word export and rules serve it. Its body
is text the chair edits: I. the situation (the members' figures at year end beside those at the
start), II. the results (each target with its aim, result and outcome, printed as a table from the
report's own targets; the rows done, not done with their reasons, and unplanned), III. what fell
short and why, IV. the direction for next year. It has no month table of its own.
"""
import datetime

from django.db import transaction
from django.db.models import Count, Q

from members.models import Member
from members.registry.stats import COUNTED_STATUSES
from plans import numbering, periods
from plans.editor.drafting import import_recorded
from plans.models import AnnualPlan, MonthlyActivity
from plans.months import targets_review
from plans.planformat import export_plan

DONE = MonthlyActivity.Status.DONE
# The report's parts, in print order; IV.'s paragraphs are the direction next year's plan offers.
SITUATION = "ĐẶC ĐIỂM TÌNH HÌNH"
RESULTS = "KẾT QUẢ THỰC HIỆN NHIỆM VỤ"
SHORTFALLS = "NHỮNG TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"
DIRECTION = "PHƯƠNG HƯỚNG, NHIỆM VỤ"
TARGETS_PART = "Kết quả thực hiện các chỉ tiêu"
DONE_PART = "Những việc đã hoàn thành"
NOT_DONE_PART = "Những việc chưa hoàn thành và lý do"
UNPLANNED_PART = "Những việc phát sinh ngoài kế hoạch"
# Printed where the year left nothing to say, so the chair sees the part and writes it.
NOTHING = "- Không có."
TO_WRITE = "(Ban Chấp hành bổ sung.)"
SOURCE_STATUSES = (AnnualPlan.Status.APPROVED, AnnualPlan.Status.ISSUED)


def report_of(plan):
    """The plan's year-end report, if one was drafted (whatever its status): the latest, which is a
    correction (điều chỉnh, bổ sung) of the first when there is one."""
    return plan.yearend_reports.order_by("-pk").first()


def period_end(plan):
    """The last day of the plan's period."""
    return periods.month_at(plan.period_kind, plan.year + 1, 0) - datetime.timedelta(days=1)


def members_on(unit, day):
    """The unit's members on `day` as the registry tells it: joined by then (or undated) and not yet
    gone (a member who left, retired or transferred counts until the day of it); women and party
    members among them. One query."""
    present = Q(union_joined__isnull=True) | Q(union_joined__lte=day)
    present &= Q(status__in=COUNTED_STATUSES) | Q(status_date__gt=day)
    women = Q(gender=Member.Gender.FEMALE)
    party = Q(party_member=True) & (Q(party_joined__isnull=True) | Q(party_joined__lte=day))
    return unit.members.filter(present).aggregate(
        total=Count("pk"), women=Count("pk", filter=women), party=Count("pk", filter=party),
        party_women=Count("pk", filter=party & women),
    )


def situation_lines(plan, today=None):
    """'- Tổng số đoàn viên: 40/30 nữ (đầu năm học: 38/28 nữ)', and the party members alike."""
    start = periods.first_month(plan.period_kind, plan.year)
    end = min(period_end(plan), today or datetime.date.today())
    now, then = members_on(plan.unit, end), members_on(plan.unit, start)
    at_start = "đầu năm học" if plan.period_kind == periods.SCHOOL_YEAR else "đầu năm"
    return [
        f"- Tổng số đoàn viên đến ngày {end:%d/%m/%Y}: {now['total']}/{now['women']} nữ "
        f"({at_start}: {then['total']}/{then['women']} nữ).",
        f"- Đảng viên: {now['party']}/{now['party_women']} nữ ({at_start}: {then['party']}/{then['party_women']} nữ).",
    ]


def _month(plan, row):
    month = plan.month_at(row.month_index)
    return f"Tháng {month.month}/{month.year}"


def _done(plan, row):
    return f"- {_month(plan, row)}: {row.content}" + (f" Kết quả: {row.result}" if row.result else "")


def _not_done(plan, row):
    reason = row.result or "chưa ghi lý do"
    return f"- {_month(plan, row)}: {row.content} ({row.get_status_display().lower()}; lý do: {reason})"


def _target_shortfall(number, target):
    """Named by its number in the table above, not by its text again: the table says what it is."""
    kind, value, result = targets_review.plain(target)
    reached = targets_review.result_of(kind, result) or "chưa có kết quả"
    return f"- Chỉ tiêu thứ {number} chưa đạt: mức phấn đấu {targets_review.aim_of(kind, value)}, kết quả {reached}."


def _section(title, paragraphs=(), sections=(), kind="text"):
    return {"kind": kind, "title": title, "paragraphs": list(paragraphs), "sections": list(sections)}


def body(plan, today=None):
    """The report's sections, from the plan's targets and rows as they stand."""
    rows = list(plan.activities.order_by("month_index", "order", "pk"))
    planned = [r for r in rows if not r.unplanned]
    done = [r for r in planned if r.status == DONE]
    not_done = [r for r in planned if r.status != DONE]
    targets = enumerate(plan.targets.order_by("order", "pk"), 1)
    unmet = [(n, t) for n, t in targets if targets_review.outcome(t) != targets_review.MET]
    shortfalls = [_target_shortfall(n, t) for n, t in unmet] + [_not_done(plan, r) for r in not_done]
    direction = [f"- Tiếp tục phấn đấu đạt các chỉ tiêu chưa đạt (chỉ tiêu thứ {', '.join(str(n) for n, _ in unmet)})."] if unmet else []
    direction += [f"- Thực hiện: {r.content}" for r in not_done]
    next_label = periods.label(plan.period_kind, plan.year + 1)
    return [
        _section(SITUATION, situation_lines(plan, today) + [TO_WRITE]),
        _section(RESULTS, sections=[
            _section(TARGETS_PART, kind="targets"),
            _section(DONE_PART, [_done(plan, r) for r in done] or [NOTHING]),
            _section(NOT_DONE_PART, [_not_done(plan, r) for r in not_done] or [NOTHING]),
            _section(UNPLANNED_PART, [_done(plan, r) for r in rows if r.unplanned] or [NOTHING]),
        ]),
        _section(SHORTFALLS, shortfalls or [TO_WRITE]),
        _section(f"{DIRECTION} {next_label.upper()}", direction or [TO_WRITE]),
    ]


def title_for(plan):
    """'Tổng kết hoạt động công đoàn năm học 2024-2025 và phương hướng năm học 2025-2026': the trích
    yếu under BÁO CÁO, which names the document's kind itself."""
    return (f"Tổng kết hoạt động công đoàn {periods.label(plan.period_kind, plan.year)} "
            f"và phương hướng {periods.label(plan.period_kind, plan.year + 1)}")


def drafted_data(plan, today=None):
    """The report as format data: the plan's header, signers and recipients, the drafted body,
    and the plan's targets with their results."""
    source = export_plan(plan)
    reference = f" số {plan.reference}" if plan.number else ""
    label = periods.label(plan.period_kind, plan.year)
    return {
        **source,
        "doc_type": numbering.REPORT_TYPE,
        "number": None, "date": None,
        "title": title_for(plan),
        "bases": [],
        "preamble": [f"Thực hiện Kế hoạch{reference} về hoạt động công đoàn {label}, Ban Chấp hành "
                     f"{plan.unit.name} báo cáo kết quả thực hiện như sau:"],
        "sections": body(plan, today),
        "months": [],
        "month_columns": ["content"],
        "appendices": [],
        "closing": [f"Trên đây là báo cáo tổng kết hoạt động công đoàn {label} của {plan.unit.name}./."],
    }


def can_draft(plan):
    return plan.doc_type == AnnualPlan.DocType.PLAN and plan.status in SOURCE_STATUSES


@transaction.atomic
def draft_yearend_report(actor, plan, today=None):
    """The plan's year-end report: drafted now, or the one already drafted (a second click, a second
    tab), so a plan has one. The plan's row is locked while it is decided, so two at once make one.
    Returns (report, whether it was made now)."""
    AnnualPlan.objects.select_for_update().filter(pk=plan.pk).first()
    existing = report_of(plan)
    if existing is not None:
        return existing, False
    if not can_draft(plan):
        raise ValueError("Chỉ lập báo cáo tổng kết cho kế hoạch đã duyệt hoặc đã ban hành.")
    report = import_recorded(actor, drafted_data(plan, today), plan.unit)
    report.source_plan = plan
    report.save(update_fields=["source_plan"])
    return report, True
