from plans import periods
from plans.union_calendar import suggestions


def test_school_year_suggestions_fall_in_their_months():
    rows = suggestions(periods.SCHOOL_YEAR, 2024)
    # index 0 is August 2024; Tết Ất Tỵ fell on 29 January 2025 (index 5).
    assert any("20/10" in text for text in rows[2])
    assert any("20/11" in text for text in rows[3])
    assert any("29/01/2025" in text for text in rows[5])
    assert any("28/7" in text for text in rows[11])
    # Trung thu 2024 was 17 September, Trung thu 2025 (6 October) is outside the school year.
    assert any("17/09/2024" in text for text in rows[1])
    assert not any("06/10/2025" in text for month in rows.values() for text in month)


def test_calendar_year_holds_each_solar_date_once():
    rows = suggestions(periods.CALENDAR_YEAR, 2026)
    texts = [text for month in rows.values() for text in month]
    assert sum("20/11" in text for text in texts) == 1
    assert any("17/02/2026" in text for text in rows[1])
