"""/healthz/ answers "ok" to anyone without touching the database or the session."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anyone_gets_ok_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "sessionid" not in response.cookies


def test_only_get(client):
    assert client.post(reverse("healthz")).status_code == 405
