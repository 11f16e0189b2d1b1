"""PostgreSQL's full-text search in Italian with accents folded ("citta" finds "città").

`italian_unaccent` is Italian stemming after `unaccent`, the configuration the search backend
indexes and queries with (WAGTAILSEARCH_BACKENDS). Other databases need nothing: SQLite's FTS5
tokenizer already folds accents (it has no stemming)."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'italian_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION italian_unaccent (COPY = italian);
        ALTER TEXT SEARCH CONFIGURATION italian_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, italian_stem;
    END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS italian_unaccent;"


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
