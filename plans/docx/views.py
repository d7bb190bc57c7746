"""The Word file of a plan: its frozen snapshot once issued, the live draft before."""
import json

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from plans.planformat import export_plan
from plans.report_views import docx_response
from plans.scope import get_plan_for_user


@login_required
@require_GET
def plan_docx(request, pk):
    plan = get_plan_for_user(request.user, pk)
    data = json.loads(plan.snapshot) if plan.is_issued and plan.snapshot else export_plan(plan)
    return docx_response(data)
