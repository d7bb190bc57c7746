from django.urls import path

from plans.documents import batch_views
from plans.documents import verify_views
from plans.documents import views as print_views
from plans.documents.docx import views as docx_views

urlpatterns = [
    path("plans/<int:pk>/docx/", docx_views.plan_docx, name="plan_docx"),
    path("plans/<int:pk>/pdf/", print_views.plan_pdf, name="plan_pdf"),
    path("plans/<int:pk>/kiem-tra-chu-ky/", verify_views.plan_verify, name="plan_verify"),
    path("kiem-tra-chu-ky/", verify_views.verify_upload, name="verify_upload"),
    path("plans/<int:pk>/xem-truoc/", print_views.plan_preview, name="plan_preview"),
    path("in-hang-loat/", batch_views.batch_new, name="batch_new"),
    path("in-hang-loat/<int:pk>/", batch_views.batch_status, name="batch_status"),
    path("in-hang-loat/<int:pk>/tien-do/", batch_views.batch_progress, name="batch_progress"),
    path("in-hang-loat/<int:pk>/tai-ve/", batch_views.batch_download, name="batch_download"),
]
