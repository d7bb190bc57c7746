import io
import json
import shutil
import subprocess
from pathlib import Path

import docx
import pypdf
import pytest
from django.urls import reverse
from docx.enum.section import WD_SECTION

from members.models import Role
from plans.documents.docx import render_docx
from plans.documents.pdf import render_pdf
from plans.documents.pdf.serve import revision_line
from plans.models import AnnualPlan
from plans.months import reports
from plans.planformat import dumps, import_plan
from plans.workflow import services as workflow
from tests.factories import ActivityFactory, PlanFactory, RoleFactory, UnitFactory

DEMO = Path(__file__).resolve().parent.parent / "plans" / "demo"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def data():
    """A real plan with a number, a one-table month table and a named signer."""
    return json.loads((DEMO / "may-chan-may-2025.json").read_text(encoding="utf-8"))


def _open(content):
    return docx.Document(io.BytesIO(content))


def _texts(cell):
    return [p.text for p in cell.paragraphs if p.text]


def test_header_texts_in_two_columns(data):
    document = _open(render_docx(data))
    header = document.tables[0]
    left, right = header.rows[0].cells
    assert _texts(left) == [data["issuer"]["superior"], data["issuer"]["name"]]
    assert _texts(right) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    number, date = header.rows[1].cells
    assert number.text == f"Số: 02/KH-{data['issuer']['abbreviation']}"
    assert date.text == f"{data['issuer']['place']}, ngày 10 tháng 01 năm 2025"
    body = [p.text for p in document.paragraphs]
    assert body[:2] == ["KẾ HOẠCH", data["title"]]


def test_month_table_with_repeated_header_and_merged_month_cell(data):
    document = _open(render_docx(data))
    table = document.tables[1]
    assert [c.text for c in table.rows[0].cells] == ["Thời gian", "Nội dung công việc", "Thực hiện"]
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    january = data["months"][0]["activities"]
    assert table.cell(1, 0).text == "Tháng 1/2025"
    # The month cell spans the month's rows: every one of them shows the same merged cell.
    assert table.cell(len(january), 0)._tc is table.cell(1, 0)._tc
    assert table.cell(1, 1).text == january[0]["content"]
    assert table.cell(1, 2).text == january[0]["owner"]


def test_signature_block_and_recipients(data):
    document = _open(render_docx(data))
    recipients, signer = document.tables[-1].rows[0].cells
    signer_lines = _texts(signer)
    assert signer_lines[0] == "TM. BAN CHẤP HÀNH" and signer_lines[-1] == "Trần Thị Thu Hà"
    assert _texts(recipients)[0] == "Nơi nhận:"
    assert _texts(recipients)[1:] == [f"- {r}" for r in data["recipients"]]


def test_page_numbers_in_the_header_but_not_on_page_one(data):
    section = _open(render_docx(data)).sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in "".join(t.text for t in section.header._element.iter(f"{W}instrText"))
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_draft_prints_blanks_to_fill_by_hand(data):
    header = _open(render_docx({**data, "number": None, "date": None})).tables[0]
    assert header.cell(1, 0).text.startswith("Số:") and header.cell(1, 0).text.endswith("/KH-CĐCS")
    assert "tháng" in header.cell(1, 1).text and header.cell(1, 1).text.endswith("năm 2025")


def _office_pdf(content, tmp_path):
    """The .docx as LibreOffice prints it."""
    (tmp_path / "plan.docx").write_bytes(content)
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "plan.docx")],
        check=True, capture_output=True, timeout=180,
    )
    return pypdf.PdfReader(tmp_path / "plan.pdf")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
def test_libreoffice_lays_it_out_like_our_pdf(data, tmp_path):
    office = _office_pdf(render_docx(data), tmp_path)
    ours = pypdf.PdfReader(io.BytesIO(render_pdf(data)))
    assert abs(len(office.pages) - len(ours.pages)) <= max(1, len(ours.pages) // 5)
    first = office.pages[0]
    assert round(float(first.mediabox.width) / 72 * 25.4) == 210
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first.extract_text()
    assert office.pages[1].extract_text().split()[0] == "2"  # page number on top from page 2
    assert not first.extract_text().split()[0].isdigit()


def _appendix_data():
    return json.loads((DEMO / "phuong-dong-2023-2024.json").read_text(encoding="utf-8"))


def test_appendix_is_a_section_numbering_its_own_pages_from_one():
    data = _appendix_data()
    document = _open(render_docx(data))
    assert len(document.sections) == 1 + len(data["appendices"])
    main, appendix = document.sections
    assert main._sectPr.find(f"{W}pgNumType") is None
    assert appendix.start_type == WD_SECTION.NEW_PAGE
    assert appendix._sectPr.find(f"{W}pgNumType").get(f"{W}start") == "1"
    # No number on the appendix's first page, the number on its others: the document's headers.
    assert appendix.different_first_page_header_footer
    assert appendix.header.is_linked_to_previous and appendix.first_page_header.is_linked_to_previous
    body = [p.text for p in document.paragraphs]
    label = body.index("Phụ lục")
    assert body[label + 1] == data["appendices"][0]["title"].upper()
    assert body[label + 2].startswith("(Kèm theo Kế hoạch")
    breaks = [i for i, p in enumerate(document.paragraphs) if p._p.pPr is not None and p._p.pPr.sectPr is not None]
    assert breaks == [label - 1]


@pytest.mark.django_db
def test_correction_prints_its_revision_line_under_the_title(client, data, monkeypatch):
    monkeypatch.setattr(workflow, "render_snapshot_pdf", lambda d, revision="": b"")
    issued = import_plan(data)
    issued.snapshot, issued.status = dumps(data), AnnualPlan.Status.ISSUED
    issued.save(update_fields=["snapshot", "status"])
    chair = RoleFactory(unit=issued.unit, kind=Role.Kind.CHAIR).user
    correction = workflow.new_version(chair, issued, AnnualPlan.Revision.ADJUSTMENT)
    client.force_login(chair)

    document = _open(client.get(reverse("plan_docx", args=[correction.pk])).content)

    body = [p.text for p in document.paragraphs]
    line = f"Điều chỉnh Kế hoạch số 02/KH-{data['issuer']['abbreviation']} ngày 10 tháng 01 năm 2025"
    assert body[:3] == ["KẾ HOẠCH", data["title"], line]
    assert all(run.bold for run in document.paragraphs[2].runs)
    assert revision_line(correction) == line
    original = _open(client.get(reverse("plan_docx", args=[issued.pk])).content)
    assert line not in [p.text for p in original.paragraphs]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
def test_libreoffice_restarts_the_page_numbers_of_an_appendix(tmp_path):
    data = _appendix_data()
    office = _office_pdf(render_docx(data), tmp_path)
    ours = pypdf.PdfReader(io.BytesIO(render_pdf(data)))
    for reader in (office, ours):
        numbers = [_page_number(page) for page in reader.pages]
        start = next(i for i, page in enumerate(reader.pages) if "(Kèm theo Kế hoạch" in page.extract_text())
        assert numbers[:2] == [None, "2"] and numbers[start] is None
        assert numbers[start + 1:] == [str(n) for n in range(2, len(numbers) - start + 1)], numbers


def _page_number(page):
    """The number in the top margin: extracted first from LibreOffice's PDF, last from ours."""
    words = page.extract_text().split()
    return next((word for word in (words[0], words[-1]) if word.isdigit()), None)


@pytest.mark.django_db
def test_plan_docx_view_serves_the_issued_snapshot(client, data, monkeypatch):
    monkeypatch.setattr(workflow, "render_snapshot_pdf", lambda d, revision="": b"")
    plan = import_plan(data)
    plan.snapshot = dumps(data)
    plan.save(update_fields=["snapshot"])
    plan.activities.update(content="Sửa sau khi ban hành")
    client.force_login(RoleFactory(unit=plan.unit, kind=Role.Kind.MEMBER).user)
    response = client.get(reverse("plan_docx", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="KH-02-CDCS-2025.docx"'
    document = _open(response.content)
    assert document.tables[1].cell(1, 1).text == data["months"][0]["activities"][0]["content"]


@pytest.mark.django_db
def test_report_docx_says_bao_cao(client, monkeypatch):
    plan = PlanFactory(status=AnnualPlan.Status.ISSUED, number=1, date="2024-09-15")
    ActivityFactory(plan=plan, month_index=3, content="Kỷ niệm ngày Nhà giáo Việt Nam 20/11", status="done")
    chair = RoleFactory(unit=plan.unit, kind=Role.Kind.CHAIR).user
    report = reports.draft_report(chair, plan, 3)
    client.force_login(chair)
    document = _open(client.get(reverse("report_docx", args=[report.pk])).content)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "BÁO CÁO"
    assert "- Kỷ niệm ngày Nhà giáo Việt Nam 20/11" in texts
    assert document.tables[0].cell(1, 0).text.endswith("/BC-CĐCS")


@pytest.mark.django_db
def test_outsider_gets_404_and_anonymous_goes_to_login(client):
    plan = PlanFactory()
    assert client.get(reverse("plan_docx", args=[plan.pk]))["Location"].startswith(reverse("login"))
    client.force_login(RoleFactory(unit=UnitFactory(), kind=Role.Kind.CHAIR).user)
    assert client.get(reverse("plan_docx", args=[plan.pk])).status_code == 404
