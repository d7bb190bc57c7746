import unicodedata

from django.db import migrations, models

# The folding and the phrase key as members.search computes them as this migration is written,
# copied so that the migration gives the same columns whatever that module becomes. Keys computed
# by a later version are brought up to date by `manage.py recompute_search_keys`.
ALPHABET = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
            "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"]
LETTER_CODE = {c: f"{i + 1:02d}" for i, c in enumerate("0123456789")} | {
    letter: f"{i + 20:02d}" for i, letter in enumerate(ALPHABET)
}
TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
SEPARATOR = "00"


def fold(text):
    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def letters_and_tone(word):
    letters, tone = [], "0"
    for char in unicodedata.normalize("NFC", word.lower()):
        base, *marks = unicodedata.normalize("NFD", char)
        vowel_marks = "".join(m for m in marks if m not in TONES)
        tone = next((TONES[m] for m in marks if m in TONES), tone)
        letter = unicodedata.normalize("NFC", base + vowel_marks)
        if letter in LETTER_CODE:
            letters.append(LETTER_CODE[letter])
    return "".join(letters), tone


def phrase_key(text):
    words = [letters_and_tone(word) for word in (text or "").split()]
    return SEPARATOR.join(code for code, _ in words) + SEPARATOR + SEPARATOR + "".join(tone for _, tone in words)


def fill_search_columns(apps, schema_editor):
    # Historical models have no save() override, so the columns are computed here.
    Unit = apps.get_model("members", "Unit")
    units = list(Unit.objects.only("pk", "name"))
    for unit in units:
        unit.search_name, unit.sort_key = fold(unit.name), phrase_key(unit.name)
    Unit.objects.bulk_update(units, ["search_name", "sort_key"], batch_size=2000)


class Migration(migrations.Migration):
    """Unit names folded and keyed in stored columns, as members' are: the federation overview
    filters, sorts and pages a province's unions in the database instead of in Python."""

    dependencies = [("members", "0008_one_tree")]
    operations = [
        migrations.AddField(
            model_name="unit", name="search_name",
            field=models.CharField(default="", editable=False, max_length=255, verbose_name="tên để tìm"),
        ),
        migrations.AddField(
            model_name="unit", name="sort_key",
            field=models.TextField(default="", editable=False, verbose_name="khóa sắp xếp"),
        ),
        migrations.RunPython(fill_search_columns, migrations.RunPython.noop),
        migrations.AddIndex(model_name="unit", index=models.Index(fields=["kind", "sort_key"], name="unit_kind_sort_key")),
    ]
