"""The few WordprocessingML details python-docx has no API for: fields, rules, repeated header
rows, rows kept whole, fixed column widths and the fonts of every script."""
import copy
import functools
from pathlib import Path

from django.conf import settings
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.simpletypes import ST_Merge
from docx.shared import Pt
from docx.table import _Cell
from docx.text.run import Run
from fontTools.ttLib import TTFont

FONT = "Times New Roman"


def set_font(style_or_run, size=None):
    """Times New Roman for Latin, East Asian and complex scripts alike: Word picks the font per
    script, and Vietnamese letters with stacked marks otherwise fall to a fallback font."""
    font = style_or_run.font
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def paragraph(container, text="", size=14, bold=False, italic=False, align=None, indent=None,
              after=0, before=0, underline=False):
    par = container.add_paragraph()
    fmt = par.paragraph_format
    fmt.space_after, fmt.space_before = Pt(after), Pt(before)
    if align is not None:
        par.alignment = align
    if indent is not None:
        fmt.first_line_indent = indent
    if text:
        add_run(par, text, size, bold, italic, underline)
    return par


@functools.cache
def _run_properties(size, bold, italic, underline):
    """The w:rPr of a run of this font, made once: python-docx's setters look up and order each
    child element on every run, a good part of a long month table's export."""
    run = Run(OxmlElement("w:r"), None)
    set_font(run, size)
    run.bold, run.italic, run.underline = bold, italic, underline
    return run._r.rPr


def add_run(par, text, size=14, bold=False, italic=False, underline=False):
    run = par.add_run(text)
    run._r.insert(0, copy.deepcopy(_run_properties(size, bold, italic, underline)))
    return run


def first_paragraph(cell):
    """A new cell holds one empty paragraph; use it rather than leave a blank line on top."""
    par = cell.paragraphs[0]
    if par.text or par.runs:
        return cell.add_paragraph()
    return par


def cell_paragraph(cell, text, size=13, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, after=0):
    par = first_paragraph(cell)
    par.alignment = align
    par.paragraph_format.space_after = Pt(after)
    if text:
        add_run(par, text, size, bold, italic)
    return par


def bottom_rule(par, indent_left, indent_right):
    """A solid rule right under the paragraph before `par`, shortened by its indents (the short
    rule of NĐ 30). `par` is an empty paragraph four points high: a border on the text's own
    paragraph could be no shorter than its text, and an empty paragraph of the default height puts
    the rule a line lower in LibreOffice."""
    ppr = par._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "0"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    fmt = par.paragraph_format
    fmt.left_indent, fmt.right_indent = indent_left, indent_right
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(4)


@functools.cache
def _bold_advances():
    """Advance widths (in em) of the bold face the PDF bundles: Times New Roman's metric twin."""
    font = TTFont(Path(settings.STATICFILES_DIRS[0]) / "fonts" / "LiberationSerif-Bold.ttf")
    scale = font["head"].unitsPerEm
    metrics = font["hmtx"]
    return {code: metrics[name][0] / scale for code, name in font.getBestCmap().items()}


def widest_line(texts, size, room):
    """The width in points of the widest line bold `texts` wrap to, word by word, in `room` points."""
    advances = _bold_advances()
    space = advances[ord(" ")] * size
    widest = 0
    for text in texts:
        line = -space
        for word_ in text.split():
            width = sum(advances.get(ord(char), 0.5) for char in word_) * size
            if line + space + width > room and line > 0:
                widest, line = max(widest, line), width
            else:
                line += space + width
        widest = max(widest, line)
    return min(widest, room)


def short_rule(par, texts, size, room):
    """The NĐ 30 rule under a bold name or trích yếu, 1/3 to 1/2 of its widest line: 5/12, the middle,
    so that Word's line breaks may differ a little from the estimate."""
    side = Pt((room.pt - widest_line(texts, size, room.pt) * 5 / 12) / 2)
    bottom_rule(par, side, side)


def page_field(par):
    """A PAGE field: Word and LibreOffice fill in each page's number."""
    run = par.add_run()
    set_font(run, 13)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def restart_page_numbers(section, start=1):
    """Number the section's pages from `start` (w:pgNumType, in its place in w:sectPr)."""
    sect_pr = section._sectPr
    numbering = sect_pr.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        sect_pr.insert_element_before(
            numbering, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
            "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
        )
    numbering.set(qn("w:start"), str(start))


def repeat_header(row):
    """The table's header row printed again on every page it runs onto."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))


def append_row(table, blank):
    """The cells of a new last row, a copy of the `blank` one (kept whole on a page, its cells of
    the columns' widths); read from the row's own elements, since `row.cells` and `table.cell()`
    walk the rows above to resolve merges."""
    tr = copy.deepcopy(blank)
    table._tbl.append(tr)
    return [_Cell(tc, table) for tc in tr.tc_lst]


def blank_row(table):
    """A row to copy for each row of `table`'s body: python-docx sets each new cell's width anew."""
    row = table.add_row()
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    table._tbl.remove(row._tr)
    return row._tr


def merge_down(cell, restart):
    """Start (`restart`) or continue a vertical merge: the cell above spans this row too."""
    cell._tc.vMerge = ST_Merge.RESTART if restart else ST_Merge.CONTINUE


def fix_widths(table, widths):
    """Fixed layout with the given column widths, so Word and LibreOffice agree on the breaks."""
    table.autofit = False
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    for column, width in zip(table.columns, widths):
        column.width = width


def no_borders(table):
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tblpr.append(borders)
