from django.urls import path

from plans.editor import month_views as editor_month_views
from plans.editor import new_views as editor_new
from plans.editor import views as editor_views

urlpatterns = [
    path("don-vi-cua-toi/<int:unit_pk>/ke-hoach-moi/", editor_new.new_plan, name="plan_new"),
    path("don-vi-cua-toi/<int:unit_pk>/ke-hoach-moi/sao-chep/", editor_new.copy_plan, name="plan_new_copy"),
    path("don-vi-cua-toi/<int:unit_pk>/ke-hoach-moi/theo-khung/", editor_new.skeleton_plan, name="plan_new_skeleton"),
    path("don-vi-cua-toi/<int:unit_pk>/ke-hoach-moi/tai-len/", editor_new.upload_plan, name="plan_new_upload"),
    path("plans/<int:pk>/soan/", editor_views.plan_editor, name="plan_editor"),
    path("plans/<int:pk>/soan/phan-dau/", editor_views.save_head, name="plan_editor_head"),
    path("plans/<int:pk>/soan/phan-cuoi/", editor_views.save_tail, name="plan_editor_tail"),
    path("plans/<int:pk>/soan/muc/", editor_views.add_section, name="plan_editor_section_add"),
    path("plans/<int:pk>/soan/muc/<int:section_pk>/", editor_views.save_section, name="plan_editor_section"),
    path("plans/<int:pk>/soan/muc/<int:section_pk>/<slug:action>/", editor_views.section_action, name="plan_editor_section_action"),
    path("plans/<int:pk>/soan/chi-tieu/", editor_views.add_target, name="plan_editor_target_add"),
    path("plans/<int:pk>/soan/chi-tieu/<int:target_pk>/", editor_views.save_target, name="plan_editor_target"),
    path("plans/<int:pk>/soan/chi-tieu/<int:target_pk>/<slug:action>/", editor_views.target_action, name="plan_editor_target_action"),
    path("plans/<int:pk>/soan/thang/<int:month>/them/", editor_month_views.add_row, name="plan_editor_row_add"),
    path("plans/<int:pk>/soan/thang/<int:month>/goi-y/<int:index>/", editor_month_views.add_suggested_row, name="plan_editor_row_suggest"),
    path("plans/<int:pk>/soan/dong/<int:row_pk>/", editor_month_views.row, name="plan_editor_row"),
    path("plans/<int:pk>/soan/dong/<int:row_pk>/sua/", editor_month_views.edit_row, name="plan_editor_row_edit"),
    path("plans/<int:pk>/soan/dong/<int:row_pk>/<slug:action>/", editor_month_views.row_action, name="plan_editor_row_action"),
]
