"""The Vietnamese lunar calendar (âm lịch), computed for UTC+7.

Hồ Ngọc Đức's astronomical algorithm (new moons and sun longitude after Jean Meeus), which is
how Vietnamese calendars are made. A Chinese-calendar library computes for UTC+8 and gets Tết
wrong in some years (1985: 21 January in Vietnam, 20 February in China), hence our own.

math.floor, never int(): the algorithm is written for floor division, and int() truncates
negative angles towards zero, which moved Tết 1985 by a month.
"""
import datetime
import math

TIME_ZONE = 7.0


def _jd(date):
    return date.toordinal() + 1721425


def _date(jd):
    return datetime.date.fromordinal(jd - 1721425)


def _new_moon(k):
    """Julian day (fractional, UT) of the k-th new moon after 1900-01-01."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 -= 0.4068 * math.sin(mpr * dr) - 0.0161 * math.sin(dr * 2 * mpr)
    c1 -= 0.0004 * math.sin(dr * 3 * mpr)
    c1 += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 -= 0.0074 * math.sin(dr * (m - mpr)) - 0.0004 * math.sin(dr * (2 * f + m))
    c1 -= 0.0004 * math.sin(dr * (2 * f - m)) + 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 += 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta


def _new_moon_day(k):
    return math.floor(_new_moon(k) + 0.5 + TIME_ZONE / 24)


def _sun_longitude_sector(jdn):
    """Which of the 12 sectors of 30° the sun is in at local midnight of day jdn."""
    t = (jdn - 2451545.5 - TIME_ZONE / 24) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    longitude = (l0 + dl) * dr
    longitude -= math.pi * 2 * math.floor(longitude / (math.pi * 2))
    return math.floor(longitude / math.pi * 6)


def _month_11(year):
    """Julian day of the start of lunar month 11 (the month holding the winter solstice)."""
    off = _jd(datetime.date(year, 12, 31)) - 2415021
    k = math.floor(off / 29.530588853)
    nm = _new_moon_day(k)
    if _sun_longitude_sector(nm) >= 9:
        nm = _new_moon_day(k - 1)
    return nm


def _leap_month_offset(a11):
    k = math.floor((a11 - 2415021.076998695) / 29.530588853 + 0.5)
    i, arc = 1, _sun_longitude_sector(_new_moon_day(k + 1))
    while True:
        last = arc
        i += 1
        arc = _sun_longitude_sector(_new_moon_day(k + i))
        if arc == last or i >= 14:
            return i - 1


def to_solar(lunar_year, lunar_month, lunar_day, leap=False):
    """The solar date of a lunar date (the lunar year is the one Tết opens)."""
    if lunar_month < 11:
        a11, b11 = _month_11(lunar_year - 1), _month_11(lunar_year)
    else:
        a11, b11 = _month_11(lunar_year), _month_11(lunar_year + 1)
    k = math.floor(0.5 + (a11 - 2415021.076998695) / 29.530588853)
    off = lunar_month - 11
    if off < 0:
        off += 12
    if b11 - a11 > 365:
        leap_off = _leap_month_offset(a11)
        leap_month = leap_off - 2 if leap_off - 2 >= 0 else leap_off + 10
        if leap and lunar_month != leap_month:
            raise ValueError(f"Năm âm lịch {lunar_year} không có tháng {lunar_month} nhuận.")
        if leap or off >= leap_off:
            off += 1
    elif leap:
        raise ValueError(f"Năm âm lịch {lunar_year} không có tháng nhuận.")
    return _date(_new_moon_day(k + off) + lunar_day - 1)


def tet(year):
    """Mùng 1 Tết Nguyên đán of the lunar year that starts in solar `year`."""
    return to_solar(year, 1, 1)
