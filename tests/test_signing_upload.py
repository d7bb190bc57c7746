"""The chair uploads the unit's signing certificate, signature and seal; nothing secret is kept in clear."""
import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Role
from members.signing.credential import SigningCredential
from tests.factories import FederationFactory, RoleFactory, UnitFactory
from tests.signing_ca import PASSWORD, SIGNER_CN, SigningCA, png
from unionplans.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ca():
    return SigningCA.make()


@pytest.fixture
def unit():
    return UnitFactory(superior=FederationFactory(), name="Công đoàn Trường Tiểu học Vinh Hưng")


def _role(unit, kind):
    return RoleFactory(unit=unit, kind=kind).user


def _upload(client, user, unit, p12=None, password=PASSWORD, signature=None, seal=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(user)
    files = {
        name: SimpleUploadedFile(f"{name}.bin", content)
        for name, content in (("certificate", p12), ("signature", signature), ("seal", seal)) if content is not None
    }
    return client.post(reverse("members:signing_credential", args=[unit.pk]), {"password": password, **files})


def test_the_chair_uploads_and_sees_subject_issuer_and_validity(client, unit, ca):
    chair = _role(unit, Role.Kind.CHAIR)
    p12 = ca.pkcs12()
    response = _upload(client, chair, unit, p12, signature=png(), seal=png((220, 20, 20, 255), (400, 400)))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Đã lưu chữ ký số của đơn vị" in page
    assert SIGNER_CN in page and "Gốc thử nghiệm unionplans" in page
    credential = SigningCredential.objects.get(unit=unit)
    # The page gives the date in Vietnam (Asia/Ho_Chi_Minh), a day ahead of UTC after 17:00 UTC.
    assert f"{timezone.localtime(credential.not_after):%d/%m/%Y}" in page
    # The password is nowhere, and the key is not stored as uploaded.
    stored = bytes(credential.key_blob)
    assert PASSWORD.encode() not in stored and stored != p12 and p12 not in stored
    row = SigningCredential.objects.filter(unit=unit).values().get()
    assert not any(PASSWORD in str(value) for value in row.values())
    entry = AuditEntry.objects.get(unit=unit, action=AuditEntry.Action.CREATE)
    assert PASSWORD not in str(entry.after) and SIGNER_CN in str(entry.after)


def test_a_wrong_password_is_said_in_vietnamese_and_keeps_what_was_there(client, unit, ca):
    chair = _role(unit, Role.Kind.CHAIR)
    _upload(client, chair, unit, ca.pkcs12(), signature=png(), seal=png())
    before = SigningCredential.objects.get(unit=unit)
    response = _upload(client, chair, unit, ca.pkcs12(cn="Trần Văn Mới"), password="sai-mat-khau")
    assert response.status_code == 400
    assert "mật khẩu không đúng" in response.content.decode()
    after = SigningCredential.objects.get(unit=unit)
    assert (after.subject, bytes(after.key_blob)) == (before.subject, bytes(before.key_blob))


@pytest.mark.parametrize("kwargs,message", [
    ({"with_key": False}, "không có khóa bí mật"),
    ({"start_days_ago": 400, "days": 30}, "đã hết hạn"),
    ({"start_days_ago": -10}, "chưa có hiệu lực"),
])
def test_unusable_certificates_are_refused(client, unit, ca, kwargs, message):
    response = _upload(client, _role(unit, Role.Kind.CHAIR), unit, ca.pkcs12(**kwargs), signature=png(), seal=png())
    assert response.status_code == 400 and message in response.content.decode()
    assert not SigningCredential.objects.filter(unit=unit).exists()


@pytest.mark.parametrize("image,message", [
    (png(transparent=False, mode="RGB"), "nền trong suốt"),
    (png(fmt="JPEG", mode="RGB"), "phải là tệp PNG"),
    (b"not an image at all", "Không đọc được ảnh"),
    (png(size=(3000, 50)), "từ 40 đến 2000 điểm ảnh"),
])
def test_images_must_be_transparent_pngs_of_sane_size(client, unit, ca, image, message):
    response = _upload(client, _role(unit, Role.Kind.CHAIR), unit, ca.pkcs12(), signature=image, seal=png())
    assert response.status_code == 400 and message in response.content.decode()
    assert not SigningCredential.objects.filter(unit=unit).exists()


def test_images_are_stored_re_encoded(client, unit, ca):
    import io

    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    image = Image.open(io.BytesIO(png()))
    upload = io.BytesIO()
    image.save(upload, format="PNG", pnginfo=info)
    _upload(client, _role(unit, Role.Kind.CHAIR), unit, ca.pkcs12(), signature=upload.getvalue(), seal=png())
    stored = bytes(SigningCredential.objects.get(unit=unit).signature_png)
    assert stored.startswith(b"\x89PNG") and b"<script>" not in stored
    assert Image.open(io.BytesIO(stored)).mode == "RGBA"


def test_later_uploads_replace_only_what_is_sent(client, unit, ca):
    chair = _role(unit, Role.Kind.CHAIR)
    _upload(client, chair, unit, ca.pkcs12(), signature=png(), seal=png())
    first = SigningCredential.objects.get(unit=unit)
    assert _upload(client, chair, unit, seal=png((200, 0, 0, 255), (300, 300)), password="").status_code == 302
    second = SigningCredential.objects.get(unit=unit)
    assert bytes(second.key_blob) == bytes(first.key_blob) and bytes(second.seal_png) != bytes(first.seal_png)


def test_a_first_upload_needs_every_part(client, unit, ca):
    response = _upload(client, _role(unit, Role.Kind.CHAIR), unit, ca.pkcs12())
    assert response.status_code == 400 and "Lần đầu cần gửi tệp này." in response.content.decode()


def test_a_bch_member_may_not_upload_and_an_outsider_sees_nothing(client, unit, ca):
    bch = _role(unit, Role.Kind.EXECUTIVE)
    assert _upload(client, bch, unit, ca.pkcs12(), signature=png(), seal=png()).status_code == 403
    assert client.get(reverse("members:signing_credential", args=[unit.pk])).status_code == 403
    outsider = _role(UnitFactory(superior=FederationFactory()), Role.Kind.CHAIR)
    assert _upload(client, outsider, unit, ca.pkcs12(), signature=png(), seal=png()).status_code == 404
    assert client.get(reverse("members:signing_credential", args=[unit.pk])).status_code == 404
    assert not SigningCredential.objects.exists()


def test_superior_staff_see_the_credential_without_the_form(client, unit, ca):
    _upload(client, _role(unit, Role.Kind.CHAIR), unit, ca.pkcs12(), signature=png(), seal=png())
    staff = _role(unit.superior, Role.Kind.STAFF)
    client.force_login(staff)
    page = client.get(reverse("members:signing_credential", args=[unit.pk])).content.decode()
    assert SIGNER_CN in page and 'type="file"' not in page
    assert _upload(client, staff, unit, ca.pkcs12(), signature=png(), seal=png()).status_code == 403


def test_the_unit_page_links_the_chair_to_the_signing_page(client, unit):
    client.force_login(_role(unit, Role.Kind.CHAIR))
    page = client.get(reverse("members:unit_detail", args=[unit.pk])).content.decode()
    assert reverse("members:signing_credential", args=[unit.pk]) in page
