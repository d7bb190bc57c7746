"""A login's name reads the Vietnamese way, family name first, wherever a page prints it."""
import pytest
from django.urls import reverse

from members.models import Role
from plans.workflow import services as workflow
from tests.factories import PlanFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_navbar_and_history_print_family_name_first(client):
    plan = PlanFactory()
    user = UserFactory(password=None, last_name="Đỗ", first_name="Thị Thu Mai")
    chair = RoleFactory(unit=plan.unit, kind=Role.Kind.CHAIR, user=user).user
    workflow.submit(chair, plan)
    client.force_login(chair)
    for url in (reverse("home"), reverse("plan_history", args=[plan.pk])):
        page = client.get(url).content.decode()
        assert "Đỗ Thị Thu Mai" in page
        assert "Thị Thu Mai Đỗ" not in page


def test_a_login_without_a_name_shows_its_user_name(client):
    chair = RoleFactory(kind=Role.Kind.CHAIR, user=UserFactory(password=None, username="chutich.thu")).user
    client.force_login(chair)
    assert "chutich.thu" in client.get(reverse("home")).content.decode()
