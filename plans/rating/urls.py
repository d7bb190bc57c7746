from django.urls import path

from plans.rating import views

# Included from plans/urls.py under "danh-gia/".
urlpatterns = [
    path("lien-doan/<int:pk>/tieu-chi/", views.criteria_list, name="rating_criteria_list"),
    path("tieu-chi/<int:pk>/", views.criteria_edit, name="rating_criteria"),
    path("don-vi/<int:pk>/", views.unit_ratings, name="rating_unit"),
    path("<int:pk>/", views.rating_detail, name="rating_detail"),
    path("<int:pk>/gui/", views.rating_submit, name="rating_submit"),
    path("<int:pk>/xac-nhan/", views.rating_confirm, name="rating_confirm"),
    path("<int:pk>/pdf/", views.rating_pdf, name="rating_pdf"),
]
