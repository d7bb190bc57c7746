from django.urls import path

from plans.inbox import views

urlpatterns = [
    path("tai-khoan/", views.account, name="account"),
    path("don-vi/<int:pk>/han-ke-hoach/", views.plan_deadlines, name="plan_deadlines"),
]
