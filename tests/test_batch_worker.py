"""A federation prints 30 plans at once through the real worker: `manage.py run_workers` (the
command `make worker` runs) as a separate process on the test database (tests.workers), two worker
processes."""
import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from members.models import Role
from plans.documents.batch import BatchPrint
from plans.models import AnnualPlan
from plans.workflow import services as workflow
from tests import workers
from tests.factories import ActivityFactory, FederationFactory, PlanFactory, RoleFactory, SectionFactory, UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)

PLANS = 30
WAIT_SECONDS = 90


def _wait_finished(pks):
    deadline = time.monotonic() + WAIT_SECONDS
    finished = [BatchPrint.Status.DONE, BatchPrint.Status.FAILED]
    while BatchPrint.objects.filter(pk__in=pks, status__in=finished).count() < len(pks):
        assert time.monotonic() < deadline, list(BatchPrint.objects.values("status", "done", "total"))
        time.sleep(0.5)


@pytest.fixture
def federation_plans():
    federation = FederationFactory(name="Liên đoàn Lao động huyện Phú Lộc")
    staff = RoleFactory(unit=federation, kind=Role.Kind.STAFF).user
    plans = []
    for n in range(1, PLANS + 1):
        unit = UnitFactory(superior=federation, name=f"Công đoàn Trường Tiểu học Lộc Thủy {n:02d}")
        plan = PlanFactory(unit=unit)
        SectionFactory(plan=plan, paragraphs=[f"Đoàn viên của trường số {n:02d} tham gia đầy đủ."])
        ActivityFactory(plan=plan, content=f"Hội thi giáo viên dạy giỏi lần {n}")
        plans.append(plan)
    plans[0].status = AnnualPlan.Status.APPROVED
    plans[0].save(update_fields=["status"])
    workflow.issue(None, plans[0])
    broken_unit = UnitFactory(superior=federation, name="Công đoàn Trường Mầm non Quá Dài")
    broken = PlanFactory(unit=broken_unit)
    # Past the renderer's size bound: it refuses the plan with a reason instead of rendering it.
    SectionFactory(plan=broken, paragraphs=["Nội dung rất dài. " * 15_000])
    return staff, plans, broken


def _start(client, plans, kind):
    response = client.post(reverse("batch_new"), {"kind": kind, "plan": [p.pk for p in plans]})
    assert response.status_code == 302, response.content.decode()
    return BatchPrint.objects.latest("pk")


@pytest.fixture
def staff_client(federation_plans, tmp_path, settings):
    """The federation's staff, signed in; the files the workers write, and the PDFs they print into
    the documents cache, go to the test's folder."""
    settings.MEDIA_ROOT = tmp_path
    documents = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path / "cache" / "pdf")}
    settings.CACHES = {**settings.CACHES, "documents": documents}
    client = Client()
    client.force_login(federation_plans[0])
    return client


def test_thirty_plans_through_the_real_worker(federation_plans, staff_client, tmp_path):
    client, (_staff, plans, broken) = staff_client, federation_plans
    as_pdf = _start(client, plans, BatchPrint.Kind.PDF)
    as_zip = _start(client, [*plans, broken], BatchPrint.Kind.ZIP)
    assert client.get(reverse("batch_progress", args=[as_pdf.pk])).content.decode().count("đã xử lý 0/30 kế hoạch") == 1

    worker = workers.start(tmp_path)
    try:
        _wait_finished([as_pdf.pk, as_zip.pk])
    finally:
        output = workers.stop(worker)
    assert worker.returncode == 0, output

    as_pdf.refresh_from_db()
    assert (as_pdf.status, as_pdf.done, as_pdf.failures) == (BatchPrint.Status.DONE, 30, [])
    reader = PdfReader(io.BytesIO(client.get(reverse("batch_download", args=[as_pdf.pk])).getvalue()))
    titles = [item.title for item in reader.outline]
    names = sorted(p.unit.name for p in plans)
    assert titles == [f"{name} — {'01/KH-CĐCS' if name == plans[0].unit.name else 'Dự thảo'}" for name in names]
    for item, name in zip(reader.outline, names):
        # Each plan starts on its own page, the one its bookmark points at, headed by its union.
        text = reader.pages[reader.get_destination_page_number(item)].extract_text()
        assert name.upper() in " ".join(text.split())

    as_zip.refresh_from_db()
    assert (as_zip.status, as_zip.done, as_zip.total) == (BatchPrint.Status.DONE, 31, 31)
    assert [f["unit"] for f in as_zip.failures] == ["Công đoàn Trường Mầm non Quá Dài"]
    assert "vượt quá 250.000 ký tự" in as_zip.failures[0]["reason"]
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("batch_download", args=[as_zip.pk])).getvalue()))
    assert len(archive.namelist()) == 30
    assert "cong-doan-truong-tieu-hoc-loc-thuy-01-01-KH-CDCS.pdf" in archive.namelist()
    assert sum(len(PdfReader(archive.open(n)).pages) for n in archive.namelist()) == len(reader.pages)

    page = client.get(reverse("batch_status", args=[as_zip.pk])).content.decode()
    assert "Đã xong: đã xử lý 31/31 kế hoạch" in page
    assert "1 kế hoạch không in được" in page and "Công đoàn Trường Mầm non Quá Dài" in page
    assert 'hx-trigger="every 1s"' not in page  # finished: the page stops polling


def _workers_niceness(parent_pid):
    """{"interactive" or "default": [(niceness, scheduling policy), ...]} of run_workers' db_worker
    processes, from /proc."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError):
            continue  # a process that ended meanwhile
        if int(fields[1]) == parent_pid and b"db_worker" in command:
            queue = command[command.index(b"--queue-name") + 1].decode()
            found.setdefault(queue, []).append((int(fields[16]), int(fields[38])))
    return found


def test_a_first_pdf_is_printed_by_the_interactive_worker_beside_a_niced_batch(federation_plans, staff_client, tmp_path):
    client, (_staff, plans, _broken) = staff_client, federation_plans
    batch = _start(client, plans, BatchPrint.Kind.ZIP)
    url = reverse("plan_pdf", args=[plans[1].pk])
    assert client.get(url).status_code == 202
    worker = workers.start(tmp_path, DOCUMENT_CACHE_DIR=str(tmp_path / "cache"))
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while (response := client.get(url)).status_code == 202:
            assert time.monotonic() < deadline and "Không in được" not in response.content.decode()
            time.sleep(0.5)
        niceness = _workers_niceness(worker.pid)
        _wait_finished([batch.pk])
    finally:
        output = workers.stop(worker)
    assert worker.returncode == 0, output
    idle, normal = os.SCHED_IDLE, os.SCHED_OTHER
    assert niceness == {"default": [(10, idle), (10, idle)], "interactive": [(0, normal)]}
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
    assert plans[1].unit.name.upper() in text
