"""/healthz/ for load balancers and monitoring: 200 "ok" when the database answers (and the shared
cache, when Redis is configured), else 503 naming the part that failed. No session, no template."""
import logging

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    cache = caches["default"]
    cache.set("healthz", "ok", 30)
    if cache.get("healthz") != "ok":
        raise RuntimeError("the cache did not keep a value")


def _checks():
    yield "database", _database
    if settings.REDIS_URL:
        yield "cache", _cache


@never_cache
@require_GET
def healthz(request):
    for name, check in _checks():
        try:
            check()
        except Exception:  # whatever the driver raises, the answer is which part is down
            logger.exception("healthz: %s unavailable", name)
            return HttpResponse(f"{name}: unavailable", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
