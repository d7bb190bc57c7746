"""The rating's rules: criteria tables (the default, copies), a unit's self-score, its submission,
the federation's confirmation, and the figures the overview reads. Every score change is an audit
entry; totals and labels are worked out here (`Rating.refresh`), never in a page."""
from decimal import Decimal

from django.db import transaction
from django.db.models import F, FilteredRelation, Q
from django.utils import timezone

from plans.models import AnnualPlan
from plans.rating.models import CriteriaGroup, CriteriaTable, Criterion, Label, Rating, Score
from unionplans.audit.models import AuditEntry, record, snapshot

# The structure of the Tổng Liên đoàn's guidance (HD 1294/HD-TLĐ, 2019): 40 + 40 + 15 points and up
# to 5 bonus points, 100 in all; every federation edits its own copy.
DEFAULT_GROUPS = [
    ("Thực hiện chức năng đại diện, chăm lo, bảo vệ quyền, lợi ích hợp pháp, chính đáng của đoàn viên và người lao động", False, [
        ("Tham gia xây dựng và thực hiện quy chế dân chủ ở cơ sở; tổ chức Hội nghị cán bộ, công chức, viên chức, người lao động", 10),
        ("Thương lượng, ký kết và giám sát thực hiện thỏa ước lao động tập thể, quy chế phối hợp", 10),
        ("Chăm lo đời sống, việc làm, thu nhập; thăm hỏi, hỗ trợ đoàn viên ốm đau, khó khăn", 10),
        ("Tham gia giám sát thực hiện chế độ, chính sách; an toàn, vệ sinh lao động", 10),
    ]),
    ("Công tác tuyên truyền, vận động thi đua; phát triển đoàn viên, xây dựng tổ chức công đoàn vững mạnh", False, [
        ("Tuyên truyền, giáo dục chính trị, tư tưởng, pháp luật cho đoàn viên và người lao động", 10),
        ("Vận động đoàn viên tham gia các phong trào thi đua, hoạt động văn hóa, văn nghệ, thể dục thể thao", 10),
        ("Phát triển đoàn viên; giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp", 10),
        ("Hoạt động của Ban Chấp hành: quy chế làm việc, sinh hoạt định kỳ, kế hoạch và báo cáo đúng hạn", 10),
    ]),
    ("Công tác kiểm tra, giám sát và tài chính công đoàn", False, [
        ("Hoạt động của Ủy ban kiểm tra; kiểm tra, giám sát theo kế hoạch", 5),
        ("Thu, nộp kinh phí công đoàn và đoàn phí công đoàn đầy đủ, đúng hạn", 5),
        ("Quản lý, sử dụng tài chính công đoàn đúng quy định; công khai tài chính", 5),
    ]),
    ("Điểm thưởng", True, [
        ("Có mô hình, cách làm hay, sáng tạo được cấp trên ghi nhận hoặc khen thưởng trong năm", 5),
    ]),
]
DEFAULT_LABELS = [("Hoàn thành xuất sắc nhiệm vụ", 90), ("Hoàn thành tốt nhiệm vụ", 70), ("Hoàn thành nhiệm vụ", 50),
                  ("Không hoàn thành nhiệm vụ", 0)]
SOURCES = {"default": "Bảng mặc định theo hướng dẫn của Tổng Liên đoàn", "above": "Bảng của cấp trên cùng năm",
           "last_year": "Bảng của liên đoàn năm trước"}


class RatingError(Exception):
    """A step that cannot be taken; the message says why, in Vietnamese, for the user."""


def default_title(year):
    return f"Tiêu chí đánh giá, xếp loại công đoàn cơ sở năm {year}"


def _fill_default(table):
    for order, (title, bonus, criteria) in enumerate(DEFAULT_GROUPS, 1):
        group = CriteriaGroup.objects.create(table=table, order=order, title=title, is_bonus=bonus)
        Criterion.objects.bulk_create(Criterion(group=group, order=n, text=text, max_points=points)
                                      for n, (text, points) in enumerate(criteria, 1))
    Label.objects.bulk_create(Label(table=table, name=name, min_points=points) for name, points in DEFAULT_LABELS)


def _fill_copy(table, source):
    for group in source.groups.prefetch_related("criteria"):
        copy = CriteriaGroup.objects.create(table=table, order=group.order, title=group.title, is_bonus=group.is_bonus)
        Criterion.objects.bulk_create(Criterion(group=copy, order=c.order, text=c.text, max_points=c.max_points)
                                      for c in group.criteria.all())
    Label.objects.bulk_create(Label(table=table, name=label.name, min_points=label.min_points) for label in source.labels.all())


def source_table(federation, year, source):
    """The table a new one is copied from: the superior's of the same year, or the federation's of last year."""
    if source == "above":
        return CriteriaTable.objects.filter(federation_id=federation.superior_id, year=year).first()
    if source == "last_year":
        return CriteriaTable.objects.filter(federation=federation, year=year - 1).first()
    return None


@transaction.atomic
def create_table(actor, federation, year, source="default"):
    if CriteriaTable.objects.filter(federation=federation, year=year).exists():
        raise RatingError(f"{federation.name} đã có bảng tiêu chí năm {year}.")
    copied = source_table(federation, year, source)
    if source != "default" and copied is None:
        raise RatingError(f"Chưa có {SOURCES[source].lower()} để sao chép; hãy chọn nguồn khác.")
    table = CriteriaTable.objects.create(federation=federation, year=year, title=copied.title if copied else default_title(year),
                                         copied_from=copied)
    _fill_copy(table, copied) if copied else _fill_default(table)
    record(actor, table, AuditEntry.Action.CREATE, None, snapshot(table), comment=SOURCES[source])
    return table


def table_for(unit, year):
    """The criteria table the unit is rated by: its direct superior's of the year."""
    return CriteriaTable.objects.filter(federation_id=unit.superior_id, year=year).first()


@transaction.atomic
def start_rating(actor, unit, year):
    found = Rating.objects.filter(unit=unit, year=year).first()
    if found:
        return found
    table = table_for(unit, year)
    if table is None:
        raise RatingError(f"Cấp trên chưa có bảng tiêu chí đánh giá năm {year}.")
    rating = Rating.objects.create(unit=unit, table=table, year=year)
    Score.objects.bulk_create(Score(rating=rating, criterion=c) for c in Criterion.objects.filter(group__table=table))
    record(actor, rating, AuditEntry.Action.CREATE, None, snapshot(rating))
    return rating


def evidence_plan(rating):
    """The unit's latest issued plan of the year, whose targets, rows and reports a score may cite."""
    return (AnnualPlan.objects.filter(unit_id=rating.unit_id, year=rating.year, status=AnnualPlan.Status.ISSUED)
            .order_by("-pk").first())


def _check_points(score, points):
    if points is None:
        return
    if points < 0 or points > score.criterion.max_points:
        raise RatingError(f"Điểm của tiêu chí “{score.criterion.text[:60]}” phải từ 0 đến {score.criterion.max_points:g}.")


def _save_rating(rating, scores):
    rating.refresh(scores)
    rating.save()


@transaction.atomic
def save_self_scores(actor, rating, entries):
    """`entries`: {score pk: {"points", "comment", "targets", "activities", "reports"}} from the form.
    Every score whose points or comment change is an audit entry."""
    if not rating.is_draft:
        raise RatingError("Bảng điểm đã gửi cấp trên, không sửa được.")
    scores = list(rating.scores.select_related("criterion").order_by("criterion__group__order", "criterion__order"))
    for score in scores:
        entry = entries.get(score.pk)
        if entry is None:
            continue
        _check_points(score, entry["points"])
        before = snapshot(score)
        score.self_points, score.comment = entry["points"], entry["comment"]
        if snapshot(score) != before:
            score.save(update_fields=["self_points", "comment"])
            record(actor, score, AuditEntry.Action.UPDATE, before, snapshot(score), comment=str(rating))
        for name in ("targets", "activities", "reports"):
            getattr(score, name).set(entry[name])
    _save_rating(rating, scores)
    return rating


@transaction.atomic
def submit_rating(actor, rating):
    if not rating.is_draft:
        raise RatingError("Bảng điểm đã được gửi cấp trên.")
    scores = list(rating.scores.select_related("criterion"))
    missing = [s for s in scores if s.self_points is None]
    if missing:
        raise RatingError(f"Còn {len(missing)} tiêu chí chưa tự chấm điểm; hãy chấm đủ trước khi gửi.")
    rating.status, rating.submitted_at = Rating.Status.SUBMITTED, timezone.now()
    _save_rating(rating, scores)
    record(actor, rating, AuditEntry.Action.SUBMIT, None, snapshot(rating))
    return rating


@transaction.atomic
def confirm_rating(actor, rating, entries):
    """`entries`: {score pk: (points, reason)}. A score other than the unit's own needs its reason;
    each one changed is an audit entry carrying the reason."""
    if rating.status != Rating.Status.SUBMITTED:
        raise RatingError("Chỉ xác nhận được bảng điểm đơn vị đã gửi.")
    scores = list(rating.scores.select_related("criterion"))
    for score in scores:
        points, reason = entries.get(score.pk, (None, ""))
        _check_points(score, points)
        if points is not None and points != score.self_points and not reason.strip():
            raise RatingError(f"Hãy ghi lý do chấm khác điểm tự chấm ở tiêu chí “{score.criterion.text[:60]}”.")
        before = snapshot(score)
        score.confirmed_points, score.reason = points, reason.strip() if points != score.self_points else ""
        if snapshot(score) != before:
            score.save(update_fields=["confirmed_points", "reason"])
            record(actor, score, AuditEntry.Action.UPDATE, before, snapshot(score), comment=score.reason)
    rating.status, rating.confirmed_by, rating.confirmed_at = Rating.Status.CONFIRMED, actor, timezone.now()
    _save_rating(rating, scores)
    record(actor, rating, AuditEntry.Action.APPROVE, None, snapshot(rating))
    return rating


def scored_by(user, rating):
    """Whether `user` self-scored or submitted the rating: separation of duties keeps them from
    confirming it, as it keeps a plan's author from approving it (plans.rules.wrote_plan)."""
    from django.contrib.contenttypes.models import ContentType

    types = ContentType.objects.get_for_models(Rating, Score)
    score_ids = [str(pk) for pk in rating.scores.values_list("pk", flat=True)]
    entries = AuditEntry.objects.filter(actor_id=user.pk)
    return entries.filter(
        Q(content_type=types[Rating], object_id=str(rating.pk), action=AuditEntry.Action.SUBMIT)
        | Q(content_type=types[Score], object_id__in=score_ids, action=AuditEntry.Action.UPDATE)
    ).exists()


def annotate_units(units, year):
    """`units` (a Unit queryset) with the year's rating: rating_status, rating_self (the unit's own
    total), rating_confirmed (the federation's) and rating_label (None without a rating). One LEFT
    JOIN on the one rating a unit has a year (its unique index), whether the query then reads a
    province's 2,000 units or sorts and pages them."""
    rated = units.annotate(year_rating=FilteredRelation("ratings", condition=Q(ratings__year=year)))
    return rated.annotate(rating_status=F("year_rating__status"), rating_self=F("year_rating__self_total"),
                          rating_confirmed=F("year_rating__confirmed_total"), rating_label=F("year_rating__label"))


def labels_in(units):
    """The labels of the tables of the federations above `units`, highest first, for the overview's filter."""
    highest = {}
    for name, points in Label.objects.filter(table__federation_id__in=units.values("superior_id")).values_list("name", "min_points"):
        highest[name] = max(points, highest.get(name, points))
    return sorted(highest, key=lambda name: -highest[name])


def points_text(value):
    """'85', '7,5': a Vietnamese decimal comma, no trailing zero; '—' without a value."""
    if value is None:
        return "—"
    return f"{Decimal(value).normalize():f}".replace(".", ",")


@transaction.atomic
def table_saved(actor, table, before):
    """After the staff edit a table: the ratings made by it get a score row for each new criterion,
    and their totals and labels follow the new points and thresholds."""
    criteria = Criterion.objects.filter(group__table=table)
    for rating in table.ratings.all():
        Score.objects.bulk_create(Score(rating=rating, criterion=c) for c in criteria.exclude(pk__in=rating.scores.values("criterion_id")))
        _save_rating(rating, None)
    record(actor, table, AuditEntry.Action.UPDATE, before, snapshot(table), comment="Sửa tiêu chí, mức xếp loại")
