"""The demo data a newcomer logs in to: every example plan in full, members, logins; twice is once."""
import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from members.demo import DEMO_PASSWORD
from members.models import Member, Position, Role, Unit
from plans.management.commands.load_demo import DEMO_DIR, PLAN_FILES
from plans.models import AnnualPlan
from plans.planformat import dumps, export_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(capsys):
    call_command("load_demo")
    return capsys.readouterr().out


def test_demo_builds_the_tree_and_every_plan_in_full(demo):
    assert "Đã tạo dữ liệu mẫu" in demo
    assert AnnualPlan.objects.count() == len(PLAN_FILES)
    for key, file_name in PLAN_FILES.items():
        plan = AnnualPlan.objects.get(unit__roles__user__username=f"chutich.{key}")
        # An issued demo plan is the file as issued; its year's results come after (plans/demo/results.py).
        printed = plan.snapshot if plan.is_issued else dumps(export_plan(plan))
        assert printed == (DEMO_DIR / file_name).read_text(encoding="utf-8")
        if plan.is_issued:
            assert all(t.result_value is not None or t.result_met is not None for t in plan.targets.all())
    vinh_hung = Unit.objects.get(header_name="CĐCS TIỂU HỌC VINH HƯNG")
    assert vinh_hung.superior.name == "Liên đoàn Lao động huyện Phú Lộc"
    assert vinh_hung.superior.superior.name == "Liên đoàn Lao động tỉnh Thừa Thiên Huế"


def test_demo_unions_have_the_head_counts_their_plans_report(demo):
    members = Member.objects.filter(unit__header_name="CĐCS TIỂU HỌC VINH HƯNG")
    assert members.count() == 46
    assert members.filter(gender=Member.Gender.FEMALE).count() == 28
    assert members.filter(party_member=True).count() == 19
    for unit in Unit.objects.filter(kind=Unit.Kind.GRASSROOTS):
        assert 35 <= unit.members.count() <= 50
        assert Position.objects.filter(unit=unit, kind=Position.Kind.CHAIR, until__isnull=True).count() == 1


def test_demo_logins_work(demo):
    for username in ["admin", "ldld.phuloc", "ldld.hue", "chutich.vinhhung", "bch.vinhhung", "chutich.chanmay"]:
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username
    assert Role.objects.get(user__username="ldld.phuloc").kind == Role.Kind.STAFF
    assert Role.objects.get(user__username="bch.vinhhung").kind == Role.Kind.EXECUTIVE


def test_loading_twice_changes_nothing(demo, capsys):
    counts = (Unit.objects.count(), Member.objects.count(), AnnualPlan.objects.count())
    call_command("load_demo")
    assert "đã có sẵn" in capsys.readouterr().out
    assert (Unit.objects.count(), Member.objects.count(), AnnualPlan.objects.count()) == counts


def test_demo_unions_have_scored_themselves_and_phu_loc_shows_a_label(client, demo):
    from plans.rating.models import Rating

    ratings = {r.unit.header_name: r for r in Rating.objects.select_related("unit")}
    assert len(ratings) == len(PLAN_FILES) and all(r.self_total > 0 for r in ratings.values())
    vinh_hung = ratings["CĐCS TIỂU HỌC VINH HƯNG"]
    assert vinh_hung.status == Rating.Status.CONFIRMED and vinh_hung.label == "Hoàn thành tốt nhiệm vụ"
    client.login(username="ldld.phuloc", password=DEMO_PASSWORD)
    page = client.get("/tong-quan/").content.decode()
    assert "<td>Hoàn thành tốt nhiệm vụ</td>" in page
