"""The only way the renderer reads anything: the app's own print stylesheet, fonts and images,
and the data: URIs of a signed document's signature and seal that the caller hands over itself
(members.signing.credential makes them from re-encoded PNGs); any other data: URI is refused.

A document must never fetch what its text names (a `file://` of the user's choice, the network):
every other URL is refused, and a refusal stops the render rather than print without it.
"""
import base64
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    pass


def allowed_dirs():
    """Where the documents' own files live: static/pdf (stylesheet, images) and static/fonts."""
    static = Path(settings.STATICFILES_DIRS[0]).resolve()
    return (static / "pdf", static / "fonts")


def base_url():
    """Relative URLs in the document resolve inside the static folder."""
    return Path(settings.STATICFILES_DIRS[0]).resolve().as_uri() + "/"


class StaticFetcher(URLFetcher):
    def __init__(self, images=()):
        super().__init__(fail_on_errors=True)
        self.images = frozenset(images)

    def fetch(self, url, headers=None):
        if url in self.images:
            head, payload = url.split(",", 1)
            return URLFetcherResponse(head, base64.b64decode(payload), {"Content-Type": "image/png"})
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"Văn bản không được tải tài nguyên ngoài ứng dụng: {url[:200]}")
        # resolve() follows '..' and symbolic links, so only the real place of a file counts.
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_file() or not any(path.is_relative_to(d) for d in allowed_dirs()):
            raise RefusedURL(f"Văn bản chỉ được dùng phông chữ và hình ảnh của ứng dụng: {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
