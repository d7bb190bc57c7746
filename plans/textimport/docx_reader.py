"""A .docx as the same stream of lines a "save as text" of Word gives: paragraphs in order, and
each table row by row, every cell opening with a tab, so one recogniser reads both."""
import zipfile

import docx
from django.conf import settings
from docx.table import Table
from lxml import etree

from plans.textimport.docx_numbering import Numbering
from unionplans.uploads import Deadline, check_count, check_zip

PARAGRAPH = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


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


def _check_paragraphs(source):
    """Count the document's paragraphs (table cells' included) as its XML streams past, stopping
    at the first one over IMPORT_MAX_PARAGRAPHS, before python-docx builds the whole tree."""
    with zipfile.ZipFile(source) as archive, archive.open("word/document.xml") as xml:
        for count, (_event, element) in enumerate(etree.iterparse(xml, events=("end",), tag=PARAGRAPH), start=1):
            check_count(count, settings.IMPORT_MAX_PARAGRAPHS, "đoạn văn")
            element.clear()
    source.seek(0)


def docx_lines(source):
    """The lines of a .docx (a file object), within the limits of unionplans.uploads."""
    check_zip(source)
    _check_paragraphs(source)
    deadline = Deadline()
    document = docx.Document(source)
    numbering = Numbering(document)
    lines = []
    for block in document.iter_inner_content():
        deadline.check()
        if isinstance(block, Table):
            lines.extend(_table_lines(block, numbering))
        else:
            lines.extend(numbering.text(block).split("\n"))
        check_count(len(lines), settings.IMPORT_MAX_LINES, "dòng")
    return lines


def docx_text(source):
    return "\n".join(docx_lines(source))
