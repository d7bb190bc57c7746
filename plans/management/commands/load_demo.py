import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from members import demo
from members.models import Unit
from plans.demo.results import fill_results
from plans.planformat import import_plan
from plans.rating.demo import rate_demo_units
from plans.workflow.services import freeze

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
# Which demo plan file belongs to which demo union (members.demo.GRASSROOTS keys).
PLAN_FILES = {
    "vinhhung": "vinh-hung-2024-2025.json",
    "ngochoi": "ngoc-hoi-2020-2021.json",
    "phuongdong": "phuong-dong-2023-2024.json",
    "chanmay": "may-chan-may-2025.json",
}


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: các cấp công đoàn, bốn CĐCS với đoàn viên, kế hoạch và tài khoản đăng nhập."

    def handle(self, **options):
        if Unit.objects.filter(header_name=demo.FEDERATIONS[0][5]).exists():
            self.stdout.write("Dữ liệu mẫu đã có sẵn, không tạo lại.")
            return
        with transaction.atomic():
            federations = demo.build_federations()
            units = {}
            for key, name, superior, counts, occupations in demo.GRASSROOTS:
                data = json.loads((DEMO_DIR / PLAN_FILES[key]).read_text(encoding="utf-8"))
                chair_name = data["signers"][0]["name"] if data["signers"] else ""
                unit, _ = demo.build_grassroots(
                    key, name, federations[superior], data["issuer"], counts, occupations, chair_name,
                )
                plan = import_plan(data, unit)
                units[key] = unit
                if plan.is_issued:
                    # A demo plan that carries a number was issued: it gets its frozen copy too, and
                    # then its year's results, for the year-end report (plans.yearend).
                    freeze(plan)
                    fill_results(plan)
            demo.build_logins(federations)
            rate_demo_units(units)
        self.stdout.write(self.style.SUCCESS(
            f"Đã tạo dữ liệu mẫu. Mật khẩu của mọi tài khoản mẫu: {demo.DEMO_PASSWORD}"
        ))
