"""The editor's service functions: nesting within I., 1., a), order kept dense, the version check."""
import pytest

from plans.editor import editing, structure
from plans.models import AnnualPlan
from tests.factories import ActivityFactory, MemberFactory, PlanFactory, SectionFactory

pytestmark = pytest.mark.django_db


def version(plan):
    return AnnualPlan.objects.get(pk=plan.pk).version


def test_claim_takes_the_next_version_once():
    plan = PlanFactory()
    editing.claim(plan, 1)
    assert version(plan) == 2
    with pytest.raises(editing.StaleVersion, match="vừa được lưu ở nơi khác"):
        editing.claim(plan, 1)
    assert version(plan) == 2


def test_a_refused_change_leaves_nothing_behind():
    plan = PlanFactory()
    section = SectionFactory(plan=plan, order=0)
    with pytest.raises(editing.StaleVersion):
        editing.delete_section(None, plan, section, version=7)
    assert plan.sections.filter(pk=section.pk).exists()


def test_nesting_stops_at_the_third_level():
    plan = PlanFactory()
    a, b, c, d = (SectionFactory(plan=plan, order=i, title=t) for i, t in enumerate("ABCD"))
    editing.indent_section(None, plan, b, version(plan))
    c.refresh_from_db()
    editing.indent_section(None, plan, c, version(plan))
    c.refresh_from_db()
    assert c.parent == a
    editing.indent_section(None, plan, c, version(plan))
    c.refresh_from_db()
    assert c.parent == b
    d.refresh_from_db()
    editing.indent_section(None, plan, d, version(plan))
    editing.indent_section(None, plan, d, version(plan))
    editing.indent_section(None, plan, d, version(plan))
    d.refresh_from_db()
    assert d.parent == b and editing.depth(d) == 3
    assert not editing.can_indent(d)


def test_first_section_cannot_nest():
    plan = PlanFactory()
    first = SectionFactory(plan=plan, order=0)
    editing.indent_section(None, plan, first, version(plan))
    first.refresh_from_db()
    assert first.parent is None


def test_outdent_puts_the_section_right_after_its_parent():
    plan = PlanFactory()
    a = SectionFactory(plan=plan, order=0, title="A")
    SectionFactory(plan=plan, order=1, title="B")
    child = SectionFactory(plan=plan, order=0, title="A1", parent=a)
    editing.outdent_section(None, plan, child, version(plan))
    top = list(plan.sections.filter(parent=None).order_by("order").values_list("title", flat=True))
    assert top == ["A", "A1", "B"]


def test_rows_keep_their_order_through_a_delete_and_a_move():
    plan = PlanFactory()
    rows = [ActivityFactory(plan=plan, month_index=0, order=i * 10, content=str(i)) for i in range(3)]
    structure.delete_item(None, plan, version(plan), rows[0])
    assert list(plan.activities.order_by("order").values_list("content", flat=True)) == ["1", "2"]
    editing.move_activity(None, plan, rows[2], version(plan), editing.DOWN)
    assert list(plan.activities.order_by("order").values_list("content", flat=True)) == ["1", "2"]
    editing.move_activity(None, plan, rows[2], version(plan), editing.UP)
    assert list(plan.activities.order_by("order").values_list("order", "content")) == [(0, "2"), (1, "1")]


def test_lines_drop_blanks_and_trim():
    assert editing.lines(" a \r\n\r\nb\n  \n") == ["a", "b"]


def test_statistics_inserted_again_replace_the_earlier_ones_where_they_stood():
    earlier = ["Thuận lợi:", "- Tổng số CBCNV-LĐ: 40/20 nữ", "- Đảng viên: 5/2 nữ", "- Dân tộc thiểu số: 2/1 nữ",
               "- Hợp đồng: 3", "- Trình độ chuyên môn: đại học: 30", "Khó khăn: - Tổng số chưa đủ."]
    today = ["- Tổng số CBCNV-LĐ: 46/28 nữ", "- Đảng viên: 6/3 nữ", "- Biên chế: 40; hợp đồng: 6"]
    assert editing.with_statistics(earlier, today) == ["Thuận lợi:", *today, "Khó khăn: - Tổng số chưa đủ."]
    assert editing.with_statistics(["Thuận lợi:"], today) == [*today, "Thuận lợi:"]


def test_inserting_statistics_twice_does_not_stack_them():
    plan = PlanFactory()
    section = SectionFactory(plan=plan, paragraphs=["Thuận lợi: ..."])
    MemberFactory.create_batch(2, unit=plan.unit)
    editing.insert_statistics(None, plan, section, version(plan))
    first = list(section.paragraphs)
    MemberFactory(unit=plan.unit)
    editing.insert_statistics(None, plan, section, version(plan))
    section.refresh_from_db()
    assert len(section.paragraphs) == len(first)
    assert section.paragraphs[0] == "- Tổng số CBCNV-LĐ: 3/3 nữ" and section.paragraphs[-1] == "Thuận lợi: ..."
