"""Plans a user may see, built on the one unit scope of members.scope."""
from django.http import Http404

from members.scope import visible_unit_ids
from plans.models import AnnualPlan


def plans_for_user(user):
    return AnnualPlan.objects.filter(unit_id__in=visible_unit_ids(user))


def get_plan_for_user(user, pk):
    try:
        return plans_for_user(user).select_related("unit").get(pk=pk)
    except AnnualPlan.DoesNotExist:
        raise Http404("Không tìm thấy kế hoạch.") from None
