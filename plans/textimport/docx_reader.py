"""A .docx as the same stream of lines a "save as text" of Word gives: paragraphs in order, and
each table row by row, every cell opening with a tab, so one recogniser reads both."""
import docx
from docx.table import Table


def _cell_lines(cell):
    lines = []
    for block in cell.iter_inner_content():
        lines.extend(_table_lines(block) if isinstance(block, Table) else [block.text])
    return lines or [""]


def _table_lines(table):
    lines = []
    for row in table.rows:
        seen = set()
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cell_lines = _cell_lines(cell)
            lines.append("\t" + cell_lines[0])
            lines.extend(cell_lines[1:])
    return lines


def docx_lines(source):
    """The lines of a .docx (a path or a file object)."""
    document = docx.Document(source)
    lines = []
    for block in document.iter_inner_content():
        lines.extend(_table_lines(block) if isinstance(block, Table) else block.text.split("\n"))
    return lines


def docx_text(source):
    return "\n".join(docx_lines(source))
