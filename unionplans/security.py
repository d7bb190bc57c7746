"""Two small pieces the security settings need: a login-attempt guard that leaves code-level
`authenticate()` calls alone, and the Content-Security-Policy header."""
from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LoginAttemptBackend(AxesStandaloneBackend):
    """django-axes counts failed logins per user name and address. A call without a request comes
    from code (a management command, a test), not from someone guessing at the login form, and
    axes would refuse it outright, so it is let through to the real backends."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class ContentSecurityPolicyMiddleware:
    """Every page may load scripts, styles, fonts and frames from this site only: an injected
    <script> or a foreign resource in user text does not run."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(f"{key} {' '.join(values)}" for key, values in settings.CONTENT_SECURITY_POLICY.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class PrivatePagesMiddleware:
    """Every answer to a signed-in user shows something of a union (members' records, plans with
    their people's names, exports), so none is kept by a browser or a proxy: `private, no-store`.
    A view that sets its own Cache-Control keeps it: the printed PDF of a plan says `private,
    no-cache` and is revalidated by its ETag. Views that show what an anonymous visitor uploaded
    (the signature check) mark themselves with `private_page`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or getattr(response, "private_page", False):
            response.headers.setdefault("Cache-Control", "private, no-store")
        return response
