"""Status badges are readable: text and background contrast at least 4.5:1."""

from types import SimpleNamespace

from django.template.loader import render_to_string


def test_the_waiting_list_badge_is_white_on_the_dark_warning_colour():
    html = render_to_string(
        "events/includes/registration_badge.html",
        {"event": SimpleNamespace(registration_state="waitlist")},
    )

    assert "bg-warning text-white" in html and "text-dark" not in html
