from django.urls import path

from plans.textimport import review as textimport_review
from plans.textimport import views as textimport_views

urlpatterns = [
    path("nhap-tu-word/", textimport_views.import_units, name="textimport_units"),
    path("nhap-tu-word/<int:unit_pk>/", textimport_views.import_source, name="textimport_source"),
    path("nhap-tu-word/<int:unit_pk>/kiem-tra/", textimport_review.import_review, name="textimport_review"),
    path("nhap-tu-word/<int:unit_pk>/kiem-tra/sua/", textimport_review.import_edit, name="textimport_edit"),
    path("nhap-tu-word/<int:unit_pk>/kiem-tra/json/", textimport_review.import_json, name="textimport_json"),
    path("nhap-tu-word/<int:unit_pk>/kiem-tra/dau/", textimport_review.import_header, name="textimport_header"),
    path("nhap-tu-word/<int:unit_pk>/luu/", textimport_review.import_confirm, name="textimport_confirm"),
]
