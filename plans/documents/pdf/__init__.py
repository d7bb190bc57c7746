"""Printing: one renderer for every document the app prints."""
from plans.documents.pdf.render import RENDERER_VERSION, RenderError, content_hash, render_html, render_pdf

__all__ = ["RENDERER_VERSION", "RenderError", "content_hash", "render_html", "render_pdf"]
