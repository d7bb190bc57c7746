"""The only way the renderer reads anything: the app's own print stylesheet, fonts and images.

A document must never fetch what its text names (a `file://` of the user's choice, the network):
every other URL is refused, and a refusal stops the render rather than print without it.
"""
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
    def __init__(self):
        super().__init__(fail_on_errors=True)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"Văn bản không được tải tài nguyên ngoài ứng dụng: {url[:200]}")
        # resolve() follows '..' and symbolic links, so only the real place of a file counts.
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_file() or not any(path.is_relative_to(d) for d in allowed_dirs()):
            raise RefusedURL(f"Văn bản chỉ được dùng phông chữ và hình ảnh của ứng dụng: {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
