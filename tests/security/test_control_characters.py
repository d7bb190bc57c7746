"""Item 6 of issue 18: a NUL (or another control character) typed or pasted gives the form again with
its message and the text, on PostgreSQL as on SQLite; a plan file holding one is refused by path;
whatever reaches the database another way is stored without them."""
import io
import json

import pytest
from django.urls import reverse

from members.models import Role
from plans.models import AnnualPlan, Section
from plans.planformat import export_plan
from tests.factories import PlanFactory, RoleFactory, SectionFactory

pytestmark = pytest.mark.django_db
TYPED = "Căn cứ Điều lệ Công đoàn\x00 Việt Nam khóa XIII"


@pytest.fixture
def chair_client(client):
    plan = PlanFactory()
    client.force_login(RoleFactory(unit=plan.unit, kind=Role.Kind.CHAIR).user)
    client.plan = plan
    return client


def test_a_nul_in_the_bases_gives_the_form_again_with_the_text(chair_client):
    plan = chair_client.plan
    response = chair_client.post(reverse("plan_editor_bases", args=[plan.pk]), {"version": plan.bases_version, "b-bases-bases": TYPED})
    assert response.status_code == 200
    page = response.content.decode()
    assert "ký tự điều khiển không in được" in page
    assert "Căn cứ Điều lệ Công đoàn" in page and "Việt Nam khóa XIII" in page
    plan.refresh_from_db()
    assert plan.bases == [] and plan.bases_version == 1


def test_a_nul_in_a_section_paragraph_is_refused_with_the_text_kept(chair_client):
    plan = chair_client.plan
    section = SectionFactory(plan=plan, paragraphs=["Đoạn đầu."])
    response = chair_client.post(reverse("plan_editor_paragraph", args=[plan.pk, section.pk, 0]), {
        "version": section.version, f"b-p{section.pk}-0-text": TYPED,
    })
    page = response.content.decode()
    assert response.status_code == 200 and "ký tự điều khiển không in được" in page and "Việt Nam khóa XIII" in page
    assert Section.objects.get(pk=section.pk).paragraphs == ["Đoạn đầu."]


def test_a_plan_file_with_a_nul_is_refused_by_its_path(chair_client):
    data = export_plan(chair_client.plan)
    data["preamble"] = ["Mở đầu\x00"]
    upload = io.BytesIO(json.dumps(data, ensure_ascii=False).encode())
    upload.name = "ke-hoach.json"
    response = chair_client.post(reverse("plan_new_upload", args=[chair_client.plan.unit_id]), {"upload-file": upload})
    assert "$.preamble[0]" in response.content.decode() and "ký tự điều khiển" in response.content.decode()
    assert AnnualPlan.objects.count() == 1


def test_text_saved_around_the_forms_is_stored_without_control_characters():
    plan = PlanFactory(title="Kế hoạch\x00 năm", preamble=["Dòng\x1b một\tcó tab"])
    plan.refresh_from_db()
    assert (plan.title, plan.preamble) == ("Kế hoạch năm", ["Dòng một\tcó tab"])
