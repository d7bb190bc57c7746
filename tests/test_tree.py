"""One tree: `Unit.superior` is the link now and the open `Affiliation` says since when. Every way a
unit is created, placed, moved or ended leaves the two in agreement; a change that would write one
without the other is refused. Scopes and predicates walk the tree in one query at any depth."""
import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from members import services
from members.models import Affiliation, Role, Unit
from members.scope import above, subtree, units_for_user
from tests.factories import FederationFactory, UnitFactory, UserFactory, person

pytestmark = pytest.mark.django_db
MOVED = datetime.date(2025, 7, 1)


def _drift():
    """Units whose superior is not the one their open link names (or that have a link and no superior)."""
    open_links = dict(Affiliation.objects.filter(until__isnull=True).values_list("unit_id", "superior_id"))
    return {name for pk, name, superior_id in Unit.objects.values_list("pk", "name", "superior_id")
            if open_links.get(pk) != superior_id}


def _ids(subquery):
    return set(Unit.objects.filter(pk__in=subquery).values_list("pk", flat=True))


@pytest.fixture
def hue():
    province = FederationFactory(name="LĐLĐ tỉnh Thừa Thiên Huế", kind=Unit.Kind.PROVINCE)
    district = FederationFactory(name="LĐLĐ huyện Phú Lộc", superior=province)
    school = UnitFactory(name="Công đoàn Trường Tiểu học Vinh Hưng", superior=district)
    team = UnitFactory(name="Tổ công đoàn khối 1", superior=school, kind=Unit.Kind.TEAM)
    return province, district, school, team


def test_a_unit_created_under_a_superior_has_its_dated_link(hue):
    province, district, school, team = hue
    made = Unit.objects.create(name="Công đoàn Trường THCS Lộc Sơn", kind=Unit.Kind.GRASSROOTS, superior=district,
                               since=datetime.date(2024, 9, 1), decision="QĐ 7/QĐ-LĐLĐ", header_name="CĐ THCS LỘC SƠN")
    assert made.affiliations.get().since == datetime.date(2024, 9, 1)
    assert _drift() == set()


def test_units_made_in_bulk_as_generate_scale_makes_them_are_linked(hue):
    province, district, school, team = hue
    Unit.objects.bulk_create(
        [UnitFactory.build(name=f"Công đoàn Trường Mầm non số {n}", superior=district) for n in range(3)],
        since=datetime.date(2020, 1, 1),
    )
    call_command("generate_scale", units=3, districts=2, members=3, rows=1, stdout=io.StringIO())
    assert Affiliation.objects.filter(superior=district).count() == 4
    assert _drift() == set()


def test_a_district_moved_takes_everything_below_it_to_the_new_province(hue):
    province, district, school, team = hue
    quang_tri = FederationFactory(name="LĐLĐ tỉnh Quảng Trị", kind=Unit.Kind.PROVINCE)
    hue_staff = person(province, Role.Kind.STAFF)
    quang_tri_staff = person(quang_tri, Role.Kind.STAFF)

    services.move_unit(hue_staff, district, quang_tri, MOVED, "QĐ 12/QĐ-TLĐ")

    assert _drift() == set()
    assert list(district.affiliations.values_list("superior__name", "until")) == [
        (province.name, MOVED), (quang_tri.name, None),
    ]
    assert set(units_for_user(hue_staff).values_list("name", flat=True)) == {province.name}
    assert set(units_for_user(quang_tri_staff).values_list("name", flat=True)) == {
        quang_tri.name, district.name, school.name, team.name,
    }


def test_ending_a_unit_keeps_its_link(hue):
    province, district, school, team = hue
    staff = person(province, Role.Kind.STAFF)
    services.deactivate_unit(staff, team, Unit.Status.DISSOLVED, MOVED)
    services.deactivate_unit(staff, school, Unit.Status.MERGED, MOVED, successor=district)
    assert _drift() == set()
    assert {team.name, school.name} <= set(units_for_user(staff).values_list("name", flat=True))


def test_a_superior_changed_outside_the_writer_is_refused(hue):
    province, district, school, team = hue
    school.superior = province
    with pytest.raises(ValueError, match="move_under"):
        school.save()
    with pytest.raises(ValueError, match="move_under"):
        Unit(name="Công đoàn Trường THCS Lộc Điền", superior=district).save()
    with pytest.raises(ValueError, match="since"):
        Unit.objects.bulk_create([UnitFactory.build(superior=district)])
    school.refresh_from_db()
    school.name = "Công đoàn Trường Tiểu học Vinh Hưng 2"
    school.save()  # the rest of the unit saves as before
    assert Unit.objects.get(pk=school.pk).superior == district
    assert _drift() == set()


def test_the_admin_shows_the_superior_and_its_history_but_does_not_write_them(client, hue):
    province, district, school, team = hue
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:members_unit_change", args=[school.pk])
    page = client.get(url).content.decode()
    assert district.name in page and "Công đoàn Trường Tiểu học Vinh Hưng" in page
    response = client.post(url, {
        "name": "Công đoàn Trường Tiểu học Vinh Hưng mới", "kind": school.kind, "superior": province.pk,
        "header_superior": school.header_superior, "header_name": school.header_name,
        "abbreviation": school.abbreviation, "place": school.place, "status": school.status,
        "affiliations-TOTAL_FORMS": "0", "affiliations-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302
    school.refresh_from_db()
    assert (school.name, school.superior) == ("Công đoàn Trường Tiểu học Vinh Hưng mới", district)
    assert client.get(reverse("admin:members_affiliation_add")).status_code == 403
    assert _drift() == set()


def test_walks_up_and_down_at_any_depth(hue):
    province, district, school, team = hue
    assert _ids(subtree(province.pk)) == {province.pk, district.pk, school.pk, team.pk}
    assert _ids(subtree(school.pk)) == {school.pk, team.pk}
    assert _ids(above(team.pk)) == {province.pk, district.pk, school.pk, team.pk}
    assert _ids(above(province.pk)) == {province.pk}


@pytest.mark.parametrize("depth", [1, 5])
def test_a_predicate_asks_one_query_however_deep_the_unit(depth, django_assert_num_queries):
    top = FederationFactory(kind=Unit.Kind.PROVINCE)
    unit = top
    for _ in range(depth):
        unit = UnitFactory(superior=unit)
    staff = person(top, Role.Kind.STAFF)
    outsider = person(kind=Role.Kind.STAFF)
    unit = Unit.objects.get(pk=unit.pk)
    with django_assert_num_queries(1):
        assert staff.has_perm("members.manage_units", unit)
    with django_assert_num_queries(1):
        assert not outsider.has_perm("members.manage_units", unit)
