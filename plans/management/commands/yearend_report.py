from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans import yearend
from plans.documents.pdf import RenderError, serve
from plans.models import AnnualPlan


class Command(BaseCommand):
    help = ("Lập báo cáo tổng kết của một kế hoạch đã duyệt hoặc đã ban hành (nếu chưa có) và in ra PDF; "
            "dòng cuối in ra là mã của báo cáo.")

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("-o", "--output", type=Path, required=True, help="tệp PDF ghi ra")

    def handle(self, plan_id, output, **options):
        plan = AnnualPlan.objects.select_related("unit").filter(pk=plan_id).first()
        if plan is None:
            raise CommandError(f"Không có kế hoạch mã {plan_id}.")
        if yearend.report_of(plan) is None and not yearend.can_draft(plan):
            raise CommandError(f"Kế hoạch mã {plan_id} chưa được duyệt hay ban hành (hoặc là một báo cáo): chưa lập được báo cáo tổng kết.")
        report, made = yearend.draft_yearend_report(None, plan)
        try:
            pdf = serve.plan_pdf(report, serve.plan_data(report))
        except RenderError as exc:
            raise CommandError(str(exc)) from exc
        output.write_bytes(pdf)
        size = f"{len(pdf):,}".replace(",", ".")
        self.stdout.write(f"{'Đã lập' if made else 'Đã có'} báo cáo tổng kết; đã ghi {output} ({size} byte).")
        self.stdout.write(str(report.pk))
