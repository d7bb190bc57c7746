"""The demo's ratings: each demo federation above a demo union keeps the default criteria table of
the union's plan year, and each union has scored itself against it, citing its plan's first target
and first month row. Vĩnh Hưng's is confirmed by LĐLĐ huyện Phú Lộc (so the overview shows a label),
Chân Mây's waits for that confirmation, the other two are still being scored."""
from members.models import Role
from plans.models import AnnualPlan
from plans.rating import services
from plans.rating.models import CriteriaTable

SUBMITTED = {"vinhhung", "chanmay"}
CONFIRMED = {"vinhhung": "ldld.phuloc"}
# Points below the maximum, criterion by criterion in order: a believable, not a perfect, year.
SHORT_BY = [0, 1, 0, 2, 1, 0, 2, 0, 1, 0, 0, 3]


def rate_demo_units(units):
    """`units`: {demo key: unit} of members.demo.GRASSROOTS, each with its plan imported."""
    for key, unit in units.items():
        plan = AnnualPlan.objects.filter(unit=unit).order_by("-pk").first()
        if not CriteriaTable.objects.filter(federation_id=unit.superior_id, year=plan.year).exists():
            services.create_table(None, unit.superior, plan.year)
        chair = Role.objects.get(unit=unit, kind=Role.Kind.CHAIR).user
        rating = services.start_rating(chair, unit, plan.year)
        target, row = plan.targets.first(), plan.activities.order_by("month_index", "order").first()
        scores = list(rating.scores.select_related("criterion").order_by("criterion__group__order", "criterion__order"))
        points = {score.pk: max(score.criterion.max_points - SHORT_BY[n % len(SHORT_BY)], 0) for n, score in enumerate(scores)}
        services.save_self_scores(chair, rating, {score.pk: {
            "points": points[score.pk],
            "comment": "Đã thực hiện theo kế hoạch năm; có biên bản, báo cáo lưu tại công đoàn.",
            "targets": [target.pk] if target and n == 0 else [], "activities": [row.pk] if row and n == 0 else [], "reports": [],
        } for n, score in enumerate(scores)})
        if key in SUBMITTED:
            services.submit_rating(chair, rating)
        if key in CONFIRMED:
            staff = Role.objects.get(user__username=CONFIRMED[key], kind=Role.Kind.STAFF).user
            first = scores[0]
            services.confirm_rating(staff, rating, {pk: (value, "") for pk, value in points.items()} | {
                first.pk: (points[first.pk] - 1, "Hội nghị viên chức tổ chức muộn so với hướng dẫn.")})
