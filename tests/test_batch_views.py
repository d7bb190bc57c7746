"""Batch printing pages: who may start, follow and download a batch; what the pages say. The worker
itself is tested in test_batch_worker.py; here a batch's jobs, when they must run, run in-process
through the same task function."""
import datetime

import pytest
from django.test import Client
from django.urls import reverse

from members.models import Role
from plans.documents.batch import BatchPrint
from plans.documents.batch_tasks import render_item
from plans.models import AnnualPlan
from tests.factories import FederationFactory, PlanFactory, RoleFactory, SectionFactory, UnitFactory
from unionplans.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world():
    federation = FederationFactory(name="Liên đoàn Lao động huyện Phú Lộc")
    units = [UnitFactory(superior=federation, name=f"Công đoàn Trường Vinh Hưng {n}") for n in (1, 2)]
    foreign = UnitFactory(superior=FederationFactory(), name="Công đoàn Trường Hoàng Hôn")
    plans = [PlanFactory(unit=u) for u in units]
    issued = PlanFactory(unit=units[1], status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(2023, 9, 5), year=2023)
    foreign_plan = PlanFactory(unit=foreign)
    return {
        "staff": RoleFactory(unit=federation, kind=Role.Kind.STAFF).user,
        "other_staff": RoleFactory(unit=federation, kind=Role.Kind.STAFF).user,
        "chair": RoleFactory(unit=units[0], kind=Role.Kind.CHAIR).user,
        "outsider": RoleFactory(unit=foreign, kind=Role.Kind.CHAIR).user,
        "plans": plans, "issued": issued, "foreign_plan": foreign_plan,
    }


def _start(world, user="staff", **data):
    data.setdefault("kind", "pdf")
    return _client(world[user]).post(reverse("batch_new"), data)


def test_selected_plans_outside_the_scope_are_left_out(world):
    plans = world["plans"]
    response = _start(world, plan=[plans[0].pk, plans[1].pk, world["foreign_plan"].pk])
    batch = BatchPrint.objects.get()
    assert response["Location"] == reverse("batch_status", args=[batch.pk])
    assert [i.plan_id for i in batch.items.all()] == [plans[0].pk, plans[1].pk]
    assert batch.total == 2 and batch.status == BatchPrint.Status.QUEUED
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE, object_id=str(batch.pk))
    assert entry.actor == world["staff"] and entry.after["plans"] == [plans[0].pk, plans[1].pk]


def test_all_issued_plans_of_a_year(world):
    _start(world, period_kind="school_year", year=2023, kind="zip")
    batch = BatchPrint.objects.get()
    assert (batch.kind, batch.year, [i.plan_id for i in batch.items.all()]) == ("zip", 2023, [world["issued"].pk])


@pytest.mark.parametrize("data,message", [
    ({"year": 2030}, "Không có kế hoạch nào để in"),
    ({}, "Hãy nhập năm bắt đầu của các kế hoạch cần in."),
    ({"year": "hai nghìn"}, "Hãy nhập năm bằng số, ví dụ 2024."),
    ({"plan": ["x"]}, "Danh sách kế hoạch đã chọn không hợp lệ."),
])
def test_bad_input_says_why_and_starts_nothing(world, data, message):
    response = _start(world, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not BatchPrint.objects.exists()


def test_a_chair_cannot_print_another_unions_plan(world):
    response = _start(world, user="chair", plan=[world["plans"][1].pk])
    assert response.status_code == 400 and not BatchPrint.objects.exists()


def test_who_sees_a_batch(world):
    _start(world, plan=[p.pk for p in world["plans"]])
    batch = BatchPrint.objects.get()
    for name in ("batch_status", "batch_progress", "batch_download"):
        url = reverse(name, args=[batch.pk])
        assert _client(world["outsider"]).get(url).status_code == 404
        # The chair sees one of its two plans only: the batch's file would show the other one.
        assert _client(world["chair"]).get(url).status_code == 404
        assert _client(world["other_staff"]).get(url).status_code in (200, 302)
        assert _client(world["staff"]).get(url).status_code in (200, 302)


def test_progress_polls_until_done_then_offers_the_file(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    _start(world, plan=[world["plans"][0].pk])
    batch = BatchPrint.objects.get()
    client = _client(world["staff"])
    fragment = client.get(reverse("batch_progress", args=[batch.pk])).content.decode()
    assert "Đang chờ máy in: đã xử lý 0/1 kế hoạch." in fragment and 'hx-trigger="every 1s"' in fragment
    early = client.get(reverse("batch_download", args=[batch.pk]))
    assert early["Location"] == reverse("batch_status", args=[batch.pk])
    render_item.call(batch.items.get().pk)
    fragment = client.get(reverse("batch_progress", args=[batch.pk])).content.decode()
    assert "Đã xong: đã xử lý 1/1 kế hoạch." in fragment and "hx-trigger" not in fragment
    assert f"Tải về in-hang-loat-{batch.pk}.pdf" in fragment
    response = client.get(reverse("batch_download", args=[batch.pk]))
    assert response["Content-Type"] == "application/pdf" and response.getvalue().startswith(b"%PDF")


def test_a_batch_where_nothing_prints_is_reported(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    plan = world["plans"][0]
    SectionFactory(plan=plan, paragraphs=["Nội dung rất dài. " * 15_000])
    _start(world, plan=[plan.pk])
    batch = BatchPrint.objects.get()
    render_item.call(batch.items.get().pk)
    batch.refresh_from_db()
    assert batch.status == BatchPrint.Status.FAILED and not batch.result
    page = _client(world["staff"]).get(reverse("batch_status", args=[batch.pk])).content.decode()
    assert "Không có kế hoạch nào in được trong đợt này." in page
    assert "Công đoàn Trường Vinh Hưng 1</strong>: Kế hoạch dài" in page
    assert _client(world["staff"]).get(reverse("batch_download", args=[batch.pk])).status_code == 404


def test_the_overview_offers_batch_printing(world):
    page = _client(world["staff"]).get(reverse("overview"), {"year": 2024}).content.decode()
    assert f'name="plan" value="{world["plans"][0].pk}" form="batch-form"' in page
    assert "In hàng loạt" in page
    new = _client(world["chair"]).get(reverse("batch_new")).content.decode()
    assert "In hàng loạt kế hoạch" in new and "Năm bắt đầu" in new
