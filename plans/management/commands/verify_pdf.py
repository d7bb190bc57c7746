from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.documents.pdf.pades import verify_pdf


class Command(BaseCommand):
    help = ("Kiểm tra chữ ký số của một tệp PDF: người ký, thời điểm ký, toàn vẹn, chứng thư gốc tin cậy "
            "(SIGNING_TRUST_ROOTS) và phạm vi chữ ký. Mã thoát 1 khi tệp không có chữ ký hoặc chữ ký không đạt.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, file, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {file}: {exc.strerror}.") from exc
        verification = verify_pdf(data)
        if verification.problem:
            raise CommandError(verification.problem)
        for number, signature in enumerate(verification.signatures, 1):
            self.stdout.write(f"Chữ ký {number}:")
            for label, value, good in signature.rows():
                self.stdout.write(f"  {label}: {value}" + ("" if good else "  [KHÔNG ĐẠT]"))
        if not verification.all_good:
            raise CommandError("Chữ ký số không đạt: xem các dòng [KHÔNG ĐẠT] ở trên.")
        self.stdout.write("Kết luận: chữ ký số hợp lệ, văn bản còn nguyên vẹn.")
