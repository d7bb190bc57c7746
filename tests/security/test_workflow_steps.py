"""Items 4 and 9 of issue 18: a step pressed twice (or on a page older than the plan's state) says
where the plan is now instead of 403; issuing a plan too big to print says why instead of a 500."""
import pytest
from django.urls import reverse

from members.models import Role
from plans.models import AnnualPlan, MonthlyActivity
from tests.factories import FederationFactory, PlanFactory, RoleFactory, UnitFactory

pytestmark = pytest.mark.django_db
Status = AnnualPlan.Status


@pytest.fixture
def chair_client(client):
    unit = UnitFactory(superior=FederationFactory())
    client.force_login(RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user)
    client.unit = unit
    return client


def test_a_submission_pressed_twice_says_the_plan_is_already_submitted(chair_client):
    plan = PlanFactory(unit=chair_client.unit)
    url = reverse("plan_submit", args=[plan.pk])
    chair_client.post(url, {"version": plan.version})
    again = chair_client.post(url, {"version": plan.version}, follow=True)
    assert again.status_code == 200
    assert "đang ở trạng thái “Đã gửi cấp trên”, không thể làm bước này nữa" in again.content.decode()
    plan.refresh_from_db()
    assert (plan.status, plan.version) == (Status.SUBMITTED, 2)


def test_a_step_on_a_stale_page_is_refused_and_names_the_state(chair_client):
    plan = PlanFactory(unit=chair_client.unit, status=Status.RETURNED)
    stale = plan.version
    AnnualPlan.objects.filter(pk=plan.pk).update(version=stale + 1)  # someone saved meanwhile
    page = chair_client.post(reverse("plan_submit", args=[plan.pk]), {"version": stale}, follow=True).content.decode()
    assert "hiện ở trạng thái “Trả lại để sửa”" in page
    plan.refresh_from_db()
    assert plan.status == Status.RETURNED


def test_issuing_a_plan_too_big_to_print_gives_the_reason(chair_client):
    plan = PlanFactory(unit=chair_client.unit, status=Status.APPROVED)
    MonthlyActivity.objects.bulk_create(
        MonthlyActivity(plan=plan, month_index=i % 12, order=i, content=f"Hoạt động số {i}") for i in range(1008)
    )
    response = chair_client.post(reverse("plan_issue", args=[plan.pk]), {"version": plan.version}, follow=True)
    assert response.status_code == 200
    assert "vượt quá 1.000 dòng có thể in" in response.content.decode()
    plan.refresh_from_db()
    assert (plan.status, plan.number) == (Status.APPROVED, None)
