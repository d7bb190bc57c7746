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


def given_prefix(full_name):
    """The start every sort key of a member with this given name has, whatever its tone and the
    other names: the given name's letters and the separator ("" for no name)."""
    words = (full_name or "").split()
    return (_letters_and_tone(words[-1])[0] + SEPARATOR)[:SORT_KEY_LENGTH] if words else ""


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
