"""Who is told of each step, and how each chose to be told: in the worker's own functions, the
messages caught by Django's test mailbox."""
import datetime

import pytest
from django.core import mail as outbox
from django_tasks_db.models import DBTaskResult

from plans.inbox import schedule, tasks
from plans.inbox.models import Delivery, NoticePreference, PlanDeadline
from plans.models import AnnualPlan
from plans.months import services as months
from plans.workflow import services as workflow
from tests.inbox import world as w

pytestmark = pytest.mark.django_db


def _step(capture, function, *args):
    """Take a step as a view does, and run the job its commit queued, as the worker would."""
    with capture(execute=True):
        function(*args)
    for queued in DBTaskResult.objects.filter(task_path="plans.inbox.tasks.step_taken", status="READY"):
        tasks.step_taken.call(*queued.args_kwargs["args"])
        queued.delete()


def _to():
    return sorted(address for message in outbox.outbox for address in message.to)


def test_chairs_hear_of_return_approval_and_issue_and_a_choice_of_never_is_kept(django_capture_on_commit_callbacks):
    world = w.build()
    vice = w.person(world["school"], "chair", "phochutich.vinhhung")
    NoticePreference.objects.create(user=vice, kind="decided", mode="never")
    plan = w.this_year_plan(world["school"])
    _step(django_capture_on_commit_callbacks, workflow.submit, world["chair"], plan)
    outbox.outbox.clear()
    _step(django_capture_on_commit_callbacks, workflow.return_for_revision, world["staff1"], plan, "Sửa phần chỉ tiêu.")
    assert _to() == ["chutich.vinhhung@example.vn"]
    assert "trả lại" in outbox.outbox[0].subject and "Số góp ý chưa xử lý: 0" in outbox.outbox[0].body
    assert "Sửa phần chỉ tiêu" not in outbox.outbox[0].body
    _step(django_capture_on_commit_callbacks, workflow.submit, world["chair"], plan)
    _step(django_capture_on_commit_callbacks, workflow.approve, world["staff2"], plan)
    assert "chờ ban hành" in outbox.outbox[-1].subject
    outbox.outbox.clear()
    _step(django_capture_on_commit_callbacks, workflow.issue, world["chair"], plan)
    assert outbox.outbox == []  # the chair who issued it needs no letter; the vice chair said never


def test_a_refused_step_tells_nobody(django_capture_on_commit_callbacks):
    world = w.build()
    plan = w.this_year_plan(world["school"], status=AnnualPlan.Status.ISSUED)
    with pytest.raises(workflow.WorkflowError):
        _step(django_capture_on_commit_callbacks, workflow.submit, world["chair"], plan)
    assert not DBTaskResult.objects.exists() and outbox.outbox == []


def test_a_digest_choice_holds_the_notice_for_the_weekly_letter(django_capture_on_commit_callbacks):
    world = w.build()
    NoticePreference.objects.create(user=world["staff1"], kind="submitted", mode="digest")
    _step(django_capture_on_commit_callbacks, workflow.submit, world["chair"], w.this_year_plan(world["school"]))
    assert _to() == ["ldld.phuloc2@example.vn"]
    assert Delivery.objects.get(user=world["staff1"]).status == Delivery.Status.HELD
    outbox.outbox.clear()
    for delivery in schedule.weekly_digest(datetime.datetime(2026, 12, 2, 3, tzinfo=datetime.UTC)):
        tasks.deliver.call(delivery.pk)
    assert _to() == ["ldld.phuloc1@example.vn"]
    assert "gửi kế hoạch" in outbox.outbox[0].body and "Thư tổng hợp tuần 2026-W49" in outbox.outbox[0].subject
    assert Delivery.objects.get(user=world["staff1"], kind="submitted").status == Delivery.Status.DIGESTED


def test_a_missed_deadline_reminds_the_units_chair_once():
    world = w.build()
    today = months.today()
    PlanDeadline.objects.create(federation=world["district"], period_kind="calendar_year", year=today.year,
                                due=today - datetime.timedelta(days=3))
    workflow.submit(world["chair"], w.this_year_plan(world["school"]))
    for _ in range(2):
        for delivery in schedule.deadline_reminders(today):
            tasks.deliver.call(delivery.pk)
    assert _to() == ["chutich.chanmay@example.vn"]
    assert "Công đoàn Công ty May Chân Mây chưa gửi kế hoạch năm" in outbox.outbox[0].subject
