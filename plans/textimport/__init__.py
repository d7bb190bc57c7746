"""Bring a plan typed in Word (or pasted as text) into the plan interchange format."""
from plans.textimport.recognise import Recognition, recognise_text

__all__ = ["Recognition", "checked_text", "read_upload", "recognise_text"]


def read_upload(name, data):
    """The text of an uploaded .docx or .txt (`data` bytes), within the limits of
    unionplans.uploads; ValueError (UploadTooBig past a limit) when it cannot be read."""
    from io import BytesIO

    from plans.textimport.docx_reader import docx_text
    from unionplans.uploads import UploadTooBig

    if name.lower().endswith(".docx"):
        try:
            return docx_text(BytesIO(data))
        except UploadTooBig:
            raise
        except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
            raise ValueError("Tệp không phải là tệp Word .docx đọc được.") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1258", errors="replace")
    return checked_text(text)


def checked_text(text):
    """Text from a .txt or pasted in: at most IMPORT_MAX_LINES lines, without control characters."""
    from django.conf import settings

    from unionplans.fields import CONTROL_CHARACTERS
    from unionplans.uploads import check_count

    check_count(text.count("\n") + 1, settings.IMPORT_MAX_LINES, "dòng")
    return CONTROL_CHARACTERS.sub("", text)
