"""Demo units, members and logins: realistic enough to click through, deterministic to test against.

Every name is generated from common Vietnamese family, middle and given names with a fixed seed,
so the same command always builds the same people.
"""
import datetime
import random

from django.contrib.auth import get_user_model

from members.models import Member, Position, Role, Unit

DEMO_PASSWORD = "unionplans-demo"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh"]
MIDDLE_F = ["Thị", "Thị", "Thị Thu", "Ngọc", "Thị Minh", "Thanh", "Thị Hồng", "Hoài", "Thị Kim", "Diệu", "Thị Ánh"]
MIDDLE_M = ["Văn", "Văn", "Đức", "Minh", "Hữu", "Quang", "Xuân", "Công", "Thành", "Đình", "Trọng"]
GIVEN_F = ["Hương", "Lan", "Hoa", "Mai", "Thảo", "Trang", "Hằng", "Nhung", "Yến", "Oanh", "Hạnh", "Thủy", "Phương", "Linh", "Ánh", "Uyên", "Nga", "Huệ", "Loan", "Thư", "Ngọc", "Diễm", "Quỳnh", "Ơn"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Minh", "Đức", "Sơn", "Long", "Quân", "Khoa", "Phúc", "Thắng", "Hải", "Bình", "Nam", "Cường", "Vĩnh", "Lực", "Ưng", "Thịnh", "Khải"]
ETHNICITY = ["Kinh"] * 18 + ["Tày", "Mường", "Dao", "Cơ Tu"]
OCCUPATIONS = ["Giáo viên", "Giáo viên", "Giáo viên", "Nhân viên văn phòng", "Kế toán", "Nhân viên y tế", "Bảo vệ"]
FACTORY_OCCUPATIONS = ["Công nhân may", "Công nhân may", "Công nhân cắt", "Tổ trưởng sản xuất", "Kỹ thuật viên", "Nhân viên kho"]

# (key, name, kind, superior key, header superior line, header name, abbreviation, place)
FEDERATIONS = [
    ("tld", "Tổng Liên đoàn Lao động Việt Nam", Unit.Kind.CONFEDERATION, None, "", "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", "TLĐ", "Hà Nội"),
    ("hanoi", "Liên đoàn Lao động thành phố Hà Nội", Unit.Kind.PROVINCE, "tld", "TỔNG LĐLĐ VIỆT NAM", "LĐLĐ THÀNH PHỐ HÀ NỘI", "LĐLĐ", "Hà Nội"),
    ("hue", "Liên đoàn Lao động tỉnh Thừa Thiên Huế", Unit.Kind.PROVINCE, "tld", "TỔNG LĐLĐ VIỆT NAM", "LĐLĐ TỈNH THỪA THIÊN HUẾ", "LĐLĐ", "Huế"),
    ("quangninh", "Liên đoàn Lao động tỉnh Quảng Ninh", Unit.Kind.PROVINCE, "tld", "TỔNG LĐLĐ VIỆT NAM", "LĐLĐ TỈNH QUẢNG NINH", "LĐLĐ", "Hạ Long"),
    ("thanhtri", "Liên đoàn Lao động huyện Thanh Trì", Unit.Kind.DISTRICT, "hanoi", "LĐLĐ THÀNH PHỐ HÀ NỘI", "LĐLĐ HUYỆN THANH TRÌ", "LĐLĐ", "Thanh Trì"),
    ("phuloc", "Liên đoàn Lao động huyện Phú Lộc", Unit.Kind.DISTRICT, "hue", "LĐLĐ TỈNH THỪA THIÊN HUẾ", "LĐLĐ HUYỆN PHÚ LỘC", "LĐLĐ", "Phú Lộc"),
    ("uongbi", "Liên đoàn Lao động thành phố Uông Bí", Unit.Kind.DISTRICT, "quangninh", "LĐLĐ TỈNH QUẢNG NINH", "LĐLĐ THÀNH PHỐ UÔNG BÍ", "LĐLĐ", "Uông Bí"),
]

# The grassroots unions, with the head counts their own plans report (total, women, party members).
GRASSROOTS = [
    ("vinhhung", "Công đoàn cơ sở Trường Tiểu học Vinh Hưng", "phuloc", (46, 28, 19), OCCUPATIONS),
    ("ngochoi", "Công đoàn Trường THCS Ngọc Hồi", "thanhtri", (42, 33, 14), OCCUPATIONS),
    ("phuongdong", "Công đoàn Trường Mầm non Phương Đông", "uongbi", (48, 47, 16), OCCUPATIONS),
    ("chanmay", "Công đoàn cơ sở Công ty Cổ phần May Chân Mây", "phuloc", (40, 28, 3), FACTORY_OCCUPATIONS),
]
STAFF_LOGINS = [("ldld.phuloc", "phuloc", "Phan Thị Lệ"), ("ldld.hue", "hue", "Hồ Văn Thành")]
SINCE = datetime.date(2020, 1, 1)


def build_federations():
    units = {}
    for key, name, kind, superior, header_superior, header_name, abbreviation, place in FEDERATIONS:
        units[key] = _unit(name, kind, units.get(superior), header_superior, header_name, abbreviation, place)
    return units


def _unit(name, kind, superior, header_superior, header_name, abbreviation, place):
    return Unit.objects.create(
        name=name, kind=kind, superior=superior, since=SINCE, header_superior=header_superior,
        header_name=header_name, abbreviation=abbreviation, place=place,
    )


def build_grassroots(key, name, superior, issuer, counts, occupations, chair_name=""):
    """The union of a demo plan, headed as its plan prints it, with its members, BCH and logins;
    its chair bears the name that signs the plan, when the plan names one."""
    unit = _unit(name, Unit.Kind.GRASSROOTS, superior, issuer["superior"], issuer["name"], issuer["abbreviation"], issuer["place"])
    members = _members(unit, key, counts, occupations)
    if chair_name:
        members[0].full_name = chair_name
        members[0].save(update_fields=["full_name"])
    chair, vice, *executives = members[:5]
    for member, kind in [(chair, Position.Kind.CHAIR), (vice, Position.Kind.VICE_CHAIR)] + [
        (m, Position.Kind.EXECUTIVE) for m in executives
    ]:
        Position.objects.create(member=member, unit=unit, kind=kind, term="2023-2028", since=datetime.date(2023, 6, 15))
    Position.objects.create(member=members[5], unit=unit, kind=Position.Kind.INSPECTION_HEAD, term="2023-2028", since=datetime.date(2023, 6, 15))
    Position.objects.create(member=members[6], unit=unit, kind=Position.Kind.WOMEN, term="2023-2028", since=datetime.date(2023, 6, 15))
    _login(f"chutich.{key}", chair, unit, Role.Kind.CHAIR)
    _login(f"bch.{key}", executives[0], unit, Role.Kind.EXECUTIVE)
    return unit, chair


def _members(unit, key, counts, occupations):
    total, women, party = counts
    rng = random.Random(key)
    # The chair and vice chair (the first two) are party members, as in nearly every school union.
    party_members = {0, 1, *rng.sample(range(2, total), party - 2)}
    members = []
    for i in range(total):
        female = i < women
        gender = Member.Gender.FEMALE if female else Member.Gender.MALE
        full_name = " ".join([
            rng.choice(FAMILY), rng.choice(MIDDLE_F if female else MIDDLE_M), rng.choice(GIVEN_F if female else GIVEN_M),
        ])
        birth = datetime.date(rng.randint(1968, 2001), rng.randint(1, 12), rng.randint(1, 28))
        is_party = i in party_members
        members.append(Member(
            unit=unit, full_name=full_name, gender=gender, birth_date=birth, ethnicity=rng.choice(ETHNICITY),
            qualification=rng.choice(["university"] * 5 + ["master", "college", "vocational"]),
            occupation=rng.choice(occupations), employment=rng.choice(["permanent"] * 4 + ["contract"]),
            party_member=is_party, party_joined=datetime.date(birth.year + 25, 5, 19) if is_party else None,
            union_joined=datetime.date(birth.year + 23, 9, 1),
            card_number=f"{unit.pk:04d}{i + 1:06d}",
        ))
    return Member.objects.bulk_create(members)


def _login(username, member, unit, kind):
    family, *rest = member.full_name.split()
    user = get_user_model().objects.create_user(
        username=username, password=DEMO_PASSWORD, last_name=family, first_name=" ".join(rest),
    )
    member.user = user
    member.save(update_fields=["user"])
    Role.objects.create(user=user, unit=unit, kind=kind)


def build_logins(federations):
    User = get_user_model()
    User.objects.create_superuser(username="admin", password=DEMO_PASSWORD, email="admin@example.invalid")
    for username, key, full_name in STAFF_LOGINS:
        family, *rest = full_name.split()
        user = User.objects.create_user(username=username, password=DEMO_PASSWORD, last_name=family, first_name=" ".join(rest))
        Role.objects.create(user=user, unit=federations[key], kind=Role.Kind.STAFF)
