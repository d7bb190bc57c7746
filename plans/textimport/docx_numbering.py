"""Word's automatic list numbering: the "I." or "1." Word prints before a paragraph is not in its
text, so without this a heading numbered by Word would not read as a section heading."""
import re
import string

from docx.oxml.ns import qn

from plans.numbering import roman

LEVEL_TEXT = re.compile(r"%(\d)")


def _letter(n):
    # Word's own letter numbering (unlike a điểm) runs a..z then aa..zz.
    rounds, index = divmod(n - 1, 26)
    return string.ascii_lowercase[index] * (rounds + 1)


FORMATS = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}",
    "upperRoman": roman, "lowerRoman": lambda n: roman(n).lower(),
    "upperLetter": lambda n: _letter(n).upper(), "lowerLetter": _letter,
}


def _val(element, tag, default=None):
    child = element.find(qn(tag))
    return default if child is None else child.get(qn("w:val"), default)


def _levels(abstract):
    return {
        int(lvl.get(qn("w:ilvl"))): {
            "format": _val(lvl, "w:numFmt", "decimal"), "text": _val(lvl, "w:lvlText", ""),
            "start": int(_val(lvl, "w:start", "1")),
        }
        for lvl in abstract.findall(qn("w:lvl"))
    }


class Numbering:
    """Counts numbered paragraphs in document order, as Word does when it prints them."""

    def __init__(self, document):
        self.lists = {}
        self.counters = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            # python-docx's way of saying the document has no numbering part: nothing is numbered.
            return
        abstracts = {a.get(qn("w:abstractNumId")): _levels(a) for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            abstract_id = _val(num, "w:abstractNumId")
            if abstract_id in abstracts:
                self.lists[num.get(qn("w:numId"))] = (abstract_id, abstracts[abstract_id])

    @staticmethod
    def _num_pr(paragraph):
        """(numId, level) set on the paragraph or, as with "List Number", on its style."""
        p_pr = paragraph._p.pPr
        candidates = [p_pr.numPr if p_pr is not None else None]
        style = paragraph.style
        while style is not None:
            style_pr = style.element.pPr
            candidates.append(style_pr.numPr if style_pr is not None else None)
            style = style.base_style
        for num_pr in candidates:
            if num_pr is not None and num_pr.numId is not None:
                ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
                return str(num_pr.numId.val), ilvl
        return None, 0

    def prefix(self, paragraph):
        """What Word prints before the paragraph: "II. ", "1. ", "a) ", "- " for a bullet, or ""."""
        num_id, ilvl = self._num_pr(paragraph)
        if num_id not in self.lists or ilvl not in self.lists[num_id][1]:
            return ""
        abstract_id, levels = self.lists[num_id]
        counts = self.counters.setdefault(abstract_id, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl]["start"] - 1) + 1
        for deeper in [level for level in counts if level > ilvl]:
            del counts[deeper]
        level = levels[ilvl]
        if level["format"] == "bullet":
            return "- "
        if level["format"] not in FORMATS:
            return ""

        def number(match):
            shown = int(match[1]) - 1
            spec = levels.get(shown, level)
            return FORMATS.get(spec["format"], str)(counts.get(shown, spec["start"]))

        text = LEVEL_TEXT.sub(number, level["text"]).strip()
        return f"{text} " if text else ""

    def text(self, paragraph):
        body = paragraph.text
        prefix = self.prefix(paragraph)
        return prefix + body if body.strip() else body
