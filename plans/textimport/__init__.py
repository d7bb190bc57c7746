"""Bring a plan typed in Word (or pasted as text) into the plan interchange format."""
from plans.textimport.recognise import Recognition, recognise_text

__all__ = ["Recognition", "read_upload", "recognise_text"]


def read_upload(name, data):
    """The text of an uploaded .docx or .txt (`data` bytes); ValueError when it is neither."""
    from io import BytesIO

    from plans.textimport.docx_reader import docx_text

    if name.lower().endswith(".docx"):
        try:
            return docx_text(BytesIO(data))
        except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
            raise ValueError("Tệp không phải là tệp Word .docx đọc được.") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")
