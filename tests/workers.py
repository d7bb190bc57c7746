"""The real background worker for the tests: `manage.py run_workers` (what `make worker` runs) as a
process of its own on the test database. Its rows must be committed for it to see them, hence
transactional tests (and, on SQLite, a test database in a file: unionplans/settings.py)."""
import os
import subprocess
import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection


def database_url():
    """DATABASE_URL of the test database the test itself is using."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    return urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()


def start(media_root, processes=2, **env):
    environment = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(media_root), "CONN_MAX_AGE": "0", **env}
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_workers", "--processes", str(processes), "--interval", "0.2", "--verbosity", "0"],
        cwd=settings.BASE_DIR, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def stop(worker):
    """SIGTERM, as systemd stops it; its output."""
    worker.terminate()
    try:
        return worker.communicate(timeout=40)[0]
    except subprocess.TimeoutExpired:
        worker.kill()
        return worker.communicate()[0]
