"""What the parts of a plan look like in text: numbering, header lines, month labels, measures."""
import re
import unicodedata

ROMAN = re.compile(r"^([IVXLC]+)\s*[.\-–)]\s*(\S.*)$")
NUMBERED = re.compile(r"^(\d{1,2})\s*[.)]\s*(?!\d)(\S.*)$")
SUBNUMBERED = re.compile(r"^\d{1,2}\.\d{1,2}\s*[.)]?\s*(\S.*)$")
LETTERED = re.compile(r"^[a-zđ]\)\s*(\S.*)$")
BULLET = re.compile(r"^[-+*•–]\s*")
NUMBER_LINE = re.compile(r"^Số\s*:\s*([0-9]*)\s*/\s*KH\s*-\s*(\S+)", re.IGNORECASE)
DATE_LINE = re.compile(r"^(.+?),\s*ngày\s*(\d{0,2})\s*tháng\s*(\d{0,2})\s*năm\s*(\d{4})", re.IGNORECASE)
SCHOOL_YEAR = re.compile(r"năm học\s*(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
CALENDAR_YEAR = re.compile(r"năm\s*(\d{4})", re.IGNORECASE)
MONTH_CELL = re.compile(r"^Tháng\s*(\d{1,2})\s*/\s*(\d{4})$", re.IGNORECASE)
MONTH_TITLE = re.compile(r"^THANG\s+(\d{1,2})(?:\s*/\s*(\d{4}))?\b(?:\s+NAM HOC.*)?$")
AUTHORITY = re.compile(r"^(TM|KT|Q|TL|T/M)\s*[./]")
POSITIONS = {"CHU TICH", "PHO CHU TICH", "TRUONG BAN", "PHO TRUONG BAN", "THU KY"}
COLUMN_HEADERS = {
    "THOI GIAN": "time", "THANG": "time",
    "NOI DUNG": "content", "NOI DUNG CONG VIEC": "content", "NOI DUNG KE HOACH": "content",
    "NOI DUNG HOAT DONG": "content",
    "BIEN PHAP": "measures", "BIEN PHAP THUC HIEN": "measures",
    "THUC HIEN": "owner", "NGUOI THUC HIEN": "owner", "PHU TRACH": "owner", "NGUOI PHU TRACH": "owner",
    "BO PHAN THUC HIEN": "owner",
}
PERCENT = re.compile(r"(\d{1,3})(?:[.,]\d+)?\s*%")
COUNT_UNITS = r"(?:đ/c|đồng chí|đoàn viên|ĐV|ĐVCĐ|CĐV|người|lần|chuyến|cuộc|lớp|buổi|đợt|tập thể|cá nhân)"
COUNT = re.compile(r"(?<![\d/.,])(\d{1,4})(?:\s*[-–]\s*\d+)?\s*" + COUNT_UNITS + r"(?!\w)", re.IGNORECASE)
COUNT_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5}
COUNT_WORD = re.compile(r"\b(một|hai|ba|bốn)\s+" + COUNT_UNITS + r"(?!\w)", re.IGNORECASE)


def fold(text):
    """Upper case without diacritics, for matching words typed with or without (or wrong) marks."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).upper().strip()


def is_caps(text):
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def sentence_case(text):
    return text[:1].upper() + text[1:].lower() if is_caps(text) else text


def strip_marker(text):
    return BULLET.sub("", text, count=1).strip()


def measure(text):
    """A target's measure read from its words: the first percent, else a counted thing."""
    match = PERCENT.search(text)
    if match and int(match[1]) <= 100:
        return {"kind": "percent", "value": int(match[1])}
    match = COUNT.search(text)
    if match:
        return {"kind": "count", "value": int(match[1])}
    match = COUNT_WORD.search(text)
    if match:
        return {"kind": "count", "value": COUNT_WORDS[match[1].lower()]}
    return None


def is_bases_line(text):
    return fold(text).startswith("CAN CU")


def is_closing_line(text):
    return fold(text).startswith("TREN DAY LA")


def is_recipients_line(text):
    return fold(text).startswith("NOI NHAN")


def is_signer_line(text):
    return is_caps(text) and (bool(AUTHORITY.match(text)) or fold(text) in POSITIONS)


def month_title(text):
    """The month number of a heading `THÁNG 8 NĂM HỌC 2023 - 2024`, else None."""
    match = MONTH_TITLE.match(fold(text))
    return int(match[1]) if match and 1 <= int(match[1]) <= 12 else None


def is_plan_heading(text):
    return is_caps(text) and fold(text.lstrip("*• ")).startswith("KE HOACH")
