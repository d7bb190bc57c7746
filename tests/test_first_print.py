"""A plan never printed before: the PDF view answers at once with a page that follows the render,
the background worker prints it (one job however many clicks), and the same URL then serves the
file; a render that fails shows its reason."""
import datetime
import io

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from members.models import Role
from plans.documents import first_print
from plans.documents.first_print import FirstPrint
from plans.documents.pdf import RenderError, serve
from plans.models import AnnualPlan
from tests.factories import FederationFactory, PlanFactory, RoleFactory, UnitFactory
from tests.first_print import print_queued, queued_jobs

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("document_cache")]
WAITING = "Đang chuẩn bị bản in…"


@pytest.fixture
def plan():
    return PlanFactory(unit=UnitFactory(superior=FederationFactory()))


@pytest.fixture
def chair(client, plan):
    client.force_login(RoleFactory(unit=plan.unit, kind=Role.Kind.CHAIR).user)
    return client


def _text(pdf):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_first_click_answers_at_once_and_the_same_url_then_gives_the_pdf(chair, plan, monkeypatch):
    rendered = []
    monkeypatch.setattr(serve, "render_pdf", lambda *args: rendered.append(args) or pytest.fail("rendered in the request"))
    url = reverse("plan_pdf", args=[plan.pk])
    response = chair.get(url)
    page = response.content.decode()
    assert response.status_code == 202 and WAITING in page and response["Content-Type"].startswith("text/html")
    assert f'hx-get="{reverse("plan_pdf_progress", args=[plan.pk])}"' in page and '<meta http-equiv="refresh"' in page
    assert queued_jobs().count() == 1 and FirstPrint.objects.get().status == FirstPrint.Status.QUEUED
    monkeypatch.undo()
    assert print_queued() == 1 and FirstPrint.objects.get().status == FirstPrint.Status.DONE
    response = chair.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert "KẾ HOẠCH\nHoạt động công đoàn năm học 2024-2025" in text and plan.unit.name.upper() in text.replace("\n", " ")
    assert chair.get(url, headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_ten_clicks_by_two_people_make_one_job(chair, client, plan, monkeypatch):
    monkeypatch.setattr(serve, "render_pdf", lambda data, revision="": b"%PDF-1.7 stand-in")
    url = reverse("plan_pdf", args=[plan.pk])
    for _ in range(5):
        assert chair.get(url).status_code == 202
    staff = client.__class__()
    staff.force_login(RoleFactory(unit=plan.unit.superior, kind=Role.Kind.STAFF).user)
    for _ in range(5):
        assert staff.get(url).status_code == 202
    assert queued_jobs().count() == 1 and FirstPrint.objects.count() == 1
    print_queued()
    assert staff.get(url).content == b"%PDF-1.7 stand-in"


def test_the_progress_fragment_polls_until_printed_then_sends_htmx_to_the_file(chair, plan, monkeypatch):
    monkeypatch.setattr(serve, "render_pdf", lambda data, revision="": b"%PDF-1.7 stand-in")
    chair.get(reverse("plan_pdf", args=[plan.pk]))
    progress = reverse("plan_pdf_progress", args=[plan.pk])
    fragment = chair.get(progress, HTTP_HX_REQUEST="true")
    assert WAITING in fragment.content.decode() and f'hx-get="{progress}"' in fragment.content.decode()
    assert "HX-Redirect" not in fragment and queued_jobs().count() == 1
    print_queued()
    done = chair.get(progress, HTTP_HX_REQUEST="true")
    assert done["HX-Redirect"] == reverse("plan_pdf", args=[plan.pk]) and "hx-get" not in done.content.decode()
    assert "Bản in đã sẵn sàng" in done.content.decode()


def test_a_render_that_fails_in_the_worker_shows_its_reason(chair, plan, monkeypatch):
    def fails(data, revision=""):
        raise RenderError("Không in được văn bản: phông chữ bị thiếu.")

    monkeypatch.setattr(serve, "render_pdf", fails)
    url = reverse("plan_pdf", args=[plan.pk])
    chair.get(url)
    print_queued()
    response = chair.get(url)
    page = response.content.decode()
    assert response.status_code == 202 and "Không in được kế hoạch này: Không in được văn bản: phông chữ bị thiếu." in page
    assert "hx-get" not in page and "http-equiv" not in page  # nothing left to wait for
    fragment = chair.get(reverse("plan_pdf_progress", args=[plan.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "phông chữ bị thiếu" in fragment and queued_jobs().count() == 0


def test_an_unforeseen_fault_is_said_in_vietnamese_not_a_500(chair, plan, monkeypatch):
    monkeypatch.setattr(serve, "render_pdf", lambda data, revision="": 1 / 0)
    url = reverse("plan_pdf", args=[plan.pk])
    chair.get(url)
    print_queued()
    assert "Lỗi không mong đợi khi in văn bản này" in chair.get(url).content.decode()


def test_a_pdf_dropped_from_the_cache_is_printed_again(chair, plan, monkeypatch):
    monkeypatch.setattr(serve, "render_pdf", lambda data, revision="": b"%PDF-1.7 stand-in")
    url = reverse("plan_pdf", args=[plan.pk])
    chair.get(url)
    print_queued()
    caches["documents"].clear()
    # Done a moment ago yet not in the cache: the worker's cache is not the web's; said, not printed again.
    page = chair.get(url).content.decode()
    assert "bộ nhớ đệm văn bản dùng chung" in page and queued_jobs().count() == 0
    FirstPrint.objects.update(updated_at=timezone.now() - first_print.REPRINT_AFTER)
    assert chair.get(url).status_code == 202 and queued_jobs().count() == 1
    print_queued()
    assert chair.get(url).status_code == 200


def test_a_plan_edited_while_waiting_is_printed_as_it_now_stands(chair, plan, monkeypatch):
    monkeypatch.setattr(serve, "render_pdf", lambda data, revision="": f"%PDF-1.7 {data['title']}".encode())
    url = reverse("plan_pdf", args=[plan.pk])
    chair.get(url)
    AnnualPlan.objects.filter(pk=plan.pk).update(title="Kế hoạch đã sửa")
    print_queued()  # the job of the old content finds the plan changed and leaves it
    assert not FirstPrint.objects.exists()
    chair.get(reverse("plan_pdf_progress", args=[plan.pk]), HTTP_HX_REQUEST="true")
    print_queued()
    assert chair.get(url).content == "%PDF-1.7 Kế hoạch đã sửa".encode()


def test_rows_past_the_caches_lifetime_are_dropped_when_a_job_runs(chair, plan, monkeypatch, settings):
    monkeypatch.setattr(serve, "render_pdf", lambda data, revision="": b"%PDF-1.7 stand-in")
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.DOCUMENT_CACHE_SECONDS + 1)
    FirstPrint.objects.create(digest="0" * 64, plan=plan, status=FirstPrint.Status.DONE, updated_at=long_ago)
    chair.get(reverse("plan_pdf", args=[plan.pk]))
    print_queued()
    assert list(FirstPrint.objects.values_list("status", flat=True)) == [FirstPrint.Status.DONE]
