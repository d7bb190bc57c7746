"""/healthz/ answers "ok" to anyone after one trivial query, without a session or a template."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anyone_gets_ok_after_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "sessionid" not in response.cookies


def test_only_get(client):
    assert client.post(reverse("healthz")).status_code == 405
