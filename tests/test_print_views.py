"""The printed plan on the web: its PDF (inline, named, cached, with ETag) and its preview in the
app, each for the people who may see the plan only; and `render_plan`, the same bytes."""
import datetime
import io
import json

import pdfplumber
import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Role
from plans import planformat
from plans.documents.pdf import content_hash, render as render_module, serve
from plans.documents.pdf.render import render_document
from plans.models import AnnualPlan
from tests.conftest import DEMO_PLANS
from tests.factories import FilledPlanFactory, PlanFactory, SectionFactory, UnitFactory, person
from tests.first_print import get_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("document_cache")]
VIEWS = ["plan_pdf", "plan_preview"]


@pytest.fixture
def renders(monkeypatch):
    """Counts renders and stands in for WeasyPrint where the tests look at the response only."""
    calls = []

    def fake(data, revision=""):
        calls.append(data)
        return b"%PDF-1.7 " + data["title"].encode()

    monkeypatch.setattr(serve, "render_pdf", fake)
    return calls


@pytest.fixture
def plan():
    plan = FilledPlanFactory(number=1, date=datetime.date(2024, 9, 5),
                             section__paragraphs=["- Tổng số CBCNV-LĐ: 46/28 nữ", '<img src="file:///etc/passwd">'])
    SectionFactory(plan=plan, kind="targets", title="CHỈ TIÊU PHẤN ĐẤU", paragraphs=[])
    SectionFactory(plan=plan, kind="months", title="KẾ HOẠCH CỤ THỂ TỪNG THÁNG", paragraphs=[])
    return plan


def login(client, unit, kind=Role.Kind.CHAIR):
    client.force_login(person(unit, kind))
    return client


@pytest.mark.parametrize("view", VIEWS)
def test_anonymous_is_sent_to_login(client, plan, view):
    response = client.get(reverse(view, args=[plan.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("view", VIEWS)
def test_outsider_gets_404(client, plan, view, renders):
    login(client, UnitFactory())
    assert client.get(reverse(view, args=[plan.pk])).status_code == 404
    assert renders == []


@pytest.mark.parametrize("kind", [Role.Kind.CHAIR, Role.Kind.EXECUTIVE])
def test_the_units_people_and_its_federation_staff_get_the_pdf(client, plan, kind, renders):
    login(client, plan.unit, kind)
    assert get_pdf(client, reverse("plan_pdf", args=[plan.pk])).status_code == 200
    assert login(client, plan.unit.superior, Role.Kind.STAFF).get(reverse("plan_pdf", args=[plan.pk])).status_code == 200


def test_pdf_is_inline_named_and_prints_the_plan(client, plan):
    response = get_pdf(login(client, plan.unit), reverse("plan_pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="KH-01-CDCS-2024-2025.pdf"'
    assert response["ETag"] == f'"{content_hash(planformat.export_plan(plan))}"'
    assert response["Cache-Control"] == "private, no-cache"
    text = "\n".join(page.extract_text() for page in pdfplumber.open(io.BytesIO(response.content)).pages)
    assert "Số: 01/KH-CĐCS" in text and "Vinh Hưng, ngày 05 tháng 9 năm 2024" in text
    assert '<img src="file:///etc/passwd">' in text and "Tháng 9/2024" in text


def test_draft_without_number_is_named_without_one(client, renders):
    draft = PlanFactory()
    response = get_pdf(login(client, draft.unit), reverse("plan_pdf", args=[draft.pk]))
    assert response["Content-Disposition"] == 'inline; filename="KH-CDCS-2024-2025.pdf"'


def test_an_unchanged_plan_is_rendered_once_and_revalidates_with_304(client, plan, renders):
    login(client, plan.unit)
    url = reverse("plan_pdf", args=[plan.pk])
    first = get_pdf(client, url)
    second = client.get(url)
    assert len(renders) == 1 and second.content == first.content
    etag = first["ETag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = client.get(url, headers={"If-None-Match": header})
        assert response.status_code == 304 and response.content == b"" and response["ETag"] == etag
    assert len(renders) == 1


def test_an_edit_changes_the_etag_and_renders_again(client, plan, renders):
    login(client, plan.unit)
    url = reverse("plan_pdf", args=[plan.pk])
    etag = get_pdf(client, url)["ETag"]
    AnnualPlan.objects.filter(pk=plan.pk).update(title="Hoạt động công đoàn năm học 2024-2025 (sửa)")
    response = get_pdf(client, url, headers={"If-None-Match": etag})
    assert response.status_code == 200 and response["ETag"] != etag
    assert response.content.endswith("(sửa)".encode()) and len(renders) == 2


@pytest.fixture
def renderer_files(monkeypatch, tmp_path):
    """The renderer's stylesheet and fonts in a folder of the test's own, hashed anew when asked."""
    monkeypatch.setattr(render_module, "allowed_dirs", lambda: (tmp_path,))
    render_module.renderer_hash.cache_clear()
    yield tmp_path
    render_module.renderer_hash.cache_clear()


def test_a_change_of_the_renderers_files_renders_again(client, plan, renders, renderer_files):
    """A new stylesheet, template or font reaches a new key: no PDF of the old layout is served."""
    stylesheet = renderer_files / "print.css"
    stylesheet.write_text("@page { size: A4; }")
    login(client, plan.unit)
    url = reverse("plan_pdf", args=[plan.pk])
    etag = get_pdf(client, url)["ETag"]
    stylesheet.write_text("@page { size: A4 landscape; }")
    render_module.renderer_hash.cache_clear()
    response = get_pdf(client, url, headers={"If-None-Match": etag})
    assert response.status_code == 200 and response["ETag"] != etag and len(renders) == 2


def test_an_issued_plan_is_served_from_its_snapshot(client, plan, renders):
    data = planformat.export_plan(plan)
    AnnualPlan.objects.filter(pk=plan.pk).update(
        status=AnnualPlan.Status.ISSUED, snapshot=planformat.dumps(data), snapshot_pdf=b"%PDF-frozen",
        title="Sửa sau khi ban hành",
    )
    response = login(client, plan.unit).get(reverse("plan_pdf", args=[plan.pk]))
    assert response.content == b"%PDF-frozen" and response["ETag"] == f'"{content_hash(data)}"'
    assert renders == []
    # The preview prints the frozen data too, without reading the stored PDF's bytes.
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("plan_preview", args=[plan.pk])).content.decode()
    assert plan.title in page and "Sửa sau khi ban hành" not in page
    assert not [q for q in queries.captured_queries if "snapshot_pdf" in q["sql"]]


def test_a_plan_too_big_to_print_goes_back_to_the_preview_with_the_reason(client, plan, monkeypatch):
    monkeypatch.setattr(render_module, "MAX_ROWS", 0)
    login(client, plan.unit)
    response = client.get(reverse("plan_pdf", args=[plan.pk]), follow=True)
    assert response.redirect_chain == [(reverse("plan_preview", args=[plan.pk]), 302)]
    assert "vượt quá 0 dòng có thể in" in response.content.decode()


@pytest.mark.parametrize("visit", ["first", "from the cache"])
def test_preview_shows_the_document_in_the_app(client, plan, visit):
    login(client, plan.unit)
    url = reverse("plan_preview", args=[plan.pk])
    if visit == "from the cache":
        client.get(url)
    page = client.get(url).content.decode()
    assert "Kế hoạch công đoàn</a>" in page  # the app's own layout, base.html
    assert f'href="{reverse("home")}">&larr; Quay lại' in page
    assert f'href="{reverse("plan_pdf", args=[plan.pk])}">Tải bản PDF' in page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "Số: 01/KH-CĐCS" in page
    assert "I. TÌNH HÌNH CHUNG" in page and "Vinh Hưng, ngày 05 tháng 9 năm 2024" in page
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in page and '<img src="file' not in page


def test_preview_renders_the_document_once_and_shows_every_edit_at_once(client, plan, monkeypatch):
    documents = []

    def counted(data, revision):
        documents.append(data)
        return render_document(data, revision)

    monkeypatch.setattr(serve, "render_document", counted)
    login(client, plan.unit)
    url = reverse("plan_preview", args=[plan.pk])
    for _ in range(2):
        assert "Tháng 9/2024" in client.get(url).content.decode()
    assert len(documents) == 1
    plan.activities.update(content="Tổ chức Hội nghị CBCCVC <b>đầu năm</b>")
    page = client.get(url).content.decode()
    assert "Tổ chức Hội nghị CBCCVC &lt;b&gt;đầu năm&lt;/b&gt;" in page and len(documents) == 2
    AnnualPlan.objects.filter(pk=plan.pk).update(number=2)
    assert "Số: 02/KH-CĐCS" in client.get(url).content.decode() and len(documents) == 3


def test_render_plan_writes_what_the_web_app_serves(client, plan, tmp_path):
    served = get_pdf(login(client, plan.unit), reverse("plan_pdf", args=[plan.pk])).content
    caches["documents"].clear()
    call_command("render_plan", plan.pk, "-o", str(tmp_path / "plan.pdf"), stdout=io.StringIO())
    assert (tmp_path / "plan.pdf").read_bytes() == served


def test_render_plan_names_a_missing_plan():
    with pytest.raises(CommandError, match="Không có kế hoạch mã 999999."):
        call_command("render_plan", 999999, "-o", "/dev/null")


def test_an_imported_plan_prints_under_the_key_of_its_file(client, renders):
    """Imported and exported again, a plan gives back its data, so it prints the same bytes."""
    path = next(p for p in DEMO_PLANS if p.stem == "vinh-hung-2024-2025")
    data = json.loads(path.read_text(encoding="utf-8"))
    imported = planformat.import_plan(data)
    response = get_pdf(login(client, imported.unit), reverse("plan_pdf", args=[imported.pk]))
    assert response["ETag"] == f'"{content_hash(data)}"'
