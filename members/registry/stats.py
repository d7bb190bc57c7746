"""The numbers a unit reports about its members, and the lines a plan prints from them.

Counted are the members who still belong to the unit: active and paused ones. Members who
transferred out, left or retired stay in the registry for history but no longer count.
"""
import datetime
from collections import Counter
from dataclasses import dataclass, field

from members.models import Member

COUNTED_STATUSES = [Member.Status.ACTIVE, Member.Status.PAUSED]
MAJORITY_ETHNICITY = "Kinh"
# (label, lowest age, highest age), ages in whole years on the day of counting.
AGE_BANDS = [("Dưới 30 tuổi", 0, 29), ("Từ 30 đến 39 tuổi", 30, 39), ("Từ 40 đến 49 tuổi", 40, 49),
             ("Từ 50 tuổi trở lên", 50, 200)]
QUARTERS = ["Quý I", "Quý II", "Quý III", "Quý IV"]


@dataclass
class UnitStats:
    total: int = 0
    women: int = 0
    party: int = 0
    party_women: int = 0
    minority: int = 0
    minority_women: int = 0
    by_qualification: list = field(default_factory=list)
    by_employment: list = field(default_factory=list)
    by_age: list = field(default_factory=list)
    unknown_age: int = 0
    birthdays: list = field(default_factory=list)


def counted_members(unit):
    return unit.members.filter(status__in=COUNTED_STATUSES).order_by("sort_key")


def age_on(birth_date, day):
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def unit_stats(unit, today=None):
    today = today or datetime.date.today()
    members = list(counted_members(unit))
    women = [m for m in members if m.gender == Member.Gender.FEMALE]
    party = [m for m in members if m.party_member]
    minority = [m for m in members if m.ethnicity.strip().lower() != MAJORITY_ETHNICITY.lower()]
    stats = UnitStats(
        total=len(members), women=len(women), party=len(party),
        party_women=sum(m.gender == Member.Gender.FEMALE for m in party),
        minority=len(minority), minority_women=sum(m.gender == Member.Gender.FEMALE for m in minority),
    )
    stats.by_qualification = _by_choice(members, "qualification", Member.Qualification)
    stats.by_employment = _by_choice(members, "employment", Member.Employment)
    ages = [age_on(m.birth_date, today) for m in members if m.birth_date]
    stats.unknown_age = len(members) - len(ages)
    stats.by_age = [(label, sum(low <= a <= high for a in ages)) for label, low, high in AGE_BANDS]
    stats.birthdays = birthdays_by_quarter(members)
    return stats


def _by_choice(members, attribute, choices):
    """(label, count) for every choice, in the order of the choices, then the members without one."""
    counts = Counter(getattr(m, attribute) for m in members)
    rows = [(label, counts[value]) for value, label in choices.choices]
    if counts[""]:
        rows.append(("Chưa ghi", counts[""]))
    return rows


def birthdays_by_quarter(members):
    """[(quarter label, members born in it by month and day)]: unions celebrate birthdays each quarter."""
    quarters = [[] for _ in QUARTERS]
    for member in members:
        if member.birth_date:
            quarters[(member.birth_date.month - 1) // 3].append(member)
    return [
        (label, sorted(people, key=lambda m: (m.birth_date.month, m.birth_date.day, m.sort_key)))
        for label, people in zip(QUARTERS, quarters)
    ]


def plan_summary_lines(unit, today=None):
    """The lines a plan's Tình hình chung starts with, as chairs write them: "46/28 nữ"."""
    stats = unit_stats(unit, today)
    lines = [
        f"- Tổng số CBCNV-LĐ: {stats.total}/{stats.women} nữ",
        f"- Đảng viên: {stats.party}/{stats.party_women} nữ",
    ]
    if stats.minority:
        lines.append(f"- Dân tộc thiểu số: {stats.minority}/{stats.minority_women} nữ")
    employment = "; ".join(f"{label.lower()}: {count}" for label, count in stats.by_employment if count)
    if employment:
        lines.append(f"- {employment[0].upper()}{employment[1:]}")
    qualification = "; ".join(f"{label.lower()}: {count}" for label, count in stats.by_qualification if count)
    if qualification:
        lines.append(f"- Trình độ chuyên môn: {qualification}")
    return lines
