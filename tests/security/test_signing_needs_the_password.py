"""Item 2 of issue 18: only the holder of the certificate's password signs. Federation staff who
reset the chair's password and log in as the chair cannot issue a signed document."""
import pytest
from django.urls import reverse

from members.models import Role
from members.signing.credential import SigningCredential, clean_png, read_pkcs12, save_credential
from plans.models import AnnualPlan
from tests.factories import ActivityFactory, FederationFactory, PlanFactory, RoleFactory, UnitFactory, UserFactory
from tests.signing_ca import PASSWORD, png

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Mat-khau-moi-cua-can-bo-2026"


@pytest.fixture
def world(ca):
    federation = FederationFactory()
    unit = UnitFactory(superior=federation)
    chair = RoleFactory(unit=unit, kind=Role.Kind.CHAIR, user=UserFactory(username="chutich.thu")).user
    staff = RoleFactory(unit=federation, kind=Role.Kind.STAFF).user
    save_credential(chair, unit, read_pkcs12(ca.pkcs12(), PASSWORD), clean_png(png(), "chữ ký"), clean_png(png(), "con dấu"))
    plan = PlanFactory(unit=unit)
    ActivityFactory(plan=plan)
    return plan, chair, staff


def _as(client, user):
    client.logout()
    user.refresh_from_db()  # the reset changed the chair's password, and the session follows it
    client.force_login(user)


def test_reset_then_issue_gives_no_signed_pdf(client, world):
    plan, chair, staff = world
    _as(client, staff)
    client.post(reverse("reset_password", args=[chair.pk]), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()
    assert client.post(reverse("login"), {"username": "chutich.thu", "password": NEW_PASSWORD}).status_code == 302
    client.post(reverse("plan_submit", args=[plan.pk]))
    _as(client, staff)
    client.post(reverse("plan_approve", args=[plan.pk]))
    _as(client, chair)
    for guess in ("", NEW_PASSWORD, "mat-khau-chung-thu-sai"):
        page = client.post(reverse("plan_issue", args=[plan.pk]), {"signing_password": guess}, follow=True).content.decode()
        assert "chưa được ký và chưa ban hành" in page or "Hãy nhập mật khẩu của chứng thư số" in page
    plan.refresh_from_db()
    assert (plan.status, plan.number, bytes(plan.snapshot_pdf)) == (AnnualPlan.Status.APPROVED, None, b"")
    assert 'name="signing_password"' in client.get(reverse("plan_status", args=[plan.pk])).content.decode()


def test_the_stored_key_does_not_open_without_the_certificate_password(world):
    plan, _chair, _staff = world
    credential = SigningCredential.for_unit(plan.unit_id)
    with pytest.raises(ValueError):
        from cryptography.hazmat.primitives.serialization import pkcs12

        from members.signing.credential import _fernet

        pkcs12.load_key_and_certificates(_fernet().decrypt(bytes(credential.key_blob)), None)
    assert credential.pkcs12(PASSWORD)


def test_the_holder_of_the_password_issues_a_signed_pdf(client, world):
    plan, chair, _staff = world
    AnnualPlan.objects.filter(pk=plan.pk).update(status=AnnualPlan.Status.APPROVED)
    _as(client, chair)
    client.post(reverse("plan_issue", args=[plan.pk]), {"signing_password": PASSWORD})
    plan.refresh_from_db()
    assert plan.status == AnnualPlan.Status.ISSUED and b"/ByteRange" in bytes(plan.snapshot_pdf)
