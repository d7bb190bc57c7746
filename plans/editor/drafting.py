"""Ways a chair starts this year's plan: from last year's, or from the usual skeleton.

Both go through the interchange format, so a new plan is built by the same checked import as
any file, and copying can never miss a part of the plan that export knows about. Each new draft is
recorded in the audit trail under whoever started it.
"""
import datetime
import re

from django.db import transaction

from members.models import Position
from plans import periods
from plans.planformat import FORMAT, export_plan, import_plan
from unionplans.audit.models import AuditEntry, record, snapshot

SKELETON = [
    ("text", "TÌNH HÌNH CHUNG", ["Thuận lợi", "Khó khăn"]),
    ("text", "NHIỆM VỤ TRỌNG TÂM", []),
    ("targets", "CHỈ TIÊU PHẤN ĐẤU", []),
    ("text", "NHIỆM VỤ VÀ GIẢI PHÁP", []),
    ("text", "TỔ CHỨC THỰC HIỆN", []),
    ("months", "KẾ HOẠCH CỤ THỂ TỪNG THÁNG", []),
]


def _section(kind, title, children=()):
    return {"kind": kind, "title": title, "paragraphs": [], "sections": [_section("text", c) for c in children]}


def _replace_years(value, school_year):
    """Every "2023-2024" in the text a year later, spelt as the chair spelt it ("2023 - 2024",
    "2023- 2024", "2023–2024" are all found in real plans)."""
    if isinstance(value, str):
        return school_year.sub(lambda m: f"{int(m[1]) + 1}{m[2]}{int(m[3]) + 1}", value)
    if isinstance(value, list):
        return [_replace_years(v, school_year) for v in value]
    if isinstance(value, dict):
        return {k: _replace_years(v, school_year) for k, v in value.items()}
    return value


@transaction.atomic
def import_recorded(actor, data, unit):
    """`import_plan`, recorded as the creation of the plan by `actor`."""
    plan = import_plan(data, unit)
    record(actor, plan, AuditEntry.Action.CREATE, None, snapshot(plan))
    return plan


def copy_for_next_year(actor, plan):
    """Last year's plan as this year's draft: months a year later, no number, date, status or result."""
    return import_recorded(actor, next_year_data(plan), plan.unit)


def next_year_data(plan):
    """The format data of `copy_for_next_year`, for a start that changes it first (plans.nextyear)."""
    data = export_plan(plan)
    year = plan.year
    if plan.period_kind == periods.SCHOOL_YEAR:
        school_year = re.compile(rf"\b({year})(\s*[-–]\s*)({year + 1})\b")
        for key in ("title", "bases", "preamble", "sections", "targets", "months", "closing", "appendices"):
            data[key] = _replace_years(data[key], school_year)
    else:
        data["title"] = data["title"].replace(f"năm {year}", f"năm {year + 1}")
    data.update(number=None, date=None, period={"kind": plan.period_kind, "year": year + 1})
    for target in data["targets"]:
        target["result"] = None
    for month in data["months"]:
        month["month"] = f"{int(month['month'][:4]) + 1}{month['month'][4:]}"
        for activity in month["activities"]:
            activity.update(status="planned", result="")
    return data


def _signer(unit, today):
    chair = (
        Position.objects.filter(unit=unit, kind=Position.Kind.CHAIR, since__lte=today, until__isnull=True)
        .select_related("member").first()
    )
    return [{"authority": "TM. BAN CHẤP HÀNH", "position": "CHỦ TỊCH", "name": chair.member.full_name if chair else ""}]


def start_from_skeleton(actor, unit, period_kind, year, today=None):
    """A draft with the sections most union plans have, headed and signed as the unit is now."""
    today = today or datetime.date.today()
    recipients = [f"{unit.superior.name} (b/c);"] if unit.superior else []
    data = {
        "format": FORMAT,
        "issuer": {"superior": unit.header_superior, "name": unit.header_name, "abbreviation": unit.abbreviation, "place": unit.place},
        "co_issuer": None,
        "period": {"kind": period_kind, "year": year},
        "number": None,
        "date": None,
        "title": periods.plan_title(period_kind, year),
        "bases": [],
        "preamble": [],
        "sections": [_section(kind, title, children) for kind, title, children in SKELETON],
        "targets": [],
        "month_columns": ["time", "content", "owner"],
        "months": [],
        "closing": [],
        "appendices": [],
        "recipients": recipients + [f"Lưu: VT, {unit.abbreviation}."],
        "signers": _signer(unit, today),
    }
    return import_recorded(actor, data, unit)
