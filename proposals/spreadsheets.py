"""CSV files whose cells cannot run as formulas in a spreadsheet program (CSV injection)."""

import csv
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel in Italian splits cells on ";", and some programs on line ends inside a value.
FORMULA_INSIDE = re.compile(r"([;\n\r])(?=[=+\-@\t])")


def safe_cell(value):
    if not isinstance(value, str):
        return value
    text = FORMULA_INSIDE.sub(r"\1'", value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeDictWriter(csv.DictWriter):
    def writerow(self, rowdict):
        return super().writerow({key: safe_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts):
        for rowdict in rowdicts:
            self.writerow(rowdict)


class SafeWriter:
    def __init__(self, stream):
        self.writer = csv.writer(stream)

    def writerow(self, row):
        return self.writer.writerow([safe_cell(value) for value in row])
