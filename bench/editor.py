"""The editor's cost on the largest plan of the database: bytes of its first HTML, editable fields
open, queries and server time (median of ROUNDS requests after two warm-ups), beside the preview
of the same plan. Run on the demo data (`load_demo`) or the scale data (`generate_scale`; its plans
are issued, so the editor reads them; `UPDATE plans_annualplan SET status='draft'` to measure writing):

    .venv/bin/python bench/editor.py [ROUNDS]
"""
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402,F401  (the environment and django.setup() every bench script shares)
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from members.models import Role  # noqa: E402
from plans.models import AnnualPlan  # noqa: E402

FIELDS = re.compile(r"<textarea|<select|<input(?![^>]*type=\"(?:hidden|submit|checkbox|radio|button)\")")


def plan_and_chair():
    """The scale data's chair (quymo.chutich) and their plan, else the largest plan and its unit's chair."""
    role = Role.objects.filter(user__username="quymo.chutich").first()
    if role:
        return role.unit.plans.get(), role.user
    plan = AnnualPlan.objects.annotate(rows=Count("activities")).order_by("-rows").first()
    return plan, Role.objects.filter(unit=plan.unit, kind=Role.Kind.CHAIR).first().user


def measure(client, url, rounds):
    for _ in range(2):
        client.get(url)
    times = []
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
    body = response.content.decode()
    return response.status_code, len(response.content), len(FIELDS.findall(body)), len(queries), statistics.median(times)


def main(rounds):
    plan, chair = plan_and_chair()
    client = Client()
    client.force_login(chair)
    print(f"plan {plan.pk}: {plan.activities.count()} rows, {plan.targets.count()} targets, {plan.sections.count()} sections, status {plan.status}")
    for name, url in (("editor", f"/plans/{plan.pk}/soan/"), ("preview", f"/plans/{plan.pk}/xem-truoc/")):
        status, size, fields, queries, ms = measure(client, url, rounds)
        print(f"{name:8} {status}  {size / 1024:6.1f} KB  {fields:4} fields  {queries:3} queries  {ms:6.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
