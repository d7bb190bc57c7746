"""The federation's rating (issue 20): criteria tables, the unit's self-score, the federation's
confirmation, the overview's rating columns and Excel, and the printed Bảng tự chấm điểm."""
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from members.models import Role
from plans import periods
from plans.federation import overview
from plans.models import AnnualPlan
from plans.rating import services
from plans.rating.models import CriteriaTable, Criterion, Rating
from tests.factories import ActivityFactory, FederationFactory, PlanFactory, RoleFactory, TargetFactory, UnitFactory
from unionplans.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
YEAR = overview.current_year(periods.SCHOOL_YEAR)


@pytest.fixture
def world():
    province = FederationFactory(name="LĐLĐ tỉnh Thừa Thiên Huế")
    district = FederationFactory(name="LĐLĐ huyện Phú Lộc", superior=province)
    unit = UnitFactory(superior=district, name="Công đoàn Trường Tiểu học Vĩnh Hưng")
    plan = PlanFactory(unit=unit, year=YEAR, status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(YEAR, 9, 5))
    target = TargetFactory(plan=plan, text="100% đoàn viên tham gia Hội nghị viên chức")
    row = ActivityFactory(plan=plan, month_index=2, content="Tổ chức Hội nghị cán bộ, viên chức năm học")
    people = {
        "chair": RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user,
        "staff": RoleFactory(unit=district, kind=Role.Kind.STAFF).user,
        "outsider": RoleFactory(unit=FederationFactory(), kind=Role.Kind.STAFF).user,
    }
    table = services.create_table(people["staff"], district, YEAR)
    return {"province": province, "district": district, "unit": unit, "plan": plan, "target": target, "row": row,
            "table": table, **people}


def _scores_form(rating, points, target=None, row=None):
    """The self-score form's POST: every criterion at `points` (capped at its maximum)."""
    data = {}
    for score in rating.scores.select_related("criterion"):
        pk = score.pk
        data[f"p{pk}"] = str(min(Decimal(points), score.criterion.max_points))
        data[f"c{pk}"] = f"Giải trình tiêu chí {score.criterion.order}"
        if target:
            data[f"t{pk}"] = [target.pk]
        if row:
            data[f"a{pk}"] = [row.pk]
    return data


def test_the_default_table_is_100_points_with_four_labels(world):
    table = world["table"]
    groups = [(g.title, g.is_bonus, sum(c.max_points for c in g.criteria.all())) for g in table.groups.all()]
    assert [points for *_, points in groups] == [40, 40, 15, 5] and groups[-1][1] is True
    assert [label.name for label in table.labels.all()] == [
        "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"]
    assert table.label_for(Decimal(90)) == "Hoàn thành xuất sắc nhiệm vụ"
    assert table.label_for(Decimal("89.5")) == "Hoàn thành tốt nhiệm vụ"
    assert table.label_for(Decimal(50)) == "Hoàn thành nhiệm vụ"
    assert table.label_for(Decimal(12)) == "Không hoàn thành nhiệm vụ"


def test_a_table_is_copied_from_above_or_from_last_year(world):
    with pytest.raises(services.RatingError, match="Chưa có bảng của cấp trên"):
        services.create_table(None, world["district"], YEAR + 1, "above")
    above = services.create_table(None, world["province"], YEAR + 1)
    Criterion.objects.filter(group__table=above).update(max_points=3)
    copied = services.create_table(None, world["district"], YEAR + 1, "above")
    assert copied.copied_from == above and {c.max_points for c in Criterion.objects.filter(group__table=copied)} == {3}
    last_year = services.create_table(None, world["district"], YEAR + 2, "last_year")
    assert last_year.copied_from == copied and last_year.labels.count() == 4
    with pytest.raises(services.RatingError, match="đã có bảng tiêu chí"):
        services.create_table(None, world["district"], YEAR)


def test_totals_follow_the_scores_and_the_federations_changes(world):
    rating = services.start_rating(world["chair"], world["unit"], YEAR)
    scores = list(rating.scores.select_related("criterion"))
    services.save_self_scores(world["chair"], rating, {
        s.pk: {"points": s.criterion.max_points, "comment": "", "targets": [], "activities": [], "reports": []} for s in scores})
    assert rating.self_total == 100 and rating.self_label == "Hoàn thành xuất sắc nhiệm vụ"
    assert rating.confirmed_total is None and rating.label == ""
    services.submit_rating(world["chair"], rating)
    first = scores[0]
    with pytest.raises(services.RatingError, match="Hãy ghi lý do"):
        services.confirm_rating(world["staff"], rating, {first.pk: (Decimal(0), "")})
    entries = {s.pk: (s.criterion.max_points, "") for s in scores} | {first.pk: (Decimal(0), "Chưa tổ chức Hội nghị")}
    services.confirm_rating(world["staff"], rating, entries)
    rating.refresh_from_db()
    assert rating.self_total == 100 and rating.confirmed_total == 90 and rating.label == "Hoàn thành xuất sắc nhiệm vụ"
    first.refresh_from_db()
    assert first.changed and first.reason == "Chưa tổ chức Hội nghị"
    changes = AuditEntry.objects.filter(object_id=str(first.pk), action=AuditEntry.Action.UPDATE).order_by("pk")
    assert [entry.actor for entry in changes] == [world["chair"], world["staff"]]
    assert changes[1].comment == "Chưa tổ chức Hội nghị"


def test_a_score_above_the_criterions_maximum_is_refused_and_kept_on_the_page(client, world):
    rating = services.start_rating(world["chair"], world["unit"], YEAR)
    client.force_login(world["chair"])
    data = _scores_form(rating, 10)
    first = rating.scores.first()
    data[f"p{first.pk}"] = "12"
    data[f"c{first.pk}"] = "Đã làm rất tốt"
    response = client.post(reverse("rating_detail", args=[rating.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400 and "Điểm không quá 10." in page and "Đã làm rất tốt" in page
    assert not rating.scores.exclude(self_points=None).exists()


def test_a_score_written_back_with_a_decimal_comma_is_read_again(client, world):
    """The page shows a saved 7.5 as "7,5"; saving the page again must not refuse it."""
    rating = services.start_rating(world["chair"], world["unit"], YEAR)
    client.force_login(world["chair"])
    first = rating.scores.first()
    data = _scores_form(rating, 5) | {f"p{first.pk}": "7,5"}
    assert client.post(reverse("rating_detail", args=[rating.pk]), data).status_code == 302
    first.refresh_from_db()
    assert first.self_points == Decimal("7.5")
    assert 'value="7,5"' in client.get(reverse("rating_detail", args=[rating.pk])).content.decode()


def test_chair_scores_submits_and_the_federation_confirms_through_the_pages(client, world):
    client.force_login(world["chair"])
    response = client.post(reverse("rating_unit", args=[world["unit"].pk]), {"year": YEAR})
    rating = Rating.objects.get(unit=world["unit"], year=YEAR)
    assert response.status_code == 302 and response["Location"] == reverse("rating_detail", args=[rating.pk])
    response = client.post(reverse("rating_detail", args=[rating.pk]), _scores_form(rating, 8, world["target"], world["row"]),
                           follow=True)
    page = response.content.decode()
    assert "Đã lưu điểm tự chấm." in page and "Tự chấm</dt><dd class=\"col-sm-9\">84 điểm: Hoàn thành tốt nhiệm vụ" in page
    page = client.post(reverse("rating_submit", args=[rating.pk]), follow=True).content.decode()
    assert "Đã gửi bảng tự chấm điểm lên cấp trên." in page and "Đã gửi cấp trên" in page
    assert "Chỉ tiêu: 100% đoàn viên tham gia Hội nghị viên chức" in page  # the evidence, read back
    assert client.get(reverse("rating_confirm", args=[rating.pk])).status_code == 403  # the chair never confirms

    client.force_login(world["staff"])
    scores = list(rating.scores.select_related("criterion"))
    data = {f"p{s.pk}": str(min(Decimal(8), s.criterion.max_points)) for s in scores}
    data[f"p{scores[0].pk}"] = "10"
    response = client.post(reverse("rating_confirm", args=[rating.pk]), data)
    assert response.status_code == 400 and "Hãy ghi lý do chấm khác" in response.content.decode()
    data[f"r{scores[0].pk}"] = "Có biên bản Hội nghị đầy đủ"
    page = client.post(reverse("rating_confirm", args=[rating.pk]), data, follow=True).content.decode()
    assert "Đã xác nhận: 86 điểm, Hoàn thành tốt nhiệm vụ." in page and "Có biên bản Hội nghị đầy đủ" in page


def test_outsiders_get_404_and_the_unit_sees_no_federation_table(client, world):
    rating = services.start_rating(world["chair"], world["unit"], YEAR)
    client.force_login(world["outsider"])
    for url in (reverse("rating_detail", args=[rating.pk]), reverse("rating_pdf", args=[rating.pk]),
                reverse("rating_confirm", args=[rating.pk]), reverse("rating_unit", args=[world["unit"].pk]),
                reverse("rating_criteria", args=[world["table"].pk])):
        response = client.get(url)
        assert response.status_code == 404 and "Vĩnh Hưng" not in response.content.decode(), url
    client.force_login(world["chair"])
    assert client.get(reverse("rating_criteria", args=[world["table"].pk])).status_code == 404


def test_staff_edit_the_table_and_the_ratings_follow(client, world):
    rating = services.start_rating(world["chair"], world["unit"], YEAR)
    table = world["table"]
    client.force_login(world["staff"])
    page = client.get(reverse("rating_criteria", args=[table.pk])).content.decode()
    assert "Thương lượng, ký kết" in page
    data = _table_post(table)
    bonus = table.groups.get(is_bonus=True)
    data.update({"criterion-12-group": str(bonus.pk),
                 "criterion-12-order": "2", "criterion-12-text": "Đơn vị được Tổng Liên đoàn tặng Bằng khen", "criterion-12-max_points": "2"})
    label = table.labels.get(name="Hoàn thành nhiệm vụ")
    index = next(i for i in range(4) if data[f"label-{i}-id"] == str(label.pk))
    data[f"label-{index}-min_points"] = "0.5"
    response = client.post(reverse("rating_criteria", args=[table.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert rating.scores.count() == 13
    assert AuditEntry.objects.filter(object_id=str(table.pk), action=AuditEntry.Action.UPDATE).exists()


def _table_post(table):
    """The table page's formsets as they stand, with one blank row each (what the browser sends)."""
    data = {}
    for prefix, rows, fields in (
        ("group", list(table.groups.all()), ["order", "title", "is_bonus"]),
        ("criterion", list(Criterion.objects.filter(group__table=table)), ["group", "order", "text", "max_points"]),
        ("label", list(table.labels.all()), ["name", "min_points"]),
    ):
        data.update({f"{prefix}-TOTAL_FORMS": str(len(rows) + 1), f"{prefix}-INITIAL_FORMS": str(len(rows)),
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
        if "order" in fields:  # the blank row's order as the page fills it
            data[f"{prefix}-{len(rows)}-order"] = "0"
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = str(row.pk)
            if prefix != "criterion":
                data[f"{prefix}-{i}-table"] = str(table.pk)
            for field in fields:
                value = getattr(row, f"{field}_id" if field == "group" else field)
                if value is not False:
                    data[f"{prefix}-{i}-{field}"] = "on" if value is True else str(value)
    return data


def _confirmed(world, points_by_order=None):
    rating = services.start_rating(world["chair"], world["unit"], YEAR)
    scores = list(rating.scores.select_related("criterion"))
    services.save_self_scores(world["chair"], rating, {s.pk: {
        "points": s.criterion.max_points - 1, "comment": "Có biên bản", "targets": [world["target"].pk],
        "activities": [world["row"].pk], "reports": []} for s in scores})
    services.submit_rating(world["chair"], rating)
    services.confirm_rating(world["staff"], rating, {s.pk: (s.criterion.max_points - 2, "Thiếu minh chứng") for s in scores})
    return rating


def test_overview_shows_the_rating_filters_by_label_and_exports_it(client, world):
    rating = _confirmed(world)
    assert (rating.self_total, rating.confirmed_total) == (88, 76)
    other = UnitFactory(superior=world["district"], name="Công đoàn Trường THCS Lộc Điền")
    client.force_login(world["staff"])
    page = client.get(reverse("overview")).content.decode()
    assert "<td>88</td>" in page and "<td>76</td>" in page and "<td>Hoàn thành tốt nhiệm vụ</td>" in page
    assert '<option value="Hoàn thành tốt nhiệm vụ">Hoàn thành tốt nhiệm vụ</option>' in page
    rated = client.get(reverse("overview"), {"label": "Hoàn thành tốt nhiệm vụ"}).content.decode()
    assert "Vĩnh Hưng" in rated and other.name not in rated
    unrated = client.get(reverse("overview"), {"label": overview.NONE}).content.decode()
    assert "Vĩnh Hưng" not in unrated and other.name in unrated
    sheet = load_workbook(io.BytesIO(client.get(reverse("overview_excel")).content)).active
    values = list(sheet.values)
    assert values[0][-3:] == ("Tự chấm điểm", "Cấp trên chấm", "Xếp loại")
    assert next(row for row in values if row[0] == world["unit"].name)[-3:] == (88, 76, "Hoàn thành tốt nhiệm vụ")
    assert next(row for row in values if row[0] == other.name)[-3:] == (None, None, None)


def test_annotate_units_gives_each_units_rating_of_the_year(world):
    _confirmed(world)
    units = {u.pk: u for u in services.annotate_units(world["unit"].__class__.objects.filter(superior=world["district"]), YEAR)}
    found = units[world["unit"].pk]
    assert (found.rating_status, found.rating_self, found.rating_confirmed, found.rating_label) == (
        "confirmed", 88, 76, "Hoàn thành tốt nhiệm vụ")


def test_the_printed_table_reads_back_from_the_pdf(client, world):
    rating = _confirmed(world)
    client.force_login(world["chair"])
    response = client.get(reverse("rating_pdf", args=[rating.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    for words in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BẢNG TỰ CHẤM ĐIỂM", "/BTCĐ-", "KẾT QUẢ TỰ CHẤM ĐIỂM",
                  "Điểm tự chấm", "Thương lượng, ký kết", "Tổng cộng", "Điểm thưởng",
                  "Tổng số điểm tự chấm: 88 điểm. Tự xếp loại: Hoàn thành tốt nhiệm vụ.",
                  "Cấp trên xác nhận: 76 điểm, xếp loại: Hoàn thành tốt nhiệm vụ.",
                  "Chỉ tiêu: 100% đoàn viên tham gia Hội nghị viên chức", "Nơi nhận", "LĐLĐ huyện Phú Lộc (để báo cáo)"]:
        assert words in text, words
    assert text.index("Thương lượng, ký kết") < text.index("Điểm thưởng") < text.index("Tổng cộng")


def test_the_dual_chair_who_scored_cannot_confirm(client, world):
    rating = services.start_rating(world["chair"], world["unit"], YEAR)
    RoleFactory(unit=world["district"], kind=Role.Kind.STAFF, user=world["chair"])
    client.force_login(world["chair"])
    client.post(reverse("rating_detail", args=[rating.pk]), _scores_form(rating, 5))
    client.post(reverse("rating_submit", args=[rating.pk]))
    assert Rating.objects.get(pk=rating.pk).status == Rating.Status.SUBMITTED
    assert client.get(reverse("rating_confirm", args=[rating.pk])).status_code == 403
    assert CriteriaTable.objects.count() == 1
