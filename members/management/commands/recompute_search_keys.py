"""Bring every member's and every unit's stored search columns (`search_name`, `sort_key`) up to what
members.search computes now: run it after a change to the folding or the sort order, which no
migration redoes."""
from django.core.management.base import BaseCommand
from django.db import transaction

from members.models import Member, Unit

COLUMNS = ["search_name", "sort_key"]
# Each model with stored keys, the field they are computed from, and how the report names it.
KEYED = [(Member, "full_name", "đoàn viên"), (Unit, "name", "đơn vị")]


class Command(BaseCommand):
    help = "Tính lại cột tìm kiếm và khóa sắp xếp đã lưu của mọi đoàn viên và mọi đơn vị, theo từng đợt."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=2000, help="số dòng mỗi đợt (mặc định 2000)")

    def handle(self, *args, batch_size, **options):
        for model, source, label in KEYED:
            seen, changed = _recompute(model, source, batch_size)
            self.stdout.write(f"Đã kiểm tra {seen} {label}, cập nhật {changed}.")


def _recompute(model, source, batch_size):
    changed = seen = 0
    last_pk = 0
    while True:
        # Keyset batches: each is read and written in its own short transaction.
        with transaction.atomic():
            batch = list(model.objects.filter(pk__gt=last_pk).order_by("pk").only("pk", source, *COLUMNS)[:batch_size])
            if not batch:
                break
            stale = [row for row in batch if _refilled(row)]
            model.objects.bulk_update(stale, COLUMNS)
        seen, changed, last_pk = seen + len(batch), changed + len(stale), batch[-1].pk
    return seen, changed


def _refilled(row):
    """Whether the row's stored columns differed from the computed ones (now filled in)."""
    stored = [getattr(row, column) for column in COLUMNS]
    row.fill_search_columns()
    return stored != [getattr(row, column) for column in COLUMNS]
