"""The import's invariant: every non-empty line of the source ends in the recognised plan, in what
the printed layout regenerates by itself (Quốc hiệu, số, the word KẾ HOẠCH, table headers, month
labels), or in the chair's list of unplaced lines, never nowhere.

The recogniser files each line by its own rules; this last step checks the result against the
source, whatever the rules did, and hands the chair any line found nowhere.
"""
import re

from plans.textimport import patterns as p
from plans.textimport.mend import LIST_MARKER
from plans.textimport.signers import columns

SEPARATOR, TAKEN = "\x01", "\x00"
SPACE = re.compile(r"\s+")


def compact(text):
    """A line as it can be found again after the recogniser: its list marker gone (the number a
    heading had is computed again), case and diacritics folded, no spaces."""
    stripped = LIST_MARKER.sub("", text.strip(), count=1)
    return SPACE.sub("", p.fold(stripped or text))


def is_layout(text):
    """A line the printed layout regenerates; a paragraph filed there by mistake is not one."""
    folded = p.fold(text)
    return len(text) <= 100 and bool(
        folded.startswith(("CONG HOA XA HOI", "DOC LAP"))
        or p.NUMBER_LINE.match(text) or p.DATE_LINE.match(text) or p.is_plan_heading(text)
        or p.MONTH_CELL.match(text) or p.month_title(text) or folded in p.COLUMN_HEADERS
        or folded.rstrip(": ") == "NOI NHAN"
    )


def strings(value):
    """Every string in plan-format data, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


class Pool:
    """Everything the lines may have become, each piece taken once so a repeated line counts once."""

    def __init__(self, texts):
        self.text = SEPARATOR.join(compact(text) for text in texts)

    def _take(self, at, positions):
        chars = list(self.text)
        for i in positions:
            chars[i] = TAKEN
        self.text = "".join(chars)

    def take(self, key):
        at = self.text.find(key)
        if at >= 0:
            self._take(at, range(at, at + len(key)))
            return True
        # A line split in two by a mend (the last base and the sentence after it) spans two pieces.
        index = [i for i, char in enumerate(self.text) if char != SEPARATOR]
        at = "".join(self.text[i] for i in index).find(key)
        if at < 0:
            return False
        self._take(at, index[at:at + len(key)])
        return True


def _found(pool, line):
    """The line is found whole, or column by column when wide gaps set it out in columns (two
    signers side by side end in two signers)."""
    if pool.take(compact(line.text)):
        return True
    parts = columns(line.raw) if len(line.src) == 1 else []
    return len(parts) > 1 and all([pool.take(compact(text)) for _, text in parts])


def unaccounted(lines, plan, layout, unplaced):
    """The lines found neither in `plan`, nor in `layout` as layout, nor in `unplaced`, in source order."""
    pool = Pool([*strings(plan), *(text for text in layout if is_layout(text)), *unplaced])
    missing = [
        line for line in sorted(lines, key=lambda line: -len(line.text))
        if not _found(pool, line)
    ]
    return sorted(missing, key=lambda line: line.src[0] if line.src else 0)
