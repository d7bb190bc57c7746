"""Items 10 and 13 of issue 18: errors reach stderr with path and user id in production; /healthz/
names the part that is down with 503; pages with personal data are not kept by any cache; anyone
holding a PDF can check its signature."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.urls import reverse

from members.models import Role
from tests.factories import MemberFactory, PlanFactory, RoleFactory, UnitFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
RAISE_IN_PRODUCTION = """
import django
django.setup()
from types import SimpleNamespace
from django.core.handlers.exception import response_for_exception
from django.test import RequestFactory
request = RequestFactory().get("/ke-hoach/7/")
request.user = SimpleNamespace(pk=42, is_authenticated=True, full_name="Nguyễn Thị Hoa")
try:
    raise ZeroDivisionError("hỏng")
except ZeroDivisionError as exc:
    print(response_for_exception(request, exc).status_code)
"""


def test_a_server_error_in_production_is_logged_to_stderr_with_path_and_user_id():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "unionplans.settings", "DEBUG": "0", "SECRET_KEY": "x" * 50}
    done = subprocess.run([sys.executable, "-c", RAISE_IN_PRODUCTION], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "500"
    assert "ERROR django.request path=/ke-hoach/7/ user=42 Internal Server Error: /ke-hoach/7/" in done.stderr
    assert "ZeroDivisionError" in done.stderr and "Nguyễn Thị Hoa" not in done.stderr


class _Down:
    def cursor(self):
        raise OperationalError("connection refused")

    def set(self, *args):
        raise ConnectionError("redis down")


def test_healthz_names_the_database_when_it_is_down(client, monkeypatch):
    from unionplans import health

    monkeypatch.setattr(health, "connection", _Down())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503 and response.content.decode() == "database: unavailable"


def test_healthz_names_the_cache_when_redis_is_down(client, monkeypatch, settings):
    from unionplans import health

    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    monkeypatch.setattr(health, "caches", {"default": _Down()})
    response = client.get(reverse("healthz"))
    assert response.status_code == 503 and response.content.decode() == "cache: unavailable"


def test_member_pages_exports_and_plan_pages_are_private_and_not_stored(client):
    unit = UnitFactory()
    MemberFactory(unit=unit)
    plan = PlanFactory(unit=unit)
    client.force_login(RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user)
    for url in (reverse("members:export", args=[unit.pk]), reverse("plan_status", args=[plan.pk]), reverse("plan_editor", args=[plan.pk]),
                reverse("home")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def test_anyone_checks_a_signature_without_logging_in(client):
    page = client.get(reverse("verify_upload"))
    assert page.status_code == 200 and "Gửi lên một tệp PDF" in page.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("verify_upload"), {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.7\n", "application/pdf")})
    assert "Tệp PDF này không có chữ ký số" in response.content.decode() or "Không đọc được tệp PDF" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_an_oversized_upload_to_the_signature_check_is_refused_before_reading(client):
    response = client.post(reverse("verify_upload"), data=b"x", content_type="application/pdf", CONTENT_LENGTH=str(30 * 1024 * 1024))
    assert response.status_code == 413 and "Tệp quá lớn" in response.content.decode()
