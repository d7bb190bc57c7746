"""The Word file of a plan: its frozen snapshot once issued, the live draft before; a correction
carries the line naming the plan it replaces, as its PDF does."""
from plans.documents.pdf.serve import plan_data, revision_line
from plans.months.report_views import docx_response
from plans.scope import plan_view


@plan_view("plans.view_plan")
def plan_docx(request, plan):
    return docx_response(plan_data(plan), revision_line(plan))
