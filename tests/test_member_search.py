"""Search ignores diacritics and case, and sorts the Vietnamese way, on whichever database runs."""
import pytest

from members.models import Member
from members.search import fold, matching, sort_key
from tests.factories import MemberFactory, UnitFactory

pytestmark = pytest.mark.django_db

# Every vowel with every tone, the modified vowels, and đ.
VOWELS = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵ"


def test_fold_strips_every_diacritic_and_case():
    assert fold(VOWELS) == "a" * 18 + "e" * 12 + "i" * 6 + "o" * 18 + "u" * 12 + "y" * 6
    assert fold(VOWELS.upper()) == fold(VOWELS)
    assert fold("ĐẶNG Đức đạt") == "dang duc dat"


def test_search_finds_names_without_diacritics_in_any_case():
    unit = UnitFactory()
    huong = MemberFactory(unit=unit, full_name="Nguyễn Thị Hương")
    duc = MemberFactory(unit=unit, full_name="Trần Văn Đức", gender=Member.Gender.MALE)
    MemberFactory(unit=unit, full_name="Lê Thị Lan")
    members = unit.members.all()
    assert list(members.filter(matching("huong"))) == [huong]
    assert list(members.filter(matching("HƯƠNG"))) == [huong]
    assert list(members.filter(matching("duc"))) == [duc]
    assert list(members.filter(matching("Đức"))) == [duc]
    assert list(members.filter(matching("nguyen thi"))) == [huong]


@pytest.mark.parametrize("vowel", list(VOWELS))
def test_every_vowel_is_found_by_its_plain_letter(vowel):
    member = MemberFactory(full_name=f"Lê Thị X{vowel}n")
    assert list(Member.objects.filter(matching(f"x{fold(vowel)}n"))) == [member]


def test_sorting_by_given_name_in_vietnamese_letter_order_and_then_tone():
    names = [
        "Lê Thị Yến", "Phạm Văn Ưng", "Trần Thị Uyên", "Võ Thị Ơn", "Hồ Văn Ôn", "Đỗ Thị Oanh",
        "Ngô Văn Đức", "Lý Văn Dũng", "Bùi Thị Ân", "Vũ Thị Ăn", "Lê Thị Ánh", "Nguyễn Thị Anh",
        "Lê Thị An", "Hoàng Văn An",
    ]
    unit = UnitFactory()
    for name in names:
        MemberFactory(unit=unit, full_name=name)
    ordered = list(unit.members.order_by("sort_key").values_list("full_name", flat=True))
    assert ordered == [
        "Hoàng Văn An", "Lê Thị An", "Nguyễn Thị Anh", "Lê Thị Ánh", "Vũ Thị Ăn", "Bùi Thị Ân",
        "Lý Văn Dũng", "Ngô Văn Đức", "Đỗ Thị Oanh", "Hồ Văn Ôn", "Võ Thị Ơn", "Trần Thị Uyên",
        "Phạm Văn Ưng", "Lê Thị Yến",
    ]


def test_tones_order_ngang_huyen_hoi_nga_sac_nang():
    names = ["Lê Mạ", "Lê Má", "Lê Mã", "Lê Mả", "Lê Mà", "Lê Ma"]
    assert sorted(names, key=sort_key) == ["Lê Ma", "Lê Mà", "Lê Mả", "Lê Mã", "Lê Má", "Lê Mạ"]


def test_renaming_and_bulk_create_keep_search_columns():
    member = MemberFactory(full_name="Nguyễn Thị Hương")
    member.full_name = "Phạm Thị Thủy"
    member.save(update_fields=["full_name"])
    [bulk] = Member.objects.bulk_create([Member(unit=member.unit, full_name="Đặng Văn Đạt", gender="male")])
    member.refresh_from_db()
    assert member.search_name == "pham thi thuy"
    assert Member.objects.get(pk=bulk.pk).search_name == "dang van dat"
    assert Member.objects.get(pk=bulk.pk).sort_key == sort_key("Đặng Văn Đạt")
