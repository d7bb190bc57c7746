import pytest

from tests.signing_ca import SigningCA


@pytest.fixture(scope="module")
def ca():
    """A test certificate authority and a unit's signing certificate from it (tests.signing_ca)."""
    return SigningCA.make()
