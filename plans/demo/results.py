"""The year-end results the demo gives an issued plan, so its year-end report has something to say:
most targets met, one in four missed a little; when the BCH kept no row of the year, most rows done
and one in five left undone with a reason. Fixed by position, so every load gives the same demo."""
from plans.models import MonthlyActivity, Target

DONE_RESULT = "Đã tổ chức thực hiện, đạt yêu cầu đề ra."
NOT_DONE_REASON = "Trùng lịch công tác chuyên môn, chưa bố trí được thời gian; chuyển sang năm sau."


def _result(target, missed):
    if target.measure == Target.Measure.QUALITATIVE:
        target.result_met = not missed
    elif missed:
        target.result_value = max(target.value - (5 if target.measure == Target.Measure.PERCENT else 1), 0)
    else:
        target.result_value = target.value if target.measure == Target.Measure.PERCENT else target.value + 1


def fill_results(plan):
    targets = list(plan.targets.order_by("order", "pk"))
    for i, target in enumerate(targets):
        _result(target, missed=i % 4 == 3)
    Target.objects.bulk_update(targets, ["result_value", "result_met"])
    rows = list(plan.activities.order_by("month_index", "order", "pk"))
    if any(row.status != MonthlyActivity.Status.PLANNED for row in rows):
        return  # the demo's own follow-up of the year, kept as written
    for i, row in enumerate(rows):
        missed = i % 5 == 4
        row.status = MonthlyActivity.Status.PLANNED if missed else MonthlyActivity.Status.DONE
        row.result = NOT_DONE_REASON if missed else DONE_RESULT
    MonthlyActivity.objects.bulk_update(rows, ["status", "result"])
