"""Read mended lines into the plan interchange format, keeping account of every line.

Every line ends in the plan, in `layout` (what the printed layout regenerates by itself: Quốc
hiệu, Tiêu ngữ, the word KẾ HOẠCH, table headers, month labels) or in `unplaced` for the chair.
"""
import datetime
from dataclasses import dataclass, field

from plans.planformat import FORMAT
from plans.textimport import patterns as p, signers
from plans.textimport.account import unaccounted
from plans.textimport.body import MonthTable, section, targets_section, text_section
from plans.textimport.mend import mend


@dataclass
class Part:
    """One stretch of the source and what it became, for the side-by-side check."""
    kind: str
    label: str
    lines: list
    data: object = None

    @property
    def first_line(self):
        return self.lines[0].src[0] if self.lines else None

    @property
    def last_line(self):
        return self.lines[-1].src[-1] if self.lines else None


@dataclass
class Recognition:
    plan: dict
    mends: list
    unplaced: list = field(default_factory=list)
    layout: list = field(default_factory=list)
    parts: list = field(default_factory=list)


def empty_plan():
    return {
        "format": FORMAT, "issuer": {"superior": "", "name": "", "abbreviation": "", "place": ""},
        "co_issuer": None, "period": {"kind": "school_year", "year": datetime.date.today().year},
        "number": None, "date": None, "title": "", "bases": [], "preamble": [], "sections": [],
        "targets": [], "month_columns": ["time", "content", "owner"], "months": [], "closing": [],
        "appendices": [], "recipients": [], "signers": [],
    }


class Reader:
    def __init__(self, lines, mends):
        self.lines = lines
        self.at = 0
        self.result = Recognition(plan=empty_plan(), mends=mends)
        self.plan = self.result.plan
        self.more_caps = []  # upper-case header lines past the issuer's two: a co-issuer's, or nobody's

    def _take_while(self, keep):
        taken = []
        while self.at < len(self.lines) and keep(self.at):
            taken.append(self.lines[self.at])
            self.at += 1
        return taken

    def _starts_section(self, i):
        text = self.lines[i].text
        if p.ROMAN.match(text):
            return True
        following = self.lines[i + 1].text if i + 1 < len(self.lines) else ""
        return p.is_plan_heading(text) and ("THANG" in p.fold(text) or bool(p.month_title(following)))

    def _ends_body(self, i):
        text = self.lines[i].text
        return p.is_closing_line(text) or p.is_recipients_line(text) or signers.opens_signature(self.lines[i])

    # --- the head of the document ------------------------------------------------------------

    def header(self):
        lines = self._take_while(lambda i: not p.is_bases_line(self.lines[i].text) and not self._starts_section(i))
        title_at = next((i for i, line in enumerate(lines) if p.is_plan_heading(line.text)), None)
        fields = lines if title_at is None else lines[:title_at]
        title_lines, prose = ([], []) if title_at is None else _title_and_prose(lines[title_at:])
        caps = []
        for line in fields:
            if self._header_field(line, caps):
                continue
            if title_at is None and _is_title_line(line.text):
                title_lines.append(line)
            elif title_at is None:
                # A body without its header: its first paragraphs are the preamble, not a title.
                prose.append(line)
            else:
                self.result.unplaced.append(line.text)
        issuer = self.plan["issuer"]
        issuer["superior"], issuer["name"] = ("", caps[0]) if len(caps) == 1 else (caps + ["", ""])[:2]
        self.more_caps = caps[2:]
        self._title(title_lines)
        if not title_lines:
            self._period_from(line.text for line in prose)
        self.plan["preamble"].extend(line.text for line in prose)
        in_prose = {id(line) for line in prose}
        self.result.parts.append(Part("header", "Phần đầu văn bản", [line for line in lines if id(line) not in in_prose]))
        if prose:
            self.result.parts.append(Part("preamble", "Lời mở đầu", prose))

    def _header_field(self, line, caps):
        text, folded = line.text, p.fold(line.text)
        number, date = p.NUMBER_LINE.match(text), p.DATE_LINE.match(text)
        if folded.startswith("CONG HOA XA HOI") or folded.startswith("DOC LAP"):
            self.result.layout.append(text)
        elif number:
            self.plan["number"] = f"{int(number[1]):02d}" if number[1] else None
            self.plan["issuer"]["abbreviation"] = number[2]
            self.result.layout.append(text)
        elif date and len(text) <= 80:
            self.plan["issuer"]["place"] = date[1].strip()
            if date[2] and date[3]:
                self.plan["date"] = datetime.date(int(date[4]), int(date[3]), int(date[2])).isoformat()
            self.plan["period"]["year"] = int(date[4])
            self.result.layout.append(text)
        elif p.is_caps(text) and len(text) > 3:
            caps.append(text)
        else:
            return False
        return True

    def _title(self, lines):
        self.result.layout.extend(line.text for line in lines)
        words = " ".join(line.text for line in lines)
        heading = p.fold(words)
        if heading.startswith("KE HOACH"):
            words = words.lstrip("*• ").split(" ", 2)[2] if len(words.split(" ")) > 2 else ""
        self.plan["title"] = p.sentence_case(words.strip())
        self._period_from([words])

    def _period_from(self, texts):
        for text in texts:
            school, calendar = p.SCHOOL_YEAR.search(text), p.CALENDAR_YEAR.search(text)
            if school:
                self.plan["period"] = {"kind": "school_year", "year": int(school[1])}
            elif calendar:
                self.plan["period"] = {"kind": "calendar_year", "year": int(calendar[1])}
            if school or calendar:
                return

    def bases_and_preamble(self):
        bases = self._take_while(lambda i: p.is_bases_line(self.lines[i].text))
        self.plan["bases"] = [line.text for line in bases]
        if bases:
            last = self.plan["bases"][-1]
            # Word copies often run the last base into the sentence that introduces the plan.
            head, sep, tail = last.partition(". ")
            if sep and tail.endswith(":") and tail[:1].isupper():
                self.plan["bases"][-1] = head + "."
                self.plan["preamble"].append(tail)
                self.result.mends.append(
                    f"Dòng {bases[-1].src[0]}: tách câu mở đầu kế hoạch ra khỏi căn cứ cuối cùng."
                )
            self.result.parts.append(Part("bases", "Căn cứ", bases))
        preamble = self._take_while(lambda i: not self._starts_section(i) and not self._ends_body(i))
        self.plan["preamble"].extend(line.text for line in preamble)
        if preamble:
            self.result.parts.append(Part("preamble", "Lời mở đầu", preamble))

    # --- the body ------------------------------------------------------------------------------

    def _section_lines(self, stop_at_end):
        heading = self.lines[self.at]
        self.at += 1
        body = self._take_while(
            lambda i: not self._starts_section(i) and not (stop_at_end and self._ends_body(i))
        )
        return heading, body

    def _read_section(self, heading, body):
        roman = p.ROMAN.match(heading.text)
        title = roman[2].strip() if roman else heading.text.lstrip("*• ").strip()
        folded = p.fold(title)
        if "CHI TIEU" in folded:
            made, targets = targets_section(title, body)
            self.plan["targets"].extend(targets)
            return made
        if not roman or any(p.MONTH_CELL.match(line.text) or p.month_title(line.text) for line in body):
            return self._months_section(title, body)
        return text_section(title, body)

    def _months_section(self, title, body):
        table = MonthTable(self.plan["period"])
        for i, line in enumerate(body):
            table.feed(line, body[i + 1] if i + 1 < len(body) else None)
        self.plan["months"].extend(table.finish())
        if table.columns:
            self.plan["month_columns"] = table.columns
        self.result.layout.extend(table.layout)
        self.result.unplaced.extend(table.unplaced)
        return section("months", title)

    def _add(self, key, heading, lines):
        made = self._read_section(heading, lines)
        sections, parts = self.plan[key], self.result.parts
        if made["kind"] == "months" and sections and sections[-1]["kind"] == "months":
            # One table a month repeats its heading over each month: still one month table.
            self.result.layout.append(heading.text)
            parts[-1].lines.extend([heading] + lines)
            return
        sections.append(made)
        parts.append(Part("section" if key == "sections" else "appendix", made["title"], [heading] + lines, made))

    def body(self):
        while self.at < len(self.lines) and self._starts_section(self.at):
            self._add("sections", *self._section_lines(stop_at_end=True))

    def ending(self):
        closing = self._take_while(lambda i: not self._ends_body(i) or p.is_closing_line(self.lines[i].text))
        end = self._take_while(lambda i: not self._starts_section(i))
        self.plan["closing"] = [line.text for line in closing]
        recipients, block = [], []
        for line in end:
            if block or signers.opens_signature(line) or (line.cell and recipients):
                block.append(line)
            elif p.is_recipients_line(line.text):
                self.result.layout.append(line.text)
            elif p.BULLET.match(line.text):
                recipients.append(line.text)
            else:
                self.result.unplaced.append(line.text)
        signed = signers.read_block(block)
        self.plan["recipients"] = [p.strip_marker(text) for text in recipients + signed.recipients]
        self.plan["signers"] = signed.signers
        self.result.layout.extend(signed.headings)
        self.result.unplaced.extend(signed.unplaced)
        if any(signers.is_employer(signer) for signer in signed.signers):
            self.plan["co_issuer"] = {"superior": "", "name": "", "abbreviation": "", "place": self.plan["issuer"]["place"]}
        if closing:
            self.result.parts.append(Part("closing", "Phần kết", closing))
        if end:
            self.result.parts.append(Part("signature", "Nơi nhận và người ký", end))

    def _co_issuer_header(self):
        """A joint plan's header names both bodies: the upper-case lines past the issuer's are the co-issuer's."""
        co_issuer = self.plan["co_issuer"]
        if co_issuer and 1 <= len(self.more_caps) <= 2:
            co_issuer["superior"], co_issuer["name"] = ([""] + self.more_caps)[-2:]
        else:
            self.result.unplaced.extend(self.more_caps)

    def _account(self):
        for line in unaccounted(self.lines, self.plan, self.result.layout, self.result.unplaced):
            self.result.unplaced.append(line.text)
            self.result.mends.append(f"Dòng {line.src[0]}: chưa nhận ra thuộc phần nào, để ở danh sách dòng chưa xếp.")

    def appendices(self):
        while self.at < len(self.lines):
            if not self._starts_section(self.at):
                self.result.unplaced.append(self.lines[self.at].text)
                self.at += 1
                continue
            self._add("appendices", *self._section_lines(stop_at_end=False))

    def run(self):
        self.header()
        self.bases_and_preamble()
        self.body()
        self.ending()
        self.appendices()
        self._co_issuer_header()
        self._account()
        return self.result


def _is_title_line(text):
    """A short line that names the period ("Năm học 2023 - 2024"), standing where a title stands."""
    return p.fold(text).startswith("NAM") and len(text) <= 60 and not text.endswith((".", ":", ";"))


def _title_and_prose(lines):
    """The heading KẾ HOẠCH and the title lines under it; what reads as prose after them is preamble."""
    end = 1
    while end < len(lines) and (p.is_caps(lines[end].text) or (
            len(lines[end].text) <= 120 and not lines[end].text.endswith((".", ":", ";")))):
        end += 1
    return lines[:end], lines[end:]


def recognise_lines(lines, mends=()):
    return Reader(lines, list(mends)).run()


def recognise_text(text):
    """The plan-format dict read from `text`, with the lines it could not place and its mends."""
    lines, mends = mend(text)
    return recognise_lines(lines, mends)
