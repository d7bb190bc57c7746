"""Who may do what in the rating, as `rules` predicates on the members.rules roles.

Seeing a rating or a table is members.scope's answer (404 outside the units the user sees); these
decide the actions (403): the federation's staff keep its criteria tables; the chair and BCH of a
union score it, the chair sends it up; staff of a federation above the union confirm it, never one
who scored or sent it (separation of duties, as for plans). A rating has a `.unit` and a `.status`
like a plan, so the plan's predicates (plans.rules) apply to it as they are.
"""
import rules

from members.models import NOT_FEDERATIONS
from members.rules import is_executive, is_federation_staff
from plans.rating.models import Rating
from plans.rating.services import scored_by
from plans.rules import _status_in, chair_of_plan, executive_of_plan, is_federation, reviewer_of_plan, staff_over_plan


@rules.predicate
def is_grassroots(user, unit):
    return unit is not None and unit.kind in NOT_FEDERATIONS


@rules.predicate
def scored_rating(user, rating):
    return rating is not None and scored_by(user, rating)


@rules.predicate
def staff_over_table(user, table):
    """Staff of the federation that owns the table, or of one above it."""
    return table is not None and is_federation_staff.test(user, table.federation)


draft = _status_in(Rating.Status.DRAFT)

# On a unit: a federation's tables, kept by its staff (or staff above it); a union's ratings.
rules.add_perm("rating.manage_criteria", is_federation & (is_federation_staff | rules.is_superuser))
rules.add_perm("rating.view_ratings", is_grassroots & (is_executive | is_federation_staff | rules.is_superuser))
rules.add_perm("rating.start_rating", is_grassroots & (is_executive | rules.is_superuser))
# On a criteria table.
rules.add_perm("rating.change_criteria", staff_over_table | rules.is_superuser)
# On a rating.
rules.add_perm("rating.view_rating", executive_of_plan | staff_over_plan | rules.is_superuser)
rules.add_perm("rating.self_score", draft & (executive_of_plan | rules.is_superuser))
rules.add_perm("rating.submit_rating", draft & (chair_of_plan | rules.is_superuser))
rules.add_perm("rating.confirm_rating", _status_in(Rating.Status.SUBMITTED) & ~scored_rating
               & (reviewer_of_plan | rules.is_superuser))
