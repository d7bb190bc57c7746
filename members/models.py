"""Union units (a dated tree), their members, the members' posts, and users' roles on units."""
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q

from members import search
from members.given_names import GivenName
from unionplans.fields import NFCCharField


class UnitQuerySet(models.QuerySet):
    """With Unit.move_under, the only writers of the tree: a unit placed under a superior gets the
    open Affiliation that dates the link, in the same transaction, so `superior` (the tree now) and
    the history never disagree. Units without a superior need no `since`."""

    @transaction.atomic
    def create(self, *, since=None, decision="", **fields):
        unit = self.model(**fields)
        unit._placed_under = unit.superior_id
        unit.save(force_insert=True, using=self.db)
        if unit.superior_id is not None:
            Affiliation.objects.create(unit=unit, superior_id=unit.superior_id, since=_required(since), decision=decision)
        return unit

    @transaction.atomic
    def bulk_create(self, objs, *args, since=None, decision="", **kwargs):
        # A generator would be spent by the first loop, hence the list.
        objs = list(objs)
        placed = [unit for unit in objs if unit.superior_id is not None]
        if placed:
            _required(since)
        for unit in objs:
            unit.fill_search_columns()
        made = super().bulk_create(objs, *args, **kwargs)
        Affiliation.objects.bulk_create(
            Affiliation(unit=unit, superior_id=unit.superior_id, since=since, decision=decision) for unit in placed
        )
        for unit in made:
            unit._placed_under = unit.superior_id
        return made


def _required(since):
    if since is None:
        raise ValueError("A unit placed under a superior needs the date of the link (since=...).")
    return since


# Marks a unit loaded without its superior column (.only/.defer): a save does not write it.
_NOT_LOADED = object()


class Unit(models.Model):
    class Kind(models.TextChoices):
        CONFEDERATION = "confederation", "Tổng Liên đoàn"
        PROVINCE = "province", "LĐLĐ tỉnh, thành phố"
        DISTRICT = "district", "LĐLĐ huyện, quận"
        SECTOR = "sector", "Công đoàn ngành"
        COMMUNE = "commune", "Công đoàn xã, phường, đặc khu"
        GRASSROOTS = "grassroots", "Công đoàn cơ sở"
        SUBUNIT = "subunit", "Công đoàn bộ phận"
        TEAM = "team", "Tổ công đoàn"

    class Status(models.TextChoices):
        ACTIVE = "active", "Đang hoạt động"
        ENDED = "ended", "Kết thúc hoạt động"
        DISSOLVED = "dissolved", "Giải thể"
        MERGED = "merged", "Sáp nhập"
        TRANSFERRED = "transferred", "Chuyển giao"

    name = NFCCharField("tên đầy đủ", max_length=255)
    kind = models.CharField("cấp", max_length=20, choices=Kind.choices)
    superior = models.ForeignKey(
        "self", verbose_name="cấp trên trực tiếp hiện nay", null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    header_superior = NFCCharField("dòng tên cơ quan chủ quản", max_length=255, blank=True)
    header_name = NFCCharField("dòng tên cơ quan ban hành", max_length=255)
    abbreviation = NFCCharField("chữ viết tắt trong ký hiệu", max_length=20, help_text="Ví dụ: CĐCS")
    place = NFCCharField("địa danh", max_length=100, help_text="Ví dụ: Vinh Hưng")
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_date = models.DateField("ngày đổi trạng thái", null=True, blank=True)
    status_decision = NFCCharField("quyết định", max_length=100, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name="đơn vị tiếp nhận", null=True, blank=True,
        on_delete=models.PROTECT, related_name="predecessors",
        help_text="Đơn vị được sáp nhập vào hoặc nhận chuyển giao.",
    )
    # The name folded for search and keyed for Vietnamese letter order (members.search), written by
    # save() and UnitQuerySet.bulk_create alone, so the overview filters and sorts in the database.
    search_name = models.CharField("tên để tìm", max_length=255, editable=False, default="")
    sort_key = models.TextField("khóa sắp xếp", editable=False, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["name"]
        # The overview's page of a province's unions in name order, read in key order and stopped at the page.
        indexes = [
            models.Index(fields=["kind", "sort_key"], name="unit_kind_sort_key"),
            # The federations below a unit (scope.staff_federations, the tree's walk down them): the
            # few dozen of a city read by themselves, not found among its 10,000 unions (4 ms -> 0.3).
            # The kinds are NOT_FEDERATIONS, which needs Unit defined first.
            models.Index(fields=["superior"], condition=~Q(kind__in=["grassroots", "subunit", "team"]),
                         name="unit_federations_by_superior"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="active") | Q(status_date__isnull=False),
                name="unit_inactive_has_date",
                violation_error_message="Đơn vị không còn hoạt động phải có ngày đổi trạng thái.",
            ),
        ]

    def __str__(self):
        return self.name

    # The superior as the database holds it, set when loaded and by the writers: any other change of
    # `superior` would leave the dated history behind, so save() refuses it.
    _placed_under = None

    @classmethod
    def from_db(cls, db, field_names, values):
        unit = super().from_db(db, field_names, values)
        unit._placed_under = unit.__dict__.get("superior_id", _NOT_LOADED)
        return unit

    def refresh_from_db(self, *args, fields=None, **kwargs):
        super().refresh_from_db(*args, fields=fields, **kwargs)
        if fields is None or "superior" in fields or "superior_id" in fields:
            self._placed_under = self.superior_id

    def fill_search_columns(self):
        self.search_name = search.fold(self.name)
        self.sort_key = search.phrase_key(self.name)

    def save(self, *args, **kwargs):
        fields = kwargs.get("update_fields")
        written = fields is None or "superior" in fields or "superior_id" in fields
        if written and self._placed_under is not _NOT_LOADED and self.superior_id != self._placed_under:
            raise ValueError("Unit.superior changes only through Unit.move_under (or Unit.objects.create/bulk_create "
                             "with since=...), which keep the dated Affiliation history with it.")
        if fields is None or "name" in fields:
            self.fill_search_columns()
            if fields is not None:
                kwargs["update_fields"] = {*fields, "search_name", "sort_key"}
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    @transaction.atomic
    def move_under(self, superior, since, decision=""):
        """Hand the unit to another superior from `since`: the old link is closed, the history kept.
        The one way an existing unit's superior changes."""
        self.affiliations.filter(until__isnull=True).update(until=since)
        Affiliation.objects.create(unit=self, superior=superior, since=since, decision=decision)
        self.superior = superior
        self._placed_under = superior.pk
        self.save(update_fields=["superior"])



# Units no other union sits below: they have no tree of their own to manage, move units into, or
# set plan deadlines for.
NOT_FEDERATIONS = (Unit.Kind.GRASSROOTS, Unit.Kind.SUBUNIT, Unit.Kind.TEAM)

class Affiliation(models.Model):
    """A unit's superior over a span of time; the open one (no `until`) is the current one."""

    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="affiliations")
    superior = models.ForeignKey(Unit, verbose_name="cấp trên", on_delete=models.PROTECT, related_name="+")
    since = models.DateField("từ ngày")
    until = models.DateField("đến ngày", null=True, blank=True)
    decision = NFCCharField("quyết định số", max_length=100, blank=True)

    class Meta:
        verbose_name = "quan hệ cấp trên"
        verbose_name_plural = "quan hệ cấp trên"
        ordering = ["unit", "since"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=Q(until__isnull=True), name="one_current_superior",
                violation_error_message="Một đơn vị chỉ có một cấp trên hiện hành.",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="affiliation_dates_ordered",
                violation_error_message="Ngày kết thúc phải sau ngày bắt đầu.",
            ),
            models.CheckConstraint(
                condition=~Q(unit=models.F("superior")), name="affiliation_not_self",
                violation_error_message="Đơn vị không thể là cấp trên của chính nó.",
            ),
        ]

    def __str__(self):
        return f"{self.unit} → {self.superior} ({self.since:%d/%m/%Y})"


# What Member.fill_search_columns writes (and recompute_search_keys checks).
SEARCH_COLUMNS = ["search_name", "other_names", "sort_key"]


class MemberQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create skips save(), which keeps the search columns, and sends no signal. A generator
        # would be spent by the loop and nothing created, hence the list.
        objs = list(objs)
        for member in objs:
            member.fill_search_columns()
        created = super().bulk_create(objs, *args, **kwargs)
        GivenName.note(objs)
        return created


class Member(models.Model):
    class Gender(models.TextChoices):
        MALE = "male", "Nam"
        FEMALE = "female", "Nữ"

    class Qualification(models.TextChoices):
        DOCTOR = "doctor", "Tiến sĩ"
        MASTER = "master", "Thạc sĩ"
        UNIVERSITY = "university", "Đại học"
        COLLEGE = "college", "Cao đẳng"
        VOCATIONAL = "vocational", "Trung cấp"
        OTHER = "other", "Khác"

    class Employment(models.TextChoices):
        PERMANENT = "permanent", "Biên chế"
        CONTRACT = "contract", "Hợp đồng"

    class Status(models.TextChoices):
        ACTIVE = "active", "Đang sinh hoạt"
        PAUSED = "paused", "Tạm dừng"
        TRANSFERRED = "transferred", "Chuyển đi"
        LEFT = "left", "Thôi, nghỉ hưu"

    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="members")
    team = models.ForeignKey(
        Unit, verbose_name="tổ công đoàn", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="team_members", limit_choices_to={"kind__in": ["subunit", "team"]},
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="tài khoản", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="member",
    )
    full_name = NFCCharField("họ và tên", max_length=100)
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    gender = models.CharField("giới tính", max_length=10, choices=Gender.choices)
    ethnicity = NFCCharField("dân tộc", max_length=50, default="Kinh")
    religion = NFCCharField("tôn giáo", max_length=50, blank=True)
    national_id = models.CharField("số CCCD", max_length=12, blank=True)
    hometown = NFCCharField("quê quán", max_length=200, blank=True)
    qualification = models.CharField("trình độ chuyên môn", max_length=20, choices=Qualification.choices, blank=True)
    political_theory = NFCCharField("lý luận chính trị", max_length=50, blank=True)
    occupation = NFCCharField("nghề nghiệp, chức danh", max_length=100, blank=True)
    employment = models.CharField("loại lao động", max_length=20, choices=Employment.choices, blank=True)
    party_member = models.BooleanField("đảng viên", default=False)
    party_joined = models.DateField("ngày vào Đảng", null=True, blank=True)
    union_joined = models.DateField("ngày vào công đoàn", null=True, blank=True)
    card_number = models.CharField("số thẻ đoàn viên", max_length=20, null=True, blank=True, unique=True)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_date = models.DateField("ngày đổi trạng thái", null=True, blank=True)
    status_note = NFCCharField("ghi chú (nơi chuyển đến)", max_length=200, blank=True)
    transferred_to = models.OneToOneField(
        "self", verbose_name="hồ sơ ở đơn vị mới", null=True, blank=True, on_delete=models.PROTECT,
        related_name="transferred_from",
    )
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    email = models.EmailField("email", blank=True)
    # Searched with LIKE '%...%', which a b-tree cannot serve: PostgreSQL gets a trigram index on
    # it in migration 0001 (not declared here, since SQLite has no such index).
    search_name = models.CharField("tên để tìm", max_length=100, editable=False, default="")
    # The folded family and middle names: what a search for one word finds outside the given name
    # (members.search.page_keys), under a trigram index of its own on PostgreSQL (migration 0002).
    other_names = models.CharField("họ và tên đệm để tìm", max_length=100, editable=False, default="")
    sort_key = models.CharField("khóa sắp xếp", max_length=search.SORT_KEY_LENGTH, editable=False, default="", db_index=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = "đoàn viên"
        verbose_name_plural = "đoàn viên"
        ordering = ["unit", "full_name"]
        # A unit's list: filter by unit and status, already in Vietnamese order, no sort step.
        indexes = [models.Index(fields=["unit", "status", "sort_key"], name="member_unit_status_sort")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="active") | Q(status_date__isnull=False),
                name="member_inactive_has_date",
                violation_error_message="Đoàn viên không còn sinh hoạt phải có ngày đổi trạng thái.",
            ),
            models.CheckConstraint(
                condition=Q(party_member=True) | Q(party_joined__isnull=True),
                name="party_date_only_for_party_members",
                violation_error_message="Chỉ đảng viên mới có ngày vào Đảng.",
            ),
        ]

    def __str__(self):
        return self.full_name

    def fill_search_columns(self):
        self.search_name = search.fold(self.full_name)
        self.other_names = self.search_name.rpartition(" ")[0]
        self.sort_key = search.sort_key(self.full_name)

    def save(self, *args, **kwargs):
        self.fill_search_columns()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, *SEARCH_COLUMNS}
        super().save(*args, **kwargs)
        if update_fields is None or "full_name" in update_fields:
            GivenName.note([self])


class Position(models.Model):
    """A member's post in a union body for a term (nhiệm kỳ), with the dates it was held."""

    class Kind(models.TextChoices):
        CHAIR = "chair", "Chủ tịch"
        VICE_CHAIR = "vice_chair", "Phó chủ tịch"
        EXECUTIVE = "executive", "Ủy viên BCH"
        INSPECTION = "inspection", "Ủy viên UBKT"
        INSPECTION_HEAD = "inspection_head", "Chủ nhiệm UBKT"
        WOMEN = "women", "Ban nữ công"
        TEAM_LEADER = "team_leader", "Tổ trưởng công đoàn"
        TEAM_DEPUTY = "team_deputy", "Tổ phó công đoàn"

    member = models.ForeignKey(Member, verbose_name="đoàn viên", on_delete=models.PROTECT, related_name="positions")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="positions")
    kind = models.CharField("chức vụ", max_length=20, choices=Kind.choices)
    term = models.CharField("nhiệm kỳ", max_length=9, help_text="Ví dụ: 2023-2028")
    since = models.DateField("từ ngày")
    until = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "chức vụ công đoàn"
        verbose_name_plural = "chức vụ công đoàn"
        ordering = ["unit", "kind", "since"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="position_dates_ordered",
                violation_error_message="Ngày kết thúc phải sau ngày bắt đầu.",
            ),
            models.CheckConstraint(
                condition=Q(term__regex=r"^[0-9]{4}-[0-9]{4}$"), name="position_term_format",
                violation_error_message="Nhiệm kỳ ghi dạng 2023-2028.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.unit} ({self.term}): {self.member}"


class Role(models.Model):
    """What a user may do on a unit (and, for federation staff, on every unit below it)."""

    class Kind(models.TextChoices):
        STAFF = "staff", "Cán bộ công đoàn cấp trên"
        CHAIR = "chair", "Chủ tịch, phó chủ tịch"
        EXECUTIVE = "executive", "Ủy viên BCH"
        MEMBER = "member", "Đoàn viên"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="roles")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField("vai trò", max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "kind"], name="one_role_per_kind")]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()} {self.unit}"


# The signing credential lives in its own module (members.signing.credential); imported here so Django sees the model.
from members.signing.credential import SigningCredential  # noqa: E402,F401
