from django import template

from proposals.responses.services import (
    attach_responses,
    published_response_for,
    response_record_for,
)

register = template.Library()


@register.simple_tag
def published_response(target):
    """`{% published_response proposal as answer %}`: the live answer, or None."""
    return published_response_for(target)


@register.simple_tag
def city_response(target):
    """The answer record, published or not: use only its clock unless `is_answered`."""
    return response_record_for(target)


@register.simple_tag
def prefetch_city_responses(targets):
    """`{% prefetch_city_responses page_obj.object_list %}` once before a list: one query."""
    attach_responses(targets)
    return ""
