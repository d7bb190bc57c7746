"""The settings module follows the environment, and refuses an unsafe production start."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS"}}
    code = "from unionplans import settings as s; print(s.DATABASES['default']['ENGINE'], s.DEBUG, s.ALLOWED_HOSTS, s.LANGUAGE_CODE, s.TIME_ZONE)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True)


def test_production_refuses_to_start_without_secret_key():
    result = _settings()
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_runs_with_development_key_on_sqlite():
    result = _settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "['127.0.0.1',", "'localhost']", "vi", "Asia/Ho_Chi_Minh"]


@pytest.mark.parametrize("url", ["postgres://postgres@127.0.0.1:5432/unionplans"])
def test_database_url_selects_postgresql(url):
    result = _settings(SECRET_KEY="x" * 50, DATABASE_URL=url, ALLOWED_HOSTS="ke-hoach.ldld.vn")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == ["django.db.backends.postgresql", "False", "['ke-hoach.ldld.vn']"]
