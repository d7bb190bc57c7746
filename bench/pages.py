"""Service time of each page the load run measures, one request at a time, in-process: what a request
costs the server before any queueing. Under `load.sh` (10 connections on 2 workers) the p95 is about
five times this, so this is the figure to bring down, and the one to read a profile of.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/unionplans_e .venv/bin/python bench/pages.py [ROUNDS]
    ... bench/pages.py --profile overview         # cProfile of one page, 25 heaviest functions

Needs the scale data (manage.py generate_scale). Prints, per page, the median and 95th percentile of
ROUNDS (default 20) requests after two warm-ups, in milliseconds, with the queries, their time and the
bytes. PAGES=home,overview measures only those.
"""
import cProfile
import functools
import os
import pstats
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.update(DJANGO_SETTINGS_MODULE="unionplans.settings", DEBUG="0", SECURE_SSL_REDIRECT="0", STATIC_MANIFEST="0")
os.environ.setdefault("DOCUMENT_CACHE_DIR", tempfile.mkdtemp(prefix="unionplans-pages-"))
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from members.models import Role  # noqa: E402


def pages():
    unit = Role.objects.get(user__username="quymo.bch").unit
    plan = unit.plans.get().pk
    # The page "Xem thêm" opens: the members after the first page's last.
    first = client_for("quymo.tinh").get("/don-vi/doan-vien/tim/?q=huong").content.decode()
    after = re.search(r"sau=([0-9-]+)", first).group(1)
    # A first PDF is printed by the background worker (issue 22): the click queues it, one worker
    # run prints it, and the rounds read the cache, as load.sh's do.
    client_for("quymo.bch").get(f"/plans/{plan}/pdf/")
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "interactive", verbosity=0)
    return {
        "healthz": (None, "/healthz/"),
        "login": (None, "/dang-nhap/"),
        "plan": ("quymo.bch", f"/plans/{plan}/xem-truoc/"),
        "month": ("quymo.bch", f"/plans/{plan}/thang-nay/"),
        "search-unit": ("quymo.bch", f"/don-vi/{unit.pk}/doan-vien/?q=huong"),
        "search-province": ("quymo.tinh", "/don-vi/doan-vien/tim/?q=huong"),
        "search-province-more": ("quymo.tinh", f"/don-vi/doan-vien/tim/?q=huong&sau={after}"),
        "search-province-an": ("quymo.tinh", "/don-vi/doan-vien/tim/?q=an"),
        "tree": ("quymo.tinh", "/don-vi/"),
        "overview": ("quymo.tinh", "/tong-quan/"),
        "overview-page2": ("quymo.tinh", "/tong-quan/?page=2"),
        "overview-month": ("quymo.tinh", "/tong-quan/?sort=-month"),
        "overview-search": ("quymo.tinh", "/tong-quan/?q=tieu+hoc"),
        "overview-excel": ("quymo.tinh", "/tong-quan/excel/"),
        # “Việc cần làm” of the province's staff: every unit of the province under them.
        "home": ("quymo.tinh", "/"),
        "home-bch": ("quymo.bch", "/"),
        # The overview filtered by a rating's label (plans.rating).
        "overview-label": ("quymo.tinh", "/tong-quan/?label=Ho%C3%A0n+th%C3%A0nh+t%E1%BB%91t+nhi%E1%BB%87m+v%E1%BB%A5"),
        "rating": ("quymo.chutich", f"/danh-gia/{unit.ratings.get().pk}/"),
        "pdf": ("quymo.bch", f"/plans/{plan}/pdf/"),
    }


@functools.cache
def client_for(username):
    client = Client()
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def measure(client, path, rounds, before=lambda: None):
    for _ in range(2):
        assert client.get(path).status_code == 200, path
    times = []
    for _ in range(rounds):
        before()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
    sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    return statistics.median(times), statistics.quantiles(times, n=20)[18], len(queries), sql, len(response.content)


def main(argv):
    table = pages()
    if argv[:1] == ["--profile"]:
        username, path, *_ = table[argv[1]]
        client = client_for(username)
        client.get(path)
        profile = cProfile.Profile()
        profile.runcall(lambda: [client.get(path) for _ in range(10)])
        pstats.Stats(profile).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(int(os.environ.get("TOP", "25")))
        return
    rounds = int(argv[0]) if argv else 20
    only = set(os.environ.get("PAGES", "").split(",")) - {""}
    print(f"{'page':20} {'median':>8} {'p95':>8} {'queries':>8} {'SQL ms':>8} {'bytes':>8}")
    for name, (username, path, *before) in table.items():
        if only and name not in only:
            continue
        median, p95, count, sql, size = measure(client_for(username), path, rounds, *before)
        print(f"{name:20} {median:8.1f} {p95:8.1f} {count:8d} {sql:8.1f} {size:8d}")


if __name__ == "__main__":
    main(sys.argv[1:])
