"""The worker's sweep (plans.recovery) without a worker: job rows left RUNNING by a dead worker are
queued again or, their tries spent, fail their plan with a reason and end the batch; a job run twice
counts its plan once; stuck messages are sent again; old finished job rows are pruned, the rest
kept. The whole path through a killed worker process is tests/test_worker_killed.py."""
import datetime
import uuid

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from members.models import Role
from plans import recovery
from plans.documents import batch
from plans.documents.batch import BatchItem, BatchPrint
from plans.documents.batch_tasks import render_item
from plans.inbox.models import Delivery, Kind
from tests.factories import FederationFactory, PlanFactory, RoleFactory, SectionFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    settings.BATCH_ITEM_TIMEOUT_SECONDS, settings.BATCH_ITEM_ATTEMPTS = 60, 2
    federation = FederationFactory()
    staff = RoleFactory(unit=federation, kind=Role.Kind.STAFF).user

    def start(*names):
        plans = []
        for name in names:
            plan = PlanFactory(unit=UnitFactory(superior=federation, name=name))
            SectionFactory(plan=plan, paragraphs=["Đoàn viên tham gia đầy đủ."])
            plans.append(plan)
        return batch.start(staff, batch.plans_to_print(staff, [p.pk for p in plans]), BatchPrint.Kind.ZIP)
    return start


def _job(item, **changes):
    return DBTaskResult.objects.filter(task_path=recovery.RENDER_ITEM, args_kwargs__args=[item.pk]).get()


def _lost(item, tries, minutes_ago=5):
    """The item's job as a worker that died `tries` times left it."""
    row = _job(item)
    row.status, row.started_at = "RUNNING", timezone.now() - datetime.timedelta(minutes=minutes_ago)
    row.worker_ids = [f"máy-{n}" for n in range(tries)]
    row.save()
    return row


def test_a_plan_lost_before_its_last_try_is_queued_again_and_then_printed(started):
    job = started("Công đoàn Trường A", "Công đoàn Trường B")
    first, second = job.items.all()
    render_item.call(first.pk)
    row = _lost(second, tries=1)
    recent = _lost(first, tries=1, minutes_ago=0)  # a slow but live worker: left alone

    assert recovery.run() == (1, 0)
    row.refresh_from_db()
    recent.refresh_from_db()
    assert (row.status, recent.status) == ("READY", "RUNNING")
    render_item.call(second.pk)  # the next worker to take it
    job.refresh_from_db()
    assert (job.status, job.done, job.failures) == (BatchPrint.Status.DONE, 2, [])


def test_a_plan_whose_worker_died_at_each_try_fails_with_its_reason_and_the_batch_ends(started, tmp_path):
    job = started("Công đoàn Trường A", "Công đoàn Trường B")
    first, second = job.items.order_by("order")
    render_item.call(first.pk)
    row = _lost(second, tries=2)
    (tmp_path / "batch" / "parts" / f"{job.pk}-2.pdf").write_bytes(b"%PDF half written by the dead worker")

    assert recovery.run() == (0, 0)
    row.refresh_from_db()
    assert (row.status, row.exception_class_path) == ("FAILED", "plans.recovery.WorkerLost")
    job.refresh_from_db()
    assert (job.status, job.done) == (BatchPrint.Status.DONE, 2)
    assert job.failures == [{"unit": "Công đoàn Trường B", "reason": (
        "Máy in nền dừng giữa chừng 2 lần khi đang in kế hoạch này (hoặc in quá 60 giây mỗi lần). "
        "Hãy thử in riêng kế hoạch này, hoặc báo quản trị viên.")}]
    assert job.result and list((tmp_path / "batch" / "parts").iterdir()) == []


def test_a_batch_whose_only_plan_is_lost_ends_failed(started):
    job = started("Công đoàn Trường A")
    _lost(job.items.get(), tries=2)
    recovery.run()
    job.refresh_from_db()
    assert job.status == BatchPrint.Status.FAILED and not job.result
    assert "dừng giữa chừng 2 lần" in job.failures[0]["reason"]


def test_a_plan_printed_twice_counts_once(started, tmp_path):
    """A job taken for dead but only slow runs beside its second run: the plan is counted once."""
    job = started("Công đoàn Trường A", "Công đoàn Trường B")
    first, second = job.items.order_by("order")
    render_item.call(first.pk)
    render_item.call(first.pk)
    job.refresh_from_db()
    assert (job.status, job.done) == (BatchPrint.Status.RUNNING, 1)
    render_item.call(second.pk)
    job.refresh_from_db()
    assert (job.status, job.done, job.failures) == (BatchPrint.Status.DONE, 2, [])
    assert BatchItem.objects.filter(status=BatchItem.Status.DONE).count() == 2
    assert list((tmp_path / "batch" / "parts").iterdir()) == []


def test_an_assembly_whose_worker_died_is_run_again(started):
    job = started("Công đoàn Trường A")
    item = job.items.get()
    assert batch.record_item(item.pk, job.pk, status=BatchItem.Status.FAILED, reason="Hỏng") == (True, True)
    render_item.call(item.pk)  # the sweep ran the last plan's job again
    job.refresh_from_db()
    assert job.status == BatchPrint.Status.FAILED and job.failures == [{"unit": "Công đoàn Trường A", "reason": "Hỏng"}]


def _delivery(user, key, status, attempts, claimed_minutes_ago):
    return Delivery.objects.create(
        key=key, user=user, kind=Kind.SUBMITTED, address="a@example.vn", subject="Thư", text="x", html="x",
        status=status, attempts=attempts, claimed_at=timezone.now() - datetime.timedelta(minutes=claimed_minutes_ago),
    )


def test_messages_left_sending_are_queued_again_until_their_tries_are_spent(settings):
    settings.TASK_TIMEOUT_SECONDS, settings.NOTICE_ATTEMPTS = 120, 3
    user = RoleFactory(kind=Role.Kind.CHAIR).user
    again = _delivery(user, "a", Delivery.Status.SENDING, 1, 5)
    spent = _delivery(user, "b", Delivery.Status.SENDING, 3, 5)
    live = _delivery(user, "c", Delivery.Status.SENDING, 1, 0)
    Delivery.objects.filter(pk__in=[again.pk, spent.pk, live.pk]).update(created=timezone.now() - datetime.timedelta(hours=1))

    assert recovery.run() == (0, 1)
    statuses = dict(Delivery.objects.values_list("key", "status"))
    assert statuses == {"a": Delivery.Status.PENDING, "b": Delivery.Status.FAILED, "c": Delivery.Status.SENDING}
    assert "Tiến trình gửi thư dừng giữa chừng (quá 120 giây)" in Delivery.objects.get(key="b").last_error
    queued = DBTaskResult.objects.get(task_path=recovery.DELIVER)
    assert (queued.status, queued.args_kwargs["args"]) == ("READY", [again.pk])
    assert recovery.run() == (0, 0)  # its job is queued: not twice


def test_finished_job_rows_older_than_the_setting_are_pruned_and_the_others_kept(settings):
    settings.TASK_RESULTS_KEEP_DAYS = 14
    now = timezone.now()
    ages = {"old done": ("SUCCESSFUL", 20), "old failed": ("FAILED", 15), "recent done": ("SUCCESSFUL", 2),
            "old running": ("RUNNING", 30), "old waiting": ("READY", 30)}
    for name, (status, days) in ages.items():
        at = now - datetime.timedelta(days=days)
        finished = at if status in ("SUCCESSFUL", "FAILED") else None
        DBTaskResult.objects.create(
            id=uuid.uuid4(), status=status, args_kwargs={"args": [name], "kwargs": {}}, task_path=recovery.DELIVER,
            backend_name="default", run_after=at, started_at=at if status != "READY" else None, finished_at=finished,
            worker_ids=["máy-1"] * 9,  # tried enough: a lost one is failed, not queued again
        )
    DBTaskResult.objects.update(enqueued_at=now - datetime.timedelta(days=30))
    recovery.prune()
    kept = sorted(row.args_kwargs["args"][0] for row in DBTaskResult.objects.all())
    assert kept == ["old running", "old waiting", "recent done"]
