"""With SIGNING_TSA_URL set, issuing signs PAdES B-T: the signature carries a time stamp from the
server, fetched over HTTP (a real server on a local port, time-stamping with the test CA)."""
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from asn1crypto import keys, tsp, x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from members.models import Role
from members.signing.credential import clean_png, read_pkcs12, save_credential
from plans.documents.pdf.pades import verify_pdf
from plans.models import AnnualPlan
from plans.workflow import services as workflow
from tests.factories import ActivityFactory, FederationFactory, PlanFactory, RoleFactory, UnitFactory
from tests.signing_ca import PASSWORD, SigningCA, png

pytestmark = pytest.mark.django_db


@pytest.fixture
def tsa_url(settings):
    ca = SigningCA.make()
    key, cert = ca.tsa()
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
    )

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SIGNING_TSA_URL = f"http://127.0.0.1:{server.server_address[1]}/tsa"
    yield ca
    server.shutdown()
    server.server_close()


def test_issuing_with_a_time_stamp_server_gives_a_timestamped_signature(tsa_url, tmp_path, settings):
    ca = tsa_url
    path = tmp_path / "root.pem"
    path.write_bytes(ca.root_pem())
    settings.SIGNING_TRUST_ROOTS = [str(path)]
    unit = UnitFactory(superior=FederationFactory())
    chair = RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user
    save_credential(chair, unit, read_pkcs12(ca.pkcs12(), PASSWORD), clean_png(png(), "chữ ký"), clean_png(png(), "con dấu"))
    plan = PlanFactory(unit=unit, status=AnnualPlan.Status.APPROVED)
    ActivityFactory(plan=plan)
    issued = workflow.issue(chair, plan, signing_password=PASSWORD)
    (signature,) = verify_pdf(bytes(issued.snapshot_pdf)).signatures
    assert signature.timestamped and signature.intact and signature.trusted
    assert "có dấu thời gian" in dict((label, value) for label, value, _ in signature.rows())["Thời điểm ký"]
