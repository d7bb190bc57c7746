"""Every plan page leads to the plan's status and, for those who may read it, its history."""
import datetime

import pytest
from django.urls import reverse

from members.models import Role
from plans.models import AnnualPlan
from tests.factories import PlanFactory, RoleFactory

pytestmark = pytest.mark.django_db


def test_home_row_links_status_and_history_for_the_chair_only(client):
    plan = PlanFactory(status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(2024, 9, 5))
    history = reverse("plan_history", args=[plan.pk])
    client.force_login(RoleFactory(unit=plan.unit, kind=Role.Kind.CHAIR).user)
    page = client.get(reverse("home")).content.decode()
    assert reverse("plan_status", args=[plan.pk]) in page and history in page
    client.force_login(RoleFactory(unit=plan.unit, kind=Role.Kind.MEMBER).user)
    page = client.get(reverse("home")).content.decode()
    assert reverse("plan_status", args=[plan.pk]) in page and history not in page


def test_editor_header_links_status_and_history(client):
    plan = PlanFactory()
    client.force_login(RoleFactory(unit=plan.unit, kind=Role.Kind.CHAIR).user)
    page = client.get(reverse("plan_editor", args=[plan.pk])).content.decode()
    assert reverse("plan_status", args=[plan.pk]) in page
    assert f'href="{reverse("plan_history", args=[plan.pk])}">Lịch sử thay đổi' in page


def test_preview_links_status_but_hides_history_from_a_plain_member(client):
    plan = PlanFactory(status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(2024, 9, 5))
    client.force_login(RoleFactory(unit=plan.unit, kind=Role.Kind.MEMBER).user)
    page = client.get(reverse("plan_preview", args=[plan.pk])).content.decode()
    assert reverse("plan_status", args=[plan.pk]) in page and reverse("plan_history", args=[plan.pk]) not in page
