"""The member list as an Excel sheet: a template to fill in, an import checked whole before
anything is saved, and an export with the same columns, so an export can be imported elsewhere."""
import datetime
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from members.models import Member
from unionplans.spreadsheet import row as safe_row
from unionplans.uploads import Deadline, UploadTooBig, check_count, check_zip

# (header printed in row 1, model field, kind)
COLUMNS = [
    ("Họ và tên", "full_name", "name"),
    ("Ngày sinh", "birth_date", "date"),
    ("Giới tính", "gender", Member.Gender),
    ("Dân tộc", "ethnicity", "text"),
    ("Tôn giáo", "religion", "text"),
    ("Trình độ chuyên môn", "qualification", Member.Qualification),
    ("Nghề nghiệp, chức danh", "occupation", "text"),
    ("Biên chế / hợp đồng", "employment", Member.Employment),
    ("Đảng viên", "party_member", "bool"),
    ("Ngày vào Đảng", "party_joined", "date"),
    ("Ngày vào công đoàn", "union_joined", "date"),
    ("Số thẻ đoàn viên", "card_number", "text"),
    ("Điện thoại", "phone", "text"),
    ("Email", "email", "text"),
]
HEADERS = [header for header, _, _ in COLUMNS]
YES = {"có", "x", "1", "đảng viên"}
SHEET_TITLE = "Đoàn viên"


@dataclass
class Row:
    number: int
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)


def _workbook(members=()):
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for member in members:
        sheet.append(safe_row(sheet, [_export_value(member, name, kind) for _, name, kind in COLUMNS]))
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 20
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _export_value(member, name, kind):
    value = getattr(member, name)
    if kind == "bool":
        return "Có" if value else ""
    if isinstance(kind, type):
        return kind(value).label if value else ""
    return value if value is not None else ""


def template_bytes():
    return _workbook()


def export_bytes(members):
    return _workbook(members)


def read_rows(file, unit_card_numbers=None):
    """Every data row of the sheet with its values and its errors; a sheet that cannot be read
    at all gives a single row 0 with the reason."""
    try:
        rows = _sheet_rows(file)
    except UploadTooBig as exc:
        return [Row(0, errors=[str(exc)])]
    except Exception:  # openpyxl raises many kinds of error for a file that is not an .xlsx
        return [Row(0, errors=["Không đọc được tệp: hãy dùng tệp .xlsx theo mẫu."])]
    header = [str(v or "").strip() for v in (rows[0] if rows else ())]
    if header[:len(HEADERS)] != HEADERS:
        return [Row(1, errors=["Dòng tiêu đề không đúng mẫu: hãy tải mẫu và giữ nguyên các cột."])]
    parsed, seen = [], {}
    for number, raw in enumerate(rows[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in raw):
            continue
        row = _parse(number, list(raw) + [None] * len(HEADERS))
        card = row.values.get("card_number")
        if card:
            if card in seen:
                row.errors.append(f"Số thẻ {card} trùng với dòng {seen[card]}.")
            else:
                seen[card] = number
        parsed.append(row)
    taken = set(Member.objects.filter(card_number__in=seen).values_list("card_number", flat=True))
    for row in parsed:
        if row.values.get("card_number") in taken:
            row.errors.append(f"Số thẻ {row.values['card_number']} đã có trong hệ thống.")
    return parsed


def _sheet_rows(file):
    """The sheet's rows, streamed (read-only), only the template's columns of each, and refused at
    the first row past MEMBER_IMPORT_MAX_ROWS (the header aside) or past the reading time limit."""
    check_zip(file)
    deadline = Deadline()
    sheet = load_workbook(file, read_only=True, data_only=True).active
    rows = []
    for raw in sheet.iter_rows(max_col=len(HEADERS), values_only=True):
        rows.append(raw)
        check_count(len(rows) - 1, settings.MEMBER_IMPORT_MAX_ROWS, "dòng đoàn viên")
        deadline.check()
    return rows


def _parse(number, raw):
    row = Row(number)
    for (header, name, kind), value in zip(COLUMNS, raw):
        text = "" if value is None else str(value).strip()
        if kind == "name":
            if not text:
                row.errors.append("Thiếu họ và tên.")
            row.values[name] = " ".join(text.split())
        elif kind == "date":
            row.values[name] = _date(value, text, header, row)
        elif kind == "bool":
            row.values[name] = text.lower() in YES
        elif isinstance(kind, type):
            row.values[name] = _choice(kind, text, header, row)
        else:
            row.values[name] = text
    if row.values["party_joined"] and not row.values["party_member"]:
        row.errors.append("Có ngày vào Đảng nhưng cột Đảng viên để trống.")
    if not row.values["gender"] and not any("Giới tính" in e for e in row.errors):
        row.errors.append("Thiếu giới tính (Nam hoặc Nữ).")
    return row


def _date(value, text, header, row):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not text:
        return None
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        row.errors.append(f"{header} «{text}» không phải là ngày (ghi dạng 14/03/1985).")
        return None


def _choice(choices, text, header, row):
    if not text:
        return ""
    by_label = {label.lower(): value for value, label in choices.choices}
    if text.lower() not in by_label:
        allowed = ", ".join(choices.labels)
        row.errors.append(f"{header} «{text}» không hợp lệ (chọn một trong: {allowed}).")
        return ""
    return by_label[text.lower()]


def to_session(rows):
    """Rows as JSON-friendly dicts, to keep between the preview and the confirmation."""
    return [{k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in row.values.items()} for row in rows]


@transaction.atomic
def save_rows(unit, stored):
    """Create every member or none: a card number taken meanwhile raises and rolls back all."""
    members = []
    for values in stored:
        data = {
            k: datetime.date.fromisoformat(v) if k in {"birth_date", "party_joined", "union_joined"} and v else v
            for k, v in values.items()
        }
        data["card_number"] = data["card_number"] or None
        data["ethnicity"] = data["ethnicity"] or "Kinh"
        member = Member(unit=unit, **data)
        member.full_clean()
        member.save()
        members.append(member)
    return members
