"""Review by the federation: read the submitted plan part by part, comment on a part, mark
comments dealt with. Returning and approving are the workflow views' buttons, shown here too."""
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from plans.federation import comments
from plans.federation.comments import PlanComment
from plans.scope import plan_view
from plans.workflow.views import ReturnForm


class CommentForm(forms.Form):
    kind = forms.ChoiceField(choices=PlanComment.Kind.choices, widget=forms.HiddenInput)
    ref = forms.IntegerField(required=False, widget=forms.HiddenInput)
    paragraph_index = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    text = forms.CharField(
        label="Góp ý", widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Hãy viết nội dung góp ý."},
    )


class ResolveForm(forms.Form):
    comment = forms.IntegerField(widget=forms.HiddenInput)
    resolved = forms.BooleanField(required=False, widget=forms.HiddenInput)


def _review(request, plan, form=None, status=200):
    return render(request, "plans/review/page.html", {
        "plan": plan, **comments.review_outline(plan), "form": form, "return_form": ReturnForm(),
        "open": comments.OPEN_FOR_COMMENTS, "can_comment": plan.status in comments.OPEN_FOR_COMMENTS,
    }, status=status)


@plan_view("plans.comment_plan")
def plan_review(request, plan):
    return _review(request, plan)


@plan_view("plans.comment_plan", methods=("POST",))
def comment_add(request, plan):
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Chưa lưu được góp ý: hãy viết nội dung góp ý.")
        return _review(request, plan, form, status=400)
    data = form.cleaned_data
    try:
        comment = comments.add_comment(request.user, plan, data["kind"], data["text"], data["ref"], data["paragraph_index"])
    except comments.CommentError as exc:
        messages.error(request, str(exc))
        return _review(request, plan, form, status=400)
    messages.success(request, "Đã lưu góp ý.")
    return redirect(f"{reverse('plan_review', args=[plan.pk])}#gop-y-{comment.pk}")


@plan_view("plans.resolve_comment", methods=("POST",))
def comment_resolve(request, plan):
    form = ResolveForm(request.POST)
    comment = plan.comments.filter(pk=form.cleaned_data["comment"]).first() if form.is_valid() else None
    if comment is None:
        messages.error(request, "Không tìm thấy góp ý này trong kế hoạch.")
    else:
        comments.set_resolved(comment, form.cleaned_data["resolved"])
        messages.success(request, "Đã đánh dấu góp ý là đã xử lý." if comment.resolved else "Đã mở lại góp ý.")
    backs = _backs(plan)
    return redirect(request.POST.get("next") if request.POST.get("next") in backs else backs[0])


def _backs(plan):
    """Pages a resolve form may come back to (never an address taken from the request as it is)."""
    return [reverse("plan_status", args=[plan.pk]), reverse("plan_review", args=[plan.pk]), reverse("plan_editor", args=[plan.pk])]
