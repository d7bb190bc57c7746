from django.urls import path

from plans.editor import new_views as editor_new
from plans.editor import structure_views as structure
from plans.editor import views as editor_views

urlpatterns = [
    path("don-vi-cua-toi/<int:unit_pk>/ke-hoach-moi/", editor_new.new_plan, name="plan_new"),
    path("don-vi-cua-toi/<int:unit_pk>/ke-hoach-moi/sao-chep/", editor_new.copy_plan, name="plan_new_copy"),
    path("don-vi-cua-toi/<int:unit_pk>/ke-hoach-moi/theo-khung/", editor_new.skeleton_plan, name="plan_new_skeleton"),
    path("don-vi-cua-toi/<int:unit_pk>/ke-hoach-moi/tai-len/", editor_new.upload_plan, name="plan_new_upload"),
    path("plans/<int:pk>/soan/", editor_views.plan_editor, name="plan_editor"),
    # One block each: GET its editor (a small page of its own without JavaScript), POST its save.
    path("plans/<int:pk>/soan/trich-yeu/", editor_views.edit_title, name="plan_editor_title"),
    path("plans/<int:pk>/soan/can-cu/", editor_views.edit_bases, name="plan_editor_bases"),
    path("plans/<int:pk>/soan/mo-dau/", editor_views.edit_preamble, name="plan_editor_preamble"),
    path("plans/<int:pk>/soan/phan-ket/", editor_views.edit_closing, name="plan_editor_closing"),
    path("plans/<int:pk>/soan/phan-cuoi/", editor_views.edit_tail, name="plan_editor_tail"),
    path("plans/<int:pk>/soan/muc/<int:section_pk>/", editor_views.edit_section, name="plan_editor_section"),
    path("plans/<int:pk>/soan/muc/<int:section_pk>/doan/<int:index>/", editor_views.edit_paragraph, name="plan_editor_paragraph"),
    path("plans/<int:pk>/soan/chi-tieu/<int:target_pk>/", editor_views.edit_target, name="plan_editor_target"),
    path("plans/<int:pk>/soan/dong/<int:row_pk>/", editor_views.edit_row, name="plan_editor_row"),
    # The structure: add, move, delete, undo.
    path("plans/<int:pk>/soan/muc/", structure.add_section, name="plan_editor_section_add"),
    path("plans/<int:pk>/soan/muc/<int:section_pk>/<slug:action>/", structure.section_action, name="plan_editor_section_action"),
    path("plans/<int:pk>/soan/muc/<int:section_pk>/doan/<int:index>/<slug:action>/", structure.paragraph_action,
         name="plan_editor_paragraph_action"),
    path("plans/<int:pk>/soan/chi-tieu/", structure.add_target, name="plan_editor_target_add"),
    path("plans/<int:pk>/soan/chi-tieu/<int:target_pk>/<slug:action>/", structure.target_action, name="plan_editor_target_action"),
    path("plans/<int:pk>/soan/thang/them/", structure.add_row, name="plan_editor_row_add"),
    path("plans/<int:pk>/soan/thang/<int:month>/goi-y/<int:index>/", structure.add_suggested_row, name="plan_editor_row_suggest"),
    path("plans/<int:pk>/soan/dong/<int:row_pk>/<slug:action>/", structure.row_action, name="plan_editor_row_action"),
    path("plans/<int:pk>/soan/hoan-tac/", structure.undo, name="plan_editor_undo"),
]
