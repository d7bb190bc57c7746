"""PAdES signatures of issued documents (ETSI EN 319 142 baseline: B-B, or B-T with a time-stamp
server) made with pyHanko, and their verification for the verify page and `verify_pdf`.

A verification never raises on a bad file: whatever a PDF holds (a changed byte, a broken table of
objects, no signature at all), the answer is a Verification the page and the command print.
"""
import io
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import load_certs_from_pemder
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from plans.documents.pdf.render import render_pdf

logger = logging.getLogger(__name__)
FIELD_NAME = "ChuKySoDonVi"


class SigningError(Exception):
    """A document that could not be signed; the message is shown to the chair as it is."""


def sign_pdf(pdf, credential, password, reason="Ban hành văn bản"):
    """`pdf` signed with the unit's credential, opened with the certificate's `password` given by
    the signer now: one incremental revision covering the whole file."""
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(credential.pkcs12(password), other_certs=None,
                                                       passphrase=password.encode())
    except ValueError as exc:
        raise SigningError(f"Không dùng được chứng thư số của đơn vị: {exc}") from exc
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256", reason=reason,
    )
    timestamper = HTTPTimeStamper(settings.SIGNING_TSA_URL) if settings.SIGNING_TSA_URL else None
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = io.BytesIO()
    try:
        signers.sign_pdf(writer, meta, signer=signer, timestamper=timestamper, output=out)
    except Exception as exc:  # the time-stamp server's network and HTTP errors come in many classes
        raise SigningError(f"Không ký số được văn bản: {exc}") from exc
    return out.getvalue()


def signed_pdf(data, revision, credential, password):
    """The issued document printed with the unit's signature and seal in its page, then signed.
    The password is tried before the page is printed, so a wrong one costs no render."""
    if not credential.is_current:
        raise SigningError(
            "Chứng thư số của đơn vị đã hết hạn hoặc chưa có hiệu lực: hãy tải lên chứng thư số mới trước khi ban hành."
        )
    credential.pkcs12(password)
    return sign_pdf(render_pdf(data, revision, credential.images()), credential, password)


@dataclass
class SignatureReport:
    signer: str = ""
    signed_at: object = None
    timestamped: bool = False
    intact: bool = False
    trusted: bool = False
    whole_file: bool = False
    problem: str = ""

    def rows(self):
        """(label, value, good) lines, as both the page and `verify_pdf` print them."""
        if self.problem:
            return [("Tình trạng", self.problem, False)]
        when = f"{self.signed_at:%d/%m/%Y %H:%M:%S} (giờ Việt Nam)" if self.signed_at else "không ghi"
        return [
            ("Người ký", self.signer, True),
            ("Thời điểm ký", when + (", có dấu thời gian" if self.timestamped else ""), True),
            ("Toàn vẹn", "Còn nguyên vẹn" if self.intact else "Bị sửa đổi sau khi ký", self.intact),
            ("Chứng thư số", "Được tin cậy (dẫn tới chứng thư gốc đã cấu hình)" if self.trusted
             else "Không dẫn tới chứng thư gốc tin cậy nào đã cấu hình", self.trusted),
            ("Phạm vi", "Chữ ký bao trùm toàn bộ tệp" if self.whole_file
             else "Tệp có phần được thêm vào sau chữ ký", self.whole_file),
        ]


@dataclass
class Verification:
    signatures: list = field(default_factory=list)
    problem: str = ""

    @property
    def all_good(self):
        return bool(self.signatures) and all(s.intact and s.trusted and s.whole_file for s in self.signatures)


def trust_roots():
    """The configured roots; a file that cannot be read is logged and left out (so nothing is trusted by it)."""
    roots = []
    for path in settings.SIGNING_TRUST_ROOTS:
        try:
            roots.extend(load_certs_from_pemder([path]))
        except (OSError, ValueError):
            logger.warning("SIGNING_TRUST_ROOTS: cannot read %s", path)
    return roots


def _common_name(cert):
    subject = cert.subject.native
    return subject.get("common_name") or cert.subject.human_friendly


def _report(embedded, roots):
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    status = validate_pdf_signature(embedded, context)
    timestamp = status.timestamp_validity.timestamp if status.timestamp_validity else None
    moment = timestamp or status.signer_reported_dt
    return SignatureReport(
        signer=_common_name(status.signing_cert),
        signed_at=timezone.localtime(moment) if moment else None,
        timestamped=timestamp is not None,
        intact=bool(status.intact and status.valid),
        # The chain alone: an altered file is reported as altered, not as signed by an unknown issuer.
        trusted=status.trust_problem_indic is None and status.validation_path is not None,
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
    )


def verify_pdf(data):
    if not data.startswith(b"%PDF-"):
        return Verification(problem="Tệp không phải là PDF.")
    roots = trust_roots()
    try:
        embedded = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception:  # a parser of untrusted bytes: any failure means the file is damaged
        return Verification(problem="Không đọc được tệp PDF: tệp hỏng hoặc đã bị sửa đổi.")
    if not embedded:
        return Verification(problem="Tệp PDF này không có chữ ký số.")
    reports = []
    for signature in embedded:
        try:
            reports.append(_report(signature, roots))
        except Exception:  # same: a damaged signature is reported as such, never as a crash
            logger.info("unreadable signature", exc_info=True)
            reports.append(SignatureReport(problem="Không đọc được chữ ký: tệp đã bị sửa đổi hoặc chữ ký hỏng."))
    return Verification(signatures=reports)
