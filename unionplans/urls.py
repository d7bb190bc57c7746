from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from members.units import account_views
from unionplans import health

admin.site.site_header = "unionplans: quản trị"
admin.site.site_title = "unionplans"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz/", health.healthz, name="healthz"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/<int:pk>/dat-lai-mat-khau/", account_views.reset_password, name="reset_password"),
    path("don-vi/", include("members.urls")),
    path("", include("plans.urls")),
]
