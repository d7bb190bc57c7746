"""Text fields that store NFC.

Some Vietnamese input methods (and text pasted from PDFs) send decomposed diacritics: "ệ" as
"e" + two combining marks. Stored that way it prints with misplaced marks and a search for the
composed form misses it, so every text value is normalised on its way into the database.
"""
import unicodedata

from django.db import models


def nfc(value):
    """NFC-normalise a string, or every string inside lists and dicts."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    return value


class NFCMixin:
    def to_python(self, value):
        return nfc(super().to_python(value))

    def get_prep_value(self, value):
        return super().get_prep_value(nfc(value))

    def pre_save(self, model_instance, add):
        value = nfc(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class NFCCharField(NFCMixin, models.CharField):
    pass


class NFCTextField(NFCMixin, models.TextField):
    pass


class NFCJSONField(NFCMixin, models.JSONField):
    pass
