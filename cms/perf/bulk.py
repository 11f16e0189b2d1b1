"""Fast inserts for the city-scale data set: COPY on PostgreSQL, batched INSERTs elsewhere.

Rows carry explicit primary keys, so related rows can point at them before they exist in the
database; sequences are moved past the new keys afterwards.
"""

import itertools

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection
from django.db.models import F, JSONField, Max
from wagtail.models import Page

BATCH_SIZE = 5000


def next_pk(model):
    return (model._base_manager.aggregate(top=Max("pk"))["top"] or 0) + 1


def insert_rows(model, columns, rows):
    """Insert `rows` (tuples in the order of `columns`, attribute names) into `model`'s table."""
    fields = [model._meta.get_field(name) for name in columns]
    table = connection.ops.quote_name(model._meta.db_table)
    column_sql = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    if connection.vendor == "postgresql":
        count = _copy(table, column_sql, fields, rows)
    else:
        count = _executemany(table, column_sql, fields, rows)
    reset_sequence(model)
    return count


def _copy(table, column_sql, fields, rows):
    json_positions = [i for i, field in enumerate(fields) if isinstance(field, JSONField)]
    count = 0
    sql = f"COPY {table} ({column_sql}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            if json_positions:
                row = list(row)
                for i in json_positions:
                    row[i] = fields[i].get_db_prep_save(row[i], connection)
            copy.write_row(row)
            count += 1
    return count


def _executemany(table, column_sql, fields, rows):
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({column_sql}) VALUES ({placeholders})"
    count = 0
    rows = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(itertools.islice(rows, BATCH_SIZE)):
            cursor.executemany(
                sql,
                [
                    [
                        field.get_db_prep_save(value, connection)
                        for field, value in zip(fields, row, strict=True)
                    ]
                    for row in batch
                ],
            )
            count += len(batch)
    return count


def reset_sequence(model):
    statements = connection.ops.sequence_reset_sql(no_style(), [model])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def add_child_pages(parent, pages, published_at, translation_keys):
    """Add live `pages` (unsaved instances of one specific type) below `parent` in bulk.

    Treebeard's materialised paths are computed here as `add_child` would, the base `Page` rows
    are bulk-created, then the specific rows are inserted pointing at them.
    """
    if not pages:
        return []
    parent = Page.objects.get(pk=parent.pk)
    last_child = parent.get_last_child()
    first_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    model = type(pages[0])
    content_type_id = ContentType.objects.get_for_model(model).pk
    for offset, (page, key) in enumerate(zip(pages, translation_keys, strict=True)):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, first_step + offset)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type_id = content_type_id
        page.locale_id = parent.locale_id
        page.translation_key = key
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title
        page.first_published_at = page.last_published_at = published_at
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    base_rows = [
        Page(**{field.attname: getattr(page, field.attname) for field in base_fields})
        for page in pages
    ]
    Page.objects.bulk_create(base_rows, batch_size=500)
    for page, row in zip(pages, base_rows, strict=True):
        page.id = page.page_ptr_id = row.pk
    local_fields = model._meta.local_concrete_fields
    for start in range(0, len(pages), 500):
        model._base_manager._insert(pages[start : start + 500], fields=local_fields)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages
