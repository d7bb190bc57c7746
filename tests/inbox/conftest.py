import pytest

from tests.inbox.mailer import free_port


@pytest.fixture
def smtp_port():
    """A port on 127.0.0.1 nothing listens on, until a test starts its SMTP server there."""
    return free_port()
