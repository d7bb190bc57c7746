"""Printing figures for each demo plan: a cold render through the app's renderer, a plain WeasyPrint
render of the same HTML (default fetcher, no guard) for comparison, and the web responses: the
first (renders and caches), a cached one, and a 304 revalidation. Pages and bytes too.

    .venv/bin/python bench/pdf.py [ROUNDS]

Runs on a throwaway SQLite database and cache folder; prints the median of ROUNDS (default 3)
for renders and of 20 requests for cached responses and 304s, in milliseconds.
"""
import io
import json
import os
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
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from weasyprint import HTML  # noqa: E402

from plans.documents.pdf import render_html, render_pdf  # noqa: E402
from plans.documents.pdf.fetcher import base_url  # noqa: E402
from plans.planformat import import_plan  # noqa: E402


def median_ms(action, rounds):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main(rounds):
    setup_test_environment()
    call_command("migrate", verbosity=0)
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("bench", password="bench-only"))
    print(f"{'plan':24} {'pages':>5} {'bytes':>8} {'cold':>8} {'plain':>8} {'first':>8} {'cached':>8} {'304':>8}  (ms)")
    for path in sorted((ROOT / "plans" / "demo").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        cold, pdf = median_ms(lambda data=data: render_pdf(data), rounds)
        html = render_html(data)
        plain, _ = median_ms(lambda html=html: HTML(string=html, base_url=base_url()).write_pdf(), rounds)
        url = reverse("plan_pdf", args=[import_plan(data).pk])
        first, response = median_ms(lambda url=url: client.get(url), 1)
        cached, _ = median_ms(lambda url=url: client.get(url), 20)
        etag = response["ETag"]
        revalidated, _ = median_ms(lambda url=url, etag=etag: client.get(url, headers={"If-None-Match": etag}), 20)
        assert response.content == pdf, "the web app serves what the renderer makes"
        pages = len(pdfplumber.open(io.BytesIO(pdf)).pages)
        print(f"{path.stem:24} {pages:>5} {len(pdf):>8} {cold:>8.0f} {plain:>8.0f} {first:>8.0f} {cached:>8.1f} {revalidated:>8.1f}")


if __name__ == "__main__":
    try:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
