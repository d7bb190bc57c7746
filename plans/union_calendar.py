"""The recurring dates of the union year (domain.md), as month rows a chair can add with one click."""
import datetime

from plans import lunar, periods

# (month, day, what the row says); solar dates that fall in the same month every year.
SOLAR = [
    (9, 2, "Kỷ niệm Quốc khánh 2/9; phối hợp tổ chức Lễ khai giảng năm học mới."),
    (10, 20, "Tổ chức kỷ niệm Ngày Phụ nữ Việt Nam 20/10."),
    (11, 20, "Tổ chức kỷ niệm Ngày Nhà giáo Việt Nam 20/11."),
    (12, 22, "Kỷ niệm Ngày thành lập Quân đội nhân dân Việt Nam 22/12."),
    (1, 1, "Tổ chức vui Tết Dương lịch cho đoàn viên."),
    (2, 3, "Kỷ niệm Ngày thành lập Đảng Cộng sản Việt Nam 3/2."),
    (3, 8, "Tổ chức kỷ niệm Ngày Quốc tế Phụ nữ 8/3."),
    (3, 26, "Kỷ niệm Ngày thành lập Đoàn TNCS Hồ Chí Minh 26/3."),
    (4, 30, "Kỷ niệm Ngày Giải phóng miền Nam 30/4 và Quốc tế Lao động 1/5."),
    (5, 1, "Hưởng ứng Tháng Công nhân và Tháng hành động về an toàn, vệ sinh lao động."),
    (5, 19, "Kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh 19/5."),
    (6, 1, "Tổ chức Ngày Quốc tế Thiếu nhi 1/6 cho con đoàn viên."),
    (6, 28, "Hưởng ứng Ngày Gia đình Việt Nam 28/6."),
    (7, 27, "Kỷ niệm Ngày Thương binh - Liệt sĩ 27/7."),
    (7, 28, "Kỷ niệm Ngày thành lập Công đoàn Việt Nam 28/7."),
]


def _lunar_events(solar_year):
    """Lunar feasts that fall in `solar_year`, with their solar dates."""
    tet = lunar.tet(solar_year)
    return [
        (tet, f"Chăm lo Tết Nguyên đán cho đoàn viên (mùng 1 Tết: {tet:%d/%m/%Y})."),
        (lunar.to_solar(solar_year, 3, 10), f"Giỗ Tổ Hùng Vương (10/3 âm lịch: {lunar.to_solar(solar_year, 3, 10):%d/%m/%Y})."),
        (lunar.to_solar(solar_year, 8, 15), f"Tổ chức Tết Trung thu cho con đoàn viên (15/8 âm lịch: {lunar.to_solar(solar_year, 8, 15):%d/%m/%Y})."),
    ]


def suggestions(period_kind, year):
    """{month index in the period: [row text, ...]} in date order, for every month of the period."""
    first = periods.month_at(period_kind, year, 0)
    last = periods.month_at(period_kind, year, periods.MONTHS_IN_PERIOD - 1)
    events = [(datetime.date(y, m, d), text) for y in {first.year, last.year} for m, d, text in SOLAR]
    events += [event for y in {first.year, last.year} for event in _lunar_events(y)]
    by_month = {index: [] for index in range(periods.MONTHS_IN_PERIOD)}
    for day, text in sorted(events):
        index = periods.month_index(period_kind, year, day.replace(day=1))
        if index is not None:
            by_month[index].append(text)
    return by_month
