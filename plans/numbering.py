"""The numbers and fixed phrases of a printed document, computed from the plan-format data.

NĐ 30/2020 (Phụ lục I) fixes how they read: mục I., khoản 1., điểm a); "Số: 01/KH-CĐCS"; the date
line "Vinh Hưng, ngày 05 tháng 02 năm 2024" with its zero padding. A draft with no number or date
yet prints blanks to fill by hand, so the formatters return segments: strings, and BLANK where the
page leaves room to write.
"""
import datetime
import re
import unicodedata

from plans import periods

BLANK = None  # a segment the printed page leaves empty for a hand-written number or date
DOCUMENT_TYPE = "KH"  # kế hoạch; NĐ 30 Phụ lục III abbreviation
REPORT_TYPE = "BC"  # báo cáo: the monthly and the year-end reports share its number series
# Tên loại printed over the trích yếu, by type; data without a doc_type is a plan.
DOCUMENT_NAMES = {"KH": "KẾ HOẠCH", "BC": "BÁO CÁO", "BTCĐ": "BẢNG TỰ CHẤM ĐIỂM"}
# Điểm are lettered with the Vietnamese alphabet, which has đ and lacks f, j, w, z.
VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"
ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n):
    out = ""
    for value, letters in ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def letter(n):
    """The n-th (1-based) điểm letter; past y it doubles (aa, bb) rather than fail."""
    rounds, index = divmod(n - 1, len(VIETNAMESE_LETTERS))
    return VIETNAMESE_LETTERS[index] * (rounds + 1)


def heading_number(depth, n):
    """'I.' for a mục (depth 0), '1.' for a khoản (1), 'a)' for a điểm (2)."""
    if depth == 0:
        return f"{roman(n)}."
    if depth == 1:
        return f"{n}."
    return f"{letter(n)})"


def doc_type(data):
    """'KH' for a plan, or the type the data names ('BC' for a monthly report)."""
    return data.get("doc_type", DOCUMENT_TYPE)


def doc_name(data):
    return DOCUMENT_NAMES[doc_type(data)]


def symbol(data):
    """Ký hiệu: the type, then the lead issuer's abbreviation ('KH-CĐCS')."""
    return f"{doc_type(data)}-{data['issuer']['abbreviation']}"


def reference(doc_type, number, abbreviation):
    """Số and ký hiệu as pages name an issued document: '01/KH-CĐCS'; None before it has a number."""
    return f"{number:02d}/{doc_type}-{abbreviation}" if number else None


def number_segments(data):
    """'Số: 01/KH-CĐCS', or for a draft 'Số:' BLANK '/KH-CĐCS'."""
    if data["number"]:
        return [f"Số: {data['number']}/{symbol(data)}"]
    return ["Số:", BLANK, f"/{symbol(data)}"]


def _date_words(iso, year):
    """'ngày 05 tháng 9 năm 2024': a day under 10 and months 1 and 2 take a leading zero."""
    if not iso:
        return ["ngày", BLANK, "tháng", BLANK, f"năm {year}"]
    date = datetime.date.fromisoformat(iso)
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return [f"ngày {date.day:02d} tháng {month} năm {date.year}"]


def date_segments(data):
    """'Vinh Hưng, ngày 05 tháng 9 năm 2024'; undated drafts leave the day and month blank."""
    return [f"{data['issuer']['place']},", *_date_words(data["date"], data["period"]["year"])]


def revision_line(label, replaced):
    """The line under the trích yếu of a correction: 'Điều chỉnh Kế hoạch số 01/KH-CĐCS ngày 05
    tháng 9 năm 2024', naming the issued document (`replaced`, its format data) it corrects."""
    date = " ".join(_date_words(replaced["date"], replaced["period"]["year"]))
    return f"{label} {doc_name(replaced).capitalize()} số {replaced['number']}/{symbol(replaced)} {date}"


def attachment_segments(data):
    """The line under an appendix title: '(Kèm theo Kế hoạch số 01/KH-CĐCS ngày ... của ...)'."""
    number = [f"số {data['number']}/{symbol(data)}"] if data["number"] else ["số", BLANK, f"/{symbol(data)}"]
    issuers = " và ".join(i["name"] for i in (data["issuer"], data["co_issuer"]) if i)
    return ["(Kèm theo Kế hoạch", *number, *_date_words(data["date"], data["period"]["year"]), f"của {issuers})"]


def appendix_label(n, count):
    """'Phụ lục' alone when there is one; 'Phụ lục I', 'Phụ lục II' when there are more."""
    return "Phụ lục" if count == 1 else f"Phụ lục {roman(n)}"


def _month_parts(month):
    year, number = month.split("-")
    return int(number), int(year)


def month_cell(month):
    """The time cell of the one-table form: 'Tháng 9/2024'."""
    number, year = _month_parts(month)
    return f"Tháng {number}/{year}"


def month_title(month):
    """The title over a month's own table: 'THÁNG 9/2023'."""
    number, year = _month_parts(month)
    return f"THÁNG {number}/{year}"


def ascii_fold(text):
    """'KH-CĐCS' -> 'KH-CDCS': a file name every browser and mail client keeps intact."""
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def filename(data):
    """'KH-01-CDCS-2024-2025.pdf'; a draft with no number: 'KH-CDCS-2024-2025.pdf'."""
    year = data["period"]["year"]
    span = f"{year}-{year + 1}" if data["period"]["kind"] == periods.SCHOOL_YEAR else str(year)
    parts = [doc_type(data), data["number"], data["issuer"]["abbreviation"], span]
    return "-".join(ascii_fold(p) for p in parts if p) + ".pdf"


def next_number(unit, doc_type, year, taken=None):
    """Take the next number (01, 02 ...) of `unit` for `doc_type` in calendar `year`.

    Call it inside the transaction that stores the number: the counter row stays locked until
    that commits, so a concurrent issue waits and then takes the following number, and a rolled
    back issue gives its number back. `taken` (a lazy queryset of numbers already in use, such
    as imported plans) is read only once the lock is held.
    """
    from django.db import transaction
    from django.db.models import Max

    from plans.models import IssueCounter

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside transaction.atomic().")
    counter, _ = IssueCounter.objects.select_for_update().get_or_create(unit=unit, doc_type=doc_type, year=year)
    floor = (taken.aggregate(top=Max("number"))["top"] or 0) if taken is not None else 0
    counter.last = max(counter.last, floor) + 1
    counter.save(update_fields=["last"])
    return counter.last
