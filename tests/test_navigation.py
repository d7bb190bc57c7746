"""The nav bar shows the federation overview to staff only, and asks only the role rules: Django's
model permissions hold none of the app's, and asking them cost queries on every page."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Role
from tests.factories import FederationFactory, person

pytestmark = pytest.mark.django_db
OVERVIEW_LINK = 'href="/tong-quan/"'


@pytest.mark.parametrize("kind", [Role.Kind.CHAIR, Role.Kind.EXECUTIVE, Role.Kind.MEMBER])
def test_a_unit_role_sees_no_overview_and_costs_no_permission_query(client, kind):
    client.force_login(person(kind=kind))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home")).content.decode()
    assert OVERVIEW_LINK not in page and "Đơn vị của tôi" in page
    assert not [q["sql"] for q in queries.captured_queries if "auth_permission" in q["sql"]]


def test_federation_staff_see_the_overview_in_the_nav(client):
    client.force_login(person(FederationFactory(), Role.Kind.STAFF))
    assert OVERVIEW_LINK in client.get(reverse("home")).content.decode()


def test_the_login_page_has_no_nav_entries(client):
    page = client.get(reverse("login")).content.decode()
    assert OVERVIEW_LINK not in page and "Đăng xuất" not in page
