import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from members import search
from members.models import Member, Role, Unit
from plans import scale
from plans.models import AnnualPlan, MonthlyActivity, Target

pytestmark = pytest.mark.django_db
SMALL = {"units": 3, "districts": 2, "members": 5, "rows": 2}


def _generate(**options):
    call_command("generate_scale", **{**SMALL, **options}, stdout=io.StringIO())


def test_builds_the_province_at_the_asked_size():
    _generate()
    province = Unit.objects.get(header_name=scale.PROVINCE_HEADER)
    federations = Unit.objects.filter(superior=province)
    assert federations.count() == 2
    grassroots = Unit.objects.filter(kind=Unit.Kind.GRASSROOTS, superior__in=federations)
    assert grassroots.count() == 3
    assert Member.objects.filter(unit__in=grassroots).count() == 15
    plans = AnnualPlan.objects.filter(unit__in=grassroots)
    assert plans.count() == 3
    assert MonthlyActivity.objects.filter(plan__in=plans).count() == 3 * 12 * 2
    assert Target.objects.filter(plan__in=plans).count() == 3 * 20
    assert all(u.affiliations.filter(until__isnull=True).count() == 1 for u in grassroots)


def test_plans_are_issued_with_number_and_date():
    _generate(year=2024)
    assert AnnualPlan.objects.count() == 3
    for plan in AnnualPlan.objects.all():
        assert (plan.status, plan.number, plan.date) == (AnnualPlan.Status.ISSUED, 1, datetime.date(2024, 9, 15))
        assert plan.year == 2024
        assert plan.issued_at is not None
        assert plan.snapshot == ""


def test_members_are_searchable_and_sorted_like_saved_ones():
    _generate()
    for member in Member.objects.all():
        assert member.search_name == search.fold(member.full_name)
        assert member.sort_key == search.sort_key(member.full_name)
    some = Member.objects.first()
    assert some in Member.objects.filter(search.matching(some.search_name.split()[-1]))


def test_same_seed_same_data_other_seed_other_data():
    def names(seed):
        with transaction.atomic():
            _generate(seed=seed)
            made = list(Member.objects.order_by("pk").values_list("full_name", flat=True))
            made += list(MonthlyActivity.objects.order_by("pk").values_list("content", flat=True))
            transaction.set_rollback(True)
        return made

    first = names(7)
    assert names(7) == first
    assert names(8) != first


def test_refuses_to_build_twice():
    _generate()
    with pytest.raises(CommandError, match="đã có"):
        _generate()
    assert Unit.objects.filter(header_name=scale.PROVINCE_HEADER).count() == 1


def test_logins_work_and_the_chair_reads_the_generated_plan(client):
    _generate()
    assert client.login(username="quymo.chutich", password=scale.DEMO_PASSWORD)
    chair = Role.objects.get(user__username="quymo.chutich")
    plan = AnnualPlan.objects.get(unit=chair.unit)
    row = plan.activities.order_by("month_index", "order").first()
    response = client.get(reverse("plan_preview", args=[plan.pk]))
    assert response.status_code == 200
    assert row.content in response.content.decode()
    assert Role.objects.filter(user__username="quymo.tinh", kind=Role.Kind.STAFF, unit__header_name=scale.PROVINCE_HEADER).exists()


def test_every_unit_is_rated_by_its_federations_table():
    from plans.rating.models import Rating, Score

    _generate(year=2024)
    ratings = Rating.objects.select_related("unit", "table")
    assert ratings.count() == 3 and Score.objects.count() == 3 * 12
    for rating in ratings:
        assert rating.table.federation_id == rating.unit.superior_id and rating.year == 2024
        assert rating.self_total == sum(s.self_points for s in rating.scores.all()) and rating.self_label
        assert (rating.label != "") == (rating.status == Rating.Status.CONFIRMED)
