"""Who hears of a step of the plan's path, and what they read: the unit's federation when it sends
a plan or a report up, its chairs when a plan comes back, is approved or is issued. The workflow
calls `after_commit` inside its transaction; the worker does the rest, never the request."""
import functools
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from members.models import Role
from plans.inbox import mail
from plans.inbox.models import Kind
from plans.models import AnnualPlan
from plans.months.reports import MonthlyReport
from unionplans.audit.models import AuditEntry

logger = logging.getLogger(__name__)
Action = AuditEntry.Action


def after_commit(document, action):
    """Queue the notices of `action` on `document` once the step is committed: a rolled back step
    tells nobody, and a queue that cannot be written to is logged without undoing the step."""
    transaction.on_commit(functools.partial(_enqueue, document._meta.label_lower, document.pk, action), robust=True)


def _enqueue(label, pk, action):
    from plans.inbox import tasks

    tasks.step_taken.enqueue(label, pk, action)


def _users_with_role(unit_id, kind):
    return Role.objects.filter(unit_id=unit_id, kind=kind).values("user_id")


def _plan_event(plan, action):
    title = f"kế hoạch {plan.period_label}"
    link = mail.absolute("plan_status", plan.pk)
    if action == Action.SUBMIT:
        return [(Kind.SUBMITTED, plan.unit.superior_id, Role.Kind.STAFF, f"{plan.unit.name} gửi {title} chờ duyệt",
                 [f"{plan.unit.name} đã gửi “{plan.title}” ({plan.period_label}) lên cấp trên.",
                  "Kế hoạch đang chờ anh/chị xem xét: duyệt, hoặc góp ý và trả lại để đơn vị sửa."], link)]
    if action == Action.RETURN:
        open_comments = plan.comments.filter(resolved=False).count()
        return [(Kind.DECIDED, plan.unit_id, Role.Kind.CHAIR, f"Cấp trên trả lại {title} để sửa",
                 [f"Cấp trên đã trả lại “{plan.title}” để đơn vị sửa.",
                  f"Số góp ý chưa xử lý: {open_comments}. Những điểm cần sửa ghi ở trang trạng thái của kế hoạch."], link)]
    if action == Action.APPROVE:
        return [(Kind.DECIDED, plan.unit_id, Role.Kind.CHAIR, f"Cấp trên đã duyệt {title}: chờ ban hành",
                 [f"Cấp trên đã duyệt “{plan.title}”.", "Kế hoạch chờ ban hành: cấp số, ngày và ký."], link)]
    if action == Action.ISSUE:
        return [(Kind.DECIDED, plan.unit_id, Role.Kind.CHAIR, f"Đã ban hành {title}, số {plan.number:02d}",
                 [f"“{plan.title}” đã được ban hành: số {plan.number:02d}/KH-{plan.issuer.get('abbreviation', '')}, "
                  f"ngày {plan.date:%d/%m/%Y}."], link)]
    return []


def _report_event(report, action):
    if action != Action.ISSUE:
        return []
    month = f"tháng {report.month.month}/{report.month.year}"
    link = mail.absolute("report_detail", report.pk)
    return [
        (Kind.SUBMITTED, report.unit.superior_id, Role.Kind.STAFF, f"{report.unit.name} gửi báo cáo {month}",
         [f"{report.unit.name} đã ban hành và gửi lên “{report.title}”."], link),
        (Kind.DECIDED, report.unit_id, Role.Kind.CHAIR, f"Đã ban hành báo cáo {month}, số {report.number:02d}",
         [f"“{report.title}” đã được ban hành: số {report.number:02d}/BC-{report.issuer.get('abbreviation', '')}."], link),
    ]


EVENTS = {AnnualPlan: _plan_event, MonthlyReport: _report_event}


def step_taken(label, pk, action):
    """Record (and send now, or hold for the digest) the messages of one step; run twice, it adds
    nothing, for each message's key is the step's audit entry and the recipient. Returns the
    deliveries to send now."""
    model = ContentType.objects.get_by_natural_key(*label.split(".")).model_class()
    document = model.objects.select_related("unit").filter(pk=pk).first()
    entry = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=str(pk),
                                      action=action).order_by("-at", "-pk").first()
    if document is None or entry is None:
        logger.warning("Không còn %s %s hoặc bước %s của nó: không gửi thư.", label, pk, action)
        return []
    made = []
    for kind, unit_id, role, subject, lines, link in EVENTS[model](document, action):
        users = [u for u in mail.recipients(_users_with_role(unit_id, role)) if u.pk != entry.actor_id]
        chosen = mail.modes(users, kind)
        for user in users:
            delivery = mail.record(f"step:{entry.pk}:{kind}:{user.pk}", user, kind, chosen[user.pk], subject, "notice",
                                   {"lines": lines, "link": link})
            made.append(delivery)
    return [d for d in made if d is not None and d.status == d.Status.PENDING]
