"""The Word file of a plan: its frozen snapshot once issued, the live draft before; a correction
carries the line naming the plan it replaces, as its PDF does."""
from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from plans.documents.pdf.serve import plan_data, revision_line
from plans.months.report_views import docx_response
from plans.scope import get_plan_for_user


@login_required
@require_GET
def plan_docx(request, pk):
    plan = get_plan_for_user(request.user, pk)
    return docx_response(plan_data(plan), revision_line(plan))
