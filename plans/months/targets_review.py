"""The year-end review of targets (chỉ tiêu): each target's result against what it aimed at, and
whether it was met, so the BCH sees met and missed at a glance before the superior rates them."""
from django.db import transaction

from plans.models import Target
from unionplans.audit.models import AuditEntry, record, snapshot

MET, MISSED, PENDING = "met", "missed", "pending"
LABELS = {MET: "Đạt", MISSED: "Chưa đạt", PENDING: "Chưa có kết quả"}


def outcome_of(kind, value, result):
    """Met when the result reaches the aim (a share or a count, `kind` "percent" or "count"), or
    when a qualitative target (`kind` None) is marked achieved; pending while no result is recorded.
    On plain values, so the printer judges the format data just as the pages judge the rows."""
    if kind is None:
        return PENDING if result is None else (MET if result else MISSED)
    if result is None:
        return PENDING
    return MET if result >= value else MISSED


def aim_of(kind, value):
    return {"percent": f"{value}%", "count": str(value)}.get(kind, "Đạt")


def result_of(kind, result):
    """The result as printed: '95%', '3', or for a qualitative target its outcome's label."""
    if result is None:
        return ""
    if kind is None:
        return LABELS[MET if result else MISSED]
    return f"{result}%" if kind == "percent" else str(result)


def plain(target):
    if target.measure == Target.Measure.QUALITATIVE:
        return None, None, target.result_met
    return target.measure, target.value, target.result_value


def outcome(target):
    return outcome_of(*plain(target))


def aim(target):
    kind, value, _ = plain(target)
    return aim_of(kind, value)


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
