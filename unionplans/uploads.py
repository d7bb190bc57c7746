"""Limits on what an upload may cost to read, decided once in settings (IMPORT_* and MEMBER_IMPORT_*,
each overridable from the environment) and checked while reading, before any expensive step: a
.docx or .xlsx is a zip whose members can inflate a thousandfold, so their declared sizes are added
up from the zip's directory before anything is decompressed, and the readers stop at the first
paragraph, line or row past the limit, or when the reading has taken longer than allowed."""
import time
import zipfile

from django.conf import settings


class UploadTooBig(ValueError):
    """An upload past a limit; the message says which, in Vietnamese, for the user."""


def thousands(n):
    return f"{n:,}".replace(",", ".")


def check_zip(file):
    """Refuse a zip (a .docx, an .xlsx) whose members would inflate past IMPORT_MAX_UNCOMPRESSED_BYTES.
    Reads only the zip's directory; `file` is rewound for the reader that follows."""
    limit = settings.IMPORT_MAX_UNCOMPRESSED_BYTES
    try:
        with zipfile.ZipFile(file) as archive:
            total = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: the reader says the file cannot be read
    finally:
        file.seek(0)
    if total > limit:
        raise UploadTooBig(
            f"Tệp giải nén ra tới {thousands(total // 1_000_000)} MB, vượt quá giới hạn {thousands(limit // 1_000_000)} MB "
            "một tệp được phép. Hãy bỏ bớt hình ảnh hoặc các phần thừa rồi gửi lại."
        )


def check_count(count, limit, what):
    """Refuse once `count` things (đoạn, dòng) are past `limit`."""
    if count > limit:
        raise UploadTooBig(f"Tệp có hơn {thousands(limit)} {what}, vượt quá giới hạn được phép. Hãy bỏ bớt rồi gửi lại.")


class Deadline:
    """IMPORT_MAX_SECONDS from now: reading that takes longer is given up with a message."""

    def __init__(self):
        self.until = time.monotonic() + settings.IMPORT_MAX_SECONDS

    def check(self):
        if time.monotonic() > self.until:
            raise UploadTooBig("Tệp cần quá nhiều thời gian để đọc. Hãy chia nhỏ hoặc bỏ bớt nội dung rồi gửi lại.")
