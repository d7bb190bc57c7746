"""The numbered body: sections at three levels, the targets, the month table in its two forms."""
from plans.textimport.patterns import (
    COLUMN_HEADERS,
    LETTERED,
    MONTH_CELL,
    NUMBERED,
    SUBNUMBERED,
    fold,
    is_plan_heading,
    measure,
    month_title,
    strip_marker,
)


def section(kind, title):
    return {"kind": kind, "title": title, "paragraphs": [], "sections": []}


def _split(lines, pattern):
    """Paragraphs before the first heading, then (heading, body lines) pairs.

    Numbered lines are headings only when each one has a body of its own: "1. … 2. … 3. …" one
    after the other is a numbered list of paragraphs, as in the Vinh Hưng plan's section IV.
    """
    marks = [i for i, line in enumerate(lines) if pattern.match(line.text)]
    bodies = [next_mark - mark - 1 for mark, next_mark in zip(marks, marks[1:] + [len(lines)])]
    if not marks or not all(bodies):
        return lines, []
    groups = [(lines[m], lines[m + 1:n]) for m, n in zip(marks, marks[1:] + [len(lines)])]
    return lines[:marks[0]], groups


def _title(line, pattern):
    return pattern.match(line.text).groups()[-1].strip()


def text_section(title, lines):
    top = section("text", title)
    before, groups = _split(lines, NUMBERED)
    top["paragraphs"] = [line.text for line in before]
    for heading, body in groups:
        middle = section("text", _title(heading, NUMBERED))
        pattern = SUBNUMBERED if any(SUBNUMBERED.match(line.text) for line in body) else LETTERED
        inner, subgroups = _split(body, pattern)
        middle["paragraphs"] = [line.text for line in inner]
        for subheading, subbody in subgroups:
            low = section("text", _title(subheading, pattern))
            low["paragraphs"] = [line.text for line in subbody]
            middle["sections"].append(low)
        top["sections"].append(middle)
    return top


def _target(group, text):
    return {"group": group, "text": text, "measure": measure(text), "result": None}


def targets_section(title, lines):
    """Every line under a chỉ tiêu heading is a target; numbered sub-headings name their group."""
    before, groups = _split(lines, NUMBERED)
    targets = [_target("", strip_marker(line.text)) for line in before]
    for heading, body in groups:
        group = _title(heading, NUMBERED)
        targets.extend(_target(group, strip_marker(line.text)) for line in body)
    return section("targets", title), targets


class MonthTable:
    """Rows of a month table: `Tháng 9/2020` cells in one table, or one table a month."""

    def __init__(self, period):
        self.period = period
        self.columns = []
        self.months = []
        self.layout = []
        self.unplaced = []
        self._cells = None

    def _month_key(self, number, year=None):
        if year is None:
            kind, start = self.period["kind"], self.period["year"]
            year = start + 1 if kind == "school_year" and number < 8 else start
        return f"{int(year):04d}-{number:02d}"

    def _start(self, key, line):
        self.layout.append(line.text)
        self._close()
        self._cells = (key, [])

    def feed(self, line, next_line=None):
        cell_match = MONTH_CELL.match(line.text)
        folded = fold(line.text)
        if cell_match and 1 <= int(cell_match[1]) <= 12:
            self._start(self._month_key(int(cell_match[1]), cell_match[2]), line)
            if "time" not in self.columns:
                self.columns.insert(0, "time")
        elif month_title(line.text):
            self._start(self._month_key(month_title(line.text)), line)
        elif folded in COLUMN_HEADERS and (self._cells is None or not self._cells[1]):
            self.layout.append(line.text)
            if COLUMN_HEADERS[folded] not in self.columns:
                self.columns.append(COLUMN_HEADERS[folded])
        elif next_line is not None and month_title(next_line.text) and is_plan_heading(line.text):
            self.layout.append(line.text)
        elif self._cells is None:
            self.unplaced.append(line.text)
        elif line.cell or not self._cells[1]:
            self._cells[1].append([line.text])
        else:
            self._cells[1][-1].append(line.text)

    def _close(self):
        if self._cells is None:
            return
        key, cells = self._cells
        self._cells = None
        if not cells:
            return
        after_time = [c for c in (self.columns or ["content"]) if c != "time"] or ["content"]
        values = {"content": [], "measures": [], "owner": []}
        for column, cell in zip(after_time, cells):
            values[column] = cell
        for cell in cells[len(after_time):]:
            self.unplaced.extend(cell)
        measures = values["measures"]
        if len(measures) > len(values["content"]) and values["content"]:
            # More measures than contents: the transcriber's reading pairs the spare ones with the last row.
            cut = len(values["content"]) - 1
            measures = measures[:cut] + ["\n".join(measures[cut:])]
        activities = [
            {"content": content, "measures": measures[i] if i < len(measures) else "",
             "owner": "\n".join(values["owner"]), "status": "planned", "result": ""}
            for i, content in enumerate(values["content"])
        ]
        if activities:
            self.months.append({"month": key, "activities": activities})

    def finish(self):
        self._close()
        return self.months
