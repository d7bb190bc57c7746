from django.urls import include, path

from plans import views
from plans.documents import batch_views, verify_views, views as print_views
from plans.documents.docx import views as docx_views
from plans.editor import new_views as editor_new, structure_views as structure, views as editor_views, yearend_views
from plans.federation import comment_views, views as overview_views
from plans.inbox import views as inbox_views
from plans.months import report_views, targets_views, views as month_views
from plans.textimport import review as textimport_review, views as textimport_views
from plans.workflow import views as workflow_views

# One map of the app's addresses, grouped by the sub-package that serves them.
urlpatterns = [
    path("", views.home, name="home"),
    # The plan's path to issue (plans/workflow/)
    path("plans/<int:pk>/trang-thai/", workflow_views.plan_status, name="plan_status"),
    path("plans/<int:pk>/gui-duyet/", workflow_views.submit_plan, name="plan_submit"),
    path("plans/<int:pk>/tra-lai/", workflow_views.return_plan, name="plan_return"),
    path("plans/<int:pk>/duyet/", workflow_views.approve_plan, name="plan_approve"),
    path("plans/<int:pk>/ban-hanh/", workflow_views.issue_plan, name="plan_issue"),
    path("plans/<int:pk>/lich-su/", workflow_views.plan_history, name="plan_history"),
    path("plans/<int:pk>/rut-lai/", workflow_views.withdraw_plan, name="plan_withdraw"),
    path("plans/<int:pk>/dieu-chinh-bo-sung/", workflow_views.revise_plan, name="plan_revise"),
    # The chair's editor and new plans (plans/editor/)
    path("don-vi-cua-toi/<int:unit_pk>/ke-hoach-moi/", editor_new.new_plan, name="plan_new"),
    path("don-vi-cua-toi/<int:unit_pk>/ke-hoach-moi/sao-chep/", editor_new.copy_plan, name="plan_new_copy"),
    path("don-vi-cua-toi/<int:unit_pk>/ke-hoach-moi/theo-khung/", editor_new.skeleton_plan, name="plan_new_skeleton"),
    path("don-vi-cua-toi/<int:unit_pk>/ke-hoach-moi/tai-len/", editor_new.upload_plan, name="plan_new_upload"),
    path("plans/<int:pk>/bao-cao-tong-ket/", yearend_views.yearend_draft, name="yearend_draft"),
    path("plans/<int:pk>/ke-hoach-nam-sau/", yearend_views.next_year, name="next_year"),
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
    # The year's follow-up: the month page, monthly reports, target results (plans/months/)
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
    path("bao-cao/<int:pk>/pdf/tien-do/", report_views.report_pdf_progress, name="report_pdf_progress"),
    path("bao-cao/<int:pk>/docx/", report_views.report_docx, name="report_docx"),
    path("plans/<int:pk>/danh-gia-chi-tieu/", targets_views.review_targets, name="targets_review"),
    # Printed documents: PDF, Word, signatures, batch printing (plans/documents/)
    path("plans/<int:pk>/docx/", docx_views.plan_docx, name="plan_docx"),
    path("plans/<int:pk>/pdf/", print_views.plan_pdf, name="plan_pdf"),
    path("plans/<int:pk>/pdf/tien-do/", print_views.plan_pdf_progress, name="plan_pdf_progress"),
    path("plans/<int:pk>/kiem-tra-chu-ky/", verify_views.plan_verify, name="plan_verify"),
    path("kiem-tra-chu-ky/", verify_views.verify_upload, name="verify_upload"),
    path("plans/<int:pk>/xem-truoc/", print_views.plan_preview, name="plan_preview"),
    path("in-hang-loat/", batch_views.batch_new, name="batch_new"),
    path("in-hang-loat/<int:pk>/", batch_views.batch_status, name="batch_status"),
    path("in-hang-loat/<int:pk>/tien-do/", batch_views.batch_progress, name="batch_progress"),
    path("in-hang-loat/<int:pk>/tai-ve/", batch_views.batch_download, name="batch_download"),
    # The federation: overview and review comments (plans/federation/)
    path("tong-quan/", overview_views.overview_page, name="overview"),
    path("tong-quan/excel/", overview_views.overview_excel, name="overview_excel"),
    path("plans/<int:pk>/xem-xet/", comment_views.plan_review, name="plan_review"),
    path("plans/<int:pk>/xem-xet/gop-y/", comment_views.comment_add, name="plan_comment_add"),
    path("plans/<int:pk>/xem-xet/da-xu-ly/", comment_views.comment_resolve, name="plan_comment_resolve"),
    # Bringing last year's plan in from Word (plans/textimport/)
    path("nhap-tu-word/", textimport_views.import_units, name="textimport_units"),
    path("nhap-tu-word/<int:unit_pk>/", textimport_views.import_source, name="textimport_source"),
    path("nhap-tu-word/<int:unit_pk>/kiem-tra/", textimport_review.import_review, name="textimport_review"),
    path("nhap-tu-word/<int:unit_pk>/kiem-tra/dau/", textimport_review.import_header, name="textimport_header"),
    path("nhap-tu-word/<int:unit_pk>/kiem-tra/sua/", textimport_review.import_edit, name="textimport_edit"),
    path("nhap-tu-word/<int:unit_pk>/kiem-tra/json/", textimport_review.import_json, name="textimport_json"),
    path("nhap-tu-word/<int:unit_pk>/luu/", textimport_review.import_confirm, name="textimport_confirm"),
    # What waits on the user, and the notices they choose (plans/inbox/)
    path("tai-khoan/", inbox_views.account, name="account"),
    path("don-vi/<int:pk>/han-ke-hoach/", inbox_views.plan_deadlines, name="plan_deadlines"),
    # The federation's rating of its unions: criteria, self-scores, confirmation (plans/rating/)
    path("danh-gia/", include("plans.rating.urls")),
]
