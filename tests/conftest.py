import json
from pathlib import Path

import pytest
from django.conf import global_settings
from django.core.cache import caches
from django.test import override_settings

from tests.factories import UnitFactory, person

DEMO_PLANS = sorted((Path(__file__).resolve().parent.parent / "plans" / "demo").glob("*.json"))


@pytest.fixture(params=DEMO_PLANS, ids=lambda p: p.stem)
def demo_plan_file(request):
    """Each demo plan file: the real plans of shared/examples transcribed in full, and the others."""
    return request.param


@pytest.fixture
def demo_plan_data(demo_plan_file):
    return json.loads(demo_plan_file.read_text(encoding="utf-8"))


@pytest.fixture
def document_cache(settings):
    """A documents cache (printed PDFs and previews) of the test's own, empty at each test."""
    settings.CACHES = {**settings.CACHES, "documents": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    yield
    caches["documents"].clear()


@pytest.fixture
def chair(client, plan):
    """The chair of the union of the test module's `plan`, logged in on `client`."""
    user = person(plan.unit)
    client.force_login(user)
    return user


@pytest.fixture
def chair_client(client):
    """`client` logged in as the chair of a union of its own, which it carries as `client.unit`."""
    client.unit = UnitFactory()
    client.force_login(person(client.unit))
    return client


@pytest.fixture(autouse=True)
def _fresh_default_cache():
    """Each test's database starts anew; what another test left in the shared cache must go too."""
    caches["default"].clear()


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Production's hasher spends half a second of CPU on each password, on purpose; the tests
    create users by the hundred and test the app, not the hasher."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher",
                                             *global_settings.PASSWORD_HASHERS]):
        yield
