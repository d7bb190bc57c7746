"""Lunar dates as Vietnamese calendars print them (UTC+7), including the years China differs."""
import datetime

import pytest

from plans.lunar import tet, to_solar


@pytest.mark.parametrize(("year", "day"), [
    (1985, datetime.date(1985, 1, 21)),  # China: 20 February
    (2007, datetime.date(2007, 2, 17)),  # China: 18 February
    (2020, datetime.date(2020, 1, 25)),
    (2024, datetime.date(2024, 2, 10)),
    (2025, datetime.date(2025, 1, 29)),
    (2026, datetime.date(2026, 2, 17)),
    (2027, datetime.date(2027, 2, 6)),
])
def test_tet_nguyen_dan(year, day):
    assert tet(year) == day


def test_mid_autumn_and_hung_kings():
    assert to_solar(2025, 8, 15) == datetime.date(2025, 10, 6)  # Tết Trung thu
    assert to_solar(2025, 3, 10) == datetime.date(2025, 4, 7)  # Giỗ Tổ Hùng Vương


def test_leap_month():
    # Quý Mão 2023 had a leap second month (tháng 2 nhuận) from 22 March to 19 April.
    assert to_solar(2023, 2, 1) == datetime.date(2023, 2, 20)
    assert to_solar(2023, 2, 1, leap=True) == datetime.date(2023, 3, 22)
    assert to_solar(2023, 3, 1) == datetime.date(2023, 4, 20)
    with pytest.raises(ValueError):
        to_solar(2024, 5, 1, leap=True)
