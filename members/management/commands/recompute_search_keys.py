"""Bring every member's stored search columns (`search_name`, `sort_key`) up to what members.search
computes now: run it after a change to the folding or the sort order, which no migration redoes."""
from django.core.management.base import BaseCommand
from django.db import transaction

from members.models import Member
from unionplans import versions

COLUMNS = ["search_name", "sort_key"]


class Command(BaseCommand):
    help = "Tính lại cột tìm kiếm và khóa sắp xếp đã lưu của mọi đoàn viên, theo từng đợt."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=2000, help="số đoàn viên mỗi đợt (mặc định 2000)")

    def handle(self, *args, batch_size, **options):
        changed = seen = 0
        last_pk = 0
        while True:
            # Keyset batches: each is read and written in its own short transaction.
            with transaction.atomic():
                batch = list(Member.objects.filter(pk__gt=last_pk).order_by("pk").only("pk", "full_name", *COLUMNS)[:batch_size])
                if not batch:
                    break
                stale = [member for member in batch if _refilled(member)]
                Member.objects.bulk_update(stale, COLUMNS)
            seen, changed, last_pk = seen + len(batch), changed + len(stale), batch[-1].pk
        if changed:
            # bulk_update sends no signal; searches kept in the cache would still use the old keys.
            versions.changed(Member)
        self.stdout.write(f"Đã kiểm tra {seen} đoàn viên, cập nhật {changed}.")


def _refilled(member):
    """Whether the member's stored columns differed from the computed ones (now filled in)."""
    stored = [getattr(member, column) for column in COLUMNS]
    member.fill_search_columns()
    return stored != [getattr(member, column) for column in COLUMNS]
