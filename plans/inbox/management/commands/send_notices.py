"""The weekly digest and the deadline reminders, now, in this process: for a cron line or systemd
timer (deploy/unionplans-notices.timer) where the worker's own schedule is not wanted. Run twice, it
sends once."""
from django.core.management.base import BaseCommand

from plans.inbox import schedule, tasks


class Command(BaseCommand):
    help = "Gửi thư tổng hợp tuần và thư nhắc hạn gửi kế hoạch (mỗi thư chỉ gửi một lần)."

    def handle(self, **options):
        deliveries = schedule.run()
        for delivery in deliveries:
            tasks.deliver.call(delivery.pk)
        self.stdout.write(f"Đã xử lý {len(deliveries)} thư.")
