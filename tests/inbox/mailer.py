"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd), and the queued jobs run as the worker
runs them: in a `manage.py db_worker --batch` process of its own on the test database."""
import email
import os
import socket
import subprocess
import sys
from email import policy

from django.conf import settings

from tests.workers import database_url


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """What the server received: (recipients, parsed message) per message."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"

    def to(self):
        return sorted(address for recipients, _ in self.messages for address in recipients)


class SMTPServer:
    def __init__(self, port):
        from aiosmtpd.controller import Controller

        self.port, self.box = port, Mailbox()
        self.controller = Controller(self.box, hostname="127.0.0.1", port=port)

    def __enter__(self):
        self.controller.start()
        return self.box

    def __exit__(self, *exc):
        self.controller.stop()


def run_worker(port, **env):
    """Every job due now, through the real worker, sending to 127.0.0.1:`port`; its output."""
    environment = {**os.environ, "DATABASE_URL": database_url(), "CONN_MAX_AGE": "0",
                   "EMAIL_URL": f"smtp://127.0.0.1:{port}", "SITE_URL": "https://khcd.example.vn", **env}
    run = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0"],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=120, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout + run.stderr
