"""Count every plan's targets and month rows again into the tallies (plans.tallies): the triggers
keep them as rows are written; this repairs them should a write ever have gone past the triggers
(a restore of one table, a trigger dropped by hand)."""
from django.core.management.base import BaseCommand

from plans import tallies


class Command(BaseCommand):
    help = "Đếm lại số chỉ tiêu và số việc từng tháng của mọi kế hoạch (bảng tổng hợp của trang tổng quan)."

    def handle(self, *args, **options):
        tallies.recount()
        self.stdout.write(f"Đã đếm lại: {tallies.PlanTally.objects.count()} kế hoạch có chỉ tiêu, "
                          f"{tallies.MonthTally.objects.count()} tháng có việc.")
