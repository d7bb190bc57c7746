"""The Word file of a plan: its frozen snapshot once issued, the live draft before."""
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.views.decorators.http import require_GET

from plans.planformat import export_plan
from plans.report_views import docx_response
from plans.scope import get_plan_for_user


def _get_plan_for_user(user, pk):
    plan = get_plan_for_user(user, pk)
    if not user.has_perm("plans.view_plan", plan):
        raise PermissionDenied
    return plan


@login_required
@require_GET
def plan_docx(request, pk):
    plan = _get_plan_for_user(request.user, pk)
    data = json.loads(plan.snapshot) if plan.is_issued and plan.snapshot else export_plan(plan)
    return docx_response(data)
