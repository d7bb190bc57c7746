import time

from django.core.management.base import BaseCommand, CommandError

from plans import scale


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu quy mô một tỉnh để đo hiệu năng: các LĐLĐ huyện, xã, các CĐCS với đoàn viên "
        "và một kế hoạch đã ban hành mỗi đơn vị."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=2000, help="Số CĐCS (mặc định 2000).")
        parser.add_argument("--districts", type=int, default=40, help="Số LĐLĐ huyện, công đoàn xã (mặc định 40).")
        parser.add_argument("--members", type=int, default=40, help="Số đoàn viên mỗi CĐCS (mặc định 40).")
        parser.add_argument("--rows", type=int, default=10, help="Số dòng kế hoạch mỗi tháng (mặc định 10).")
        parser.add_argument("--year", type=int, default=None, help="Năm học của kế hoạch (mặc định: năm học hiện nay).")
        parser.add_argument("--seed", type=int, default=2025, help="Hạt giống ngẫu nhiên: cùng hạt giống, cùng dữ liệu.")

    def handle(self, units, districts, members, rows, seed, year, verbosity, **options):
        if units < 1 or districts < 1 or members < 3 or rows < 1:
            raise CommandError("Cần ít nhất 1 CĐCS, 1 đơn vị cấp huyện, 3 đoàn viên và 1 dòng mỗi tháng.")
        if scale.exists():
            raise CommandError("Dữ liệu quy mô đã có trong cơ sở dữ liệu này, không tạo lại.")
        started = time.monotonic()

        def progress(done, total):
            if verbosity > 1 or done == total or done % 500 == 0:
                self.stdout.write(f"  {done}/{total} CĐCS ({time.monotonic() - started:.0f} giây)")

        counts = scale.generate(units=units, districts=districts, members=members, rows=rows, seed=seed, year=year, progress=progress)
        self.stdout.write(self.style.SUCCESS(
            f"Đã tạo {counts['units']} CĐCS dưới {counts['federations']} đơn vị cấp huyện, {counts['members']} đoàn viên, "
            f"{counts['rows']} dòng kế hoạch tháng, {counts['targets']} chỉ tiêu trong {time.monotonic() - started:.1f} giây. "
            f"Mật khẩu các tài khoản quymo.*: {scale.DEMO_PASSWORD}"
        ))
