"""The few WordprocessingML details python-docx has no API for: fields, rules, repeated header
rows, rows kept whole, fixed column widths and the fonts of every script."""
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

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


def add_run(par, text, size=14, bold=False, italic=False, underline=False):
    run = par.add_run(text)
    set_font(run, size)
    run.bold, run.italic, run.underline = bold, italic, underline
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
    """A solid rule under a centred paragraph, shortened by its indents (the short rule of NĐ 30)."""
    ppr = par._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    par.paragraph_format.left_indent = indent_left
    par.paragraph_format.right_indent = indent_right


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


def keep_row_whole(row):
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


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
