"""Issuing signs the PDF (PAdES, with the signature and seal in the page); the verify page and
`verify_pdf` report signer, time, integrity, trust and coverage, and an altered file as altered."""
import hashlib
import io

import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.general import load_cert_from_pemder
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from members.models import Role
from members.signing.credential import clean_png, read_pkcs12, save_credential
from plans.models import AnnualPlan
from plans.months.reports import MonthlyReport, issue_report
from tests.factories import ActivityFactory, FederationFactory, PlanFactory, RoleFactory, UnitFactory
from tests.first_print import get_pdf
from tests.signing_ca import PASSWORD, SIGNER_CN, SigningCA, png

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ca():
    return SigningCA.make()


@pytest.fixture
def trust_root(ca, tmp_path, settings):
    path = tmp_path / "root.pem"
    path.write_bytes(ca.root_pem())
    settings.SIGNING_TRUST_ROOTS = [str(path)]
    return path


@pytest.fixture
def world(ca):
    unit = UnitFactory(superior=FederationFactory())
    chair = RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user
    save_credential(chair, unit, read_pkcs12(ca.pkcs12(), PASSWORD), clean_png(png(), "chữ ký"),
                    clean_png(png((220, 20, 20, 255), (400, 400)), "con dấu"))
    plan = PlanFactory(unit=unit, status=AnnualPlan.Status.APPROVED)
    ActivityFactory(plan=plan, content="Tổ chức Hội nghị cán bộ, công chức")
    return plan, chair


@pytest.fixture
def issued(client, world):
    plan, chair = world
    client.force_login(chair)
    page = client.get(reverse("plan_status", args=[plan.pk])).content.decode()
    assert "văn bản được ký số bằng chứng thư số của" in page
    assert client.post(reverse("plan_issue", args=[plan.pk]), {"signing_password": PASSWORD}).status_code == 302
    plan.refresh_from_db()
    return plan


def _altered(pdf):
    """One byte changed inside the signed range, in the middle of the rendered document."""
    changed = bytearray(pdf)
    changed[len(pdf) // 3] ^= 0x01
    return bytes(changed)


def test_the_stored_pdf_is_signed_intact_and_trusted_by_the_test_root(issued, ca, trust_root):
    pdf = bytes(issued.snapshot_pdf)
    assert issued.snapshot_sha256 == hashlib.sha256(pdf).hexdigest()
    (signature,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(trust_root))], allow_fetching=False)
    status = validate_pdf_signature(signature, context)
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == SIGNER_CN
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES


def test_printing_an_issued_plan_gives_the_signed_file(client, issued):
    response = client.get(reverse("plan_pdf", args=[issued.pk]))
    assert response.content == bytes(issued.snapshot_pdf)


def test_the_images_sit_between_position_and_name(issued):
    pdf = bytes(issued.snapshot_pdf)
    last = PdfReader(io.BytesIO(pdf)).pages[-1]
    assert len(last.images) == 2
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[-1]
        words = page.extract_words()
        position = next(w for w in words if w["text"] == "CHỦ")
        name = next(w for w in words if w["text"] == "Hoa")
        signature, seal = sorted(page.images, key=lambda i: i["x1"] - i["x0"], reverse=True)
    assert position["bottom"] <= signature["top"] and signature["bottom"] <= name["top"]
    name_line = [w for w in words if abs(w["top"] - name["top"]) < 1]
    centre = (signature["x0"] + signature["x1"]) / 2
    assert abs(centre - (name_line[0]["x0"] + name_line[-1]["x1"]) / 2) < 10
    # The seal covers about the left third of the signature.
    seal_centre = (seal["x0"] + seal["x1"]) / 2
    assert signature["x0"] < seal_centre < signature["x0"] + (signature["x1"] - signature["x0"]) / 2


def test_a_preview_never_shows_the_images(client, world):
    plan, chair = world
    client.force_login(chair)
    pdf = get_pdf(client, reverse("plan_pdf", args=[plan.pk])).content
    assert all(not page.images for page in PdfReader(io.BytesIO(pdf)).pages)
    assert b"data:image" not in client.get(reverse("plan_preview", args=[plan.pk])).content


def test_the_verify_page_of_an_issued_plan_names_the_signer(client, issued, trust_root):
    page = client.get(reverse("plan_verify", args=[issued.pk])).content.decode()
    assert "Chữ ký số hợp lệ" in page
    assert SIGNER_CN in page and "Còn nguyên vẹn" in page and "Được tin cậy" in page
    assert "bao trùm toàn bộ tệp" in page and "giờ Việt Nam" in page
    status_page = client.get(reverse("plan_status", args=[issued.pk])).content.decode()
    assert reverse("plan_verify", args=[issued.pk]) in status_page and "Kiểm tra chữ ký" in status_page


def test_an_altered_file_is_reported_altered_by_the_page(client, issued, trust_root):
    upload = SimpleUploadedFile("ke-hoach.pdf", _altered(bytes(issued.snapshot_pdf)), "application/pdf")
    page = client.post(reverse("verify_upload"), {"file": upload}).content.decode()
    assert "Bị sửa đổi sau khi ký" in page and "Chữ ký số không đạt" in page


def test_verify_pdf_command_reports_intact_then_altered(issued, trust_root, tmp_path):
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(bytes(issued.snapshot_pdf))
    bad.write_bytes(_altered(bytes(issued.snapshot_pdf)))
    out = io.StringIO()
    call_command("verify_pdf", str(good), stdout=out)
    assert f"Người ký: {SIGNER_CN}" in out.getvalue() and "Toàn vẹn: Còn nguyên vẹn" in out.getvalue()
    assert "Được tin cậy" in out.getvalue()
    out = io.StringIO()
    with pytest.raises(CommandError, match="không đạt"):
        call_command("verify_pdf", str(bad), stdout=out)
    assert "Bị sửa đổi sau khi ký" in out.getvalue()


def test_without_the_root_the_signature_is_intact_but_not_trusted(issued, settings, tmp_path):
    settings.SIGNING_TRUST_ROOTS = []
    path = tmp_path / "signed.pdf"
    path.write_bytes(bytes(issued.snapshot_pdf))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_pdf", str(path), stdout=out)
    assert "Còn nguyên vẹn" in out.getvalue() and "Không dẫn tới chứng thư gốc tin cậy" in out.getvalue()


@pytest.mark.parametrize("content,message", [
    (b"%PDF-1.7\nnot really a pdf", "Không đọc được tệp PDF"),
    (b"hello", "không phải là PDF"),
])
def test_broken_files_are_reported_not_crashed_on(client, world, content, message):
    client.force_login(world[1])
    response = client.post(reverse("verify_upload"), {"file": SimpleUploadedFile("x.pdf", content)})
    assert response.status_code == 200 and message in response.content.decode()


def test_an_unsigned_pdf_is_said_to_have_no_signature(client, world, tmp_path):
    plan, chair = world
    client.force_login(chair)
    pdf = get_pdf(client, reverse("plan_pdf", args=[plan.pk])).content
    page = client.post(reverse("verify_upload"), {"file": SimpleUploadedFile("x.pdf", pdf)}).content.decode()
    assert "không có chữ ký số" in page
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    with pytest.raises(CommandError, match="không có chữ ký số"):
        call_command("verify_pdf", str(path))


def test_a_unit_without_credential_issues_unsigned_and_is_told_so(client):
    unit = UnitFactory(superior=FederationFactory())
    chair = RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user
    plan = PlanFactory(unit=unit, status=AnnualPlan.Status.APPROVED)
    client.force_login(chair)
    assert "chưa có chữ ký số" in client.get(reverse("plan_status", args=[plan.pk])).content.decode()
    client.post(reverse("plan_issue", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == AnnualPlan.Status.ISSUED
    assert not PdfFileReader(io.BytesIO(bytes(plan.snapshot_pdf))).embedded_signatures


def test_the_monthly_report_is_signed_through_the_same_path(issued, trust_root):
    from plans.documents.pdf.pades import verify_pdf

    report = MonthlyReport.objects.create(plan=issued, unit=issued.unit, month_index=1, title="tháng 9 năm 2024",
                                          issuer=issued.issuer, signers=issued.signers)
    report = issue_report(issued.unit.roles.get().user, report, PASSWORD)
    (signature,) = verify_pdf(bytes(report.snapshot_pdf)).signatures
    assert signature.signer == SIGNER_CN and signature.intact and signature.trusted


def test_outsiders_get_404_on_the_verify_page(client, issued):
    client.force_login(RoleFactory(unit=UnitFactory(superior=FederationFactory()), kind=Role.Kind.CHAIR).user)
    assert client.get(reverse("plan_verify", args=[issued.pk])).status_code == 404


def test_every_page_links_to_the_verify_page(client, world):
    client.force_login(world[1])
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("verify_upload")}"' in page and "Kiểm tra chữ ký số" in page
