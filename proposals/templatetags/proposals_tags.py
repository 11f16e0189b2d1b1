from django import template

from proposals.rules import permission_for
from proposals.users import display_name as user_display_name

register = template.Library()


@register.filter
def display_name(user):
    """The public name of a person (nickname), never the real name."""
    return user_display_name(user)


@register.simple_tag(takes_context=True)
def permission(context, action, obj):
    """`{% permission "support_proposal" proposal as can %}`: `can.allowed`, `can.reason`,
    `can.needs_login`. The same rules the views enforce."""
    return permission_for(context["request"].user, action, obj)


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
