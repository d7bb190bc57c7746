"""A .docx as the same stream of lines a "save as text" of Word gives: paragraphs in order, and
each table row by row, every cell opening with a tab, so one recogniser reads both."""
import docx
from docx.table import Table

from plans.textimport.docx_numbering import Numbering


def _cell_lines(cell, numbering):
    lines = []
    for block in cell.iter_inner_content():
        lines.extend(_table_lines(block, numbering) if isinstance(block, Table) else [numbering.text(block)])
    return lines or [""]


def _table_lines(table, numbering):
    lines = []
    for row in table.rows:
        seen = set()
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cell_lines = _cell_lines(cell, numbering)
            lines.append("\t" + cell_lines[0])
            lines.extend(cell_lines[1:])
    return lines


def docx_lines(source):
    """The lines of a .docx (a path or a file object)."""
    document = docx.Document(source)
    numbering = Numbering(document)
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block, numbering))
        else:
            lines.extend(numbering.text(block).split("\n"))
    return lines


def docx_text(source):
    return "\n".join(docx_lines(source))
