"""Spreadsheet cells that cannot run as formulas (CSV injection).

A cell that starts with one of these characters is read as a formula by spreadsheet programs;
a quote in front keeps it text. Wagtail's admin CSV exports (listings, reports, form
submissions) write values as they are, so `protect_wagtail_exports` routes them through here.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def protect_wagtail_exports():
    write_csv_row = SpreadsheetExportMixin.write_csv_row

    def write_safe_csv_row(self, writer, row_dict):
        return write_csv_row(
            self, writer, {key: safe_cell(value) for key, value in row_dict.items()}
        )

    SpreadsheetExportMixin.write_csv_row = write_safe_csv_row
