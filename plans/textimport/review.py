"""Check and correct the recognised plan before it is saved: the working draft lives in the session
(as the members' Excel import keeps its rows) and each correction is a small POST that changes it
and comes back to the page. Nothing reaches the database before "Lưu thành bản nháp"."""
from functools import wraps

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from members.permissions import unit_view
from plans.editor.drafting import import_recorded
from plans.planformat import PlanFormatError, dumps, loads
from plans.textimport import draft as drafts, recognise_text
from plans.textimport.preview import review_rows
from plans.textimport.views import session_key

STALE = "Bản nháp đã thay đổi (có thể ở một thẻ khác) nên chưa làm được thao tác này: hãy xem lại và làm lại."
NO_DRAFT = "Không có văn bản nào đang chờ kiểm tra: hãy tải tệp lên hoặc dán nội dung lại."
NEEDS_PLACE = "Hãy chọn mục để đưa vào."
ACTIONS = {
    # action: (the draft change, what it needs besides index and text, where the page returns, the flash)
    "move": (drafts.move_paragraph, ("place", "to"), "to", "Đã chuyển đoạn văn sang mục đã chọn."),
    "to_target": (drafts.paragraph_to_target, ("place",), "chi-tieu", "Đã biến đoạn văn thành chỉ tiêu."),
    "to_paragraph": (drafts.target_to_paragraph, ("to",), "to", "Đã biến chỉ tiêu thành đoạn văn."),
    "place_line": (drafts.place_line, ("to",), "dong-chua-xep", "Đã đưa dòng vào mục đã chọn."),
    "line_to_target": (drafts.line_to_target, (), "dong-chua-xep", "Đã biến dòng thành chỉ tiêu."),
    "discard_line": (drafts.discard_line, (), "dong-chua-xep", "Đã bỏ dòng này."),
    "restore_line": (drafts.restore_line, (), "dong-chua-xep", "Đã đưa dòng trở lại danh sách chưa xếp."),
}


class EditForm(forms.Form):
    action = forms.ChoiceField(choices=[(name, name) for name in ACTIONS])
    place = forms.CharField(required=False)
    index = forms.IntegerField(min_value=0)
    text = forms.CharField(strip=False)
    to = forms.CharField(required=False)

    def clean(self):
        data = super().clean()
        action = ACTIONS.get(data.get("action"))
        if action and "to" in action[1] and not data.get("to"):
            self.add_error("to", NEEDS_PLACE)
        return data


class HeaderForm(forms.Form):
    """The trích yếu (asked for when the text had no header) and the co-issuer of a joint plan."""
    title = forms.CharField(label="Trích yếu (in dưới chữ KẾ HOẠCH)", max_length=500)
    joint = forms.BooleanField(label="Kế hoạch liên tịch (phối hợp với chuyên môn)", required=False)
    co_name = forms.CharField(label="Cơ quan cùng ban hành", max_length=255, required=False)
    co_superior = forms.CharField(label="Cơ quan chủ quản của cơ quan cùng ban hành", max_length=255, required=False)
    co_abbreviation = forms.CharField(label="Chữ viết tắt của cơ quan cùng ban hành", max_length=20, required=False)

    @classmethod
    def for_plan(cls, plan):
        co_issuer = plan["co_issuer"] or {}
        return cls(initial={
            "title": plan["title"] or drafts.suggested_title(plan), "joint": bool(co_issuer),
            "co_name": co_issuer.get("name", ""), "co_superior": co_issuer.get("superior", ""),
            "co_abbreviation": co_issuer.get("abbreviation", ""),
        })

    def clean(self):
        data = super().clean()
        if data.get("joint"):
            for key in ("co_name", "co_abbreviation"):
                if not data.get(key):
                    self.add_error(key, "Kế hoạch liên tịch cần tên và chữ viết tắt của cơ quan cùng ban hành.")
        return data

    def co_issuer(self):
        data = self.cleaned_data
        if not data["joint"]:
            return None
        return {"superior": data["co_superior"], "name": data["co_name"], "abbreviation": data["co_abbreviation"]}


class JsonForm(forms.Form):
    plan_json = forms.CharField(label="Kế hoạch (JSON)", widget=forms.Textarea(attrs={"rows": 16}))


def _review_url(unit, anchor=""):
    return reverse("textimport_review", args=[unit.pk]) + (f"#{anchor}" if anchor else "")


def _render(request, unit, draft, json_form=None, header_form=None):
    recognition = recognise_text(draft["source"])
    plan = draft["plan"]
    return render(request, "plans/textimport/review.html", {
        "unit": unit, "draft": draft, "plan": plan, "mends": recognition.mends,
        "rows": review_rows(draft["source"], recognition, plan), "places": drafts.places(plan),
        "targets_key": drafts.targets_key(plan) or "preamble",
        "has_targets_section": drafts.targets_key(plan) is not None,
        "json_form": json_form or JsonForm(initial={"plan_json": dumps(plan)}),
        "header_form": header_form or HeaderForm.for_plan(plan),
    })


def _draft_view(methods=("POST",)):
    """A view of the working draft the session keeps, given it as `draft`; without one, the chair is sent
    back to bring a text in."""

    def decorator(view):
        @unit_view("plans.start_plan", methods=methods)
        @wraps(view)
        def with_draft(request, unit):
            draft = request.session.get(session_key(unit))
            if not draft:
                messages.error(request, NO_DRAFT)
                return redirect("textimport_source", unit.pk)
            return view(request, unit, draft)

        return with_draft

    return decorator


def _kept(request, unit, draft, done, anchor=""):
    """The changed draft kept in the session, the change said, and back to the review page at `anchor`."""
    request.session[session_key(unit)] = draft
    messages.success(request, done)
    return redirect(_review_url(unit, anchor))


@_draft_view(methods=("GET",))
def import_review(request, unit, draft):
    return _render(request, unit, draft)


@_draft_view()
def import_edit(request, unit, draft):
    form = EditForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.get("to", [STALE])[0])
        return redirect(_review_url(unit, "dong-chua-xep" if "to" in form.errors else ""))
    data = form.cleaned_data
    change, needs, anchor, done = ACTIONS[data["action"]]
    try:
        change(draft, index=data["index"], text=data["text"], **{name: data[name] for name in needs})
    except drafts.StaleDraft:
        messages.error(request, STALE)
        return redirect(_review_url(unit))
    return _kept(request, unit, draft, done, f"noi-{data['to']}" if anchor == "to" else anchor)


@_draft_view()
def import_json(request, unit, draft):
    """The advanced way: the chair's own JSON replaces the working plan once it passes the check."""
    form = JsonForm(request.POST)
    if form.is_valid():
        try:
            drafts.replace_plan(draft, loads(form.cleaned_data["plan_json"]), unit)
        except PlanFormatError as exc:
            form.add_error("plan_json", f"Chưa áp dụng được, hãy sửa chỗ này: {exc}")
    if not form.is_valid():
        return _render(request, unit, draft, form)
    return _kept(request, unit, draft, "Đã áp dụng nội dung JSON vào bản nháp.")


@_draft_view()
def import_header(request, unit, draft):
    form = HeaderForm(request.POST)
    if not form.is_valid():
        return _render(request, unit, draft, header_form=form)
    drafts.set_header(draft, form.cleaned_data["title"], form.co_issuer())
    return _kept(request, unit, draft, "Đã cập nhật trích yếu và cơ quan ban hành.", "trich-yeu")


@_draft_view()
def import_confirm(request, unit, draft):
    if draft["unplaced"]:
        messages.error(request, drafts.unresolved_message(draft))
        return redirect(_review_url(unit, "dong-chua-xep"))
    if not draft["plan"]["title"]:
        messages.error(request, "Văn bản gốc không có tên kế hoạch: hãy nhập trích yếu trước khi lưu thành bản nháp.")
        return redirect(_review_url(unit, "trich-yeu"))
    try:
        plan = import_recorded(request.user, draft["plan"], unit)
    except PlanFormatError as exc:
        messages.error(request, f"Chưa lưu được, hãy sửa chỗ này (trong phần nâng cao): {exc}")
        return redirect(_review_url(unit, "nang-cao"))
    del request.session[session_key(unit)]
    messages.success(request, "Đã tạo bản nháp kế hoạch từ văn bản. Hãy rà soát lại từng mục.")
    return redirect("plan_status", pk=plan.pk)
