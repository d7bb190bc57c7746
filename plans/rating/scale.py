"""Ratings for the province of plans.scale: each federation's default criteria table for the year,
and a rating of every grassroots union under it (most confirmed, some submitted, some still being
scored), written with bulk_create. `rate_existing` rates a province generated before ratings were."""
import random
from decimal import Decimal

from django.db import transaction

from members.models import Unit
from plans.rating import services
from plans.rating.models import CriteriaTable, Rating, Score

STATUSES = [Rating.Status.CONFIRMED] * 12 + [Rating.Status.SUBMITTED] * 5 + [Rating.Status.DRAFT] * 3
SHORT_BY = [0, 0, 0, 0.5, 1, 1, 2, 3]


def tables(federations, year):
    """{federation id: its table for `year`} with groups, criteria and labels loaded."""
    for federation in federations:
        if not CriteriaTable.objects.filter(federation=federation, year=year).exists():
            services.create_table(None, federation, year)
    found = CriteriaTable.objects.filter(federation__in=federations, year=year).prefetch_related("labels", "groups__criteria")
    return {table.federation_id: table for table in found}


def rate(units, by_federation, year, rng):
    """One rating a unit, by its superior's table, with a score for each criterion."""
    ratings, scores = [], []
    for unit in units:
        table = by_federation[unit.superior_id]
        rating = Rating(unit=unit, table=table, year=year, status=rng.choice(STATUSES))
        own = []
        for group in table.groups.all():
            for criterion in group.criteria.all():
                points = max(criterion.max_points - Decimal(str(rng.choice(SHORT_BY))), Decimal(0))
                confirmed = max(points - rng.choice([0, 0, 0, 1]), 0) if rating.status == Rating.Status.CONFIRMED else None
                own.append(Score(rating=rating, criterion=criterion, self_points=points, comment="Đã thực hiện theo kế hoạch.",
                                 confirmed_points=confirmed, reason="Thiếu minh chứng." if confirmed != points and confirmed is not None else ""))
        rating.refresh(own)
        ratings.append(rating)
        scores.extend(own)
    Rating.objects.bulk_create(ratings)  # gives each rating its id, which its scores then take
    Score.objects.bulk_create(scores, batch_size=2000)


def rate_existing(year, province_header, seed=2025, per_transaction=200):
    """Rate every grassroots union below the province of `province_header` that has no rating of `year`."""
    rng = random.Random(seed + 1)
    province = Unit.objects.get(header_name=province_header)
    federations = list(Unit.objects.filter(superior=province))
    by_federation = tables(federations, year)
    units = list(Unit.objects.filter(kind=Unit.Kind.GRASSROOTS, superior__in=federations).exclude(ratings__year=year).order_by("pk"))
    for start in range(0, len(units), per_transaction):
        with transaction.atomic():
            rate(units[start:start + per_transaction], by_federation, year, rng)
    return len(units)
