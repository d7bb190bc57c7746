"""Keep a 100-plan batch printing while `load.sh` measures the pages (BATCH=1): batches of the next
100 issued plans of the district staff's reach, one after the other, each printed by the niced batch
workers of `run_workers`, each of other plans than the last (a plan printed once is cached). On
SIGTERM prints how many batches finished and their median time from queued to done.

    DATABASE_URL=... .venv/bin/python bench/batch_loop.py [SIZE]
"""
import os
import signal
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionplans.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from plans import periods  # noqa: E402
from plans.documents import batch  # noqa: E402

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 100
stopping = False


def stop(*_):
    global stopping
    stopping = True


def main():
    signal.signal(signal.SIGTERM, stop)
    user = get_user_model().objects.get(username="quymo.tinh")
    year = batch.latest_issued_year(user, periods.SCHOOL_YEAR)
    plans = list(batch.plans_to_print(user, period_kind=periods.SCHOOL_YEAR, year=year))
    times, offset = [], 0
    while not stopping:
        chosen, offset = plans[offset:offset + SIZE], (offset + SIZE) % len(plans)
        started = time.monotonic()
        job = batch.start(user, chosen, batch.BatchPrint.Kind.PDF, year)
        while not stopping:
            job.refresh_from_db()
            if job.status in (batch.BatchPrint.Status.DONE, batch.BatchPrint.Status.FAILED):
                times.append(time.monotonic() - started)
                break
            time.sleep(1)
    median = f"{statistics.median(times):.0f} s" if times else "none finished"
    print(f"BATCHES finished={len(times)} of {SIZE} plans, median queued→done {median}", flush=True)


main()
