"""Printing figures for each demo plan: the first PDF of a plan against a plain WeasyPrint render of
the same document with the system's fonts, measured interleaved (one of each in turn, ROUNDS
times), where the first PDF's time goes, and the web responses that follow (cached, 304).

    .venv/bin/python bench/pdf.py [ROUNDS]

- first: the web response to the first click on "PDF" for a plan whose PDF was never made (the
  documents cache emptied before each): login check, data export, content hash, one job queued,
  the waiting page. This is the time to the first byte a person waits for (goal 150 ms).
- job: what the interactive worker then does (plans.documents.first_print.run, in this process):
  the data export again, template, WeasyPrint, cache write.
- cold: first + job, what the click cost when the PDF was rendered inside the request.
- plain: `HTML(string=...).write_pdf()` of the same HTML, its stylesheet without the bundled
  @font-face rules (the system's Liberation Serif), WeasyPrint's defaults.
- export, html, render, store: the parts of cold (the plan's data from the database, the HTML,
  `render_pdf`, the cache write).
Each figure twice: wall-clock milliseconds (the machine's load included) and this process's CPU
milliseconds (`time.process_time`, what the render itself costs); medians of ROUNDS (default 5),
cached and 304 of 20 requests. Runs on a throwaway SQLite database and cache folder.
"""
import io
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = tempfile.mkdtemp(prefix="unionplans-bench-")
os.environ.update(DJANGO_SETTINGS_MODULE="unionplans.settings", DEBUG="1", DATABASE_URL=f"sqlite:///{WORK}/bench.sqlite3", DOCUMENT_CACHE_DIR=f"{WORK}/cache")
os.environ.pop("REDIS_URL", None)
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

import pdfplumber  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from weasyprint import HTML  # noqa: E402

from plans.documents import first_print  # noqa: E402
from plans.documents.pdf import render_html, render_pdf  # noqa: E402
from plans.documents.pdf.fetcher import base_url  # noqa: E402
from plans.documents.pdf.serve import CACHE_ALIAS, plan_data  # noqa: E402
from plans.models import AnnualPlan  # noqa: E402
from plans.planformat import import_plan  # noqa: E402

CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
STYLESHEET = (ROOT / "static" / "pdf" / "print.css").read_text(encoding="utf-8")
SYSTEM_FONTS = re.sub(r"@font-face\s*{[^}]*}", "", STYLESHEET)


def timed(action, before=None):
    """{clock: ms} of one call of `action`; `before` runs first, outside the timing."""
    if before:
        before()
    start = {name: clock() for name, clock in CLOCKS.items()}
    result = action()
    return {name: (clock() - start[name]) * 1000 for name, clock in CLOCKS.items()}, result


def medians(runs):
    return {name: statistics.median(run[name] for run in runs) for name in CLOCKS}


def plain_html(data):
    """The document as the app prints it, with the stylesheet inline and the system's fonts."""
    html = render_html(data)
    assert 'href="pdf/print.css"' in html
    return html.replace('<link rel="stylesheet" href="pdf/print.css">', f"<style>{SYSTEM_FONTS}</style>")


def never_printed():
    """The documents cache and the first-print jobs emptied: the next click is a plan's first."""
    caches[CACHE_ALIAS].clear()
    first_print.FirstPrint.objects.all().delete()


def main(rounds):
    setup_test_environment()
    call_command("migrate", verbosity=0)
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("bench", password="bench-only"))
    documents = caches[CACHE_ALIAS]
    print(f"{'plan':22} {'pages':>5} {'clock':>5} {'first':>5} {'job':>5} {'cold':>6} {'plain':>6} {'ratio':>5} "
          f"{'export':>6} {'html':>5} {'render':>6} {'store':>5} {'cached':>6} {'304':>5}  (ms)")
    for path in sorted((ROOT / "plans" / "demo").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        plan = import_plan(data)
        url = reverse("plan_pdf", args=[plan.pk])
        plain = plain_html(data)
        never_printed()
        client.get(url)  # templates, fonts and the database connection, once a process as in a worker
        first_print.run(first_print.FirstPrint.objects.get().pk)
        runs = {key: [] for key in ("first", "job", "plain", "export", "html", "render", "store")}
        for _ in range(rounds):
            times, waiting = timed(lambda: client.get(url), before=never_printed)
            assert waiting.status_code == 202, waiting.status_code
            runs["first"].append(times)
            runs["job"].append(timed(lambda: first_print.run(first_print.FirstPrint.objects.get().pk))[0])
            response = client.get(url)
            runs["plain"].append(timed(lambda: HTML(string=plain, base_url=base_url()).write_pdf())[0])
            times, fresh = timed(lambda: plan_data(AnnualPlan.objects.get(pk=plan.pk)))
            runs["export"].append(times)
            runs["html"].append(timed(lambda: render_html(fresh))[0])
            times, pdf = timed(lambda: render_pdf(fresh))
            runs["render"].append(times)
            runs["store"].append(timed(lambda: documents.set("bench", pdf))[0])
        assert response.content == pdf, "the web app serves what the renderer makes"
        cached = medians([timed(lambda: client.get(url))[0] for _ in range(20)])
        etag = response["ETag"]
        revalidated = medians([timed(lambda: client.get(url, headers={"If-None-Match": etag}))[0] for _ in range(20)])
        runs["cold"] = [{clock: f[clock] + j[clock] for clock in CLOCKS} for f, j in zip(runs["first"], runs["job"])]
        figures = {key: medians(values) for key, values in runs.items()}
        pages = len(pdfplumber.open(io.BytesIO(pdf)).pages)
        for clock in CLOCKS:
            f = {key: value[clock] for key, value in figures.items()}
            print(f"{path.stem[:22]:22} {pages:>5} {clock:>5} {f['first']:>5.1f} {f['job']:>5.0f} {f['cold']:>6.0f} {f['plain']:>6.0f} "
                  f"{f['cold'] / f['plain']:>5.2f} {f['export']:>6.1f} {f['html']:>5.1f} {f['render']:>6.0f} "
                  f"{f['store']:>5.1f} {cached[clock]:>6.1f} {revalidated[clock]:>5.1f}")


if __name__ == "__main__":
    try:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
