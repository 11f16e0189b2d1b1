from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

register = template.Library()

FORMATS = {"date": "j F Y", "datetime": "j F Y, H:i", "long": "l j F Y, H:i"}


@register.filter(expects_localtime=True)
def long_date(value, style="date"):
    """A date in words; Italian writes month and weekday names in lower case."""
    if not value:
        return ""
    text = date_format(value, FORMATS[style])
    return text.lower() if get_language() == "it" else text
