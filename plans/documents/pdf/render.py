"""The one renderer of printed documents: plan-format data in, HTML or PDF out.

It reads nothing but the data (never live rows), so an issued plan's frozen snapshot reprints
byte for byte: the PDF's dates and identifier come from the data too.
"""
import functools
import hashlib
import json
import threading
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from plans.documents.pdf import context
from plans.documents.pdf.fetcher import StaticFetcher, allowed_dirs, base_url

STYLESHEET = "pdf/print.css"
# A render's time grows with its rows and characters; real plans hold 50 to 150 rows and 20,000 to
# 90,000 characters. Past these bounds (docs/performance.md) a render would hold a worker for
# seconds, so it is refused at once with the reason.
MAX_ROWS = 1000
MAX_CHARACTERS = 250_000


_fonts = threading.local()


def font_config():
    """This thread's font configuration, made once: a new one per render loaded fontconfig's
    configuration and the four bundled faces again every time, a tenth of a cold render. Kept per
    thread since Pango's font map is not shared between threads; the PDF's bytes are the same."""
    if not hasattr(_fonts, "config"):
        _fonts.config = FontConfiguration()
    return _fonts.config


class RenderError(Exception):
    """A plan that cannot be printed; the message says why, in Vietnamese, for the user."""


@functools.cache
def renderer_hash():
    """SHA-256 of every file that shapes a printed document: this package's code, the modules its
    context takes numbers and labels from, its templates, the print stylesheet, images and fonts.
    Read once per process: a release changes them, a request never does."""
    folders = [Path(__file__).resolve().parent, Path(settings.BASE_DIR) / "templates" / "pdf", *allowed_dirs()]
    shaping = [Path(module.__file__) for module in (context.numbering, context.periods, context.targets_review)]
    digest = hashlib.sha256()
    files = [p for folder in folders for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    for path in sorted(files + shaping):
        digest.update(f"{path.name}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def content_hash(data, revision=""):
    """SHA-256 of the canonical JSON of the data and of the renderer's files: any edit of the plan,
    and any change of layout, changes it. A correction's revision line is printed too, so it is part
    of the hash when there is one."""
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    extra = f"\n{revision}" if revision else ""
    return hashlib.sha256(f"{renderer_hash()}\n{canonical}{extra}".encode()).hexdigest()


def _characters(value):
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(map(_characters, value.values()))
    if isinstance(value, list):
        return sum(map(_characters, value))
    return 0


def _thousands(n):
    return f"{n:,}".replace(",", ".")


def check_size(data):
    """Refuse, with a message for the user, a plan too big to print in bounded time."""
    rows = sum(len(m["activities"]) for m in data["months"])
    if rows > MAX_ROWS:
        raise RenderError(
            f"Kế hoạch có {_thousands(rows)} dòng hoạt động, vượt quá {_thousands(MAX_ROWS)} dòng có thể in trong một "
            "văn bản. Hãy rút gọn bảng kế hoạch tháng trước khi in."
        )
    characters = _characters(data)
    if characters > MAX_CHARACTERS:
        raise RenderError(
            f"Kế hoạch dài {_thousands(characters)} ký tự, vượt quá {_thousands(MAX_CHARACTERS)} ký tự có thể in "
            "trong một văn bản. Hãy rút gọn nội dung trước khi in."
        )


def render_document(data, revision=""):
    """The document alone, as the app's preview shows it: the fragment the PDF's page wraps."""
    return render_to_string("pdf/_document.html", context.document(data, revision))


def render_html(data, revision="", images=None):
    """The document as one HTML page; relative URLs resolve against `fetcher.base_url()`. `images`
    (the signature and seal data: URIs of SigningCredential.images()) only when issuing signed."""
    return render_to_string("pdf/plan.html", {**context.document(data, revision), "stylesheet": STYLESHEET, "sign_images": images})


def render_pdf(data, revision="", images=None):
    check_size(data)
    html = HTML(string=render_html(data, revision, images), base_url=base_url(),
                url_fetcher=StaticFetcher((images or {}).values()))
    try:
        return html.write_pdf(font_config=font_config(), pdf_identifier=content_hash(data, revision)[:32].encode())
    except FatalURLFetchingError as exc:  # a BaseException: turned into an error a view can handle
        raise RenderError(f"Không in được văn bản: {exc}") from exc
