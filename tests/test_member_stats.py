"""Unit statistics against members counted by hand, and the demo union's numbers its plan prints."""
import datetime
import io

import pytest
from django.core.management import call_command

from members.models import Member, Unit
from members.registry.stats import plan_summary_lines, unit_stats
from tests.factories import MemberFactory, UnitFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 9, 1)
FEMALE, MALE = Member.Gender.FEMALE, Member.Gender.MALE


@pytest.fixture
def unit():
    unit = UnitFactory()
    rows = [
        # gender, birth, party, ethnicity, qualification, employment, status
        (FEMALE, datetime.date(2000, 1, 15), False, "Kinh", "university", "permanent", "active"),
        (FEMALE, datetime.date(1990, 5, 2), True, "Tày", "master", "permanent", "active"),
        (FEMALE, datetime.date(1975, 9, 1), True, "Kinh", "university", "contract", "paused"),
        (MALE, datetime.date(1985, 12, 31), True, "Mường", "college", "permanent", "active"),
        (MALE, datetime.date(1995, 9, 2), False, "Kinh", "", "contract", "active"),
        (MALE, datetime.date(1970, 2, 2), True, "Kinh", "university", "permanent", "left"),
    ]
    for gender, birth, party, ethnicity, qualification, employment, status in rows:
        MemberFactory(
            unit=unit, gender=gender, birth_date=birth, party_member=party, ethnicity=ethnicity,
            qualification=qualification, employment=employment, status=status,
            status_date=None if status == "active" else TODAY,
        )
    return unit


def test_counts_match_a_hand_count(unit):
    stats = unit_stats(unit, TODAY)
    assert (stats.total, stats.women, stats.party, stats.party_women) == (5, 3, 3, 2)
    assert (stats.minority, stats.minority_women) == (2, 1)
    assert dict(stats.by_qualification) == {
        "Tiến sĩ": 0, "Thạc sĩ": 1, "Đại học": 2, "Cao đẳng": 1, "Trung cấp": 0, "Khác": 0, "Chưa ghi": 1,
    }
    assert dict(stats.by_employment) == {"Biên chế": 3, "Hợp đồng": 2}
    # Ages on 1/9/2025: 25, 35, 50 (birthday today), 39, 29 (birthday tomorrow).
    assert dict(stats.by_age) == {"Dưới 30 tuổi": 2, "Từ 30 đến 39 tuổi": 2, "Từ 40 đến 49 tuổi": 0, "Từ 50 tuổi trở lên": 1}


def test_birthdays_by_quarter(unit):
    quarters = dict(unit_stats(unit, TODAY).birthdays)
    assert [m.birth_date for m in quarters["Quý I"]] == [datetime.date(2000, 1, 15)]
    assert [m.birth_date for m in quarters["Quý II"]] == [datetime.date(1990, 5, 2)]
    assert [m.birth_date for m in quarters["Quý III"]] == [datetime.date(1975, 9, 1), datetime.date(1995, 9, 2)]
    assert [m.birth_date for m in quarters["Quý IV"]] == [datetime.date(1985, 12, 31)]


def test_plan_summary_lines(unit):
    lines = plan_summary_lines(unit, TODAY)
    assert lines[:3] == ["- Tổng số CBCNV-LĐ: 5/3 nữ", "- Đảng viên: 3/2 nữ", "- Dân tộc thiểu số: 2/1 nữ"]
    assert "- Biên chế: 3; hợp đồng: 2" in lines


def test_demo_vinh_hung_gives_the_numbers_of_its_plan():
    call_command("load_demo", stdout=io.StringIO())
    vinh_hung = Unit.objects.get(header_name="CĐCS TIỂU HỌC VINH HƯNG")
    stats = unit_stats(vinh_hung)
    assert (stats.total, stats.women, stats.party) == (46, 28, 19)
    assert plan_summary_lines(vinh_hung)[0] == "- Tổng số CBCNV-LĐ: 46/28 nữ"
    assert plan_summary_lines(vinh_hung)[1].startswith("- Đảng viên: 19/")
