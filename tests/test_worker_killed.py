"""Workers killed with SIGKILL mid-job, through the real `manage.py run_workers` on the test
database: a batch killed mid-plan ends once a worker runs again (by the sweep's time-out), or at
once when run_workers itself sees its worker die; a message whose worker died mid-send goes once.
Time-outs are seconds here (environment of the worker), so each test takes a few seconds.

The worker is a process of its own, so the rows must be committed: transactional tests."""
import datetime
import io
import os
import signal
import socket
import time
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from members.models import Role
from plans.documents.batch import BatchPrint
from plans.inbox.models import Delivery
from plans.models import AnnualPlan
from tests import workers
from tests.factories import ActivityFactory, FederationFactory, PlanFactory, RoleFactory, SectionFactory, UnitFactory
from tests.inbox import world as w
from tests.inbox.mailer import SMTPServer, free_port

pytestmark = pytest.mark.django_db(transaction=True)

PLANS = 8
RENDER_ITEM = "plans.documents.batch_tasks.render_item"
FINISHED = [BatchPrint.Status.DONE, BatchPrint.Status.FAILED]


def _start(media_root, **env):
    return workers.start(media_root, processes=1, WORKER_SWEEP_SECONDS="1", **env)


def _children(pid):
    """The db_worker processes run_workers started (each in a process group of its own)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _wait(condition, seconds, what, every=0.1):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what()
        time.sleep(every)
    return seconds - (deadline - time.monotonic())


def _kill_mid_plan(job, pids):
    """SIGKILL the processes `pids()` lists once a plan of `job` is printed and the next one was
    taken a moment ago (a print takes longer), so the worker dies in the middle of that plan."""
    def printing():
        job.refresh_from_db()
        just_now = timezone.now() - datetime.timedelta(seconds=0.1)
        return job.done >= 1 and DBTaskResult.objects.filter(task_path=RENDER_ITEM, status="RUNNING", started_at__gt=just_now).exists()

    _wait(printing, 60, lambda: "the batch never got under way", every=0.02)
    for pid in pids():
        os.kill(pid, signal.SIGKILL)


@pytest.fixture
def batch(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    federation = FederationFactory(name="Liên đoàn Lao động huyện Phú Lộc")
    staff = RoleFactory(unit=federation, kind=Role.Kind.STAFF).user
    plans = []
    for n in range(1, PLANS + 1):
        plan = PlanFactory(unit=UnitFactory(superior=federation, name=f"Công đoàn Trường Tiểu học Lộc Bình {n:02d}"))
        SectionFactory(plan=plan, paragraphs=[f"Đoàn viên của trường số {n:02d} tham gia đầy đủ."])
        ActivityFactory(plan=plan, content=f"Hội thi giáo viên dạy giỏi lần {n}")
        plans.append(plan)
    client = Client()
    client.force_login(staff)
    assert client.post(reverse("batch_new"), {"kind": BatchPrint.Kind.PDF, "plan": [p.pk for p in plans]}).status_code == 302
    return client, BatchPrint.objects.get()


def _delivered(client, job, tmp_path):
    job.refresh_from_db()
    assert (job.status, job.done, job.failures) == (BatchPrint.Status.DONE, PLANS, [])
    reader = PdfReader(io.BytesIO(client.get(reverse("batch_download", args=[job.pk])).getvalue()))
    assert [item.title for item in reader.outline] == [f"Công đoàn Trường Tiểu học Lộc Bình {n:02d} — Dự thảo"
                                                      for n in range(1, PLANS + 1)]
    assert not [p for p in (tmp_path / "batch" / "parts").iterdir()]  # no plan's PDF left behind
    assert not DBTaskResult.objects.filter(status="RUNNING").exclude(task_path="plans.recovery.sweep").exists()


def test_a_batch_whose_workers_are_killed_mid_plan_ends_when_a_worker_runs_again(batch, tmp_path):
    client, job = batch
    timeout = 3
    env = {"BATCH_ITEM_TIMEOUT_SECONDS": str(timeout), "BATCH_ITEM_ATTEMPTS": "2"}
    worker = _start(tmp_path, **env)
    try:
        _kill_mid_plan(job, lambda: [*_children(worker.pid), worker.pid])  # the whole machine lost, as by a power cut
        worker.wait()
    finally:
        workers.stop(worker)
    time.sleep(timeout)  # long enough for the lost job to be past its time-out, whenever a worker comes
    lost = DBTaskResult.objects.get(task_path=RENDER_ITEM, status="RUNNING")
    job.refresh_from_db()
    assert job.status == BatchPrint.Status.RUNNING and job.done < PLANS
    month_old = timezone.now() - datetime.timedelta(days=30)
    DBTaskResult.objects.filter(status="SUCCESSFUL").update(finished_at=month_old)  # pruned by the sweep

    worker = _start(tmp_path, **env)
    try:
        # Within a minute (the worker starting, the sweep's first turn, the plans left printing), on
        # a machine as busy as it may be: far under the time-out of 300 s a production worker has.
        _wait(lambda: BatchPrint.objects.filter(pk=job.pk, status__in=FINISHED).exists(), 60,
              lambda: list(BatchPrint.objects.values("status", "done")))
    finally:
        output = workers.stop(worker)
    assert worker.returncode == 0, output
    _delivered(client, job, tmp_path)
    lost.refresh_from_db()
    assert lost.status == "SUCCESSFUL" and len(lost.worker_ids) == 2  # the same job, taken by a second worker
    assert not DBTaskResult.objects.filter(finished_at__lte=month_old).exists()


def test_a_worker_killed_under_run_workers_has_its_plan_printed_again_at_once(batch, tmp_path):
    client, job = batch
    worker = _start(tmp_path, BATCH_ITEM_TIMEOUT_SECONDS="3600")  # no time-out: run_workers saw the death
    try:
        _kill_mid_plan(job, lambda: _children(worker.pid))
        _wait(lambda: BatchPrint.objects.filter(pk=job.pk, status__in=FINISHED).exists(), 60,
              lambda: list(BatchPrint.objects.values("status", "done")))
    finally:
        output = workers.stop(worker)
    assert "đã dừng (mã -9); chạy lại" in output
    _delivered(client, job, tmp_path)


class SilentServer:
    """Accepts SMTP connections and never answers: a send hangs there until its worker is killed."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]

    def close(self):
        self.socket.close()


def test_a_message_whose_worker_died_mid_send_is_sent_again_once(tmp_path):
    world = w.build()
    plan = w.this_year_plan(world["school"])
    client = Client()
    client.force_login(world["chair"])
    assert client.post(reverse("plan_submit", args=[plan.pk])).status_code == 302
    silent = SilentServer()
    mail_env = {"SITE_URL": "https://khcd.example.vn", "EMAIL_TIMEOUT": "300", "TASK_TIMEOUT_SECONDS": "2"}
    worker = _start(tmp_path, EMAIL_URL=f"smtp://127.0.0.1:{silent.port}", **mail_env)
    try:
        _wait(lambda: Delivery.objects.filter(status=Delivery.Status.SENDING).exists(), 60,
              lambda: list(Delivery.objects.values("status", "attempts")))
        for pid in [*_children(worker.pid), worker.pid]:
            os.kill(pid, signal.SIGKILL)
        worker.wait()
    finally:
        workers.stop(worker)
        silent.close()
    stuck = Delivery.objects.get(status=Delivery.Status.SENDING)
    assert stuck.attempts == 1

    smtp_port = free_port()
    with SMTPServer(smtp_port) as box:
        worker = _start(tmp_path, EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}", **mail_env)
        try:
            _wait(lambda: not Delivery.objects.exclude(status=Delivery.Status.SENT).exists(), 60,
                  lambda: list(Delivery.objects.values("status", "attempts", "last_error")))
            time.sleep(2)  # a second sweep: nothing goes twice
        finally:
            workers.stop(worker)
    assert box.to() == ["ldld.phuloc1@example.vn", "ldld.phuloc2@example.vn"]
    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (Delivery.Status.SENT, 2)  # the killed try counted
    plan.refresh_from_db()
    assert plan.status == AnnualPlan.Status.SUBMITTED
