"""The .docx of a printed document, laid out from the same format data and the same computed
numbers (plans.documents.pdf.context, plans.numbering) as the PDF: header table, title (and the revision line
of a correction), numbered body, month tables, signature block and page numbers in the top margin
from page 2 on; each appendix a section of its own whose pages are numbered from 1 again."""
import datetime
import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu, Mm, Pt

from plans.documents.docx import word
from plans.documents.pdf import context

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT_WIDTH = Mm(210 - 30 - 15)
HEADER_WIDTHS = (Mm(66), Mm(99))  # Mẫu 1.4's 67.5 : 100 mm, scaled to the 165 mm text width
HEADER_ROOM = Emu(HEADER_WIDTHS[0] - Mm(2 * 1.9))  # less Word's default cell margins
SIGNATURE_WIDTHS = (Mm(66), Mm(99))
INDENT = Cm(1.27)
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT
COLUMN_SHARE = {"time": 0.18, "owner": 0.25, "measures": 0.48, "number": 0.07, "aim": 0.14, "result": 0.14, "met": 0.15}
CENTRED = ("time", "owner", "number", "aim", "result", "met")
HAND_BLANK = "\u00a0" * 8  # room for a hand-written number or date, as the PDF leaves


def _segments(segments):
    return " ".join(HAND_BLANK if s is None else s for s in segments)


def _page(doc):
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = CENTER
    word.page_field(number)
    style = doc.styles["Normal"]
    word.set_font(style, 14)
    style.paragraph_format.line_spacing = 1.0
    style.paragraph_format.space_after = Pt(0)


def _issuer(cell, issuer):
    if issuer["superior"]:
        word.cell_paragraph(cell, issuer["superior"], size=12)
    word.cell_paragraph(cell, issuer["name"], size=12, bold=True)
    word.short_rule(word.cell_paragraph(cell, "", after=4), [issuer["name"]], 12, HEADER_ROOM)


def _header(doc, doc_context):
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    word.no_borders(table)
    word.fix_widths(table, HEADER_WIDTHS)
    left, right = table.rows[0].cells
    for issuer in doc_context["issuers"]:
        _issuer(left, issuer)
    word.cell_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    motto = word.cell_paragraph(right, "")
    word.add_run(motto, "Độc lập - Tự do - Hạnh phúc", 13, bold=True, underline=True)
    number, date = table.rows[1].cells
    word.cell_paragraph(number, _segments(doc_context["number"]), size=13).paragraph_format.space_before = Pt(6)
    word.cell_paragraph(date, _segments(doc_context["date"]), size=13, italic=True).paragraph_format.space_before = Pt(6)


def _title(doc, doc_context):
    word.paragraph(doc, doc_context["doc_name"], bold=True, align=CENTER, before=18)
    word.paragraph(doc, doc_context["title"], bold=True, align=CENTER)
    if doc_context["revision"]:
        word.paragraph(doc, doc_context["revision"], bold=True, align=CENTER)
    titled = [doc_context["title"], doc_context["revision"]]
    word.short_rule(word.paragraph(doc, "", align=CENTER, after=12), [t for t in titled if t], 14, TEXT_WIDTH)


def _text(doc, text):
    word.paragraph(doc, text, align=JUSTIFY, indent=INDENT, after=6)


def _heading(doc, number, title, depth):
    word.paragraph(doc, f"{number} {title}".strip(), bold=depth < 2, align=JUSTIFY, indent=INDENT, after=6)


def _month_table(doc, table_data):
    if table_data["title"]:
        word.paragraph(doc, table_data["title"], bold=True, align=CENTER, before=12, after=6)
    columns = table_data["columns"]
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    fixed = sum(COLUMN_SHARE.get(c["key"], 0) for c in columns)
    content_share = max(1 - fixed, 0.3) if any(c["key"] == "content" for c in columns) else 0
    widths = [int(TEXT_WIDTH * COLUMN_SHARE.get(c["key"], content_share) / (fixed + content_share)) for c in columns]
    # Widths before the rows: each appended row copies them from the grid.
    word.fix_widths(table, widths)
    head = table.rows[0]
    word.repeat_header(head)
    for cell, column in zip(head.cells, columns):
        word.cell_paragraph(cell, column["label"], bold=True)
    _fill_rows(table, [row for body in table_data["bodies"] for row in body], [c["key"] for c in columns])
    word.paragraph(doc, "", size=6)


def _fill_rows(table, rows, keys):
    """Each row filled from the cells of the row just appended, never through `table.cell()`:
    python-docx rebuilds the whole grid for each such lookup, which made the export quadratic in
    the rows. A time cell spanning its month's rows is a vertical merge over the rows below it."""
    spanning = [0] * len(keys)  # rows still covered by a merged cell above, per column
    blank = word.blank_row(table)
    for row in rows:
        cells = word.append_row(table, blank)
        placed = {keys.index(cell_data["key"]): cell_data for cell_data in row["cells"]}
        for column, cell in enumerate(cells):
            if spanning[column]:
                spanning[column] -= 1
                word.merge_down(cell, restart=False)
                continue
            cell_data = placed.get(column)
            if cell_data is None:
                continue
            align = CENTER if cell_data["key"] in CENTRED else JUSTIFY
            for line in cell_data["text"].split("\n"):
                word.cell_paragraph(cell, line, align=align)
            if cell_data["rowspan"] > 1:
                word.merge_down(cell, restart=True)
                spanning[column] = cell_data["rowspan"] - 1


def _body(doc, section):
    for group in section["groups"]:
        if group["title"]:
            _heading(doc, group["number"], group["title"], group["depth"])
        for target in group["targets"]:
            _text(doc, target["text"])
    for table_data in section["tables"]:
        _month_table(doc, table_data)
    for text in section["paragraphs"]:
        _text(doc, text)
    _sections(doc, section["sections"])


def _sections(doc, sections):
    for section in sections:
        _heading(doc, section["number"], section["title"], section["depth"])
        _body(doc, section)


def _signer(cell, signer):
    for line in signer["authority"]:
        word.cell_paragraph(cell, line, size=14, bold=True)
    word.cell_paragraph(cell, signer["position"], size=14, bold=True)
    for _ in range(4):
        word.cell_paragraph(cell, "", size=14)
    if signer["name"]:
        word.cell_paragraph(cell, signer["name"], size=14, bold=True)


def _recipients(cell, recipients):
    if not recipients:
        return
    word.cell_paragraph(cell, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT)
    for recipient in recipients:
        word.cell_paragraph(cell, f"- {recipient}", size=11, align=LEFT)


def _signature(doc, doc_context):
    signers, recipients = doc_context["signers"], doc_context["recipients"]
    if not signers and not recipients:
        return
    two = len(signers) == 2
    table = doc.add_table(rows=2 if two else 1, cols=2)
    word.no_borders(table)
    word.fix_widths(table, (Mm(82), Mm(83)) if two else SIGNATURE_WIDTHS)
    if two:
        for cell, signer in zip(table.rows[0].cells, signers):
            _signer(cell, signer)
        _recipients(table.cell(1, 0), recipients)
    else:
        _recipients(table.cell(0, 0), recipients)
        for signer in signers:
            _signer(table.cell(0, 1), signer)


def _appendices(doc, appendices):
    """As the PDF prints them (NĐ 30: an appendix numbers its own pages): a new section starting
    on a new page, its numbering restarted at 1, no number on its first page. The section keeps
    the document's headers (python-docx links them) and the first-page setting."""
    for appendix in appendices:
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        word.restart_page_numbers(section)
        word.paragraph(doc, appendix["label"], bold=True, align=CENTER)
        word.paragraph(doc, appendix["title"], bold=True, align=CENTER)
        word.paragraph(doc, _segments(appendix["note"]), italic=True, align=CENTER, after=12)
        _body(doc, appendix)


def render_docx(data, revision=""):
    """The document as .docx bytes; the same data always gives the same layout and properties.
    `revision` is the line naming the document a correction replaces, as for the PDF."""
    doc_context = context.document(data, revision)
    doc = Document()
    _page(doc)
    _header(doc, doc_context)
    _title(doc, doc_context)
    for key in ("bases", "preamble"):
        for text in doc_context[key]:
            _text(doc, text)
    _sections(doc, doc_context["sections"])
    for text in doc_context["closing"]:
        _text(doc, text)
    _signature(doc, doc_context)
    _appendices(doc, doc_context["appendices"])
    props = doc.core_properties
    props.title, props.author = doc_context["meta_title"], doc_context["meta_author"]
    created = datetime.datetime.fromisoformat(doc_context["meta_created"])
    props.created = props.modified = created
    props.last_modified_by = doc_context["meta_author"]
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
