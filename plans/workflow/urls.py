from django.urls import path

from plans.workflow import views as workflow_views

urlpatterns = [
    path("plans/<int:pk>/trang-thai/", workflow_views.plan_status, name="plan_status"),
    path("plans/<int:pk>/gui-duyet/", workflow_views.submit_plan, name="plan_submit"),
    path("plans/<int:pk>/rut-lai/", workflow_views.withdraw_plan, name="plan_withdraw"),
    path("plans/<int:pk>/tra-lai/", workflow_views.return_plan, name="plan_return"),
    path("plans/<int:pk>/duyet/", workflow_views.approve_plan, name="plan_approve"),
    path("plans/<int:pk>/ban-hanh/", workflow_views.issue_plan, name="plan_issue"),
    path("plans/<int:pk>/lich-su/", workflow_views.plan_history, name="plan_history"),
    path("plans/<int:pk>/dieu-chinh-bo-sung/", workflow_views.revise_plan, name="plan_revise"),
]
