from django.urls import path

from plans.federation import comment_views
from plans.federation import views as overview_views

urlpatterns = [
    path("tong-quan/", overview_views.overview_page, name="overview"),
    path("tong-quan/excel/", overview_views.overview_excel, name="overview_excel"),
    path("plans/<int:pk>/xem-xet/", comment_views.plan_review, name="plan_review"),
    path("plans/<int:pk>/xem-xet/gop-y/", comment_views.comment_add, name="plan_comment_add"),
    path("plans/<int:pk>/xem-xet/da-xu-ly/", comment_views.comment_resolve, name="plan_comment_resolve"),
]
