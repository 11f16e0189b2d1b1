"""Italian date formats as the City writes them: "1 gennaio 2026", no leading zero."""

from django.conf.locale.it.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
