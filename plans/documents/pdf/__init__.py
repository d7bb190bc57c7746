"""Printing: one renderer for every document the app prints."""
from plans.documents.pdf.render import RenderError, content_hash, render_html, render_pdf

__all__ = ["RenderError", "content_hash", "render_html", "render_pdf"]
