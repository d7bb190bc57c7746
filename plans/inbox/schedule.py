"""What runs on a schedule rather than on a step: the weekly digest (each BCH member's rows due or
overdue, and the messages held for it) and the reminders of a plan deadline a unit let pass. Both
may run as often as one likes: each message's key (the week and user, the deadline, unit and user)
lets it go out once."""
import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from members.models import Role
from plans.inbox import mail, services
from plans.inbox.models import Delivery, Kind, Mode, PlanDeadline
from plans.months import services as months

# The week's digest goes from Monday 7:00 (Vietnam time); a worker started later in the week sends
# it then.
DIGEST_FROM = datetime.time(7)
DIGEST_ROWS = 50


def week_label(now):
    local = now.astimezone(months.VIETNAM)
    year, week, _day = local.isocalendar()
    return f"{year}-W{week:02d}", local.weekday() == 0 and local.time() < DIGEST_FROM


def weekly_digest(now=None):
    """One message a week to each user with something in it; returns the deliveries to send."""
    label, too_early = week_label(now or timezone.now())
    if too_early:
        return []
    users = mail.recipients(get_user_model().objects.filter(
        Q(roles__kind__in=[Role.Kind.CHAIR, Role.Kind.EXECUTIVE]) | Q(deliveries__status=Delivery.Status.HELD),
    ).values("pk"))
    made = []
    for user in users:
        key = f"digest:{label}:{user.pk}"
        if Delivery.objects.filter(key=key).exists():
            continue
        rows_mode = mail.modes([user], Kind.ROWS)[user.pk]
        rows = list(services.assigned_rows(user)[:DIGEST_ROWS]) if rows_mode != Mode.NEVER else []
        for row in rows:
            row.month_label = months.month_label(row.plan, row.month_index)
            row.overdue = row.month_index < row.now
        held = list(user.deliveries.filter(status=Delivery.Status.HELD).order_by("created", "pk"))
        if not rows and not held:
            continue
        delivery = mail.record(key, user, Kind.ROWS, Mode.IMMEDIATE, f"Thư tổng hợp tuần {label}", "digest",
                               {"rows": rows, "held": held, "link": mail.absolute("home")})
        if delivery is not None:
            Delivery.objects.filter(pk__in=[h.pk for h in held]).update(status=Delivery.Status.DIGESTED)
            made.append(delivery)
    return made


def deadline_reminders(today=None):
    """To the chairs of each unit that has sent no plan by a deadline of its federation, in a
    period still running: once per deadline and unit."""
    today = today or months.today()
    made = []
    for deadline in PlanDeadline.objects.filter(due__lt=today, year__gte=today.year - 1).select_related("federation"):
        if deadline.period_end <= today:
            continue
        chairs = Role.objects.filter(kind=Role.Kind.CHAIR, unit__in=services.late_units_of(deadline)).select_related("unit")
        users = {u.pk: u for u in mail.recipients(chairs.values("user_id"))}
        chosen = mail.modes(list(users.values()), Kind.DEADLINE)
        for role in chairs:
            user = users.get(role.user_id)
            if user is None:
                continue
            subject = f"{role.unit.name} chưa gửi kế hoạch {deadline.period_label}"
            lines = [f"{deadline.federation.name} đặt hạn gửi kế hoạch {deadline.period_label} là ngày {deadline.due:%d/%m/%Y}.",
                     f"Đến nay {role.unit.name} chưa gửi kế hoạch lên cấp trên."]
            made.append(mail.record(f"deadline:{deadline.pk}:{role.unit_id}:{user.pk}", user, Kind.DEADLINE, chosen[user.pk],
                                    subject, "notice", {"lines": lines, "link": mail.absolute("home")}))
    return [d for d in made if d is not None and d.status == Delivery.Status.PENDING]


def run(now=None):
    """Both checks; the deliveries to send now."""
    now = now or timezone.now()
    return deadline_reminders(now.astimezone(months.VIETNAM).date()) + weekly_digest(now)
