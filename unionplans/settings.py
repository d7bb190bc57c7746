"""The one settings module of unionplans, driven by environment variables.

DATABASE_URL  default: SQLite file db.sqlite3 beside manage.py; postgres://... for PostgreSQL
SECRET_KEY    required unless DEBUG is on
DEBUG         "1"/"true" turns it on (off by default: production is the safe default)
ALLOWED_HOSTS comma separated
"""
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "unionplans.audit",
    "members",
    "plans",
    "plans.inbox",
    "plans.rating",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "unionplans.security.ContentSecurityPolicyMiddleware",
    "unionplans.security.PrivatePagesMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "unionplans.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "unionplans.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "unionplans.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
# A SQLite test database in a file, not in memory: the batch-printing test runs the real worker
# (a separate process) against it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _name = Path(DATABASES["default"]["NAME"])
    DATABASES["default"]["TEST"] = {"NAME": str(_name.with_name(f"test_{_name.name}"))}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles a query with JIT once its estimated cost passes jit_above_cost; the
    # scope's recursive walk under a per-plan subquery crossed it at province scale and took 1.7 s
    # instead of 5 ms. Short web queries never gain from JIT, so it is off for the app's sessions.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs are rows in the database, run by `manage.py run_workers`. A person waits on the
# interactive queue (a plan's first PDF): workers of their own serve it at the web's priority, while
# those of the default queue (batch printing, e-mail) run niced (plans/management/commands/run_workers.py).
INTERACTIVE_QUEUE = "interactive"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", INTERACTIVE_QUEUE]}}
# A worker may die mid-job (SIGKILL, out of memory, a machine lost): every WORKER_SWEEP_SECONDS
# run_workers queues plans.recovery's sweep, which takes up again a job running longer than its
# time-out (a plan's print BATCH_ITEM_TIMEOUT_SECONDS, any other job TASK_TIMEOUT_SECONDS) until it
# has been tried BATCH_ITEM_ATTEMPTS times (other jobs: NOTICE_ATTEMPTS), and deletes finished job
# rows older than TASK_RESULTS_KEEP_DAYS.
WORKER_SWEEP_SECONDS = int(os.environ.get("WORKER_SWEEP_SECONDS", "60"))
BATCH_ITEM_TIMEOUT_SECONDS = int(os.environ.get("BATCH_ITEM_TIMEOUT_SECONDS", "300"))
BATCH_ITEM_ATTEMPTS = int(os.environ.get("BATCH_ITEM_ATTEMPTS", "3"))
TASK_TIMEOUT_SECONDS = int(os.environ.get("TASK_TIMEOUT_SECONDS", "600"))
TASK_RESULTS_KEEP_DAYS = int(os.environ.get("TASK_RESULTS_KEEP_DAYS", "14"))

AUTHENTICATION_BACKENDS = [
    # First: it refuses a locked-out login before any password is checked.
    "unionplans.security.LoginAttemptBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names need collectstatic first; tests run without it (STATIC_MANIFEST=0).
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"
# Uploaded files on an S3-compatible bucket (MinIO, a provider's object storage) when S3_BUCKET is
# set, so every web machine reads what another stored; MEDIA_ROOT is one machine's disk. Files
# stay private: their URLs are signed and expire. Custom endpoints get path-style addresses,
# which MinIO and most S3-compatible servers expect.
if os.environ.get("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "addressing_style": os.environ.get("S3_ADDRESSING_STYLE") or ("path" if os.environ.get("S3_ENDPOINT_URL") else None),
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }

# Two caches every web process shares: in Redis when REDIS_URL is set (one server for every
# machine), else in a folder (DOCUMENT_CACHE_DIR, outside the source tree: one machine, no service).
# "documents" keeps printed PDFs and the HTML of their previews, keyed by the hash of what they
# print and of the renderer's files (plans.documents.pdf.serve), so nothing in it ever goes stale.
# "default" is Django's default cache: the app keeps nothing in it (/healthz/ checks Redis through it).
DOCUMENT_CACHE_SECONDS = 30 * 24 * 3600
_CACHE_DIR = Path(os.environ.get("DOCUMENT_CACHE_DIR", str(Path(tempfile.gettempdir()) / "unionplans-documents")))


REDIS_URL = os.environ.get("REDIS_URL", "")


def _shared_cache(folder, timeout, **options):
    if REDIS_URL:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                "KEY_PREFIX": folder, "TIMEOUT": timeout}
    return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(_CACHE_DIR / folder),
            "TIMEOUT": timeout, "OPTIONS": options}


CACHES = {
    "default": _shared_cache("data", 600, MAX_ENTRIES=5000),
    "documents": _shared_cache("pdf", DOCUMENT_CACHE_SECONDS, MAX_ENTRIES=2000),
}

# Digital signatures (members.signing.credential, plans.documents.pdf.pades). The units' signing keys are stored
# encrypted under a key derived from SIGNING_KEY_SECRET (from SECRET_KEY when unset: changing either
# then means every unit uploads its certificate again). SIGNING_TSA_URL: an RFC 3161 time-stamp
# server, which makes the signatures PAdES B-T. SIGNING_TRUST_ROOTS: PEM files of the roots a
# verified signature must chain to, comma separated.
SIGNING_KEY_SECRET = os.environ.get("SIGNING_KEY_SECRET") or f"signing-key:{SECRET_KEY}"
SIGNING_TSA_URL = os.environ.get("SIGNING_TSA_URL", "").strip()
SIGNING_TRUST_ROOTS = [p.strip() for p in os.environ.get("SIGNING_TRUST_ROOTS", "").split(",") if p.strip()]
# Wrong certificate passwords at issue: after SIGNING_PASSWORD_ATTEMPTS within
# SIGNING_PASSWORD_WINDOW_SECONDS, signing with that unit's certificate is refused for that long.
SIGNING_PASSWORD_ATTEMPTS = int(os.environ.get("SIGNING_PASSWORD_ATTEMPTS", "5"))
SIGNING_PASSWORD_WINDOW_SECONDS = int(os.environ.get("SIGNING_PASSWORD_WINDOW_SECONDS", "900"))

# The server log goes to stderr (systemd's journal, docker logs), production included: every error
# with its request path and user id (unionplans.log), never personal data; LOG_LEVEL to change it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "unionplans.log.RequestContextFilter"}},
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s path=%(path)s user=%(user_id)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
                            "filters": ["request_context"], "formatter": "line"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Django's own loggers would otherwise print only when DEBUG is on; here they reach the root's handler.
    "loggers": {"django": {"handlers": [], "level": "WARNING", "propagate": True},
                "django.server": {"handlers": [], "level": "INFO", "propagate": True}},
}

# What an upload may cost to read (unionplans.uploads; README, "Limits on uploads"). Real plans are
# 300 to 1,500 paragraphs and lines; a union's member list a few hundred to a few thousand rows.
IMPORT_MAX_UNCOMPRESSED_BYTES = int(os.environ.get("IMPORT_MAX_UNCOMPRESSED_BYTES", str(20_000_000)))
IMPORT_MAX_PARAGRAPHS = int(os.environ.get("IMPORT_MAX_PARAGRAPHS", "10000"))
IMPORT_MAX_LINES = int(os.environ.get("IMPORT_MAX_LINES", "10000"))
IMPORT_MAX_SECONDS = float(os.environ.get("IMPORT_MAX_SECONDS", "10"))
MEMBER_IMPORT_MAX_ROWS = int(os.environ.get("MEMBER_IMPORT_MAX_ROWS", "5000"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- security ---------------------------------------------------------------------------------
# Password guessing: five wrong passwords for one user name from one address lock that pair out
# for a quarter of an hour; a good login clears the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Behind a reverse proxy the client address is in X-Forwarded-For; set AXES_PROXY_COUNT=1 there.
AXES_IPWARE_PROXY_COUNT = int(os.environ["AXES_PROXY_COUNT"]) if os.environ.get("AXES_PROXY_COUNT") else None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]

# Scripts, styles, fonts and frames from this site only; htmx adds its indicator <style> inline.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    if env_bool("BEHIND_HTTPS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)

# --- e-mail (plans.inbox: the notices of the plan's path and the weekly digest) ---------------
# EMAIL_URL: smtp://user:password@host:587 (STARTTLS with ?tls=1 or scheme smtp+tls, SSL with
# smtps://), or console: to print them. Without it the EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
# EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL variables; with none of them the messages are
# printed on the worker's console, as in development. The worker sends them, never a request.


def _email_settings():
    url = os.environ.get("EMAIL_URL", "").strip()
    if not url and not os.environ.get("EMAIL_HOST"):
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if not url:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": os.environ["EMAIL_HOST"],
            "EMAIL_PORT": int(os.environ.get("EMAIL_PORT", "25")), "EMAIL_HOST_USER": os.environ.get("EMAIL_HOST_USER", ""),
            "EMAIL_HOST_PASSWORD": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS"), "EMAIL_USE_SSL": env_bool("EMAIL_USE_SSL"),
        }
    from urllib.parse import parse_qs, unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme not in {"smtp", "smtp+tls", "smtps"}:
        raise ImproperlyConfigured(f"EMAIL_URL: unknown scheme {parts.scheme!r} (smtp, smtp+tls, smtps or console).")
    query = parse_qs(parts.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""), "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls" or query.get("tls", ["0"])[0] in {"1", "true"},
        "EMAIL_USE_SSL": parts.scheme == "smtps",
    }


globals().update(_email_settings())
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kế hoạch công đoàn <khcd@localhost>")
# The address the links in the messages start with (no request to take it from in the worker).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A send that fails is tried again NOTICE_ATTEMPTS times in all, after 1, 2, 4... times this delay.
NOTICE_ATTEMPTS = int(os.environ.get("NOTICE_ATTEMPTS", "5"))
NOTICE_RETRY_SECONDS = int(os.environ.get("NOTICE_RETRY_SECONDS", "60"))
# How often `run_workers` queues the weekly digest and the deadline checks (each sends at most once).
NOTICE_SCHEDULE_SECONDS = int(os.environ.get("NOTICE_SCHEDULE_SECONDS", "3600"))
