"""A liveness answer for load balancers and the load bench's ceiling: no database, no session,
no template, so its speed is what the server and Django's middleware alone can do."""
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
