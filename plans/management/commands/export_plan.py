from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.models import AnnualPlan
from plans.planformat import dumps, export_plan


class Command(BaseCommand):
    help = "Xuất một kế hoạch ra định dạng JSON unionplans.plan/1."

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("-o", "--output", type=Path, help="tệp ghi ra (mặc định: màn hình)")

    def handle(self, plan_id, output, **options):
        try:
            plan = AnnualPlan.objects.get(pk=plan_id)
        except AnnualPlan.DoesNotExist as exc:
            raise CommandError(f"Không có kế hoạch mã {plan_id}.") from exc
        text = dumps(export_plan(plan))
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
