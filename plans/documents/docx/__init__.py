"""Word export: the printed document as .docx, for a chair who must finish it in Word."""
from plans.documents.docx.build import DOCX_CONTENT_TYPE, render_docx

__all__ = ["DOCX_CONTENT_TYPE", "render_docx"]
