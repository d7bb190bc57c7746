"""Every model of the app is in the admin, and its pages open in Vietnamese for the administrator."""
import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.factories import ActivityFactory, MemberFactory, TargetFactory, UserFactory

pytestmark = pytest.mark.django_db

MODELS = [m for app in ("members", "plans") for m in apps.get_app_config(app).get_models()]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_model_is_in_the_admin_with_a_vietnamese_name(model):
    assert model in admin.site._registry
    assert model._meta.verbose_name != model.__name__.lower()


def test_admin_lists_and_forms_open(client):
    TargetFactory()
    ActivityFactory()
    MemberFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for model in MODELS:
        opts = model._meta
        page = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert page.status_code == 200, opts.model_name
        assert 'lang="vi"' in page.content.decode()
