"""The editor's cost on the largest plan of the database: bytes of its first HTML, editable fields
open, queries and server time (median of ROUNDS requests after two warm-ups, the pages taken in
turn so a busy machine weighs on each alike; wall-clock and this process's CPU), beside the preview
of the same plan twice: as it is served (its document from the document cache) and uncached (the
cache emptied before each request, so the document is rendered and stored as after an edit). Run on
the demo data (`load_demo`) or the scale data (`generate_scale`; its plans are issued, so the
editor reads them; `UPDATE plans_annualplan SET status='draft'` to measure writing):

    .venv/bin/python bench/editor.py [ROUNDS]
    WITHOUT_BADGE=1 .venv/bin/python bench/editor.py [ROUNDS]

WITHOUT_BADGE=1 leaves out the nav bar's count of “Việc cần làm” (plans.inbox), which every page
pays alike (some 40-50 ms for a chair at province scale): the pages' own work, compared.
"""
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402,F401  (the environment and django.setup() every bench script shares)
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from members.models import Role  # noqa: E402
from plans.inbox import services as inbox  # noqa: E402
from plans.models import AnnualPlan  # noqa: E402

FIELDS = re.compile(r"<textarea|<select|<input(?![^>]*type=\"(?:hidden|submit|checkbox|radio|button)\")")


def plan_and_chair():
    """The scale data's chair (quymo.chutich) and their plan, else the largest plan and its unit's chair."""
    role = Role.objects.filter(user__username="quymo.chutich").first()
    if role:
        return role.unit.plans.get(), role.user
    plan = AnnualPlan.objects.annotate(rows=Count("activities")).order_by("-rows").first()
    return plan, Role.objects.filter(unit=plan.unit, kind=Role.Kind.CHAIR).first().user


def measure(client, table, rounds):
    """Per page (name, url, what to do before each request): its last answer, queries, and the
    median wall-clock and CPU milliseconds."""
    for _, url, before in table:
        for _ in range(2):
            before()
            client.get(url)
    wall, cpu, last = {name: [] for name, _, _ in table}, {name: [] for name, _, _ in table}, {}
    for _ in range(rounds):
        for name, url, before in table:
            before()
            with CaptureQueriesContext(connection) as queries:
                start, start_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                wall[name].append((time.perf_counter() - start) * 1000)
                cpu[name].append((time.process_time() - start_cpu) * 1000)
            last[name] = (response, len(queries))
    return {name: (*last[name], statistics.median(wall[name]), statistics.median(cpu[name])) for name in last}


def main(rounds):
    if os.environ.get("WITHOUT_BADGE"):
        inbox.waiting_count = lambda user: 0
    plan, chair = plan_and_chair()
    client = Client()
    client.force_login(chair)
    print(f"plan {plan.pk}: {plan.activities.count()} rows, {plan.targets.count()} targets, {plan.sections.count()} sections, status {plan.status}")
    preview = f"/plans/{plan.pk}/xem-truoc/"
    results = measure(client, [
        ("editor", f"/plans/{plan.pk}/soan/", lambda: None),
        ("preview", preview, lambda: None),
        ("preview, uncached", preview, caches["documents"].clear),
    ], rounds)
    for name, (response, queries, ms, cpu) in results.items():
        size, fields = len(response.content), len(FIELDS.findall(response.content.decode()))
        print(f"{name:17} {response.status_code}  {size / 1024:6.1f} KB  {fields:4} fields  {queries:3} queries  {ms:6.1f} ms  {cpu:6.1f} ms CPU")
    editor = results["editor"]
    for name in ("preview", "preview, uncached"):
        print(f"editor / {name}: {editor[2] / results[name][2]:.2f} (CPU {editor[3] / results[name][3]:.2f})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
