import datetime

import factory
from django.contrib.auth import get_user_model

from members.models import Member, Role, Unit
from plans.models import AnnualPlan, MonthlyActivity, Section, Target

LINKED_SINCE = datetime.date(2000, 1, 1)


class UnitFactory(factory.django.DjangoModelFactory):
    """A unit given a superior is linked to it, dated history included, through the model's writer."""

    class Meta:
        model = Unit

    kind = Unit.Kind.GRASSROOTS
    name = factory.Sequence(lambda n: f"Công đoàn cơ sở Trường Tiểu học số {n}")
    header_superior = "LĐLĐ HUYỆN PHÚ LỘC"
    header_name = factory.LazyAttribute(lambda u: u.name.upper())
    abbreviation = "CĐCS"
    place = "Vinh Hưng"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create(*args, since=LINKED_SINCE, **kwargs)


class FederationFactory(UnitFactory):
    kind = Unit.Kind.DISTRICT
    name = factory.Sequence(lambda n: f"Liên đoàn Lao động huyện số {n}")
    header_superior = "LĐLĐ TỈNH THỪA THIÊN HUẾ"
    abbreviation = "LĐLĐ"


class UnionFactory(UnitFactory):
    """A grassroots union under a federation (a new one unless given its `superior`)."""

    superior = factory.SubFactory(FederationFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("mat-khau-thu-nghiem")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    kind = Role.Kind.CHAIR


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    unit = factory.SubFactory(UnitFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Thị Hương {n}")
    gender = Member.Gender.FEMALE
    birth_date = datetime.date(1985, 3, 14)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualPlan

    unit = factory.SubFactory(UnitFactory)
    year = 2024
    title = "Hoạt động công đoàn năm học 2024-2025"
    issuer = factory.LazyAttribute(lambda p: {
        "superior": p.unit.header_superior, "name": p.unit.header_name,
        "abbreviation": p.unit.abbreviation, "place": p.unit.place,
    })
    month_columns = ["time", "content", "owner"]
    signers = [{"authority": "TM. BAN CHẤP HÀNH", "position": "CHỦ TỊCH", "name": "Lê Thị Hoa"}]


class PlanPartFactory(factory.django.DjangoModelFactory):
    """A part of a plan (section, target, month row): of a plan of its own unless given one, in the order made."""

    class Meta:
        abstract = True

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(int)


class SectionFactory(PlanPartFactory):
    class Meta:
        model = Section

    title = "TÌNH HÌNH CHUNG"
    paragraphs = ["- Tổng số CBCNV-LĐ: 46/28 nữ"]


class TargetFactory(PlanPartFactory):
    class Meta:
        model = Target

    text = "100% ĐVCĐ tham gia TDTT."
    measure = Target.Measure.PERCENT
    value = 100


class ActivityFactory(PlanPartFactory):
    class Meta:
        model = MonthlyActivity

    month_index = 1
    content = "Phối hợp tổ chức khai giảng năm học mới."
    owner = "BCH"


class FilledPlanFactory(PlanFactory):
    """A plan of a union under a federation with one part of each kind, each standing on the plan as
    `plan.section`, `plan.target` and `plan.activity`; their fields are given as `section__title=…` etc."""

    class Meta:
        skip_postgeneration_save = True

    unit = factory.SubFactory(UnionFactory)
    section = factory.RelatedFactory(SectionFactory, "plan")
    target = factory.RelatedFactory(TargetFactory, "plan")
    activity = factory.RelatedFactory(ActivityFactory, "plan")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        for name, part in (results or {}).items():
            setattr(instance, name, part)


def person(unit=None, kind=Role.Kind.CHAIR, **user):
    """A user holding one role (chair unless told) in `unit` (a new unit of its own unless given); no usable
    password unless given one, as most tests log in with `force_login`."""
    user.setdefault("password", None)
    return RoleFactory(unit=unit or UnitFactory(), kind=kind, user=UserFactory(**user)).user
