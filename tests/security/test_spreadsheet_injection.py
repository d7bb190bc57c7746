"""Item 3 of issue 18: text that Excel would run as a formula is written as text in every export."""
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from members.models import Role, Unit
from tests.factories import FederationFactory, MemberFactory, RoleFactory, UnitFactory, person

pytestmark = pytest.mark.django_db
LINK = '=HYPERLINK("http://example.com/x","Bấm để xem")'
HOSTILE = [LINK, "+84 905 000 000", "-1+2", "@SUM(A1)", "\tthụt đầu", "\rđầu dòng"]


def _cells(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def test_member_export_writes_formula_like_names_as_text(client):
    unit = UnitFactory()
    for name in HOSTILE:
        MemberFactory(unit=unit, full_name=name, occupation=name)
    client.force_login(RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user)
    cells = _cells(client.get(reverse("members:export", args=[unit.pk])))
    written = {cell.value: cell for cell in cells if isinstance(cell.value, str)}
    link = written[LINK]
    assert link.data_type == "s" and link.quotePrefix
    assert not any(cell.data_type == "f" for cell in cells)
    for name in HOSTILE:
        assert name.strip() in {str(v).strip() for v in written}


def test_overview_export_writes_a_formula_like_unit_name_as_text(client):
    province = FederationFactory(kind=Unit.Kind.PROVINCE)
    UnitFactory(superior=province, name=LINK)
    client.force_login(person(province, Role.Kind.STAFF))
    cells = _cells(client.get(reverse("overview_excel")))
    link = next(cell for cell in cells if cell.value == LINK)
    assert link.data_type == "s" and link.quotePrefix
    assert not any(cell.data_type == "f" for cell in cells)
