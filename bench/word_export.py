"""The Word export's time against the month table's rows (issue 22: 240 rows under 1 s), median of
ROUNDS renders of the demo plan with 24, 60, 120 and 240 activities.

    .venv/bin/python bench/word_export.py [ROUNDS]
"""
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.update(DJANGO_SETTINGS_MODULE="unionplans.settings", DEBUG="1")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from plans.documents.docx import render_docx  # noqa: E402
from tests.test_docx_scale import lookups, plan_with_rows  # noqa: E402


def main(rounds):
    render_docx(plan_with_rows(24))  # the template and the font metrics, loaded once a process
    print(f"{'rows':>5} {'ms':>8} {'lookups':>9}")
    for rows in (24, 60, 120, 240):
        data = plan_with_rows(rows)
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            render_docx(data)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{rows:>5} {statistics.median(times):>8.0f} {lookups(data):>9}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
