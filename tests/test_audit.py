"""Audit and security: every change leaves who/when/before/after; guessing passwords gets locked
out; staff reset passwords below them; production settings pass `check --deploy`."""
import datetime
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from members.models import Position, Role, Unit
from plans.models import AnnualPlan
from plans.workflow import services as workflow
from tests.factories import (
    FederationFactory,
    MemberFactory,
    PlanFactory,
    SectionFactory,
    TargetFactory,
    UnionFactory,
    UnitFactory,
    UserFactory,
    person,
)
from unionplans.audit.models import AuditEntry, record, snapshot

pytestmark = pytest.mark.django_db
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def admin_user():
    return get_user_model().objects.create_superuser("quantri", "qt@example.invalid", None)


def test_a_workflow_step_records_actor_before_and_after():
    plan = PlanFactory()
    chair = person(plan.unit)
    workflow.submit(chair, plan)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SUBMIT)
    assert (entry.actor, entry.plan, entry.unit_id) == (chair, plan, plan.unit_id)
    assert (entry.before["status"], entry.after["status"]) == ("draft", "submitted")
    assert ("trạng thái", "draft", "submitted") in entry.changes()


def test_record_keeps_a_deleted_objects_last_state():
    target = TargetFactory(text="Giới thiệu 2 đoàn viên ưu tú cho Đảng.")
    before = snapshot(target)
    record(None, target, AuditEntry.Action.DELETE, before, None)
    plan = target.plan
    target.delete()
    entry = plan.audit_entries.get()
    assert entry.before["text"] == "Giới thiệu 2 đoàn viên ưu tú cho Đảng."
    assert entry.after is None


def test_admin_changes_are_recorded(client, admin_user):
    target = TargetFactory(text="Cũ", value=90)
    client.force_login(admin_user)
    url = reverse("admin:plans_target_change", args=[target.pk])
    response = client.post(url, {
        "plan": target.plan_id, "order": target.order, "group": "", "text": "Mới", "measure": "percent",
        "value": "95", "result_value": "", "result_met": "unknown",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert (entry.actor, entry.before["text"], entry.after["text"]) == (admin_user, "Cũ", "Mới")
    assert (entry.before["value"], entry.after["value"]) == (90, 95)
    unit = UnitFactory()
    role_user = UserFactory(password=None)
    client.post(reverse("admin:members_role_add"), {"user": role_user.pk, "unit": unit.pk, "kind": "executive"})
    role = Role.objects.get(user=role_user)
    assert AuditEntry.objects.get(action=AuditEntry.Action.CREATE, object_id=str(role.pk)).unit_id == unit.pk
    client.post(reverse("admin:members_role_delete", args=[role.pk]), {"post": "yes"})
    assert not Role.objects.filter(pk=role.pk).exists()
    assert AuditEntry.objects.get(action=AuditEntry.Action.DELETE).before["kind"] == "executive"


def test_history_page_lists_changes_in_vietnamese_for_the_chair_only(client):
    plan = PlanFactory(title="Kế hoạch có lịch sử")
    chair = person(plan.unit)
    workflow.submit(chair, plan)
    url = reverse("plan_history", args=[plan.pk])
    client.force_login(chair)
    page = client.get(url).content.decode()
    assert "Gửi cấp trên" in page and "trạng thái" in page and "Kế hoạch có lịch sử" in page
    plan.status = AnnualPlan.Status.ISSUED
    plan.save()
    member = person(plan.unit, Role.Kind.MEMBER)
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(person())
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("login"))


@pytest.fixture
def federation_tree():
    union = UnionFactory()
    staff = person(union.superior, Role.Kind.STAFF)
    chair = person(union, password="mat-khau-cu-2024")
    return union.superior, union, staff, chair


def test_staff_reset_a_password_below_them(client, federation_tree):
    _, _, staff, chair = federation_tree
    client.force_login(staff)
    url = reverse("reset_password", args=[chair.pk])
    assert "Đặt lại mật khẩu" in client.get(url).content.decode()
    response = client.post(url, {"new_password1": "ngay-moi-2025-hoa", "new_password2": "ngay-moi-2025-khac"})
    assert response.status_code == 200
    assert "Hai trường mật khẩu không giống nhau." in response.content.decode()
    response = client.post(url, {"new_password1": "ngay-moi-2025-hoa", "new_password2": "ngay-moi-2025-hoa"})
    assert response.status_code == 302
    chair.refresh_from_db()
    assert chair.check_password("ngay-moi-2025-hoa")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PASSWORD_RESET, actor=staff, object_id=str(chair.pk)).exists()


def test_password_reset_refused_outside_and_to_the_wrong_role(client, federation_tree):
    _, union, staff, chair = federation_tree
    executive = person(union, Role.Kind.EXECUTIVE)
    client.force_login(chair)
    assert client.post(reverse("reset_password", args=[executive.pk]), {}).status_code == 403
    client.force_login(person(FederationFactory(), Role.Kind.STAFF))
    assert client.get(reverse("reset_password", args=[chair.pk])).status_code == 404
    client.force_login(executive)
    assert client.get(reverse("reset_password", args=[staff.pk])).status_code == 404
    chair.refresh_from_db()
    assert chair.check_password("mat-khau-cu-2024")


def test_password_guessing_is_locked_out(client, federation_tree):
    chair = federation_tree[3]
    login = reverse("login")
    for _ in range(4):
        assert client.post(login, {"username": chair.username, "password": "doan-sai"}).status_code == 200
    assert client.post(login, {"username": chair.username, "password": "doan-sai"}).status_code == 429
    response = client.post(login, {"username": chair.username, "password": "mat-khau-cu-2024"})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_good_login_still_works_and_pages_carry_the_security_headers(client, federation_tree):
    chair = federation_tree[3]
    response = client.post(reverse("login"), {"username": chair.username, "password": "mat-khau-cu-2024"})
    assert response.status_code == 302
    page = client.get(reverse("home"))
    assert "script-src 'self'" in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"


def test_production_settings_pass_check_deploy():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(SECRET_KEY="k" * 30 + "Zq9-Xw_3vB!rT7@pL2&nM5#cH8$", ALLOWED_HOSTS="ke-hoach.ldld.vn")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _entry(model_obj, action):
    return AuditEntry.objects.get(object_id=str(model_obj.pk), action=action, content_type__model=model_obj._meta.model_name)


def test_editing_a_paragraph_records_before_and_after(client):
    plan = PlanFactory()
    chair = person(plan.unit)
    section = SectionFactory(plan=plan, title="TÌNH HÌNH CHUNG", paragraphs=["Đoạn cũ", "Đoạn khác"])
    client.force_login(chair)
    response = client.post(reverse("plan_editor_paragraph", args=[plan.pk, section.pk, 0]), {
        f"b-p{section.pk}-0-text": "Đoạn mới", "version": section.version,
    })
    assert response.status_code == 302
    entry = _entry(section, AuditEntry.Action.UPDATE)
    assert (entry.actor, entry.plan) == (chair, plan)
    assert (entry.before["paragraphs"], entry.after["paragraphs"]) == (["Đoạn cũ", "Đoạn khác"], ["Đoạn mới", "Đoạn khác"])
    assert "Đoạn mới" in client.get(reverse("plan_history", args=[plan.pk])).content.decode()


def test_adding_and_deleting_a_target_records_it(client):
    plan = PlanFactory()
    chair = person(plan.unit)
    client.force_login(chair)
    client.post(reverse("plan_editor_target_add", args=[plan.pk]), {
        "new-target-group": "", "new-target-text": "100% ĐVCĐ tham gia hiến máu.", "new-target-measure": "percent",
        "new-target-value": "100", "version": plan.version,
    })
    target = plan.targets.get()
    created = _entry(target, AuditEntry.Action.CREATE)
    assert (created.actor, created.plan, created.before) == (chair, plan, None)
    assert created.after["text"] == "100% ĐVCĐ tham gia hiến máu."
    plan.refresh_from_db()
    client.post(reverse("plan_editor_target_action", args=[plan.pk, target.pk, "delete"]), {"version": plan.version})
    deleted = _entry(target, AuditEntry.Action.DELETE)
    assert (deleted.before["text"], deleted.after) == ("100% ĐVCĐ tham gia hiến máu.", None)


def test_moving_a_member_records_both_records_and_the_ended_post(client):
    province = FederationFactory(kind=Unit.Kind.PROVINCE)
    here, there = UnitFactory(), UnitFactory(name="CĐCS Trường THCS Lộc Bình")
    for unit in (here, there):
        unit.move_under(province, datetime.date(2020, 1, 1))
    chair = person(here)
    member = MemberFactory(unit=here, card_number="555")
    post = Position.objects.create(member=member, unit=here, kind=Position.Kind.EXECUTIVE, term="2023-2028",
                                   since=datetime.date(2023, 6, 1))
    client.force_login(chair)
    client.post(reverse("members:member_transfer", args=[member.pk]), {"date": "2025-07-01", "destination": there.pk})
    moved = _entry(member, AuditEntry.Action.UPDATE)
    assert (moved.actor, moved.unit_id) == (chair, here.pk)
    assert (moved.before["status"], moved.after["status"]) == ("active", "transferred")
    assert (moved.before["card_number"], moved.after["card_number"]) == ("555", None)
    member.refresh_from_db()
    arrived = _entry(member.transferred_to, AuditEntry.Action.CREATE)
    assert (arrived.unit_id, arrived.after["card_number"]) == (there.pk, "555")
    ended = _entry(post, AuditEntry.Action.UPDATE)
    assert (ended.before["until"], ended.after["until"]) == (None, "2025-07-01")


def test_moving_a_unit_records_its_old_and_new_superior(client):
    province = FederationFactory(kind=Unit.Kind.PROVINCE)
    old, new = FederationFactory(), FederationFactory()
    for federation in (old, new):
        federation.move_under(province, datetime.date(2020, 1, 1))
    school = UnitFactory()
    school.move_under(old, datetime.date(2020, 1, 1))
    staff = person(province, Role.Kind.STAFF)
    client.force_login(staff)
    response = client.post(reverse("members:unit_move", args=[school.pk]), {"superior": new.pk, "since": "2025-07-01"})
    assert response.status_code == 302
    entry = _entry(school, AuditEntry.Action.UPDATE)
    assert (entry.actor, entry.unit_id) == (staff, school.pk)
    assert (entry.before["superior"], entry.after["superior"]) == (old.pk, new.pk)


def test_member_edit_position_and_new_plan_are_recorded(client):
    unit = UnitFactory()
    chair = person(unit)
    member = MemberFactory(unit=unit)
    client.force_login(chair)
    response = client.post(reverse("members:position_create", args=[unit.pk]), {
        "member": member.pk, "kind": Position.Kind.EXECUTIVE, "term": "2023-2028", "since": "2023-06-01",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _entry(Position.objects.get(member=member), AuditEntry.Action.CREATE).actor == chair
    client.post(reverse("plan_new_skeleton", args=[unit.pk]), {"skeleton-period_kind": "school_year", "skeleton-year": "2026"})
    plan = AnnualPlan.objects.get(unit=unit)
    assert _entry(plan, AuditEntry.Action.CREATE).actor == chair
