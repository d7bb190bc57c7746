from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.documents.pdf import RenderError, serve
from plans.models import AnnualPlan


class Command(BaseCommand):
    help = "In một kế hoạch ra PDF, đúng bản ứng dụng web trả về."

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("-o", "--output", type=Path, required=True, help="tệp PDF ghi ra")

    def handle(self, plan_id, output, **options):
        try:
            plan = AnnualPlan.objects.get(pk=plan_id)
        except AnnualPlan.DoesNotExist as exc:
            raise CommandError(f"Không có kế hoạch mã {plan_id}.") from exc
        data = serve.plan_data(plan)
        try:
            pdf = serve.plan_pdf(plan, data)
        except RenderError as exc:
            raise CommandError(str(exc)) from exc
        output.write_bytes(pdf)
        size = f"{len(pdf):,}".replace(",", ".")
        self.stdout.write(f"Đã ghi {output} ({size} byte).")
