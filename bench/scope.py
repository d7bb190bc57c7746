"""Time of the scope questions at province scale (manage.py generate_scale): what every scoped page
asks before its own work. Median and best of ROUNDS (default 200) calls, in milliseconds.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/unionplans_e .venv/bin/python bench/scope.py [ROUNDS]
"""
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.update(DJANGO_SETTINGS_MODULE="unionplans.settings", DEBUG="0")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db.models import Q  # noqa: E402

from members.models import Role, Unit  # noqa: E402
from members.scope import member_scope, staff_unit_ids, units_for_user  # noqa: E402
from plans.scope import plans_for_user  # noqa: E402


def questions():
    users = get_user_model().objects
    province, bch = users.get(username="quymo.tinh"), users.get(username="quymo.bch")
    union = Role.objects.get(user=bch).unit
    district = Unit.objects.get(pk=union.superior_id)
    return {
        "units, province staff (count)": lambda: units_for_user(province).count(),
        "units, BCH member (count)": lambda: units_for_user(bch).count(),
        "staff_unit_ids, province": lambda: staff_unit_ids(province),
        "members, province staff (first 50)": lambda: list(member_scope(province)(Q()).values_list("pk", flat=True)[:50]),
        "plans, province staff (count)": lambda: plans_for_user(province).count(),
        "predicate manage_units, union": lambda: province.has_perm("members.manage_units", union),
        "predicate view_signing, union": lambda: province.has_perm("members.view_signing", union),
        "predicate manage_units, district": lambda: province.has_perm("members.manage_units", district),
    }


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    for name, ask in questions().items():
        ask()
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            ask()
            times.append((time.perf_counter() - start) * 1000)
        print(f"{name:40} median {statistics.median(times):6.2f} ms  best {min(times):6.2f} ms")


if __name__ == "__main__":
    main()
