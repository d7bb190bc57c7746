"""The given names members have had: what the member search reads first (members.registry.finding)."""
from django.db import models

from members import search


class GivenName(models.Model):
    """Each given name members have had, as the start of their sort keys (members.search.given_prefix):
    a search for "huong" reads this short list for the given names that hold it, then the members of
    each in name order, from where they sit in the name-order index. Without it the search walked
    that index from "An" on until it met them: 30 ms of 40 at a city's 400,000 members for "huong",
    360 ms for "vinh", near the end. Rows are only added (members.models: Member.save and bulk_create,
    recompute_search_keys), and their folded form rewritten; a given name nobody has any more costs one
    empty read. A module of its own: the members' search vocabulary, not the union's records."""

    prefix = models.CharField("đầu khóa sắp xếp", max_length=search.SORT_KEY_LENGTH, unique=True)
    folded = models.CharField("tên để tìm", max_length=100)

    class Meta:
        verbose_name = "tên gọi đã gặp"
        verbose_name_plural = "tên gọi đã gặp"

    def __str__(self):
        return self.folded

    @classmethod
    def note(cls, members):
        names = {search.given_prefix(m.full_name): m.search_name.rpartition(" ")[2] for m in members}
        # Written over, not skipped, when known: after a change of the folding the search must read the new form.
        cls.objects.bulk_create([cls(prefix=p, folded=f) for p, f in names.items() if p],
                                update_conflicts=True, unique_fields=["prefix"], update_fields=["folded"])
