"""The editor's service functions: nesting within I., 1., a), order kept dense, the version check."""
import pytest

from plans import editing
from plans.models import AnnualPlan
from tests.factories import ActivityFactory, PlanFactory, SectionFactory

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
        editing.delete_section(plan, section, version=7)
    assert plan.sections.filter(pk=section.pk).exists()


def test_nesting_stops_at_the_third_level():
    plan = PlanFactory()
    a, b, c, d = (SectionFactory(plan=plan, order=i, title=t) for i, t in enumerate("ABCD"))
    editing.indent_section(plan, b, version(plan))
    c.refresh_from_db()
    editing.indent_section(plan, c, version(plan))
    c.refresh_from_db()
    assert c.parent == a
    editing.indent_section(plan, c, version(plan))
    c.refresh_from_db()
    assert c.parent == b
    d.refresh_from_db()
    editing.indent_section(plan, d, version(plan))
    editing.indent_section(plan, d, version(plan))
    editing.indent_section(plan, d, version(plan))
    d.refresh_from_db()
    assert d.parent == b and editing.depth(d) == 3
    assert not editing.can_indent(d)


def test_first_section_cannot_nest():
    plan = PlanFactory()
    first = SectionFactory(plan=plan, order=0)
    editing.indent_section(plan, first, version(plan))
    first.refresh_from_db()
    assert first.parent is None


def test_outdent_puts_the_section_right_after_its_parent():
    plan = PlanFactory()
    a = SectionFactory(plan=plan, order=0, title="A")
    SectionFactory(plan=plan, order=1, title="B")
    child = SectionFactory(plan=plan, order=0, title="A1", parent=a)
    editing.outdent_section(plan, child, version(plan))
    top = list(plan.sections.filter(parent=None).order_by("order").values_list("title", flat=True))
    assert top == ["A", "A1", "B"]


def test_rows_stay_numbered_without_gaps():
    plan = PlanFactory()
    rows = [ActivityFactory(plan=plan, month_index=0, order=i * 10, content=str(i)) for i in range(3)]
    editing.delete_activity(plan, rows[0], version(plan))
    assert list(plan.activities.order_by("order").values_list("order", "content")) == [(0, "1"), (1, "2")]
    editing.move_activity(plan, rows[2], version(plan), editing.DOWN)
    assert list(plan.activities.order_by("order").values_list("content", flat=True)) == ["1", "2"]


def test_lines_drop_blanks_and_trim():
    assert editing.lines(" a \r\n\r\nb\n  \n") == ["a", "b"]
