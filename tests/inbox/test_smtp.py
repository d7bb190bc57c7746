"""The notices through a real SMTP server (aiosmtpd on 127.0.0.1) and the real worker process:
whom a submission reaches, a refused connection tried again without touching the step, and a
digest that goes once however often it runs.

The worker is a process of its own, so the rows must be committed: transactional tests."""
import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from plans.inbox import schedule
from plans.inbox.models import Delivery
from plans.inbox.tasks import deliver
from plans.models import AnnualPlan
from plans.months import services as months
from tests.factories import ActivityFactory
from tests.inbox import world as w
from tests.inbox.mailer import SMTPServer, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def _submit(world):
    plan = w.this_year_plan(world["school"])
    client = Client()
    client.force_login(world["chair"])
    response = client.post(reverse("plan_submit", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == AnnualPlan.Status.SUBMITTED
    return plan


def test_a_submission_reaches_each_staff_member_of_the_superior_federation_and_nobody_else(smtp_port):
    world = w.build()
    with SMTPServer(smtp_port) as box:
        plan = _submit(world)
        assert box.messages == []  # the request sent nothing: the worker does
        run_worker(smtp_port)
    assert box.to() == ["ldld.phuloc1@example.vn", "ldld.phuloc2@example.vn"]
    _, message = box.messages[0]
    assert message["Subject"].strip() == f"[Kế hoạch công đoàn] Công đoàn Trường Tiểu học Vinh Hưng gửi kế hoạch năm {plan.year} chờ duyệt"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    link = f"https://khcd.example.vn/plans/{plan.pk}/trang-thai/"
    assert link in text and f'href="{link}"' in html
    assert "Kính gửi ldld.phuloc" in text and "chutich.vinhhung" not in text + html  # no one else's details
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 2


def test_a_refused_connection_is_tried_again_and_the_step_stands(smtp_port):
    world = w.build()
    plan = _submit(world)  # nothing listens on the port: the step succeeds all the same
    output = run_worker(smtp_port, NOTICE_RETRY_SECONDS="3600")
    assert "ConnectionRefusedError" in output
    deliveries = Delivery.objects.order_by("pk")
    assert [(d.status, d.attempts) for d in deliveries] == [(Delivery.Status.PENDING, 1)] * 2
    assert all("ConnectionRefusedError" in d.last_error for d in deliveries)
    waiting = DBTaskResult.objects.filter(task_path="plans.inbox.tasks.deliver", status="READY")
    assert waiting.count() == 2 and all(r.run_after > timezone.now() + datetime.timedelta(minutes=50) for r in waiting)

    waiting.update(run_after=timezone.now())  # an hour later
    with SMTPServer(smtp_port) as box:
        run_worker(smtp_port)
    assert box.to() == ["ldld.phuloc1@example.vn", "ldld.phuloc2@example.vn"]
    assert [(d.status, d.attempts) for d in Delivery.objects.order_by("pk")] == [(Delivery.Status.SENT, 2)] * 2
    plan.refresh_from_db()
    assert plan.status == AnnualPlan.Status.SUBMITTED


def test_the_weekly_digest_run_twice_sends_once(smtp_port, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_port
    world = w.build()
    plan = w.issued(world["school"])
    row = ActivityFactory(plan=plan, month_index=max(months.current_index(plan) - 1, 0), content="Thăm hỏi đoàn viên ốm đau")
    row.responsible.add(world["member"])
    now = timezone.now()
    if schedule.week_label(now)[1]:  # Monday before 7:00 in Vietnam: the week's digest is not due yet
        now += datetime.timedelta(hours=8)
    with SMTPServer(smtp_port) as box:
        for _ in range(2):
            for delivery in schedule.weekly_digest(now):
                deliver.call(delivery.pk)
    assert box.to() == ["bch.vinhhung@example.vn"]
    text = box.messages[0][1].get_body(("plain",)).get_content()
    assert "Thăm hỏi đoàn viên ốm đau" in text and "Công đoàn Trường Tiểu học Vinh Hưng" in text
