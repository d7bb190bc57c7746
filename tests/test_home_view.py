"""The landing page: a user's own units and their plans, nothing of anyone else's."""
import pytest
from django.urls import reverse

from members.models import Role
from tests.factories import PlanFactory, RoleFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_chair_sees_own_plans_and_not_an_outsiders(client):
    own = PlanFactory(title="Hoạt động công đoàn năm học 2024-2025 của chúng tôi")
    PlanFactory(title="Kế hoạch của trường bên cạnh")
    chair = RoleFactory(unit=own.unit, kind=Role.Kind.CHAIR).user
    client.force_login(chair)
    page = client.get(reverse("home")).content.decode()
    assert own.unit.name in page
    assert "của chúng tôi" in page
    assert "trường bên cạnh" not in page


def test_outsider_without_role_sees_no_unit(client):
    PlanFactory(title="Kế hoạch bí mật")
    outsider = RoleFactory(unit=UnitFactory(), kind=Role.Kind.MEMBER).user
    client.force_login(outsider)
    page = client.get(reverse("home")).content.decode()
    assert "Kế hoạch bí mật" not in page
    assert "Đơn vị chưa có kế hoạch nào." in page


def test_login_page_is_vietnamese(client):
    page = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in page
    assert 'lang="vi"' in page
