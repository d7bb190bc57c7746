"""Starting this year's plan: a copy of last year's, or the usual skeleton."""
import datetime
import json
import re

import pytest

from members.models import Position
from plans.editor.drafting import copy_for_next_year, start_from_skeleton
from plans.models import AnnualPlan, MonthlyActivity
from plans.planformat import export_plan, import_plan
from tests.conftest import DEMO_PLANS
from tests.factories import FederationFactory, MemberFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_copy_shifts_months_and_clears_what_belongs_to_last_year(demo_plan_data):
    last_year = import_plan(demo_plan_data)
    MonthlyActivity.objects.filter(plan=last_year).update(status="done", result="Đã tổ chức")
    copy = copy_for_next_year(None, last_year)
    data = export_plan(copy)
    assert copy.status == AnnualPlan.Status.DRAFT
    assert (data["number"], data["date"]) == (None, None)
    assert data["period"]["year"] == demo_plan_data["period"]["year"] + 1
    assert [m["month"] for m in data["months"]] == [
        f"{int(m['month'][:4]) + 1}{m['month'][4:]}" for m in demo_plan_data["months"]
    ]
    assert all(a["status"] == "planned" and a["result"] == "" for m in data["months"] for a in m["activities"])
    assert all(t["result"] is None for t in data["targets"])
    assert [t["text"] for t in data["targets"]] == [t["text"] for t in demo_plan_data["targets"]]
    assert AnnualPlan.objects.get(pk=last_year.pk).status == last_year.status


SCHOOL_YEAR_PLANS = [p for p in DEMO_PLANS if json.loads(p.read_text(encoding="utf-8"))["period"]["kind"] == "school_year"]


@pytest.mark.parametrize("path", SCHOOL_YEAR_PLANS, ids=lambda p: p.stem)
def test_copy_moves_the_school_year_in_the_text(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    year = data["period"]["year"]
    last_year, this_year = (re.compile(rf"{y}\s*[-–]\s*{y + 1}") for y in (year, year + 1))
    source = json.dumps(data, ensure_ascii=False)
    copied = json.dumps(export_plan(copy_for_next_year(None, import_plan(data))), ensure_ascii=False)
    assert len(last_year.findall(source)) > 1
    assert last_year.findall(copied) == []
    assert len(this_year.findall(copied)) == len(last_year.findall(source))


def test_skeleton_has_the_usual_sections_and_the_chair_signs():
    unit = UnitFactory(superior=FederationFactory(name="Liên đoàn Lao động huyện Phú Lộc"))
    chair = MemberFactory(unit=unit, full_name="Hồ Thị Diệu")
    Position.objects.create(member=chair, unit=unit, kind=Position.Kind.CHAIR, term="2023-2028", since=datetime.date(2023, 6, 1))
    plan = start_from_skeleton(None, unit, "school_year", 2026)
    data = export_plan(plan)
    assert [s["title"] for s in data["sections"]] == [
        "TÌNH HÌNH CHUNG", "NHIỆM VỤ TRỌNG TÂM", "CHỈ TIÊU PHẤN ĐẤU", "NHIỆM VỤ VÀ GIẢI PHÁP",
        "TỔ CHỨC THỰC HIỆN", "KẾ HOẠCH CỤ THỂ TỪNG THÁNG",
    ]
    assert [s["kind"] for s in data["sections"]][2::3] == ["targets", "months"]
    assert data["title"] == "Hoạt động công đoàn năm học 2026-2027"
    assert data["signers"][0]["name"] == "Hồ Thị Diệu"
    assert data["recipients"] == ["Liên đoàn Lao động huyện Phú Lộc (b/c);", "Lưu: VT, CĐCS."]
    assert data["issuer"]["name"] == unit.header_name
