"""Staff making an account in the admin give its e-mail address in the same form."""
import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_an_account_is_made_with_its_address(admin_client):
    response = admin_client.post("/admin/auth/user/add/", {
        "username": "chutich.moi", "email": "chutich.moi@truong.edu.vn", "usable_password": "true",
        "password1": "mot-mat-khau-dai-du", "password2": "mot-mat-khau-dai-du",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    assert get_user_model().objects.get(username="chutich.moi").email == "chutich.moi@truong.edu.vn"
