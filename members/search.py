"""Vietnamese names for searching and sorting, the same on SQLite and PostgreSQL.

Neither database folds Vietnamese diacritics or knows that Ă comes after A and Đ after D, and
PostgreSQL's collation depends on the server's locale. So both forms are computed here and stored:
`search_name` is the name folded to plain lower-case ASCII letters (typing "huong" finds "Hương"),
`sort_key` is a string of two-digit codes, which every collation orders like plain bytes.
"""
import functools
import unicodedata

from django.db.models import Q

# Vietnamese letter order, then the letters only foreign names use, where the Latin alphabet puts them.
ALPHABET = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
            "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"]
DIGITS = "0123456789"
LETTER_CODE = {c: f"{i + 1:02d}" for i, c in enumerate(DIGITS)} | {
    letter: f"{i + 20:02d}" for i, letter in enumerate(ALPHABET)
}
# Dictionary order of the tones: ngang, huyền, hỏi, ngã, sắc, nặng.
TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# A word boundary sorts before any letter, so "An" comes before "Anh".
SEPARATOR = "00"
SORT_KEY_LENGTH = 255


def fold(text):
    """Lower-case, without diacritics, đ as d: the form both the stored name and the query take."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@functools.lru_cache(maxsize=20000)
def _word_key(word):
    """A page sorts thousands of unit names made of a few hundred distinct words."""
    return _letters_and_tone(word)


def _letters_and_tone(word):
    """The word's letters with their vowel marks (ă, ơ...) and the word's tone."""
    letters, tone = [], "0"
    for char in unicodedata.normalize("NFC", word.lower()):
        base, *marks = unicodedata.normalize("NFD", char)
        vowel_marks = "".join(m for m in marks if m not in TONES)
        tone = next((TONES[m] for m in marks if m in TONES), tone)
        letter = unicodedata.normalize("NFC", base + vowel_marks)
        if letter in LETTER_CODE:
            letters.append(LETTER_CODE[letter])
    return "".join(letters), tone


def sort_key(full_name):
    """Given name (the last word) first, letters before tone, then the family and middle names."""
    words = (full_name or "").split()
    if not words:
        return ""
    given_letters, given_tone = _letters_and_tone(words[-1])
    rest = [_letters_and_tone(word) for word in words[:-1]]
    rest_letters = SEPARATOR.join(code for code, _ in rest)
    rest_tones = "".join(tone for _, tone in rest)
    key = given_letters + SEPARATOR + "0" + given_tone + rest_letters + SEPARATOR + SEPARATOR + rest_tones
    return key[:SORT_KEY_LENGTH]


@functools.lru_cache(maxsize=50000)
def phrase_key(text):
    """Words in the order they are read, letters before tones: for unit names, which have no given name to put first.
    Cached: an overview sorts a province's thousands of names on every request."""
    words = [_word_key(word) for word in (text or "").split()]
    return SEPARATOR.join(code for code, _ in words) + SEPARATOR + SEPARATOR + "".join(tone for _, tone in words)


def matching(query):
    """Members whose name contains the query, diacritics and case ignored, or whose card number
    starts with it; every member for an empty query."""
    query = (query or "").strip()
    if not query:
        return Q()
    return Q(search_name__contains=fold(query)) | Q(card_number__startswith=query)


def keyset_page(members, after, size, rows):
    """The `size` members of `members` that come after the member `after` names ("<sort_key>-<pk>",
    the cursor of the page before; "" or a malformed one for the first page) in (sort_key, pk)
    order, and the cursor of the next page, None after the last. Nothing counts the matches: a
    common name across a province matches thousands, and the page only needs the next `size`.
    The keys are found first and the rows read by key after, from `rows` (the queryset that says
    what a row shown needs): on PostgreSQL the keys come from the covering index
    member_search_order alone (members 0006), without a visit to each row passed, and the rows by
    their keys alone, without the search's filters again (a city's scope walked twice: 25-50 ms)."""
    key, _, pk = (after or "").rpartition("-")
    ordered = members.order_by("sort_key", "pk")
    if key.isdigit() and pk.isdigit():
        ordered = ordered.filter(Q(sort_key__gt=key) | Q(sort_key=key, pk__gt=int(pk)))
    keys = list(ordered.values_list("pk", "sort_key")[: size + 1])
    found = rows.in_bulk([pk for pk, _ in keys[:size]])
    last = keys[size - 1] if len(keys) > size else None
    return [found[pk] for pk, _ in keys[:size] if pk in found], last and f"{last[1]}-{last[0]}"
