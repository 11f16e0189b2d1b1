from django import template

from proposals import personal as personal_parts
from proposals.users import display_name as user_display_name

register = template.Library()


@register.filter
def display_name(user):
    """The public name of a person (nickname), never the real name."""
    return user_display_name(user)


@register.simple_tag(takes_context=True)
def personal(context, kind, *key):
    """`{% personal "support_box" proposal.pk %}`: a part of the page that depends on the reader
    (proposals.personal). The key's pieces are joined with dots."""
    request = context.get("request")
    if request is None:  # an error page rendered without a request: nobody to fill in for
        return ""
    return personal_parts.part(request, kind, ".".join(map(str, key)))


@register.simple_tag(takes_context=True)
def page_query(context, number, param="", fragment=""):
    """The current query string with one page parameter changed: `{% page_query 3 "commenti" %}`."""
    query = context["request"].GET.copy()
    query[param or "page"] = number
    return f"?{query.urlencode()}{fragment}"


@register.simple_tag
def comment_positions():
    from proposals.models import Comment

    return Comment.Position.choices
