"""The Word export is linear in the month table's rows (issue 22): counted in python-docx's own
XML element lookups, which do not depend on the machine as a timing would (timings: bench/word_export.py).
`table.cell()` rebuilt the table grid on every call: 391,606 lookups for a 120-row plan."""
import json
import sys
from pathlib import Path

from plans.documents.docx import render_docx

DEMO = Path(__file__).resolve().parent.parent / "plans" / "demo" / "may-chan-may-2025.json"
# python-docx finds every child element through these (xmlchemy's generated getters and xpath).
LOOKUPS = {"get_child_element", "get_child_element_list", "xpath", "first_child_found_in"}


def plan_with_rows(rows):
    """The demo plan with `rows` activities spread over its twelve months."""
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    data["months"] = [
        {"month": f"2025-{m:02d}", "activities": [
            {"content": f"Hoạt động {m}.{i} của tháng", "measures": "", "owner": "BCH", "status": "planned", "result": ""}
            for i in range(rows // 12)
        ]}
        for m in range(1, 13)
    ]
    return data


def lookups(data):
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call" and frame.f_code.co_name in LOOKUPS:
            count += 1

    sys.setprofile(profile)
    try:
        render_docx(data)
    finally:
        sys.setprofile(None)
    return count


def test_element_lookups_grow_linearly_with_the_rows():
    # The run properties of each font are built once a process (plans.documents.docx.word): the
    # first export pays for them, whichever test ran it, so one export goes first here.
    render_docx(plan_with_rows(12))
    counts = {rows: lookups(plan_with_rows(rows)) for rows in (24, 120, 240)}
    first, second = (counts[120] - counts[24]) / 96, (counts[240] - counts[120]) / 120
    # Linear: each row costs the same lookups wherever it stands; a grid rebuilt per cell makes
    # the later rows cost several times the earlier ones.
    assert abs(second - first) <= 0.05 * first, counts
    assert counts[240] < 12 * counts[24], counts
