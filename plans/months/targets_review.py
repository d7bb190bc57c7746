"""The year-end review of targets (chỉ tiêu): each target's result against what it aimed at, and
whether it was met, so the BCH sees met and missed at a glance before the superior rates them."""
from django.db import transaction

from plans.models import Target
from unionplans.audit.models import AuditEntry, record, snapshot

MET, MISSED, PENDING = "met", "missed", "pending"
LABELS = {MET: "Đạt", MISSED: "Chưa đạt", PENDING: "Chưa có kết quả"}


def outcome(target):
    """Met when the result reaches the aim (a share or a count), or when a qualitative target is
    marked achieved; pending while no result is recorded."""
    if target.measure == Target.Measure.QUALITATIVE:
        return PENDING if target.result_met is None else (MET if target.result_met else MISSED)
    if target.result_value is None:
        return PENDING
    return MET if target.result_value >= target.value else MISSED


def aim(target):
    if target.measure == Target.Measure.PERCENT:
        return f"{target.value}%"
    if target.measure == Target.Measure.COUNT:
        return str(target.value)
    return "Đạt"


def review(plan):
    """[(target, outcome)] in order and the count of each outcome."""
    rows = [(t, outcome(t)) for t in plan.targets.order_by("order", "pk")]
    counts = {key: sum(1 for _, o in rows if o == key) for key in LABELS}
    return rows, counts


@transaction.atomic
def record_result(actor, target, value):
    """Store one target's result (a number, or True/False for a qualitative one) and audit it."""
    before = snapshot(target)
    if target.measure == Target.Measure.QUALITATIVE:
        target.result_met = value
    else:
        target.result_value = value
    after = snapshot(target)
    if before != after:
        target.save(update_fields=["result_met", "result_value"])
        record(actor, target, AuditEntry.Action.UPDATE, before, after)
    return target
