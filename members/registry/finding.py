"""The member search's pages: which members a query finds, a page at a time, in Vietnamese order."""
from django.db.models import Q

from members.models import GivenName
from members.search import SORT_KEY_LENGTH, fold, matching

# Up to this many given names hold the query, their members are read given name by given name;
# a query in more ("a", "n") matches so many members that the walk in name order meets them at once.
GIVEN_NAMES_READ = 20


def page_keys(members_of, query, after, size):
    """(pk, sort_key) of the first `size` + 1 members that `members_of` (a function of a test of the
    member's own columns, giving the members in scope it picks) holds whose name contains the query,
    diacritics and case ignored, or whose card number starts with it, in (sort_key, pk) order, after
    the member `after` names ("<sort_key>-<pk>", the cursor of the page before; "" or a malformed one
    for the first page). Nothing counts the matches: a common name matches thousands in a province.

    Members sit in name order by given name first, so a query in a given name is met only where
    that name sits, far from the start for most ("huong": 108,000 members in at a city, "vinh":
    380,000), and PostgreSQL, which expects matches spread evenly, walks there. So for a query of one
    word the given names holding it are read from GivenName and their members from where they sit,
    one given name after another in order until the page is full, and the members whose family or
    middle names or card number hold it are found on their own; the two meet in order here."""
    key, _, pk = (after or "").rpartition("-")
    cursor = Q(sort_key__gt=key) | Q(sort_key=key, pk__gt=int(pk)) if key.isdigit() and pk.isdigit() else Q()

    def first(wanted, count):
        ordered = members_of(wanted & cursor).order_by("sort_key", "pk")
        return list(ordered.values_list("pk", "sort_key")[:count])

    query, folded = (query or "").strip(), fold(query)
    prefixes = [] if " " in folded else list(GivenName.objects.filter(folded__contains=folded)
                                             .order_by("prefix").values_list("prefix", flat=True)[:GIVEN_NAMES_READ + 1])
    if " " in folded or len(prefixes) > GIVEN_NAMES_READ:
        return first(matching(query), size + 1)
    keys = []
    for prefix in prefixes:
        if len(keys) > size:
            break
        # Every key of the given name lies between its prefix and the prefix followed by nines: digits
        # alone, which every collation orders as bytes.
        within = Q(sort_key__gte=prefix, sort_key__lte=prefix + "9" * (SORT_KEY_LENGTH - len(prefix)))
        keys += first(within, size + 1 - len(keys))
    keys += first(Q(other_names__contains=folded) | Q(card_number__startswith=query), size + 1)
    return sorted(set(keys), key=lambda found: (found[1], found[0]))[: size + 1]


def keyset_page(members_of, query, after, size, rows):
    """The `size` members `page_keys` finds, read by key from `rows` (the queryset that says what a
    row shown needs), and the cursor of the next page, None after the last. The keys come first and
    the rows after: on PostgreSQL the keys come from the covering index member_search_order alone
    (members 0001), without a visit to each row passed, and the rows by their keys alone, without the
    search's filters again (a city's scope walked twice: 25-50 ms)."""
    keys = page_keys(members_of, query, after, size)
    found = rows.in_bulk([pk for pk, _ in keys[:size]])
    last = keys[size - 1] if len(keys) > size else None
    return [found[pk] for pk, _ in keys[:size] if pk in found], last and f"{last[1]}-{last[0]}"
