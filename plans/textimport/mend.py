"""Mend the text of a Word or PDF copy before it is read: what is safe to change, and a note of it.

Each mend is reported to the chair in Vietnamese, so nothing changes silently.
"""
import re
import unicodedata
from dataclasses import dataclass, field

# TCVN3 (ABC) puts each precomposed Vietnamese letter on one byte; opened as Windows-1252 the
# text shows as "thùc hiÖn". Only lower-case letters have their own codes: the upper-case ones
# came from a second font (.VnTimeH), so a converted heading comes out in lower case.
TCVN3 = dict(zip(
    "¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ",
    "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
))
# Codes that never occur in Unicode Vietnamese text: one of them marks a line as TCVN3.
TCVN3_ONLY = set("¡¢£¤¥¦§¨©ª«¬®µ¶·¸¹»¼½¾ÆÇËÎÏÐÑÖ×ØÜÞßäåæçëîïñö÷øûüþ")
VIETNAMESE_ONLY = re.compile("[ăĂơƠưƯđĐ\u1ea0-\u1ef9\u0300-\u0323]")
WORD_ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]|\[(?:image|picture)[^\]]*\]", re.IGNORECASE)
SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b\u3000]+")
LIST_MARKER = re.compile(r"^(?:[-+*•–]|\d+(?:\.\d+)*\s*[.)]|[IVXLC]+\s*[.\-–)]|[a-zđ]\))")
SENTENCE_END = (".", ":", ";", "!", "?", "…", "”", '"', ")")


@dataclass
class Line:
    """One paragraph of the source after mending; `cell` when it opens a table cell; `raw` the
    source line as typed, whose wide gaps set out columns (a signature block side by side)."""
    text: str
    cell: bool = False
    src: list = field(default_factory=list)
    raw: str = ""


def from_tcvn3(text):
    return "".join(TCVN3.get(char, char) for char in text)


def is_tcvn3(text):
    return any(char in TCVN3_ONLY for char in text) and not VIETNAMESE_ONLY.search(text)


def _clean(raw, number, mends, counts):
    text = raw
    if WORD_ARTEFACT.search(text):
        text = WORD_ARTEFACT.sub("", text)
        mends.append(f"Dòng {number}: bỏ dấu vết của Word ({WORD_ARTEFACT.search(raw).group(0)}).")
    if is_tcvn3(text):
        text = from_tcvn3(text)
        mends.append(f"Dòng {number}: chuyển phông TCVN3 sang Unicode.")
    normal = unicodedata.normalize("NFC", text)
    if normal != text:
        counts["nfc"] += 1
        text = normal
    squeezed = SPACES.sub(" ", text).strip()
    if squeezed != text:
        counts["spaces"] += 1
    return squeezed


def _joinable(previous, line):
    """A line continues the one before when a copy broke a sentence there."""
    if previous is None or line.cell or LIST_MARKER.match(line.text):
        return False
    if previous.text.endswith(SENTENCE_END):
        return False
    return line.text[0].islower() or line.text[0].isdigit()


def mend(text):
    """The source as mended Lines, and the list of mends made (Vietnamese, for the chair)."""
    mends, counts = [], {"nfc": 0, "spaces": 0}
    lines, previous, cell_pending = [], None, False
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        opens_cell = raw.lstrip(" \u00a0").startswith("\t")
        cleaned = _clean(raw, number, mends, counts)
        if not cleaned:
            cell_pending = cell_pending or opens_cell
            continue
        line = Line(cleaned, cell=opens_cell or cell_pending, src=[number], raw=raw)
        cell_pending = False
        if _joinable(previous, line):
            previous.text = f"{previous.text} {line.text}"
            previous.src.append(number)
            mends.append(f"Dòng {number}: nối vào dòng {previous.src[0]} (câu bị ngắt dòng giữa chừng).")
            continue
        lines.append(line)
        previous = line
    if counts["nfc"]:
        mends.append(f"Chuẩn hóa dấu tiếng Việt (NFC) ở {counts['nfc']} dòng.")
    if counts["spaces"]:
        mends.append(f"Bỏ dấu tab và khoảng trắng thừa ở {counts['spaces']} dòng.")
    return lines, mends
