"""What the document templates print, worked out from the plan-format data.

Every number, label and grouping is decided here so that the templates only lay text out; the
templates receive plain strings and Django escapes every one of them.
"""
import datetime

from plans import numbering, periods
from plans.months import targets_review

COLUMN_LABELS = {"time": "Thời gian", "measures": "Biện pháp thực hiện", "owner": "Thực hiện"}
# The Ngọc Hồi form (with a time column) says "Nội dung công việc", the Phương Đông form
# (a table a month) "Nội dung kế hoạch".
CONTENT_LABEL = {True: "Nội dung công việc", False: "Nội dung kế hoạch"}
# A year-end report prints its targets as a table: what each aimed at, what it reached, met or not.
RESULT_COLUMNS = (("number", "TT"), ("content", "Chỉ tiêu"), ("aim", "Mức phấn đấu"), ("result", "Kết quả"),
                  ("met", "Đánh giá"))


def _targets(data, depth):
    """The plan's targets grouped by their group, groups in order of first appearance."""
    groups = {}
    for target in data["targets"]:
        groups.setdefault(target["group"], []).append({"text": target["text"], "ref": target.get("ref")})
    numbered = 0
    out = []
    for title, texts in groups.items():
        number = ""
        if title:
            numbered += 1
            number = numbering.heading_number(depth, numbered)
        out.append({"number": number, "title": title, "depth": depth, "targets": texts})
    return out, numbered


def _results_table(data):
    """The targets of a year-end report, one row each with its aim, result and outcome."""
    rows = []
    for n, target in enumerate(data["targets"], 1):
        kind, value = (target["measure"]["kind"], target["measure"]["value"]) if target["measure"] else (None, None)
        outcome = targets_review.outcome_of(kind, value, target["result"])
        cells = [("number", str(n)), ("content", target["text"]), ("aim", targets_review.aim_of(kind, value)),
                 ("result", targets_review.result_of(kind, target["result"])), ("met", targets_review.LABELS[outcome])]
        rows.append({"ref": target.get("ref"), "cells": [_cell(key, text) for key, text in cells]})
    columns = [{"key": key, "label": label} for key, label in RESULT_COLUMNS]
    return [{"title": "", "block": "target", "columns": columns, "bodies": [rows]}] if rows else []


def _cell(key, text, rowspan=1):
    return {"key": key, "text": text, "rowspan": rowspan}


def _rows(activities, columns, month):
    """A month's rows; the time cell only in the first, spanning them all. `ref` is the row's id
    when the editor prints the document (planformat.export_plan(refs=True)), else None."""
    rows = []
    for i, activity in enumerate(activities):
        cells = []
        for key in columns:
            if key != "time":
                cells.append(_cell(key, activity[key]))
            elif i == 0:
                cells.append(_cell(key, numbering.month_cell(month), len(activities)))
        rows.append({"ref": activity.get("ref"), "cells": cells})
    return rows


def _tables(data):
    """One table for the year when there is a time column, otherwise one table a month."""
    columns = data["month_columns"]
    one_table = "time" in columns
    heads = [{"key": k, "label": COLUMN_LABELS.get(k, CONTENT_LABEL[one_table])} for k in columns]
    bodies = [(m["month"], _rows(m["activities"], columns, m["month"])) for m in data["months"]]
    if not bodies:
        return []
    if one_table:
        return [{"title": "", "block": "row", "columns": heads, "bodies": [rows for _, rows in bodies]}]
    return [{"title": numbering.month_title(month), "block": "row", "columns": heads, "bodies": [rows]} for month, rows in bodies]


def _content(data, section, depth):
    """What a section holds under its heading, by kind; `depth` is the level of its children."""
    report = numbering.doc_type(data) == numbering.REPORT_TYPE
    groups, taken = _targets(data, depth) if section["kind"] == "targets" and not report else ([], 0)
    tables = _tables(data) if section["kind"] == "months" else []
    return {
        "groups": groups,
        "tables": _results_table(data) if section["kind"] == "targets" and report else tables,
        "paragraphs": section["paragraphs"],
        # A table of its own (a scored table, plans.rating.printing): columns and rows of plain text.
        "grid": section.get("grid"),
        # Target groups are the first khoản of their mục, so its own parts number on after them.
        "sections": _sections(data, section["sections"], depth, start=taken),
    }


def _sections(data, sections, depth, start=0):
    out = []
    for n, section in enumerate(sections, start + 1):
        title = section["title"].upper() if depth == 0 else section["title"]
        out.append({
            "number": numbering.heading_number(depth, n), "title": title, "depth": depth, "ref": section.get("ref"),
            **_content(data, section, depth + 1),
        })
    return out


def _appendices(data):
    count = len(data["appendices"])
    note = numbering.attachment_segments(data)
    return [
        {
            "label": numbering.appendix_label(n, count), "title": appendix["title"].upper(), "note": note, "ref": appendix.get("ref"),
            **_content(data, appendix, 1),
        }
        for n, appendix in enumerate(data["appendices"], 1)
    ]


def _signer(signer):
    authority = [line for line in signer["authority"].split("\n") if line.strip()]
    return {"authority": authority, "position": signer["position"], "name": signer["name"]}


def created(data):
    """The document's date: the date of issue, or for an undated draft the start of its period.
    Fixed by the data so the same plan always gives the same bytes."""
    if data["date"]:
        return datetime.date.fromisoformat(data["date"])
    return periods.first_month(data["period"]["kind"], data["period"]["year"])


def document(data, revision=""):
    """The template context of a printed plan; `revision` is the line naming the plan a correction
    replaces (numbering.revision_line), which the format data does not carry."""
    return {
        "revision": revision,
        "issuers": [i for i in (data["issuer"], data["co_issuer"]) if i],
        "number": numbering.number_segments(data),
        "date": numbering.date_segments(data),
        "title": data["title"],
        "bases": data["bases"],
        "preamble": data["preamble"],
        "sections": _sections(data, data["sections"], 0),
        "closing": data["closing"],
        "signers": [_signer(s) for s in data["signers"]],
        "recipients": data["recipients"],
        "appendices": _appendices(data),
        "doc_name": numbering.doc_name(data),
        "meta_title": " ".join(filter(None, [numbering.doc_name(data).capitalize(), data["title"], revision])),
        "meta_author": data["issuer"]["name"],
        "meta_created": created(data).isoformat(),
    }
