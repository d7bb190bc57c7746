"""The month page's world: an issued plan of the school year 2024-2025, today in November 2024, and
its BCH member logged in."""
import datetime

import pytest

from members.models import Role
from plans.models import AnnualPlan
from plans.months import services as months
from tests.factories import PlanFactory, RoleFactory

NOVEMBER = datetime.date(2024, 11, 20)  # month_index 3 of the school year 2024-2025


@pytest.fixture(autouse=True)
def november(monkeypatch):
    monkeypatch.setattr(months, "today", lambda: NOVEMBER)


@pytest.fixture
def plan():
    return PlanFactory(status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(2024, 9, 15))


@pytest.fixture
def bch(client, plan):
    role = RoleFactory(unit=plan.unit, kind=Role.Kind.EXECUTIVE)
    client.force_login(role.user)
    return role.user
