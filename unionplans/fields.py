"""Text fields that store NFC, without control characters.

Some Vietnamese input methods (and text pasted from PDFs) send decomposed diacritics: "ệ" as
"e" + two combining marks. Stored that way it prints with misplaced marks and a search for the
composed form misses it, so every text value is normalised on its way into the database.

Control characters other than tab and newline (NUL above all, which PostgreSQL refuses in text and
jsonb) mean nothing in a plan or a record: a form refuses them with a message and keeps what was
typed (the validator below, run by every ModelForm through the model), and whatever reaches the
database by another way (an import, a script) has them removed, on SQLite and PostgreSQL alike.
"""
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_MESSAGE = ("Nội dung có ký tự điều khiển không in được (như ký tự NUL, thường do dán từ tệp khác): "
                   "hãy xóa chúng rồi lưu lại. Những gì bạn nhập vẫn còn ở đây.")


def nfc(value):
    """NFC-normalise a string, or every string inside lists and dicts."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    return value


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, dict)):
        for item in (value if isinstance(value, list) else [*value.keys(), *value.values()]):
            yield from _texts(item)


def has_control_characters(value):
    return any(CONTROL_CHARACTERS.search(text) for text in _texts(value))


def refuse_control_characters(value):
    if has_control_characters(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


def stored(value):
    """NFC and without control characters: the form a text is stored in."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", unicodedata.normalize("NFC", value))
    if isinstance(value, list):
        return [stored(v) for v in value]
    if isinstance(value, dict):
        return {stored(k): stored(v) for k, v in value.items()}
    return value


class NFCMixin:
    default_validators = [refuse_control_characters]

    def to_python(self, value):
        return nfc(super().to_python(value))

    def get_prep_value(self, value):
        return super().get_prep_value(stored(value))

    def pre_save(self, model_instance, add):
        value = stored(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class NFCCharField(NFCMixin, models.CharField):
    pass


class NFCTextField(NFCMixin, models.TextField):
    pass


class NFCJSONField(NFCMixin, models.JSONField):
    pass
