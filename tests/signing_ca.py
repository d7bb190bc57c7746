"""A test certificate authority made on the spot with `cryptography`: a root, a signer certificate
for documents (digitalSignature, nonRepudiation), its PKCS#12, and transparent PNG images."""
import datetime
import io
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from PIL import Image, ImageDraw

PASSWORD = "mat-khau-chung-thu"
SIGNER_CN = "Nguyễn Thị Hoa"


def _name(cn):
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Công đoàn Thử nghiệm"),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ])


def _certificate(subject, issuer, public_key, signing_key, *, ca, start, days, usage):
    builder = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
        .serial_number(x509.random_serial_number()).not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    return builder.sign(signing_key, hashes.SHA256())


def _usage(**on):
    names = ["digital_signature", "content_commitment", "key_encipherment", "data_encipherment", "key_agreement",
             "key_cert_sign", "crl_sign"]
    return x509.KeyUsage(**{n: on.get(n, False) for n in names}, encipher_only=False, decipher_only=False)


@dataclass
class SigningCA:
    root: x509.Certificate
    root_key: object

    @classmethod
    def make(cls):
        key = ec.generate_private_key(ec.SECP256R1())
        start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
        root = _certificate(_name("Gốc thử nghiệm unionplans"), _name("Gốc thử nghiệm unionplans"), key.public_key(), key,
                            ca=True, start=start, days=3650, usage=_usage(key_cert_sign=True, crl_sign=True))
        return cls(root, key)

    def root_pem(self):
        return self.root.public_bytes(serialization.Encoding.PEM)

    def signer(self, *, cn=SIGNER_CN, start_days_ago=1, days=365, usage=None):
        key = ec.generate_private_key(ec.SECP256R1())
        start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=start_days_ago)
        cert = _certificate(_name(cn), self.root.subject, key.public_key(), self.root_key, ca=False, start=start, days=days,
                            usage=usage or _usage(digital_signature=True, content_commitment=True))
        return key, cert

    def tsa(self):
        """A time-stamping authority's RSA key (pyHanko's test stamper signs with RSA only) and certificate."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
        cert = (
            x509.CertificateBuilder().subject_name(_name("Máy chủ dấu thời gian thử nghiệm")).issuer_name(self.root.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number()).not_valid_before(start)
            .not_valid_after(start + datetime.timedelta(days=365))
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(self.root_key, hashes.SHA256())
        )
        return key, cert

    def pkcs12(self, password=PASSWORD, *, with_key=True, **signer):
        key, cert = self.signer(**signer)
        encryption = serialization.BestAvailableEncryption(password.encode())
        return pkcs12.serialize_key_and_certificates(b"signer", key if with_key else None, cert, [self.root], encryption)


def png(color=(20, 40, 200, 255), size=(300, 120), mode="RGBA", fmt="PNG", transparent=True):
    """A drawing on a transparent ground (or an opaque one), as uploaded files are."""
    image = Image.new(mode, size, (255, 255, 255, 0) if transparent else (255, 255, 255, 255))
    ImageDraw.Draw(image).ellipse([10, 10, size[0] - 10, size[1] - 10], outline=color, width=6)
    out = io.BytesIO()
    image.convert(mode).save(out, format=fmt)
    return out.getvalue()
