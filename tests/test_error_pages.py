"""Errors speak Vietnamese and offer a way back, never Django's English pages or a stack trace."""
import pytest
from django.test import Client, override_settings
from django.urls import path

from plans import views


def _boom(request):
    raise RuntimeError("lỗi thử")


def _forbidden(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


urlpatterns = [path("boom/", _boom), path("cam/", _forbidden), path("", views.home, name="home")]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.test_error_pages")
@pytest.mark.parametrize(("url", "status", "words"), [
    ("/khong-co/", 404, "Không tìm thấy trang"),
    ("/cam/", 403, "Không có quyền"),
    ("/boom/", 500, "Những gì đã lưu trước đó vẫn còn nguyên"),
])
def test_error_pages_are_vietnamese(url, status, words):
    client = Client(raise_request_exception=False)
    response = client.get(url)
    assert response.status_code == status
    page = response.content.decode()
    assert words in page
    assert "Về trang chủ" in page
    assert "Traceback" not in page
