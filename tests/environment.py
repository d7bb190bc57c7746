"""Loaded by pytest before Django (see pytest.ini). The settings module refuses to start without a
SECRET_KEY when DEBUG is off, which is how tests run, and tests serve static files unhashed
because they never run collectstatic."""
import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
os.environ.setdefault("STATIC_MANIFEST", "0")
# Tests speak plain HTTP to the test client; production redirects it to HTTPS.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# The browser tests' live server answers from its own threads; a connection kept open there for
# reuse would stop pytest-django from dropping the PostgreSQL test database at the end.
os.environ.setdefault("CONN_MAX_AGE", "0")
# The shared caches live in a folder of this process's own (removed at exit), so two test runs on
# one machine never read each other's cached figures, nor two pytest-xdist workers of one run,
# each with its own database. Set, not defaulted: the workers inherit the controller's
# environment. Never in Redis, which every run and worker would share.
_cache_dir = tempfile.mkdtemp(prefix="unionplans-test-cache-")
os.environ["DOCUMENT_CACHE_DIR"] = _cache_dir
os.environ.pop("REDIS_URL", None)
atexit.register(shutil.rmtree, _cache_dir, ignore_errors=True)
