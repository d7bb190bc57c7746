from django.urls import path

from plans.months import report_views
from plans.months import targets_views
from plans.months import views as month_views

urlpatterns = [
    path("thang-nay/", month_views.month_home, name="month_home"),
    path("plans/<int:pk>/thang-nay/", month_views.month_rows, name="month_rows"),
    path("plans/<int:pk>/thang-nay/hoat-dong/<int:row_pk>/", month_views.update_row, name="month_row_update"),
    path("plans/<int:pk>/thang-nay/hoat-dong/<int:row_pk>/sua/", month_views.row_form, name="month_row_form"),
    path("plans/<int:pk>/thang-nay/hoat-dong/<int:row_pk>/nguoi-thuc-hien/", month_views.row_people, name="month_row_people"),
    path("plans/<int:pk>/thang-nay/them/", month_views.add_unplanned, name="month_add"),
    path("plans/<int:pk>/bao-cao/", report_views.report_list, name="report_list"),
    path("plans/<int:pk>/bao-cao/lap/", report_views.report_draft, name="report_draft"),
    path("bao-cao/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/ban-hanh/", report_views.report_issue, name="report_issue"),
    path("bao-cao/<int:pk>/pdf/", report_views.report_pdf, name="report_pdf"),
    path("bao-cao/<int:pk>/docx/", report_views.report_docx, name="report_docx"),
    path("plans/<int:pk>/danh-gia-chi-tieu/", targets_views.review_targets, name="targets_review"),
]
