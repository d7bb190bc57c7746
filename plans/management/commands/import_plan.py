from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.models import Unit
from plans.planformat import PlanFormatError, import_plan, loads


class Command(BaseCommand):
    help = "Nhập một kế hoạch từ tệp JSON theo định dạng unionplans.plan/1; dòng cuối in ra mã kế hoạch mới."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--unit", type=int, help="mã đơn vị nhận kế hoạch (mặc định: theo tên cơ quan ban hành)")

    def handle(self, file, unit, **options):
        try:
            data = loads(file.read_text(encoding="utf-8"))
            target_unit = Unit.objects.get(pk=unit) if unit else None
            plan = import_plan(data, target_unit)
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {file}: {exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"Tệp {file} không phải văn bản UTF-8.") from exc
        except Unit.DoesNotExist as exc:
            raise CommandError(f"Không có đơn vị mã {unit}.") from exc
        except PlanFormatError as exc:
            raise CommandError(f"Tệp {file} không hợp lệ: {exc}") from exc
        self.stdout.write(str(plan.pk))
