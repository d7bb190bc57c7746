import datetime

import pytest
from django.urls import reverse

from members.models import Role
from plans.models import AnnualPlan, Target
from tests.factories import PlanFactory, RoleFactory, TargetFactory, UnitFactory
from unionplans.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return PlanFactory(status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(2024, 9, 15))


@pytest.fixture
def targets(plan):
    return {
        "share": TargetFactory(plan=plan, text="Trên 85% đạt lao động tiên tiến", measure="percent", value=85),
        "count": TargetFactory(plan=plan, text="Giới thiệu 02 đoàn viên ưu tú cho Đảng", measure="count", value=2),
        "title": TargetFactory(plan=plan, text="Công đoàn vững mạnh xuất sắc", measure=Target.Measure.QUALITATIVE, value=None),
    }


def _form(targets, share, count, title):
    return {f"target-{targets['share'].pk}-result": share, f"target-{targets['count'].pk}-result": count,
            f"target-{targets['title'].pk}-result": title}


def test_chair_records_results_and_sees_met_and_missed(client, plan, targets):
    chair = RoleFactory(unit=plan.unit, kind=Role.Kind.CHAIR).user
    client.force_login(chair)
    response = client.post(reverse("targets_review", args=[plan.pk]), _form(targets, "90", "1", "yes"))
    assert response.status_code == 302
    page = client.get(reverse("targets_review", args=[plan.pk])).content.decode()
    assert "Đạt: 2" in page and "Chưa đạt: 1" in page and "Chưa có kết quả: 0" in page
    targets["share"].refresh_from_db()
    targets["title"].refresh_from_db()
    assert targets["share"].result_value == 90 and targets["title"].result_met is True
    assert AuditEntry.objects.filter(object_id=str(targets["count"].pk), actor=chair).exists()


def test_percent_over_100_is_refused_and_typed_values_kept(client, plan, targets):
    client.force_login(RoleFactory(unit=plan.unit, kind=Role.Kind.CHAIR).user)
    response = client.post(reverse("targets_review", args=[plan.pk]), _form(targets, "120", "3", "no"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tỷ lệ không được vượt quá 100%." in page and 'value="120"' in page
    targets["count"].refresh_from_db()
    assert targets["count"].result_value is None


def test_bch_member_sees_but_cannot_record(client, plan, targets):
    client.force_login(RoleFactory(unit=plan.unit, kind=Role.Kind.EXECUTIVE).user)
    assert "Chưa có kết quả: 3" in client.get(reverse("targets_review", args=[plan.pk])).content.decode()
    assert client.post(reverse("targets_review", args=[plan.pk]), _form(targets, "90", "2", "yes")).status_code == 403


def test_outsider_gets_404_and_anonymous_goes_to_login(client, plan):
    assert client.get(reverse("targets_review", args=[plan.pk]))["Location"].startswith(reverse("login"))
    client.force_login(RoleFactory(unit=UnitFactory(), kind=Role.Kind.CHAIR).user)
    assert client.get(reverse("targets_review", args=[plan.pk])).status_code == 404
