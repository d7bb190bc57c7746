"""Guessing the certificate's password at issue is bounded: after SIGNING_PASSWORD_ATTEMPTS wrong
ones within the window, issuing with the unit's certificate is refused, even with the right
password, until the time the message names; the plan stays approved, the lockout is audited, and
the count starts again once the window has passed."""
import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from members.models import Role
from members.signing.credential import SigningCredential, clean_png, read_pkcs12, save_credential
from plans.models import AnnualPlan
from tests.factories import ActivityFactory, FederationFactory, PlanFactory, RoleFactory, UnitFactory
from tests.signing_ca import PASSWORD, png
from unionplans.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
WRONG = "mat-khau-doan-thu"


@pytest.fixture
def approved(ca, settings, client):
    settings.SIGNING_PASSWORD_ATTEMPTS, settings.SIGNING_PASSWORD_WINDOW_SECONDS = 3, 900
    unit = UnitFactory(superior=FederationFactory())
    chair = RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user
    save_credential(chair, unit, read_pkcs12(ca.pkcs12(), PASSWORD), clean_png(png(), "chữ ký"), clean_png(png(), "con dấu"))
    plan = PlanFactory(unit=unit, status=AnnualPlan.Status.APPROVED)
    ActivityFactory(plan=plan)
    client.force_login(chair)
    return plan


def _issue(client, plan, password):
    return client.post(reverse("plan_issue", args=[plan.pk]), {"signing_password": password}, follow=True).content.decode()


def _lockouts():
    credential_type = ContentType.objects.get_for_model(SigningCredential)
    return AuditEntry.objects.filter(action=AuditEntry.Action.SIGNING_LOCKED, content_type=credential_type)


def test_wrong_passwords_lock_signing_until_the_time_said_even_with_the_right_one(client, approved):
    plan = approved
    assert "Còn 2 lần nhập sai nữa thì việc ký bằng chứng thư số này tạm khóa 15 phút." in _issue(client, plan, WRONG)
    assert "Còn 1 lần nhập sai nữa" in _issue(client, plan, WRONG)
    page = _issue(client, plan, WRONG)
    until = timezone.localtime(SigningCredential.for_unit(plan.unit_id).locked_until)
    said = f"Đã nhập sai mật khẩu chứng thư số 3 lần: việc ký bằng chứng thư số của đơn vị tạm khóa đến {until:%H:%M} ngày {until:%d/%m/%Y}."
    assert said in page
    assert datetime.timedelta(minutes=14) < until - timezone.now() <= datetime.timedelta(minutes=15)
    assert said in _issue(client, plan, PASSWORD)  # locked: not even the right password is tried

    plan.refresh_from_db()
    assert (plan.status, plan.number, bytes(plan.snapshot_pdf)) == (AnnualPlan.Status.APPROVED, None, b"")
    assert 'name="signing_password"' in client.get(reverse("plan_status", args=[plan.pk])).content.decode()
    entry = _lockouts().get()
    assert entry.unit_id == plan.unit_id and entry.after["wrong_passwords"] == 3

    SigningCredential.objects.filter(unit_id=plan.unit_id).update(locked_until=timezone.now() - datetime.timedelta(seconds=1))
    _issue(client, plan, PASSWORD)
    plan.refresh_from_db()
    assert plan.status == AnnualPlan.Status.ISSUED and b"/ByteRange" in bytes(plan.snapshot_pdf)


def test_wrong_passwords_spread_past_the_window_do_not_lock(client, approved):
    plan = approved
    _issue(client, plan, WRONG)
    _issue(client, plan, WRONG)
    SigningCredential.objects.filter(unit_id=plan.unit_id).update(wrong_since=timezone.now() - datetime.timedelta(minutes=16))
    assert "Còn 2 lần nhập sai nữa" in _issue(client, plan, WRONG)  # a new window: this one is its first
    assert not _lockouts().exists()


def test_the_right_password_clears_the_count(client, approved):
    plan = approved
    _issue(client, plan, WRONG)
    _issue(client, plan, WRONG)
    _issue(client, plan, PASSWORD)
    credential = SigningCredential.for_unit(plan.unit_id)
    assert (credential.wrong_passwords, credential.locked_until) == (0, None)
    plan.refresh_from_db()
    assert plan.status == AnnualPlan.Status.ISSUED
