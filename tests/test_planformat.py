"""The plan interchange format: every demo plan round-trips, bad files are named and leave nothing."""
import copy
import json

import pytest
from django.core.management import CommandError, call_command

from plans.models import AnnualPlan, MonthlyActivity, Section, Target
from plans.planformat import PlanFormatError, dumps, export_plan, import_plan, loads

pytestmark = pytest.mark.django_db


def test_demo_plan_round_trips_byte_for_byte(demo_plan_file):
    text = demo_plan_file.read_text(encoding="utf-8")
    plan = import_plan(loads(text))
    assert dumps(export_plan(plan)) == text


def test_demo_plan_is_held_in_full(demo_plan_data):
    plan = import_plan(demo_plan_data)

    def count_sections(sections):
        return sum(1 + count_sections(s["sections"]) for s in sections)

    expected_sections = count_sections(demo_plan_data["sections"]) + count_sections(demo_plan_data["appendices"])
    assert Section.objects.filter(plan=plan).count() == expected_sections
    assert Target.objects.filter(plan=plan).count() == len(demo_plan_data["targets"])
    assert MonthlyActivity.objects.filter(plan=plan).count() == sum(len(m["activities"]) for m in demo_plan_data["months"])


def test_commands_round_trip(tmp_path, demo_plan_file, capsys):
    call_command("import_plan", str(demo_plan_file))
    plan_id = capsys.readouterr().out.strip().splitlines()[-1]
    out = tmp_path / "out.json"
    call_command("export_plan", plan_id, "-o", str(out))
    assert out.read_text(encoding="utf-8") == demo_plan_file.read_text(encoding="utf-8")


@pytest.fixture
def plan_data():
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "plans" / "demo" / "vinh-hung-2024-2025.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _broken(data, path, value, delete=False):
    data = copy.deepcopy(data)
    *parents, last = path
    node = data
    for key in parents:
        node = node[key]
    if delete:
        del node[last]
    else:
        node[last] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "delete", "where", "words"),
    [
        (["sections", 0, "colour"], "đỏ", False, "$.sections[0].colour", "khóa không có"),
        (["title"], None, True, "$.title", "thiếu khóa"),
        (["targets", 1, "measure", "value"], 120, False, "$.targets[1].measure.value", "từ 0 đến 100"),
        (["targets", 1, "measure", "value"], "100", False, "$.targets[1].measure.value", "số nguyên"),
        (["months"], [{"month": "2026-01", "activities": [
            {"content": "Họp BCH", "measures": "", "owner": "BCH", "status": "planned", "result": ""}]}],
         False, "$.months[0].month", "nằm ngoài năm học 2024-2025"),
        (["number"], "1", False, "$.number", '"01"'),
        (["date"], "15/9/2024", False, "$.date", "YYYY-MM-DD"),
        (["period", "kind"], "quarter", False, "$.period.kind", "school_year"),
        (["signers"], [{"authority": "", "position": "CHỦ TỊCH", "name": "A"}] * 3, False, "$.signers", "tối đa hai"),
        (["format"], "unionplans.plan/2", False, "$.format", "unionplans.plan/1"),
    ],
)
def test_bad_file_names_path_and_saves_nothing(plan_data, path, value, delete, where, words):
    with pytest.raises(PlanFormatError) as error:
        import_plan(_broken(plan_data, path, value, delete))
    assert error.value.path == where
    assert words in error.value.message
    assert not AnnualPlan.objects.exists()
    assert not Section.objects.exists()


def test_failure_after_writing_started_leaves_nothing(plan_data, monkeypatch):
    """Checks pass but the database refuses a row half-way: the transaction takes back the plan too."""
    from plans import planformat

    def refuse(*args, **kwargs):
        raise RuntimeError("ổ đĩa đầy")

    monkeypatch.setattr(planformat.MonthlyActivity.objects, "bulk_create", refuse)
    plan_data["months"] = [{"month": "2024-09", "activities": [
        {"content": "Họp BCH", "measures": "", "owner": "BCH", "status": "planned", "result": ""}]}]
    with pytest.raises(RuntimeError):
        import_plan(plan_data)
    assert not AnnualPlan.objects.exists()
    assert not Target.objects.exists()


def test_not_json_is_reported():
    with pytest.raises(PlanFormatError) as error:
        loads("{ không phải json")
    assert error.value.path == "$"
    assert "dòng 1" in error.value.message


def test_decomposed_diacritics_are_stored_composed(plan_data):
    import unicodedata

    plan_data["title"] = unicodedata.normalize("NFD", "Hoạt động công đoàn năm học 2024-2025")
    plan = import_plan(plan_data)
    plan.refresh_from_db()
    assert plan.title == unicodedata.normalize("NFC", plan.title)
    assert AnnualPlan.objects.filter(title="Hoạt động công đoàn năm học 2024-2025").exists()


def test_import_command_reports_bad_file_in_vietnamese(tmp_path, plan_data):
    bad = tmp_path / "bad.json"
    plan_data["targets"][0]["measure"]["value"] = 101
    bad.write_text(json.dumps(plan_data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_plan", str(bad))
    assert "$.targets[0].measure.value: phải từ 0 đến 100." in str(error.value)
    assert not AnnualPlan.objects.exists()
