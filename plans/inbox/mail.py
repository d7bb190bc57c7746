"""A message composed from its templates (Vietnamese, plain text and HTML, with its link), recorded
as a Delivery under its unique key, and sent by the worker: a failure is logged and tried again
later, a success recorded with its time, and one whose worker died while sending it is taken up
again by the worker's sweep (stuck), that try counted."""
import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from plans.inbox.models import DEFAULT_MODES, Delivery, Mode, NoticePreference

logger = logging.getLogger(__name__)
SUBJECT_PREFIX = "[Kế hoạch công đoàn] "


def absolute(viewname, *args):
    return settings.SITE_URL + reverse(viewname, args=args)


def modes(users, kind):
    """Each user's choice for `kind` (the kind's default where they made none), in one query."""
    chosen = dict(NoticePreference.objects.filter(user__in=users, kind=kind).values_list("user_id", "mode"))
    return {user.pk: chosen.get(user.pk, DEFAULT_MODES[kind]) for user in users}


def recipients(users):
    """Active accounts that have an address: nobody else can be written to."""
    return get_user_model().objects.filter(pk__in=users, is_active=True).exclude(email="").order_by("pk")


def compose(template, context):
    """(text, html) of `template` (.txt and .html under plans/inbox/mail/)."""
    return (render_to_string(f"plans/inbox/mail/{template}.txt", context),
            render_to_string(f"plans/inbox/mail/{template}.html", context))


def record(key, user, kind, mode, subject, template, context):
    """The message of an event for one user, once: None when `key` was recorded before (the event
    already told them) or the user chose never to hear of `kind`."""
    if mode == Mode.NEVER:
        return None
    context = {**context, "user": user, "subject": subject, "account_url": absolute("account")}
    text, html = compose(template, context)
    status = Delivery.Status.HELD if mode == Mode.DIGEST else Delivery.Status.PENDING
    try:
        with transaction.atomic():
            return Delivery.objects.create(
                key=key, user=user, kind=kind, address=user.email, subject=SUBJECT_PREFIX + subject, text=text, html=html,
                link=context.get("link", ""), status=status,
            )
    except IntegrityError:
        return None


def send(delivery_id):
    """Send one pending message; on failure the seconds to wait before the next try, or None."""
    claimed = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now(),
    )
    if not claimed:
        return None
    delivery = Delivery.objects.get(pk=delivery_id)
    message = EmailMultiAlternatives(delivery.subject, delivery.text, settings.DEFAULT_FROM_EMAIL, [delivery.address])
    message.attach_alternative(delivery.html, "text/html")
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001  any failure of the mail server is the same to the user: try later
        return _failed(delivery, exc)
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SENT, sent_at=timezone.now(), last_error="")
    return None


def _failed(delivery, exc):
    error = f"{type(exc).__name__}: {exc}"
    if delivery.attempts >= settings.NOTICE_ATTEMPTS:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, last_error=error)
        logger.error("Thư %s (%s) gửi %d lần không được, thôi: %s", delivery.pk, delivery.key, delivery.attempts, error)
        return None
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.PENDING, last_error=error)
    wait = settings.NOTICE_RETRY_SECONDS * 2 ** (delivery.attempts - 1)
    logger.warning("Thư %s (%s) gửi lần %d không được, thử lại sau %d giây: %s", delivery.pk, delivery.key,
                   delivery.attempts, wait, error)
    return wait


LOST = "Tiến trình gửi thư dừng giữa chừng (quá {seconds} giây): coi như một lần gửi không được."


def stuck():
    """Put back in the queue the messages left "sending" past TASK_TIMEOUT_SECONDS (their worker
    died mid-send), that try counted; those that have had all their tries fail. Returns the ids
    to send again."""
    seconds = settings.TASK_TIMEOUT_SECONDS
    cutoff = timezone.now() - datetime.timedelta(seconds=seconds)
    again = []
    for delivery in Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=cutoff):
        spent = delivery.attempts >= settings.NOTICE_ATTEMPTS
        moved = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING, claimed_at=delivery.claimed_at).update(
            status=Delivery.Status.FAILED if spent else Delivery.Status.PENDING, last_error=LOST.format(seconds=seconds),
        )
        if moved and spent:
            logger.error("Thư %s (%s): tiến trình gửi dừng ở lần thử %d, thôi.", delivery.pk, delivery.key, delivery.attempts)
        elif moved:
            logger.warning("Thư %s (%s): tiến trình gửi dừng ở lần thử %d, gửi lại.", delivery.pk, delivery.key, delivery.attempts)
            again.append(delivery.pk)
    return again
