from django.urls import path

from members.registry import excel_views, position_views, views
from members.signing import views as signing_views
from members.units import views as unit_views

app_name = "members"
urlpatterns = [
    path("", unit_views.unit_tree, name="unit_tree"),
    path("<int:pk>/", unit_views.unit_detail, name="unit_detail"),
    path("<int:pk>/truc-thuoc/", unit_views.unit_children, name="unit_children"),
    path("<int:superior_pk>/them-don-vi/", unit_views.unit_create, name="unit_create"),
    path("<int:pk>/doi-ten/", unit_views.unit_rename, name="unit_rename"),
    path("<int:pk>/chuyen-cap-tren/", unit_views.unit_move, name="unit_move"),
    path("<int:pk>/ket-thuc/", unit_views.unit_deactivate, name="unit_deactivate"),
    path("<int:pk>/chu-ky-so/", signing_views.signing_credential, name="signing_credential"),
    path("<int:unit_pk>/doan-vien/", views.member_list, name="member_list"),
    path("<int:unit_pk>/doan-vien/them/", views.member_create, name="member_create"),
    path("<int:unit_pk>/thong-ke/", views.unit_statistics, name="unit_statistics"),
    path("<int:unit_pk>/doan-vien/mau-excel/", excel_views.import_template, name="import_template"),
    path("<int:unit_pk>/doan-vien/xuat-excel/", excel_views.export, name="export"),
    path("<int:unit_pk>/doan-vien/nhap-excel/", excel_views.import_preview, name="import_preview"),
    path("<int:unit_pk>/doan-vien/nhap-excel/luu/", excel_views.import_confirm, name="import_confirm"),
    path("doan-vien/tim/", views.member_search, name="member_search"),
    path("doan-vien/<int:pk>/", views.member_detail, name="member_detail"),
    path("doan-vien/<int:pk>/sua/", views.member_edit, name="member_edit"),
    path("doan-vien/<int:pk>/chuyen/", views.member_transfer, name="member_transfer"),
    path("doan-vien/<int:pk>/trang-thai/", views.member_status, name="member_status"),
    path("<int:unit_pk>/chuc-vu/", position_views.position_list, name="position_list"),
    path("<int:unit_pk>/chuc-vu/them/", position_views.position_create, name="position_create"),
    path("doan-vien/<int:pk>/ket-thuc-chuc-vu/", position_views.position_end, name="position_end"),
]
