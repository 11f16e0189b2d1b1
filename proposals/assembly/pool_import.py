"""Import of the pool from the questionnaire's CSV export: all rows or none."""

import csv
import io

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from .models import PoolPerson

HEADER = (
    "id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "age_band",
    "gender",
    "municipio",
    "nationality_group",
    "education",
    "employment",
    "consent_publication",
)
REQUIRED = (
    "id",
    "first_name",
    "last_name",
    "age_band",
    "gender",
    "municipio",
    "nationality_group",
    "education",
    "employment",
)
FIELD_FOR_COLUMN = {"id": "external_id", "consent_publication": "consents_to_publication"}
YES = {"si", "sì", "yes", "true", "1", "s", "y"}
NO = {"no", "false", "0", "n", ""}
MAX_BYTES = 5 * 1024 * 1024


class PoolImportError(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


def _decode(raw):
    if len(raw) > MAX_BYTES:
        raise PoolImportError([_("The file is larger than 5 MB.")])
    if b"\x00" in raw:
        raise PoolImportError([_("This is not a CSV text file.")])
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PoolImportError([_("The file is not UTF-8 text.")])


def _check_header(fieldnames):
    found = [name.strip().lower() for name in fieldnames or []]
    missing = [name for name in HEADER if name not in found]
    if missing:
        return [_("Missing columns in the header: %(names)s.") % {"names": ", ".join(missing)}]
    return []


def _clean_row(line, row, seen):
    errors = []
    values = {name: (row.get(name) or "").strip() for name in HEADER}
    for name in REQUIRED:
        if not values[name]:
            errors.append(_("Line %(line)d: %(name)s is empty.") % {"line": line, "name": name})
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors.append(_("Line %(line)d: the email address is not valid.") % {"line": line})
    consent = values["consent_publication"].lower()
    if consent not in YES | NO:
        errors.append(_("Line %(line)d: consent_publication must be yes or no.") % {"line": line})
    if values["id"] in seen:
        errors.append(
            _("Line %(line)d: the id %(id)s is already on line %(other)d.")
            % {"line": line, "id": values["id"], "other": seen[values["id"]]}
        )
    seen.setdefault(values["id"], line)
    fields = {FIELD_FOR_COLUMN.get(name, name): value for name, value in values.items()}
    fields["consents_to_publication"] = consent in YES
    return fields, errors


def parse_pool(raw):
    """Rows of the file as PoolPerson field dicts; raises PoolImportError listing every bad row."""
    reader = csv.DictReader(io.StringIO(_decode(raw), newline=""))
    header_errors = _check_header(reader.fieldnames)
    if header_errors:
        raise PoolImportError(header_errors)
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
    people, errors, seen = [], [], {}
    for row in reader:
        fields, row_errors = _clean_row(reader.line_num, row, seen)
        people.append(fields)
        errors.extend(row_errors)
    if not people and not errors:
        errors.append(_("The file has no rows."))
    if errors:
        raise PoolImportError(errors)
    return people


def import_pool(cycle, raw):
    """Add the file's people to the cycle's pool: every row, or nothing. Returns how many."""
    people = parse_pool(raw)
    known = set(
        cycle.pool.filter(external_id__in=[p["external_id"] for p in people]).values_list(
            "external_id", flat=True
        )
    )
    if known:
        raise PoolImportError(
            [_("These ids are already in the pool: %(ids)s.") % {"ids": ", ".join(sorted(known))}]
        )
    if cycle.has_selection:
        raise PoolImportError([_("The draw for this cycle has already been made.")])
    with transaction.atomic():
        PoolPerson.objects.bulk_create(PoolPerson(cycle=cycle, **person) for person in people)
    return len(people)
