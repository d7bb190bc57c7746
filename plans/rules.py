"""Who may do what to a plan, as `rules` permissions on the plan object.

Seeing a plan at all is plans.scope's answer (404 outside it); these decide the actions (403):
the chair writes, submits and issues; BCH members keep the month rows; federation staff above the
union review (return, approve) but never write its text; the admin may do everything.
"""
import rules

from members.models import NOT_FEDERATIONS, Role
from members.rules import is_chair, is_executive, is_federation_staff, is_superior_staff
from plans.models import AnnualPlan
from plans.scope import can_see, plans_for_user
from unionplans.audit.models import AuditEntry

Status = AnnualPlan.Status


def _on_unit(predicate):
    """The unit predicate applied to the plan's unit."""
    @rules.predicate(name=f"plan_{predicate.name}")
    def on_plan(user, plan):
        return plan is not None and predicate.test(user, plan.unit)
    return on_plan


chair_of_plan = _on_unit(is_chair)
executive_of_plan = _on_unit(is_executive)
staff_over_plan = _on_unit(is_federation_staff)
reviewer_of_plan = _on_unit(is_superior_staff)


def _status_in(*statuses):
    @rules.predicate(name=f"plan_status_in_{'_'.join(statuses)}")
    def status_in(user, plan):
        return plan is not None and plan.status in statuses
    return status_in


@rules.predicate
def can_see_plan(user, plan):
    return plan is not None and can_see(user, plan)


@rules.predicate
def wrote_plan(user, plan):
    """Whoever drafted, edited or submitted the plan: separation of duties keeps them from
    approving or returning it, whatever other role they hold (a chair who is also district staff)."""
    authored = [AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE, AuditEntry.Action.SUBMIT, AuditEntry.Action.NEW_VERSION]
    return plan is not None and plan.audit_entries.filter(actor_id=user.pk, action__in=authored).exists()


@rules.predicate
def is_plan_document(user, plan):
    """A kế hoạch, not a year-end report (which shares the model but has no month rows or results)."""
    return plan is not None and plan.doc_type == AnnualPlan.DocType.PLAN


editable = _status_in(Status.DRAFT, Status.RETURNED)
reviewer = ~wrote_plan & (reviewer_of_plan | rules.is_superuser)

rules.add_perm("plans.view_plan", can_see_plan)
rules.add_perm("plans.change_plan", editable & (chair_of_plan | rules.is_superuser))
# The chair's part in the editor whatever the status: the editor itself then says why a plan sent up
# cannot be changed (plans.editor.blocks), instead of a bare 403.
rules.add_perm("plans.write_plan", chair_of_plan | rules.is_superuser)
# The reviewer's part whatever the status: a late approve or return is then told the plan's status.
rules.add_perm("plans.review_plan", reviewer)
rules.add_perm("plans.withdraw_plan", _status_in(Status.SUBMITTED) & (chair_of_plan | rules.is_superuser))
rules.add_perm("plans.submit_plan", editable & (chair_of_plan | rules.is_superuser))
rules.add_perm("plans.return_plan", _status_in(Status.SUBMITTED, Status.APPROVED) & reviewer)
rules.add_perm("plans.approve_plan", _status_in(Status.SUBMITTED) & reviewer)
rules.add_perm("plans.issue_plan", _status_in(Status.APPROVED) & (chair_of_plan | rules.is_superuser))
rules.add_perm("plans.revise_plan", _status_in(Status.ISSUED) & (chair_of_plan | rules.is_superuser))
# The month rows of an issued plan are the year's follow-up, kept by the BCH: editable by design.
rules.add_perm("plans.update_months", _status_in(Status.ISSUED) & is_plan_document & (executive_of_plan | rules.is_superuser))
rules.add_perm("plans.comment_plan", staff_over_plan | rules.is_superuser)
# The BCH and staff above always see the plan (plans.scope), so these need not ask the scope again.
rules.add_perm("plans.view_history", executive_of_plan | staff_over_plan | rules.is_superuser)
# On a unit, not a plan: the chair starts the unit's plan as a new draft (copied, from the skeleton,
# uploaded, or brought in from a Word file).
rules.add_perm("plans.start_plan", is_chair | rules.is_superuser)
# Monthly reports (plans.months.reports) and the year-end review of targets belong to an issued plan.
# The predicates above read only `.unit` and `.status`, so they apply to a report as they are.
issued = _status_in(Status.ISSUED)
rules.add_perm("plans.draft_report", issued & is_plan_document & (chair_of_plan | rules.is_superuser))
rules.add_perm("plans.view_report", issued | executive_of_plan | staff_over_plan | rules.is_superuser)
rules.add_perm("plans.change_report", _status_in(Status.DRAFT) & (chair_of_plan | rules.is_superuser))
rules.add_perm("plans.issue_report", _status_in(Status.DRAFT) & (chair_of_plan | rules.is_superuser))
rules.add_perm("plans.review_targets", issued & is_plan_document & (chair_of_plan | rules.is_superuser))
# The year-end report (plans.yearend) of a plan approved or issued, and next year's plan started from
# it: the chair's, as the plan was. The report itself then goes through the plan's own rules.
closing_year = _status_in(Status.APPROVED, Status.ISSUED) & is_plan_document & (chair_of_plan | rules.is_superuser)
rules.add_perm("plans.draft_yearend", closing_year)
rules.add_perm("plans.plan_next_year", closing_year)
# Review comments (plans.federation.comments): staff above write them, the chair marks them dealt with, and
# the BCH and staff read them; plain members see only the issued document.
rules.add_perm("plans.view_comments", executive_of_plan | staff_over_plan | rules.is_superuser)
rules.add_perm("plans.resolve_comment", chair_of_plan | staff_over_plan | rules.is_superuser)


@rules.predicate
def is_staff_anywhere(user):
    return user.is_authenticated and user.roles.filter(kind=Role.Kind.STAFF).exists()


# Not on an object: the overview lists whatever units the staff role reaches (members.scope).
rules.add_perm("plans.view_overview", is_staff_anywhere | rules.is_superuser)


@rules.predicate
def can_see_batch(user, batch):
    """The one who asked for a batch print, or anyone who sees every plan in it (its file holds them all)."""
    if batch is None or not user.is_authenticated:
        return False
    if batch.requested_by_id == user.pk:
        return True
    plan_ids = set(batch.items.exclude(plan=None).values_list("plan_id", flat=True))
    return bool(plan_ids) and plans_for_user(user).filter(pk__in=plan_ids).count() == len(plan_ids)


rules.add_perm("plans.view_batch", can_see_batch | rules.is_superuser)


@rules.predicate
def is_federation(user, unit):
    return unit is not None and unit.kind not in NOT_FEDERATIONS


# On a unit: the federation's staff set the dates by which the units below send their plans (plans.inbox).
rules.add_perm("plans.set_deadlines", is_federation & (is_federation_staff | rules.is_superuser))
