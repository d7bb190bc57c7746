"""The signature block: one signer or two, one under the other, side by side in the columns of a
text copy (spaces or tabs between), or in the cells of a Word table; and whether one of them signs
for the employer (Hiệu trưởng, Giám đốc …), which makes the plan a joint (liên tịch) plan."""
import re
from dataclasses import dataclass, field

from plans.textimport import patterns as p

GAP = re.compile(r"(\t+| {3,})")
TAB = 8
# Heads of the employer who sign a coordination plan beside the union's chair.
EMPLOYER_HEADS = (
    "HIEU TRUONG", "PHO HIEU TRUONG", "GIAM DOC", "PHO GIAM DOC", "TONG GIAM DOC", "PHO TONG GIAM DOC",
    "THU TRUONG", "CHU NHIEM", "TRUONG PHONG", "TRUONG KHOA", "CHANH VAN PHONG",
)
EMPLOYER_BODIES = ("BAN GIAM HIEU", "BAN GIAM DOC", "NHA TRUONG", "LANH DAO")
UNION_WORDS = ("CONG DOAN", "CHAP HANH", "BCH", "CDCS")
UNION_PREFIX = re.compile(r"^(?:CĐCS|CĐ|CÔNG ĐOÀN CƠ SỞ|CÔNG ĐOÀN)\s+", re.IGNORECASE)


def columns(raw):
    """The parts of a source line that wide gaps separate, each with the column it starts at."""
    parts, at = [], 0
    for chunk in GAP.split(raw.replace("\u00a0", " ").rstrip()):
        if "\t" in chunk:
            at = (at // TAB + len(chunk)) * TAB
        elif chunk.strip():
            parts.append((at + len(chunk) - len(chunk.lstrip()), " ".join(chunk.split())))
            at += len(chunk)
        else:
            at += len(chunk)
    return parts


def is_position(text):
    folded = p.fold(text)
    return p.is_caps(text) and (p.is_signer_line(text) or folded.startswith(EMPLOYER_HEADS) or folded.startswith("CHU TICH"))


def opens_signature(line):
    """A signature line, or a line of columns one of which is."""
    parts = columns(line.raw) or [(0, line.text)]
    return any(p.AUTHORITY.match(text) and p.is_caps(text) or is_position(text) for _, text in parts)


def _column_groups(lines):
    """Each column's lines, top to bottom: the columns are where the first two-part line starts its parts."""
    split = [columns(line.raw) or [(0, line.text)] for line in lines]
    anchors = next(([at for at, _ in parts] for parts in split if len(parts) > 1), None)
    if anchors is None:
        return None
    groups = [[] for _ in anchors]
    for parts in split:
        for i, (at, text) in enumerate(parts):
            column = i if len(parts) == len(anchors) else min(range(len(anchors)), key=lambda c: abs(anchors[c] - at))
            groups[column].append(text)
    return groups


def _cell_groups(lines):
    """A Word table's cells, each a column (the docx reader opens each cell with a tab)."""
    groups = []
    for line in lines:
        if line.cell or not groups:
            groups.append([])
        groups[-1].append(line.text)
    return groups


def _read(texts, signers, unplaced):
    signer = None
    for text in texts:
        authority, position = bool(p.AUTHORITY.match(text)), is_position(text)
        caps = p.is_caps(text)
        starts = authority or position or (caps and signer is None)
        if starts and (signer is None or signer["name"] or (signer["position"] and (authority or position))):
            signer = {"authority": [], "position": "", "name": ""}
            signers.append(signer)
        if signer is None:
            unplaced.append(text)
        elif authority and not signer["position"]:
            signer["authority"].append(text)
        elif caps and not signer["position"]:
            signer["position"] = text
        elif signer["position"] and not signer["name"]:
            signer["name"] = text
        else:
            unplaced.append(text)


@dataclass
class Block:
    signers: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    headings: list = field(default_factory=list)
    unplaced: list = field(default_factory=list)


def _recipients(texts, block):
    for text in texts:
        if p.is_recipients_line(text):
            block.headings.append(text)
        elif p.BULLET.match(text):
            block.recipients.append(text)
        else:
            block.unplaced.append(text)


def read_block(lines):
    """The block from its first signature line on: its signers (two at most, left to right), the
    recipients of a Nơi nhận column beside them, and the lines that are none of these."""
    block, people = Block(), []
    for texts in _column_groups(lines) or _cell_groups(lines):
        if p.is_recipients_line(texts[0]) or p.BULLET.match(texts[0]):
            _recipients(texts, block)
        else:
            _read(texts, people, block.unplaced)
    for extra in people[2:]:
        block.unplaced.extend(extra["authority"] + [text for text in (extra["position"], extra["name"]) if text])
    block.signers = [
        {"authority": "\n".join(s["authority"]), "position": s["position"], "name": s["name"]} for s in people[:2]
    ]
    return block


def is_employer(signer):
    """Signs for the employer: its position is an employer's head, or its authority the management's."""
    position = p.fold(signer["position"])
    authority = [p.fold(p.AUTHORITY.sub("", line)) for line in signer["authority"].split("\n") if line]
    if any(word in text for text in [position, *authority] for word in UNION_WORDS):
        return False
    return position.startswith(EMPLOYER_HEADS) or any(body in text for text in authority for body in EMPLOYER_BODIES)


def employer_of(union_name):
    """The employer's name a union's header implies: "CĐCS TRƯỜNG TIỂU HỌC X" → "TRƯỜNG TIỂU HỌC X"."""
    return UNION_PREFIX.sub("", union_name.strip())


def abbreviate(name):
    """Initials of a name for its part of a ký hiệu, a suggestion the chair corrects."""
    return "".join(word[0] for word in p.fold(name).split() if word[0].isalpha())


def co_issuer_for(co_issuer, unit):
    """A recognised co-issuer completed for `unit`'s draft: the employer its header name implies
    when the text named none, initials for its ký hiệu, the unit's place. The chair corrects it."""
    name = co_issuer["name"] or employer_of(unit.header_name)
    return {"superior": co_issuer["superior"], "name": name,
            "abbreviation": co_issuer["abbreviation"] or abbreviate(name), "place": unit.place}
