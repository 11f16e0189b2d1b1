from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from cms.cache import site_data

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each of the site's languages, for the language switch."""
    request = context["request"]
    current = translation.get_language()
    return [
        {
            "code": code,
            "name": name,
            "url": translate_url(request.get_full_path(), code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


@register.filter
def is_current_section(request_path, href):
    """True when the visitor is on `href` or below it (for aria-current in menus)."""
    if not href or href == "/":
        return request_path == href
    return request_path.startswith(href)


@register.simple_tag(takes_context=True)
def querystring_with(context, **changes):
    """The current query string with some parameters replaced (for pagination and filters)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu's links (`label`, `href`), read once per change of the site."""
    from cms.models import NavigationSettings

    request = context["request"]

    def links():
        menu = NavigationSettings.for_request(request).main_menu
        return [{"label": item.value["label"], "href": item.value.href()} for item in menu]

    return site_data(request, "main-menu", links)


@register.tag
def until_site_changes(parser, token):
    """`{% until_site_changes "footer" %}…{% end_until_site_changes %}`: the enclosed part,
    rendered once per language until the site changes. Only for parts that show nothing but
    site settings, menus and snippets."""
    name = parser.compile_filter(token.split_contents()[1])
    nodelist = parser.parse(("end_until_site_changes",))
    parser.delete_first_token()
    return SitePartNode(name, nodelist)


class SitePartNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        name = self.name.resolve(context)
        return site_data(context["request"], f"part:{name}", lambda: self.nodelist.render(context))
