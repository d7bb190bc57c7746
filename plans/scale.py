"""A province's worth of data for measuring the app at the size it must serve.

One provincial federation, district and commune federations under it, grassroots unions (CĐCS)
under those, each with its members, one issued plan (sections, targets, month rows) and its rating
by its federation's criteria table (plans.rating.scale), plus a
handful of logins to look around with. Everything goes in through bulk_create, a batch of unions
per transaction, so the default size (2,000 unions, 80,000 members, 240,000 month rows) takes
minutes rather than hours. A fixed seed makes every run build the same province.

The generated plans are issued (number 01, a date, issued_at) but carry no frozen snapshot: the
snapshot is the issue step's record of what was signed, and rendering 2,000 PDFs to fake it
measures WeasyPrint, not the app. Served without one, such a plan prints from its live rows and
its PDF is cached by content like a draft's (plans.documents.pdf.serve).
"""
import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from members.demo import DEMO_PASSWORD, ETHNICITY, FAMILY, GIVEN_F, GIVEN_M, MIDDLE_F, MIDDLE_M, OCCUPATIONS
from members.models import Member, Position, Role, Unit
from plans import periods, tallies
from plans.models import AnnualPlan, IssueCounter, MonthlyActivity, Section, Target
from plans.rating import scale as rating_scale

PROVINCE_NAME = "Liên đoàn Lao động tỉnh Quy Mô"
PROVINCE_HEADER = "LĐLĐ TỈNH QUY MÔ"
SINCE = datetime.date(2020, 1, 1)
UNITS_PER_TRANSACTION = 50
BATCH_SIZE = 2000
PLACE_SYLLABLES = ["An", "Bình", "Hòa", "Phú", "Thạnh", "Tân", "Long", "Mỹ", "Đông", "Vĩnh", "Hưng", "Lộc", "Xuân", "Sơn", "Hải", "Quảng"]
SCHOOLS = ["Trường Mầm non", "Trường Tiểu học", "Trường THCS", "Trường THPT"]
COMPANIES = ["Công ty TNHH May", "Công ty Cổ phần Xây dựng", "Bệnh viện Đa khoa", "Trung tâm Y tế"]
ACTIVITIES = [
    "Tổ chức sinh hoạt công đoàn định kỳ tháng", "Thăm hỏi đoàn viên ốm đau, gia đình có việc hiếu",
    "Phối hợp chuyên môn tổ chức hội thi giáo viên dạy giỏi", "Tuyên truyền pháp luật lao động cho đoàn viên",
    "Vận động đoàn viên tham gia ủng hộ Quỹ Mái ấm công đoàn", "Tổ chức hoạt động văn nghệ, thể dục thể thao",
    "Kiểm tra việc thực hiện quy chế dân chủ ở cơ sở", "Rà soát, phát triển đoàn viên mới",
    "Họp Ban Chấp hành đánh giá kết quả tháng", "Phối hợp tổ chức ngày Quốc tế Phụ nữ 8/3",
    "Tổng hợp sáng kiến, kinh nghiệm của đoàn viên", "Báo cáo cấp trên kết quả hoạt động",
]
TARGETS = [
    "đoàn viên được học tập, quán triệt nghị quyết", "đoàn viên tham gia các phong trào thi đua",
    "đoàn viên nữ đạt danh hiệu Giỏi việc nước, đảm việc nhà", "đoàn viên tham gia thể dục thể thao",
]
SECTIONS = [
    (Section.Kind.TEXT, "TÌNH HÌNH CHUNG", ["- Tổng số CBCNV-LĐ và đoàn viên của đơn vị."]),
    (Section.Kind.TARGETS, "CÁC CHỈ TIÊU", []),
    (Section.Kind.MONTHS, "KẾ HOẠCH CỤ THỂ CÁC THÁNG", []),
]
# (username, role kind, which unit: "province", "district" (the first) or "grassroots" (the first))
LOGINS = [
    ("quymo.tinh", Role.Kind.STAFF, "province"),
    ("quymo.huyen", Role.Kind.STAFF, "district"),
    ("quymo.chutich", Role.Kind.CHAIR, "grassroots"),
    ("quymo.bch", Role.Kind.EXECUTIVE, "grassroots"),
    ("quymo.doanvien", Role.Kind.MEMBER, "grassroots"),
]


def exists():
    return Unit.objects.filter(header_name=PROVINCE_HEADER).exists()


def current_school_year():
    """The school year today falls in, so the month pages show this month's rows."""
    today = timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


def issued_on(year):
    return datetime.date(year, 9, 15)


def generate(units=2000, districts=40, members=40, rows=10, targets=20, seed=2025, year=None, progress=None):
    """Build the province for the school year `year` (this one by default); returns the counts
    made. `rows` is month rows per month (12 months)."""
    rng = random.Random(seed)
    year = year or current_school_year()
    with transaction.atomic():
        province = Unit.objects.create(
            name=PROVINCE_NAME, kind=Unit.Kind.PROVINCE, header_superior="TỔNG LĐLĐ VIỆT NAM",
            header_name=PROVINCE_HEADER, abbreviation="LĐLĐ", place="Quy Mô",
        )
        federations = _federations(province, districts)
        criteria = rating_scale.tables(federations, year)
    # Its own sequence, so adding the ratings left the rest of the province as it was.
    rating_rng = random.Random(seed + 1)
    grassroots = []
    for start in range(0, units, UNITS_PER_TRANSACTION):
        with transaction.atomic():
            count = min(UNITS_PER_TRANSACTION, units - start)
            batch = _grassroots(federations, start, count, rng)
            _members(batch, members, rng)
            _plans(batch, rows, targets, year, rng)
            rating_scale.rate(batch, criteria, year, rating_rng)
        grassroots.extend(batch)
        if progress:
            progress(start + count, units)
    with transaction.atomic():
        _logins(province, federations[0], grassroots[0])
    # The tallies' triggers updated each plan's tallies once a row inserted, leaving every live
    # tally on a page of its own among dead versions (at 5 ×: 75 MB for 120,000 rows), where a
    # database grown over a year keeps them compact through vacuum. Counted again, the overview's
    # totals read a month's tallies from 980 pages instead of 9,600 (at 5 ×: 67 -> 29 ms of SQL).
    tallies.recount()
    return {
        "units": len(grassroots), "federations": len(federations), "members": len(grassroots) * members,
        "rows": len(grassroots) * rows * periods.MONTHS_IN_PERIOD, "targets": len(grassroots) * targets,
    }


def _place(n):
    return f"{PLACE_SYLLABLES[n % 16]} {PLACE_SYLLABLES[(n // 16 + 5) % 16]}"


def _federations(province, count):
    # The 2025 reform left both kinds side by side: district federations and commune unions.
    made = []
    for i in range(count):
        district = i % 2 == 0
        name = f"{'Liên đoàn Lao động huyện' if district else 'Công đoàn xã'} {_place(i)} {i + 1}"
        made.append(Unit(
            name=name, kind=Unit.Kind.DISTRICT if district else Unit.Kind.COMMUNE, superior=province,
            header_superior=PROVINCE_HEADER, header_name=name.upper(), abbreviation="LĐLĐ" if district else "CĐX",
            place=_place(i),
        ))
    made = Unit.objects.bulk_create(made, since=SINCE)
    return made


def _grassroots(federations, start, count, rng):
    made = []
    for n in range(start, start + count):
        federation = federations[n % len(federations)]
        kind = rng.choice(SCHOOLS + COMPANIES)
        name = f"Công đoàn cơ sở {kind} {federation.place} số {n + 1}"
        made.append(Unit(
            name=name, kind=Unit.Kind.GRASSROOTS, superior=federation, header_superior=federation.header_name,
            header_name=name.upper(), abbreviation="CĐCS", place=federation.place,
        ))
    made = Unit.objects.bulk_create(made, since=SINCE)
    return made


def _members(units, per_unit, rng):
    people = []
    for unit in units:
        for i in range(per_unit):
            female = rng.random() < 0.6
            birth = datetime.date(rng.randint(1968, 2001), rng.randint(1, 12), rng.randint(1, 28))
            people.append(Member(
                unit=unit, gender=Member.Gender.FEMALE if female else Member.Gender.MALE,
                full_name=" ".join([rng.choice(FAMILY), rng.choice(MIDDLE_F if female else MIDDLE_M),
                                    rng.choice(GIVEN_F if female else GIVEN_M)]),
                birth_date=birth, ethnicity=rng.choice(ETHNICITY), occupation=rng.choice(OCCUPATIONS),
                qualification="university", employment="permanent",
                union_joined=datetime.date(birth.year + 23, 9, 1), card_number=f"Q{unit.pk:07d}{i + 1:04d}",
            ))
    # Member's own bulk_create fills search_name and sort_key (members.models.MemberQuerySet).
    Member.objects.bulk_create(people, batch_size=BATCH_SIZE)


def _plans(units, rows, targets, year, rng):
    issued_at = timezone.make_aware(datetime.datetime.combine(issued_on(year), datetime.time(9)))
    plans = AnnualPlan.objects.bulk_create([
        AnnualPlan(
            unit=unit, year=year, number=1, date=issued_on(year), status=AnnualPlan.Status.ISSUED, issued_at=issued_at,
            title=f"Hoạt động công đoàn năm học {year}-{year + 1}",
            issuer={"superior": unit.header_superior, "name": unit.header_name, "abbreviation": "CĐCS", "place": unit.place},
            month_columns=["time", "content", "owner"],
            signers=[{"authority": "TM. BAN CHẤP HÀNH", "position": "CHỦ TỊCH", "name": "Nguyễn Văn An"}],
        )
        for unit in units
    ])
    IssueCounter.objects.bulk_create(IssueCounter(unit=u, doc_type="KH", year=year, last=1) for u in units)
    Section.objects.bulk_create(
        Section(plan=plan, order=order, kind=kind, title=title, paragraphs=paragraphs)
        for plan in plans for order, (kind, title, paragraphs) in enumerate(SECTIONS, start=1)
    )
    Target.objects.bulk_create((
        Target(plan=plan, order=i + 1, text=f"{rng.randint(80, 100)}% {rng.choice(TARGETS)}",
               measure=Target.Measure.PERCENT, value=100)
        for plan in plans for i in range(targets)
    ), batch_size=BATCH_SIZE)
    MonthlyActivity.objects.bulk_create((
        MonthlyActivity(plan=plan, month_index=month, order=i + 1, content=rng.choice(ACTIVITIES), owner="BCH")
        for plan in plans for month in range(periods.MONTHS_IN_PERIOD) for i in range(rows)
    ), batch_size=BATCH_SIZE)


def _logins(province, district, grassroots):
    """Logins for each role, all with the demo password; the chair and BCH hold posts too."""
    User = get_user_model()
    units = {"province": province, "district": district, "grassroots": grassroots}
    people = list(grassroots.members.order_by("pk")[:3])
    for username, kind, where in LOGINS:
        user = User.objects.create_user(username=username, password=DEMO_PASSWORD)
        Role.objects.create(user=user, unit=units[where], kind=kind)
        if where == "grassroots":
            member = people.pop(0)
            member.user = user
            member.save(update_fields=["user"])
    chair, executive = grassroots.members.filter(user__isnull=False).order_by("pk")[:2]
    Position.objects.create(member=chair, unit=grassroots, kind=Position.Kind.CHAIR, term="2023-2028", since=SINCE)
    Position.objects.create(member=executive, unit=grassroots, kind=Position.Kind.EXECUTIVE, term="2023-2028", since=SINCE)
