"""python manage.py import_text FILE: print the plan-format JSON recognised in a .txt or .docx."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.planformat import dumps
from plans.textimport import read_upload, recognise_text


class Command(BaseCommand):
    help = "Nhận dạng kế hoạch trong tệp .txt hoặc .docx và in ra JSON theo định dạng kế hoạch."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        try:
            text = read_upload(path.name, path.read_bytes())
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        result = recognise_text(text)
        self.stdout.write(dumps(result.plan), ending="")
        for line in result.mends:
            self.stderr.write(f"Đã sửa: {line}")
        for line in result.unplaced:
            self.stderr.write(f"Chưa xếp được: {line}")
