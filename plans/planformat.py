"""The plan interchange format, version 1 (`shared/spec/plan-format.md`): read, check, write.

Checking is strict and complete before anything is written, so a bad file leaves nothing behind
and its first problem is named by its JSON path ("$.targets[3].measure.value").
"""
import datetime
import json
import re

from django.db import transaction

from members.models import Unit
from plans import numbering, periods
from plans.models import AnnualPlan, MonthlyActivity, Section, Target
from unionplans.fields import has_control_characters, nfc

FORMAT = "unionplans.plan/1"
MONTH_COLUMNS = ("time", "content", "measures", "owner")
MAX_SECTION_DEPTH = 3  # mục I., khoản 1., điểm a)
NUMBER = re.compile(r"^(0[1-9]|[1-9][0-9]{1,3})$")
MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")
ISSUER_KEYS = ("superior", "name", "abbreviation", "place")
SIGNER_KEYS = ("authority", "position", "name")
ACTIVITY_KEYS = ("content", "measures", "owner", "status", "result")
TARGET_COLUMNS = ("group", "text", "measure", "value", "result_value", "result_met")


class PlanFormatError(ValueError):
    def __init__(self, path, message):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def loads(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFormatError("$", f"không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}).") from exc
    check(data)
    return nfc(data)


# --- checking -------------------------------------------------------------------------------

def _fields(value, path, keys):
    if not isinstance(value, dict):
        raise PlanFormatError(path, "phải là một đối tượng {…}.")
    for key in value:
        if key not in keys:
            raise PlanFormatError(f"{path}.{key}", "khóa không có trong định dạng.")
    for key in keys:
        if key not in value:
            raise PlanFormatError(f"{path}.{key}", "thiếu khóa bắt buộc.")


def _text(value, path, required=False):
    if not isinstance(value, str):
        raise PlanFormatError(path, "phải là một chuỗi văn bản.")
    if required and not value.strip():
        raise PlanFormatError(path, "không được để trống.")
    if has_control_characters(value):
        raise PlanFormatError(path, "có ký tự điều khiển không in được (như ký tự NUL): hãy xóa chúng khỏi tệp.")


def _list(value, path):
    if not isinstance(value, list):
        raise PlanFormatError(path, "phải là một danh sách […].")
    return [(item, f"{path}[{i}]") for i, item in enumerate(value)]


def _texts(value, path):
    for item, item_path in _list(value, path):
        _text(item, item_path)


def _whole(value, path, low, high=None):
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlanFormatError(path, "phải là một số nguyên.")
    if value < low or (high is not None and value > high):
        raise PlanFormatError(path, f"phải từ {low} đến {high}." if high is not None else f"không được nhỏ hơn {low}.")


def _issuer(value, path):
    _fields(value, path, ISSUER_KEYS)
    _text(value["superior"], f"{path}.superior")
    for key in ("name", "abbreviation", "place"):
        _text(value[key], f"{path}.{key}", required=True)


def _sections(value, path, depth, kinds_seen):
    for section, spath in _list(value, path):
        _fields(section, spath, ("kind", "title", "paragraphs", "sections"))
        if section["kind"] not in Section.Kind.values:
            raise PlanFormatError(f"{spath}.kind", "phải là text, targets hoặc months.")
        if section["kind"] != "text":
            if section["kind"] in kinds_seen:
                raise PlanFormatError(f"{spath}.kind", f"kế hoạch chỉ có một mục loại {section['kind']}.")
            kinds_seen.add(section["kind"])
        _text(section["title"], f"{spath}.title")
        _texts(section["paragraphs"], f"{spath}.paragraphs")
        if section["sections"] and depth == MAX_SECTION_DEPTH:
            raise PlanFormatError(f"{spath}.sections", f"mục chỉ lồng nhau tối đa {MAX_SECTION_DEPTH} cấp (I., 1., a).")
        _sections(section["sections"], f"{spath}.sections", depth + 1, kinds_seen)


def _target(target, path):
    _fields(target, path, ("group", "text", "measure", "result"))
    _text(target["group"], f"{path}.group")
    _text(target["text"], f"{path}.text", required=True)
    measure, result = target["measure"], target["result"]
    if measure is None:
        if result is not None and not isinstance(result, bool):
            raise PlanFormatError(f"{path}.result", "chỉ tiêu định tính có kết quả true, false hoặc null.")
        return
    _fields(measure, f"{path}.measure", ("kind", "value"))
    if measure["kind"] not in ("percent", "count"):
        raise PlanFormatError(f"{path}.measure.kind", "phải là percent hoặc count.")
    high = 100 if measure["kind"] == "percent" else None
    _whole(measure["value"], f"{path}.measure.value", 0, high)
    if result is not None:
        _whole(result, f"{path}.result", 0, high)


def _months(value, path, period):
    previous = -1
    for month, mpath in _list(value, path):
        _fields(month, mpath, ("month", "activities"))
        match = MONTH.match(month["month"]) if isinstance(month["month"], str) else None
        if not match:
            raise PlanFormatError(f"{mpath}.month", "phải có dạng YYYY-MM, ví dụ 2024-09.")
        index = periods.month_index(period["kind"], period["year"], datetime.date(int(match[1]), int(match[2]), 1))
        if index is None:
            raise PlanFormatError(f"{mpath}.month", f"tháng nằm ngoài {periods.label(period['kind'], period['year'])}.")
        if index <= previous:
            raise PlanFormatError(f"{mpath}.month", "các tháng phải theo thứ tự thời gian, không lặp lại.")
        previous = index
        activities = _list(month["activities"], f"{mpath}.activities")
        if not activities:
            raise PlanFormatError(f"{mpath}.activities", "tháng phải có ít nhất một hoạt động.")
        for activity, apath in activities:
            _fields(activity, apath, ACTIVITY_KEYS)
            _text(activity["content"], f"{apath}.content", required=True)
            for key in ("measures", "owner", "result"):
                _text(activity[key], f"{apath}.{key}")
            if activity["status"] not in MonthlyActivity.Status.values:
                raise PlanFormatError(f"{apath}.status", "phải là planned, in_progress, done hoặc cancelled.")


def check(data):
    """Raise PlanFormatError at the first thing in `data` that the format does not allow."""
    # "doc_type" is the one optional key: "BC" marks a year-end report, whose data is a plan's.
    _fields({k: v for k, v in data.items() if k != "doc_type"} if isinstance(data, dict) else data, "$", (
        "format", "issuer", "co_issuer", "period", "number", "date", "title", "bases", "preamble",
        "sections", "targets", "month_columns", "months", "closing", "appendices", "recipients", "signers",
    ))
    if data["format"] != FORMAT:
        raise PlanFormatError("$.format", f'phải là "{FORMAT}".')
    if data.get("doc_type", numbering.DOCUMENT_TYPE) not in (numbering.DOCUMENT_TYPE, numbering.REPORT_TYPE):
        raise PlanFormatError("$.doc_type", f'phải là "{numbering.DOCUMENT_TYPE}" hoặc "{numbering.REPORT_TYPE}".')
    _issuer(data["issuer"], "$.issuer")
    if data["co_issuer"] is not None:
        _issuer(data["co_issuer"], "$.co_issuer")
    period = data["period"]
    _fields(period, "$.period", ("kind", "year"))
    if period["kind"] not in (periods.SCHOOL_YEAR, periods.CALENDAR_YEAR):
        raise PlanFormatError("$.period.kind", "phải là school_year hoặc calendar_year.")
    _whole(period["year"], "$.period.year", 2000, 2100)
    if data["number"] is not None and not (isinstance(data["number"], str) and NUMBER.match(data["number"])):
        raise PlanFormatError("$.number", 'phải là null hoặc số có ít nhất hai chữ số, ví dụ "01".')
    if data["date"] is not None:
        try:
            datetime.date.fromisoformat(data["date"])
        except (TypeError, ValueError):
            raise PlanFormatError("$.date", "phải là null hoặc ngày dạng YYYY-MM-DD.") from None
    if data["number"] is not None and data["date"] is None:
        raise PlanFormatError("$.date", "kế hoạch đã có số phải có ngày ban hành.")
    _text(data["title"], "$.title", required=True)
    for key in ("bases", "preamble", "closing", "recipients"):
        _texts(data[key], f"$.{key}")
    kinds_seen = set()
    _sections(data["sections"], "$.sections", 1, kinds_seen)
    _sections(data["appendices"], "$.appendices", 1, kinds_seen)
    for target, tpath in _list(data["targets"], "$.targets"):
        _target(target, tpath)
    columns = _list(data["month_columns"], "$.month_columns")
    if not columns or len(set(data["month_columns"])) != len(columns):
        raise PlanFormatError("$.month_columns", "phải liệt kê ít nhất một cột, mỗi cột một lần.")
    for column, cpath in columns:
        if column not in MONTH_COLUMNS:
            raise PlanFormatError(cpath, "cột phải là time, content, measures hoặc owner.")
    _months(data["months"], "$.months", period)
    signers = _list(data["signers"], "$.signers")
    if len(signers) > 2:
        raise PlanFormatError("$.signers", "tối đa hai người ký (kế hoạch liên tịch).")
    for signer, spath in signers:
        _fields(signer, spath, SIGNER_KEYS)
        for key in SIGNER_KEYS:
            _text(signer[key], f"{spath}.{key}")


# --- import -----------------------------------------------------------------------------------

def unit_for_issuer(issuer):
    """The unit whose header prints as `issuer`, made (as a grassroots union) when there is none."""
    unit = Unit.objects.filter(header_name=issuer["name"], abbreviation=issuer["abbreviation"]).first()
    if unit is None:
        unit = Unit.objects.create(
            name=issuer["name"], kind=Unit.Kind.GRASSROOTS, header_superior=issuer["superior"],
            header_name=issuer["name"], abbreviation=issuer["abbreviation"], place=issuer["place"],
        )
    return unit


def _create_sections(plan, sections, part, parent=None):
    for order, data in enumerate(sections):
        section = Section.objects.create(
            plan=plan, parent=parent, part=part, order=order, kind=data["kind"],
            title=data["title"], paragraphs=data["paragraphs"],
        )
        _create_sections(plan, data["sections"], part, section)


def _target_row(plan, order, data):
    measure, result = data["measure"], data["result"]
    return Target(
        plan=plan, order=order, group=data["group"], text=data["text"],
        measure=measure["kind"] if measure else Target.Measure.QUALITATIVE,
        value=measure["value"] if measure else None,
        result_value=result if measure else None,
        result_met=None if measure else result,
    )


@transaction.atomic
def import_plan(data, unit=None):
    """Create a plan from format data (checked here again); all or nothing."""
    check(data)
    data = nfc(data)
    period = data["period"]
    number, date = data["number"], data["date"]
    plan = AnnualPlan.objects.create(
        unit=unit or unit_for_issuer(data["issuer"]),
        period_kind=period["kind"], year=period["year"], doc_type=data.get("doc_type", numbering.DOCUMENT_TYPE),
        number=int(number) if number else None,
        date=datetime.date.fromisoformat(date) if date else None,
        status=AnnualPlan.Status.ISSUED if number else AnnualPlan.Status.DRAFT,
        **{key: data[key] for key in (
            "title", "issuer", "co_issuer", "bases", "preamble", "closing", "recipients", "signers", "month_columns",
        )},
    )
    _create_sections(plan, data["sections"], Section.Part.BODY)
    _create_sections(plan, data["appendices"], Section.Part.APPENDIX)
    Target.objects.bulk_create(_target_row(plan, order, t) for order, t in enumerate(data["targets"]))
    MonthlyActivity.objects.bulk_create(
        MonthlyActivity(
            plan=plan, order=order, month_index=plan.month_index(datetime.date.fromisoformat(month["month"] + "-01")),
            **activity,
        )
        for month in data["months"]
        for order, activity in enumerate(month["activities"])
    )
    return plan


# --- export -----------------------------------------------------------------------------------

def _ref(row, refs):
    """The row's id under "ref", for the editor's document (refs=True); nothing in the format itself."""
    return {"ref": row["id"]} if refs else {}


def _section_tree(sections, refs, parent_id=None):
    return [
        {
            "kind": s["kind"], "title": s["title"], "paragraphs": s["paragraphs"],
            "sections": _section_tree(sections, refs, s["id"]), **_ref(s, refs),
        }
        for s in sections
        if s["parent_id"] == parent_id
    ]


def _target_data(target, refs=False):
    if target["measure"] == Target.Measure.QUALITATIVE:
        measure, result = None, target["result_met"]
    else:
        measure, result = {"kind": target["measure"], "value": target["value"]}, target["result_value"]
    return {"group": target["group"], "text": target["text"], "measure": measure, "result": result, **_ref(target, refs)}


def _ordered(mapping, keys):
    """PostgreSQL's jsonb keeps no key order; the format's order is rebuilt on the way out."""
    return None if mapping is None else {key: mapping[key] for key in keys}


def export_plan(plan, refs=False):
    """The plan as format data, in the spec's key order: what `dumps` writes and the printer reads.
    Rows are read as dicts of the printed columns only: every preview and PDF request exports the
    plan, and building model instances was most of its cost. With `refs` every section, target and
    month row also carries its id as "ref": the editor prints the same document with its blocks."""
    sections = list(plan.sections.order_by("order", "pk").values("id", "parent_id", "part", "kind", "title", "paragraphs"))
    months = {}
    for activity in plan.activities.order_by("month_index", "order", "pk").values("id", "month_index", *ACTIVITY_KEYS):
        row_id = activity.pop("id")
        months.setdefault(activity.pop("month_index"), []).append({**activity, **_ref({"id": row_id}, refs)})
    return {
        "format": FORMAT,
        **({"doc_type": plan.doc_type} if plan.is_report else {}),
        "issuer": _ordered(plan.issuer, ISSUER_KEYS),
        "co_issuer": _ordered(plan.co_issuer, ISSUER_KEYS),
        "period": {"kind": plan.period_kind, "year": plan.year},
        "number": f"{plan.number:02d}" if plan.number else None,
        "date": plan.date.isoformat() if plan.date else None,
        "title": plan.title,
        "bases": plan.bases,
        "preamble": plan.preamble,
        "sections": _section_tree([s for s in sections if s["part"] == Section.Part.BODY], refs),
        "targets": [_target_data(t, refs) for t in plan.targets.order_by("order", "pk").values("id", *TARGET_COLUMNS)],
        "month_columns": plan.month_columns,
        "months": [
            {"month": plan.month_at(index).strftime("%Y-%m"), "activities": rows}
            for index, rows in months.items()
        ],
        "closing": plan.closing,
        "appendices": _section_tree([s for s in sections if s["part"] == Section.Part.APPENDIX], refs),
        "recipients": plan.recipients,
        "signers": [_ordered(signer, SIGNER_KEYS) for signer in plan.signers],
    }
