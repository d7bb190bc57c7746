"""Vietnamese names for searching and sorting, the same on SQLite and PostgreSQL.

Neither database folds Vietnamese diacritics or knows that Ă comes after A and Đ after D, and
PostgreSQL's collation depends on the server's locale. So both forms are computed here and stored:
`search_name` is the name folded to plain lower-case ASCII letters (typing "huong" finds "Hương"),
`sort_key` is a string of two-digit codes, which every collation orders like plain bytes.
"""
import functools
import hashlib
import unicodedata

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.functional import cached_property

from unionplans import versions

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
# The version of members, units and roles: what a search finds, and where (unionplans.versions).
VERSION = "members"


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


def search(queryset, query):
    """Members whose name contains the query, diacritics and case ignored, or whose card number starts with it."""
    query = (query or "").strip()
    if not query:
        return queryset
    return queryset.filter(Q(search_name__contains=fold(query)) | Q(card_number__startswith=query))


def found(user, terms, matching):
    """The keys of the first `CappedPaginator.cap` + 1 members that `matching()` finds, for `user`
    and the search `terms`, in their order. Kept in the shared cache (MEMBER_SEARCH_SECONDS) under the
    members' version, which any change of a member, unit or role replaces (members.apps): the next
    page, and the same search again, cost a cache read instead of the search, which for a common name
    across a province reads thousands of rows."""
    if not settings.MEMBER_SEARCH_SECONDS:
        return _first_keys(matching())
    key = "members:found:" + hashlib.sha256(repr((versions.current(VERSION), user.pk, sorted(terms.items()))).encode()).hexdigest()
    keys = cache.get(key)
    if keys is None:
        keys = _first_keys(matching())
        cache.set(key, keys, settings.MEMBER_SEARCH_SECONDS)
    return keys


def _first_keys(members):
    return list(members.values_list("pk", flat=True)[: CappedPaginator.cap + 1])


class CappedPaginator(Paginator):
    """Pages of search results that count at most `cap` matches: counting every "an" among a
    province's 80,000 members costs more than the page itself, and nobody reads past page 20;
    the page says there are more and asks for a longer query instead.

    It pages the keys of the first `cap` + 1 matches (`found`), which give both the count and the
    page; the page's rows are then read by key: `rows(keys)` gives them in any order, each a dict
    with its "pk"."""

    cap = 1000

    def __init__(self, keys, per_page, rows):
        super().__init__(keys, per_page)
        self.rows = rows

    @property
    def more(self):
        return len(self.object_list) > self.cap

    @cached_property
    def count(self):
        return min(len(self.object_list), self.cap)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = self.object_list[bottom:min(bottom + self.per_page, self.count)]
        by_key = {row["pk"]: row for row in self.rows(keys)}
        return self._get_page([by_key[key] for key in keys if key in by_key], number, self)
