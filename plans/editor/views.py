"""The plan editor: one page laid out as the printed document, and its whole-page forms (header,
closing, sections, targets). The month table's rows are edited inline in editor_month_views."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from plans.editor import editing
from plans.editor.context import editor_context
from plans.editor.forms import NewSectionForm, PlanHeadForm, PlanTailForm, SectionForm, TargetForm, VersionForm
from plans.scope import plan_view

SECTION_ACTIONS = {
    "up": lambda actor, plan, section, version: editing.move_section(actor, plan, section, version, editing.UP),
    "down": lambda actor, plan, section, version: editing.move_section(actor, plan, section, version, editing.DOWN),
    "indent": editing.indent_section,
    "outdent": editing.outdent_section,
    "delete": editing.delete_section,
    "statistics": editing.insert_statistics,
    "other-part": editing.move_to_other_part,
}
SECTION_DONE = {
    "up": "Đã chuyển mục lên trên.", "down": "Đã chuyển mục xuống dưới.", "indent": "Đã đưa mục vào trong mục phía trên.",
    "outdent": "Đã đưa mục ra ngoài một cấp.", "delete": "Đã xóa mục.",
    "statistics": "Đã chèn số liệu đoàn viên hiện tại vào mục (thay cho số liệu đã chèn trước đây).",
    "other-part": "Đã chuyển mục sang phần khác của kế hoạch.",
}
TARGET_ACTIONS = {
    "up": lambda actor, plan, target, version: editing.move_target(actor, plan, target, version, editing.UP),
    "down": lambda actor, plan, target, version: editing.move_target(actor, plan, target, version, editing.DOWN),
    "delete": editing.delete_target,
}


def _get_section(plan, section_pk):
    section = plan.sections.filter(pk=section_pk).first()
    if section is None:
        raise PermissionDenied("Mục này không thuộc kế hoạch.")
    return section


def _get_target(plan, target_pk):
    target = plan.targets.filter(pk=target_pk).first()
    if target is None:
        raise PermissionDenied("Chỉ tiêu này không thuộc kế hoạch.")
    return target


def _version(request):
    form = VersionForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else 0


def _back(plan, anchor):
    return redirect(f"{reverse('plan_editor', args=[plan.pk])}#{anchor}")


def _show_errors(request, plan, key, form):
    """The whole page again with the form as the user sent it, its errors beside its fields."""
    messages.error(request, "Chưa lưu được: hãy sửa những chỗ được đánh dấu bên dưới.")
    return render(request, "plans/editor/page.html", editor_context(plan, bound={key: form}), status=200)


def _save(request, plan, key, form, save, anchor, done):
    """Validate, save under the version check, and come back to the same place on the page."""
    if not form.is_valid():
        return _show_errors(request, plan, key, form)
    try:
        save(request.user, plan, form, _version(request))
    except editing.EditRefused as conflict:
        form.add_error(None, str(conflict))
        return _show_errors(request, plan, key, form)
    messages.success(request, done)
    return _back(plan, anchor)


@plan_view("plans.change_plan")
def plan_editor(request, plan):
    return render(request, "plans/editor/page.html", editor_context(plan))


@plan_view("plans.change_plan", methods=("POST",))
def save_head(request, plan):
    form = PlanHeadForm(request.POST, instance=plan, prefix="head")
    return _save(request, plan, "head", form, editing.save_plan_form, "phan-dau", "Đã lưu phần đầu của kế hoạch.")


@plan_view("plans.change_plan", methods=("POST",))
def save_tail(request, plan):
    form = PlanTailForm(request.POST, instance=plan, prefix="tail")
    return _save(request, plan, "tail", form, editing.save_plan_form, "phan-cuoi", "Đã lưu phần kết, nơi nhận và người ký.")


@plan_view("plans.change_plan", methods=("POST",))
def add_section(request, plan):
    form = NewSectionForm(request.POST, plan=plan, prefix="new-section")

    def save(actor, plan, form, version):
        part, parent = form.place()
        return editing.add_section(actor, plan, version, form.cleaned_data["title"], form.cleaned_data["kind"], parent, part)

    return _save(request, plan, "new-section", form, save, "cac-muc", "Đã thêm mục mới.")


@plan_view("plans.change_plan", methods=("POST",))
def save_section(request, plan, section_pk):
    section = _get_section(plan, section_pk)
    key = f"section-{section.pk}"
    form = SectionForm(request.POST, instance=section, prefix=key)
    return _save(request, plan, key, form, editing.save_section, key, "Đã lưu mục.")


@plan_view("plans.change_plan", methods=("POST",))
def section_action(request, plan, section_pk, action):
    section = _get_section(plan, section_pk)
    if action not in SECTION_ACTIONS:
        raise PermissionDenied("Thao tác không hợp lệ.")
    try:
        SECTION_ACTIONS[action](request.user, plan, section, _version(request))
    except editing.EditRefused as conflict:
        messages.error(request, str(conflict))
        return _back(plan, f"section-{section.pk}")
    messages.success(request, SECTION_DONE[action])
    anchor = "cac-muc" if action == "delete" else f"section-{section.pk}"
    return _back(plan, anchor)


@plan_view("plans.change_plan", methods=("POST",))
def add_target(request, plan):
    form = TargetForm(request.POST, prefix="new-target")
    return _save(request, plan, "new-target", form, editing.save_target, "chi-tieu", "Đã thêm chỉ tiêu.")


@plan_view("plans.change_plan", methods=("POST",))
def save_target(request, plan, target_pk):
    target = _get_target(plan, target_pk)
    key = f"target-{target.pk}"
    form = TargetForm(request.POST, instance=target, prefix=key)
    return _save(request, plan, key, form, editing.save_target, key, "Đã lưu chỉ tiêu.")


@plan_view("plans.change_plan", methods=("POST",))
def target_action(request, plan, target_pk, action):
    target = _get_target(plan, target_pk)
    if action not in TARGET_ACTIONS:
        raise PermissionDenied("Thao tác không hợp lệ.")
    try:
        TARGET_ACTIONS[action](request.user, plan, target, _version(request))
    except editing.EditRefused as conflict:
        messages.error(request, str(conflict))
        return _back(plan, "chi-tieu")
    messages.success(request, "Đã xóa chỉ tiêu." if action == "delete" else "Đã đổi thứ tự chỉ tiêu.")
    return _back(plan, "chi-tieu")

