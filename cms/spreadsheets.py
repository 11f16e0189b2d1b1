"""Spreadsheet cells that cannot run as formulas (CSV injection).

A cell that starts with one of these characters is read as a formula by spreadsheet programs;
a quote in front keeps it text. A program that splits cells on ";" (Excel in Italian) or on line
ends inside a value sees a new cell after one, so a formula there is neutralised too. Wagtail's
admin CSV exports (listings, reports, form submissions) write values as they are, so
`protect_wagtail_exports` routes what they write, after Wagtail has turned it into text, through
here.
"""

import re
from numbers import Number

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_INSIDE = re.compile(r"([;\n\r])(?=[=+\-@\t])")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, Number):
        return value
    text = FORMULA_INSIDE.sub(r"\1'", str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def protect_wagtail_exports():
    def write_safe_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: safe_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    SpreadsheetExportMixin.write_csv_row = write_safe_csv_row
