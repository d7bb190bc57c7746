"""The period a plan covers: a school year (năm học, August to July) or a calendar year."""
import datetime

SCHOOL_YEAR = "school_year"
CALENDAR_YEAR = "calendar_year"
MONTHS_IN_PERIOD = 12


def first_month(kind, year):
    return datetime.date(year, 8 if kind == SCHOOL_YEAR else 1, 1)


def month_at(kind, year, index):
    """The first day of the index-th month (0-based) of the period."""
    start = first_month(kind, year)
    months = start.month - 1 + index
    return datetime.date(start.year + months // 12, months % 12 + 1, 1)


def month_index(kind, year, month):
    """Position of `month` (a date) in the period, or None when it falls outside it."""
    start = first_month(kind, year)
    index = (month.year - start.year) * 12 + month.month - start.month
    return index if 0 <= index < MONTHS_IN_PERIOD else None


def label(kind, year):
    """How the period reads in a Vietnamese title: "năm học 2024-2025" or "năm 2024"."""
    return f"năm học {year}-{year + 1}" if kind == SCHOOL_YEAR else f"năm {year}"


def plan_title(kind, year):
    """The trích yếu most union plans print under KẾ HOẠCH: "Hoạt động công đoàn năm học 2024-2025"."""
    return f"Hoạt động công đoàn {label(kind, year)}"
