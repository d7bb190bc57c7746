"""Bring every member's and every unit's stored search columns (`search_name`, `sort_key`, and a
member's `other_names`) up to what members.search computes now, and note every member's given name
(GivenName): run it after a change to the folding or the sort order, which no migration redoes."""
from django.core.management.base import BaseCommand
from django.db import transaction

from members.models import SEARCH_COLUMNS, GivenName, Member, Unit

# Each model with stored keys, the field they are computed from, the columns, and how the report names it.
KEYED = [(Member, "full_name", SEARCH_COLUMNS, "đoàn viên"), (Unit, "name", ["search_name", "sort_key"], "đơn vị")]


class Command(BaseCommand):
    help = "Tính lại cột tìm kiếm và khóa sắp xếp đã lưu của mọi đoàn viên và mọi đơn vị, theo từng đợt."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=2000, help="số dòng mỗi đợt (mặc định 2000)")

    def handle(self, *args, batch_size, **options):
        for model, source, columns, label in KEYED:
            seen, changed = _recompute(model, source, columns, batch_size)
            self.stdout.write(f"Đã kiểm tra {seen} {label}, cập nhật {changed}.")


def _recompute(model, source, columns, batch_size):
    changed = seen = 0
    last_pk = 0
    while True:
        # Keyset batches: each is read and written in its own short transaction.
        with transaction.atomic():
            batch = list(model.objects.filter(pk__gt=last_pk).order_by("pk").only("pk", source, *columns)[:batch_size])
            if not batch:
                break
            stale = [row for row in batch if _refilled(row, columns)]
            model.objects.bulk_update(stale, columns)
            if model is Member:
                GivenName.note(batch)
        seen, changed, last_pk = seen + len(batch), changed + len(stale), batch[-1].pk
    return seen, changed


def _refilled(row, columns):
    """Whether the row's stored columns differed from the computed ones (now filled in)."""
    stored = [getattr(row, column) for column in columns]
    row.fill_search_columns()
    return stored != [getattr(row, column) for column in columns]
