"""Cells of the Excel files the app writes.

A cell whose text begins with =, +, -, @, a tab or a carriage return is a formula to Excel or
LibreOffice once someone edits it (or, for =, at once): a member named =HYPERLINK(...) would
become a link to anywhere in the federation's export. Such text is written as a text cell with
Excel's quote prefix, so it stays text even when the cell is edited.
"""
from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(sheet, value, **style):
    """`value` as a cell of `sheet` (write-only or not), with `style` (font=..., number_format=...)."""
    made = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        made.data_type = "s"
        made.quotePrefix = True
    for name, setting in style.items():
        setattr(made, name, setting)
    return made


def row(sheet, values):
    """A row of cells for `sheet.append`, every text made safe as above."""
    return [value if not isinstance(value, str) else cell(sheet, value) for value in values]
