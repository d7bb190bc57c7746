"""The rating's pages: a federation's criteria tables, a union's ratings, the scored table (the
unit's self-score, its submission, the federation's confirmation) and its printed PDF."""
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from members.permissions import unit_view
from members.scope import units_for_user
from plans import numbering
from plans.documents.pdf import RenderError, render_pdf
from plans.months.services import today
from plans.rating import forms, services
from plans.rating.models import CriteriaTable, Rating
from plans.rating.printing import evidence_text, export_rating
from unionplans.audit.models import snapshot
from unionplans.permissions import allowed, get_or_404, object_view


def get_table_for_user(user, pk):
    return get_or_404(CriteriaTable.objects.select_related("federation").filter(federation__in=units_for_user(user)),
                      "Không tìm thấy bảng tiêu chí.", pk=pk)


def get_rating_for_user(user, pk):
    return get_or_404(Rating.objects.select_related("unit", "table__federation").filter(unit__in=units_for_user(user)),
                      "Không tìm thấy bảng điểm.", pk=pk)


table_view = object_view("criteria", get_table_for_user)
rating_view = object_view("rating", get_rating_for_user)


def scores_of(rating):
    scores = list(rating.scores.select_related("criterion__group").prefetch_related("targets", "activities", "reports")
                  .order_by("criterion__group__order", "criterion__group_id", "criterion__order", "criterion_id"))
    for score in scores:
        score.evidence = evidence_text(score)
    return scores


@unit_view("rating.manage_criteria", methods=("GET", "POST"))
def criteria_list(request, federation):
    form = forms.NewTableForm(request.POST or None, initial={"year": today().year})
    if request.method == "POST" and form.is_valid():
        try:
            table = services.create_table(request.user, federation, form.cleaned_data["year"], form.cleaned_data["source"])
        except services.RatingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã lập bảng tiêu chí năm {table.year}.")
            return redirect("rating_criteria", pk=table.pk)
    return render(request, "plans/rating/criteria_list.html", {
        "federation": federation, "form": form, "tables": federation.criteria_tables.all(),
    }, status=400 if request.method == "POST" else 200)


@table_view("rating.change_criteria", methods=("GET", "POST"))
def criteria_edit(request, table):
    data = request.POST if request.method == "POST" else None
    groups, labels = forms.group_formset(table, data), forms.label_formset(table, data)
    criteria = forms.criterion_formset(table, data)
    if request.method == "POST" and groups.is_valid() and labels.is_valid() and criteria.is_valid():
        before = snapshot(table)
        groups.save()
        criteria.save()
        labels.save()
        services.table_saved(request.user, table, before)
        messages.success(request, "Đã lưu bảng tiêu chí; tổng điểm và xếp loại các bảng điểm đã tính lại.")
        return redirect("rating_criteria", pk=table.pk)
    if request.method == "POST":
        messages.error(request, "Chưa lưu được: hãy sửa các chỗ được đánh dấu.")
    return render(request, "plans/rating/criteria_edit.html", {
        "table": table, "groups": groups, "criteria": criteria, "labels": labels,
    }, status=400 if request.method == "POST" else 200)


@unit_view("rating.view_ratings", post="rating.start_rating", methods=("GET", "POST"))
def unit_ratings(request, unit):
    form = forms.StartForm(request.POST or None, initial={"year": today().year})
    if request.method == "POST" and form.is_valid():
        try:
            rating = services.start_rating(request.user, unit, form.cleaned_data["year"])
        except services.RatingError as exc:
            form.add_error("year", str(exc))
        else:
            return redirect("rating_detail", pk=rating.pk)
    return render(request, "plans/rating/unit_ratings.html", {
        "unit": unit, "form": form, "ratings": unit.ratings.select_related("table"),
        "may_start": allowed(request.user, "rating.start_rating", unit),
    }, status=400 if request.method == "POST" else 200)


def _self_score_form(request, rating, scores):
    plan = services.evidence_plan(rating)
    reports = plan.reports.all() if plan else []
    return forms.SelfScoreForm(request.POST if request.method == "POST" else None, scores=scores,
                               choices=forms.evidence_choices(plan, reports))


@rating_view("rating.view_rating", post="rating.self_score", methods=("GET", "POST"))
def rating_detail(request, rating):
    scores = scores_of(rating)
    form = _self_score_form(request, rating, scores) if allowed(request.user, "rating.self_score", rating) else None
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_self_scores(request.user, rating, form.entries())
            except services.RatingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Đã lưu điểm tự chấm.")
                return redirect("rating_detail", pk=rating.pk)
        messages.error(request, "Chưa lưu được: hãy sửa các chỗ được đánh dấu.")
    return render(request, "plans/rating/detail.html", {
        "rating": rating, "scores": scores, "form": form, "self_total": services.points_text(rating.self_total),
        "confirmed_total": services.points_text(rating.confirmed_total),
        "may_submit": allowed(request.user, "rating.submit_rating", rating),
        "may_confirm": allowed(request.user, "rating.confirm_rating", rating),
    }, status=400 if form is not None and form.errors else 200)


@rating_view("rating.submit_rating", methods=("POST",))
def rating_submit(request, rating):
    try:
        services.submit_rating(request.user, rating)
    except services.RatingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã gửi bảng tự chấm điểm lên cấp trên.")
    return redirect("rating_detail", pk=rating.pk)


@rating_view("rating.confirm_rating", methods=("GET", "POST"))
def rating_confirm(request, rating):
    scores = scores_of(rating)
    form = forms.ConfirmForm(request.POST or None, scores=scores)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_rating(request.user, rating, form.entries())
        except services.RatingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã xác nhận: {services.points_text(rating.confirmed_total)} điểm, {rating.label}.")
            return redirect("rating_detail", pk=rating.pk)
    return render(request, "plans/rating/confirm.html", {"rating": rating, "form": form},
                  status=400 if request.method == "POST" else 200)


@rating_view("rating.view_rating")
def rating_pdf(request, rating):
    data = export_rating(rating, scores_of(rating))
    try:
        content = render_pdf(data)
    except RenderError as exc:
        messages.error(request, str(exc))
        return redirect("rating_detail", pk=rating.pk)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{numbering.filename(data)}"'
    return response
