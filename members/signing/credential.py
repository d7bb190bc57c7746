"""A unit's signing credential: its certificate and private key, the signer's signature image and
the unit's seal, which issuing puts on and into a document (plans.documents.pdf.pades).

Only the person who knows the certificate's password can sign. The key is kept as a PKCS#12
encrypted under that password (AES-256, PBKDF2), asked at upload and again at each issue, and never
stored in any form; that file is encrypted once more (Fernet) under a key derived from the
SIGNING_KEY_SECRET setting, so a copy of the database alone gives neither the key nor anything to
guess the password against. Whoever takes over the chair's account (a password reset, a stolen
session) can issue nothing signed without the certificate's password. The images are decoded and
re-encoded, so nothing of the uploaded files but their pixels is stored.
"""
import base64
import io
import warnings

from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

MAX_PKCS12_BYTES = 100 * 1024
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_SIDE = 2000
MIN_IMAGE_SIDE = 40
# PBKDF2 rounds of the stored PKCS#12: about a tenth of a second to open it, at each issue.
KEY_KDF_ROUNDS = 200_000
WRONG_PASSWORD = "Mật khẩu chứng thư số không đúng: văn bản chưa được ký và chưa ban hành."
NO_PASSWORD = "Hãy nhập mật khẩu của chứng thư số: chỉ người giữ mật khẩu này mới ký được văn bản của đơn vị."


class CredentialError(ValueError):
    """An upload that cannot be used; the message tells the chair why, in Vietnamese."""


class WrongPassword(CredentialError):
    """The certificate's password given at issue does not open it (counted: members.signing.lockout)."""


def _fernet():
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"unionplans signing credential v2").derive(
        settings.SIGNING_KEY_SECRET.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def _date(moment):
    return timezone.localtime(moment).strftime("%d/%m/%Y")


def _name(name):
    """The certificate name as people read it: its CN, then the organisation, or the whole RFC 4514 form."""
    parts = [a.value for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME) for a in name.get_attributes_for_oid(oid)]
    return ", ".join(parts) or name.rfc4514_string()


def _check_usable(key, cert, now):
    if key is None:
        raise CredentialError("Tệp chứng thư số không có khóa bí mật: hãy xuất lại tệp .p12/.pfx kèm khóa bí mật.")
    if cert is None:
        raise CredentialError("Tệp không chứa chứng thư số của khóa bí mật.")
    if key.public_key() != cert.public_key():
        raise CredentialError("Khóa bí mật trong tệp không khớp với chứng thư số.")
    if cert.not_valid_before_utc > now:
        raise CredentialError(f"Chứng thư số chưa có hiệu lực (có hiệu lực từ ngày {_date(cert.not_valid_before_utc)}).")
    if cert.not_valid_after_utc < now:
        raise CredentialError(f"Chứng thư số đã hết hạn ngày {_date(cert.not_valid_after_utc)}.")
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise CredentialError("Chứng thư số này không dùng để ký văn bản (thiếu mục đích ký số).")


def read_pkcs12(data, password):
    """(sealed key blob, certificate) of a PKCS#12 file opened with `password`, or CredentialError."""
    if len(data) > MAX_PKCS12_BYTES:
        raise CredentialError("Tệp chứng thư số quá lớn: tệp .p12/.pfx thường chỉ vài KB.")
    if not password:
        raise CredentialError(
            "Hãy nhập mật khẩu của tệp chứng thư số. Tệp không có mật khẩu thì hãy xuất lại kèm mật khẩu: "
            "mật khẩu đó được hỏi mỗi lần ký."
        )
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, password.encode())
    except ValueError:
        raise CredentialError("Không mở được tệp chứng thư số: mật khẩu không đúng, hoặc tệp không phải .p12/.pfx.") from None
    _check_usable(key, cert, timezone.now())
    sealed = (
        serialization.PrivateFormat.PKCS12.encryption_builder().kdf_rounds(KEY_KDF_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC).hmac_hash(hashes.SHA256()).build(password.encode())
    )
    return _fernet().encrypt(pkcs12.serialize_key_and_certificates(None, key, cert, chain or None, sealed)), cert


def clean_png(data, what):
    """The image re-encoded as a plain RGBA PNG, or CredentialError naming `what` it was meant to be."""
    if len(data) > MAX_IMAGE_BYTES:
        raise CredentialError(f"Ảnh {what} quá lớn (tối đa 2 MB).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format != "PNG":
                raise CredentialError(f"Ảnh {what} phải là tệp PNG.")
            width, height = image.size
            if max(width, height) > MAX_IMAGE_SIDE or min(width, height) < MIN_IMAGE_SIDE:
                raise CredentialError(
                    f"Ảnh {what} phải rộng và cao từ {MIN_IMAGE_SIDE} đến {MAX_IMAGE_SIDE} điểm ảnh (ảnh gửi lên: {width}×{height})."
                )
            has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            image = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise CredentialError(f"Không đọc được ảnh {what}: hãy gửi một tệp PNG.") from None
    if not has_alpha or image.getextrema()[3][0] == 255:
        raise CredentialError(f"Ảnh {what} phải có nền trong suốt (PNG có kênh alpha).")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def data_uri(png):
    return "data:image/png;base64," + base64.b64encode(bytes(png)).decode()


class SigningCredential(models.Model):
    unit = models.OneToOneField(
        "members.Unit", verbose_name="đơn vị", on_delete=models.CASCADE, related_name="signing_credential",
    )
    # Fernet token of the PKCS#12 encrypted under the certificate's password; see the module docstring.
    key_blob = models.BinaryField("khóa và chứng thư (đã mã hóa)")
    subject = models.CharField("người được cấp", max_length=500)
    issuer = models.CharField("tổ chức cấp", max_length=500)
    serial = models.CharField("số hiệu chứng thư", max_length=100)
    not_before = models.DateTimeField("hiệu lực từ")
    not_after = models.DateTimeField("hiệu lực đến")
    signature_png = models.BinaryField("ảnh chữ ký")
    seal_png = models.BinaryField("ảnh con dấu")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tải lên", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    # Wrong passwords at issue (members.signing.lockout): how many since when, and the lockout.
    wrong_passwords = models.PositiveSmallIntegerField("số lần nhập sai mật khẩu", default=0, editable=False)
    wrong_since = models.DateTimeField("nhập sai từ lúc", null=True, blank=True, editable=False)
    locked_until = models.DateTimeField("tạm khóa ký đến", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "chữ ký số của đơn vị"
        verbose_name_plural = "chữ ký số của đơn vị"

    def __str__(self):
        return f"Chữ ký số: {self.subject}"

    @classmethod
    def for_unit(cls, unit_id):
        return cls.objects.filter(unit_id=unit_id).first()

    @property
    def is_current(self):
        return self.not_before <= timezone.now() <= self.not_after

    def pkcs12(self, password):
        """The key and chain as a PKCS#12 still encrypted under the certificate's `password`, once
        that password is known to open it (CredentialError otherwise)."""
        if not password:
            raise CredentialError(NO_PASSWORD)
        try:
            sealed = _fernet().decrypt(bytes(self.key_blob))
        except InvalidToken:
            raise CredentialError(
                "Không mở được khóa ký số đã lưu của đơn vị (khóa máy chủ SIGNING_KEY_SECRET đã đổi, hoặc chứng thư "
                "được tải lên trước khi việc ký cần mật khẩu): hãy tải lại chứng thư số."
            ) from None
        try:
            pkcs12.load_key_and_certificates(sealed, password.encode())
        except ValueError:
            raise WrongPassword(WRONG_PASSWORD) from None
        return sealed

    def images(self):
        """The signature and seal as data: URIs, the only images the renderer takes from us."""
        return {"signature": data_uri(self.signature_png), "seal": data_uri(self.seal_png)}

    def set_certificate(self, blob, cert):
        # Another certificate: the wrong passwords counted against the one it replaces go with it.
        self.wrong_passwords, self.wrong_since, self.locked_until = 0, None, None
        self.key_blob = blob
        self.subject = _name(cert.subject)[:500]
        self.issuer = _name(cert.issuer)[:500]
        self.serial = format(cert.serial_number, "X")[:100]
        self.not_before = cert.not_valid_before_utc
        self.not_after = cert.not_valid_after_utc


def save_credential(actor, unit, certificate=None, signature=None, seal=None):
    """Store what was uploaded (each part optional once the unit has a credential) and audit it.
    `certificate` is read_pkcs12's (blob, cert); the images are clean_png's bytes."""
    from unionplans.audit.models import AuditEntry, record, snapshot

    with transaction.atomic():
        credential = SigningCredential.objects.select_for_update().filter(unit=unit).first()
        before = snapshot(credential)
        credential = credential or SigningCredential(unit=unit)
        if credential.pk is None and not (certificate and signature and seal):
            raise CredentialError("Lần đầu cần gửi đủ tệp chứng thư số, ảnh chữ ký và ảnh con dấu.")
        if certificate:
            credential.set_certificate(*certificate)
        if signature:
            credential.signature_png = signature
        if seal:
            credential.seal_png = seal
        credential.uploaded_by = actor
        credential.save()
        record(actor, credential, AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE, before, snapshot(credential))
    return credential
