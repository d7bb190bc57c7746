"""Item 1 of issue 18: a Word, text or Excel upload past the limits of settings is refused while it
is read, before anything expensive, quickly, with a Vietnamese message and never a 500."""
import io
import time
import zipfile

import docx
import pytest
from django.urls import reverse

from members.models import Member

pytestmark = pytest.mark.django_db
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
EMPTY_PARAGRAPH = b'<w:p><w:pPr><w:pStyle w:val="Normal"/><w:spacing w:after="0" w:line="240"/></w:pPr><w:r><w:t></w:t></w:r></w:p>'


def _docx_with_paragraphs(count):
    """A real .docx (python-docx's own template) whose body is `count` empty paragraphs."""
    template = io.BytesIO()
    docx.Document().save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "word/document.xml":
                body = EMPTY_PARAGRAPH * count
                target.writestr(item, f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'.encode() + body + b"</w:body></w:document>")
            else:
                target.writestr(item, source.read(item))
    return out.getvalue()


def _xlsx_with_rows(count, header=True):
    """A .xlsx of `count` identical rows, written by hand as openpyxl would read it (rows without
    numbers are taken one after the other): 2 million of them deflate to a few hundred kB."""
    from members.registry import excel

    def cells(values):
        return "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in values)
    rows = (f"<row>{cells(excel.HEADERS)}</row>" if header else "").encode() + f"<row>{cells(['Nguyễn Văn A'])}</row>".encode() * count
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                      '<Default Extension="xml" ContentType="application/xml"/>'
                      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                      '</Types>')
        book.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        book.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Đoàn viên" sheetId="1" r:id="rId1"/></sheets></workbook>')
        book.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        book.writestr("xl/worksheets/sheet1.xml", b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                      + rows + b"</sheetData></worksheet>")
    return out.getvalue()


def _upload(data, name):
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def _timed_post(client, url, data):
    start = time.monotonic()
    response = client.post(url, data)
    return response, time.monotonic() - start


def test_a_small_docx_of_150000_empty_paragraphs_is_refused_quickly(chair_client):
    data = _docx_with_paragraphs(150_000)
    assert len(data) < 200_000
    response, seconds = _timed_post(chair_client, reverse("textimport_source", args=[chair_client.unit.pk]), {"file": _upload(data, "ke-hoach.docx")})
    assert response.status_code == 200 and seconds < 5
    page = response.content.decode()
    assert "vượt quá giới hạn" in page and "Hãy bỏ bớt" in page


def test_a_text_of_60000_lines_is_refused(chair_client):
    data = "\n".join(f"Dòng {i}" for i in range(60_000)).encode()
    response = chair_client.post(reverse("textimport_source", args=[chair_client.unit.pk]), {"file": _upload(data, "ke-hoach.txt")})
    assert response.status_code == 200 and "Tệp có hơn 10.000 dòng" in response.content.decode()


def test_a_two_million_row_xlsx_is_refused_quickly_and_saves_nothing(chair_client):
    data = _xlsx_with_rows(2_000_000)
    assert len(data) < 1_000_000
    response, seconds = _timed_post(chair_client, reverse("members:import_preview", args=[chair_client.unit.pk]), {"file": _upload(data, "ds.xlsx")})
    assert response.status_code in (200, 400) and seconds < 5
    assert "vượt quá giới hạn" in response.content.decode()
    assert not Member.objects.exists()


def test_an_xlsx_past_the_row_limit_is_refused_while_read(chair_client, settings):
    settings.MEMBER_IMPORT_MAX_ROWS = 100
    data = _xlsx_with_rows(101)
    response = chair_client.post(reverse("members:import_preview", args=[chair_client.unit.pk]), {"file": _upload(data, "ds.xlsx")})
    assert "Tệp có hơn 100 dòng đoàn viên" in response.content.decode()
    assert not Member.objects.exists()
