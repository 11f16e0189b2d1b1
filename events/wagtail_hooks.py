from django.urls import include, path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.search import SEARCH_KINDS_HOOK
from events import admin_views, search
from events.models import EventIndexPage, EventPage, Registration, Speaker

HOME_SECTION_SIZE = 3


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "title", "organisation"]
    search_fields = ["name", "organisation", "title"]
    ordering = ["name"]


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Registrations are made by the public, never added by hand in the admin, and never
    deleted: cancelling one (`events_admin:cancel`) gives its seat to the waiting list."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Registrations")
    menu_order = 320
    add_to_admin_menu = True
    url_prefix = "events/registrations"
    index_view_class = admin_views.RegistrationIndexView
    copy_view_enabled = False
    list_display = ["name", "email", "event", "status", "created_at", "checked_in_at"]
    list_filter = {"event": ["exact"], "status": ["exact"], "checked_in_at": ["isnull"]}
    search_fields = ["name", "email", "checkin_code"]
    list_export = [
        "event",
        "name",
        "email",
        "get_status_display",
        "answers_display",
        "checkin_code",
        "created_at",
        "confirmed_at",
        "waitlisted_at",
        "cancelled_at",
        "checked_in_at",
    ]
    export_headings = {"get_status_display": _("Status")}
    export_filename = "iscrizioni-eventi"
    form_fields = ["name", "email"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "event",
        "name",
        "email",
        "status",
        "answers_display",
        "checkin_code",
        "created_at",
        "consent_at",
        "confirmed_at",
        "waitlisted_at",
        "cancelled_at",
        "checked_in_at",
        "reminder_sent_at",
    ]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return Registration.objects.select_related("event")


register_snippet(SpeakerViewSet)
register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet("event_registrations")


@hooks.register("register_admin_urls")
def register_checkin_urls():
    urls = [
        path("", admin_views.checkin_today, name="checkin_today"),
        path("<id:event_id>/", admin_views.checkin, name="checkin"),
        path("codice/<str:code>/", admin_views.checkin_code, name="checkin_code"),
        path("annulla/<id:registration_id>/", admin_views.cancel_registration, name="cancel"),
    ]
    return [path("events/checkin/", include((urls, "events_admin"), namespace="events_admin"))]


class CheckinMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.CHECKIN_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_checkin_menu_item():
    return CheckinMenuItem(
        _("Check-in"), reverse_lazy("events_admin:checkin_today"), icon_name="tick", order=330
    )


def event_admin_buttons(page, user, priority):
    if page.specific_class is not EventPage:
        return
    if user.has_perm("events.view_registration"):
        url = reverse("event_registrations:index") + f"?event={page.pk}"
        yield Button(_("Registrations"), url=url, icon_name="group", priority=priority)
    if user.has_perm(admin_views.CHECKIN_PERMISSION):
        url = reverse("events_admin:checkin", args=[page.pk])
        yield Button(_("Check-in"), url=url, icon_name="tick", priority=priority + 1)


@hooks.register("register_page_header_buttons")
def event_page_header_buttons(page, user, view_name, next_url=None):
    yield from event_admin_buttons(page, user, priority=80)


@hooks.register("register_page_listing_more_buttons")
def event_page_listing_buttons(page, user, next_url=None):
    yield from event_admin_buttons(page, user, priority=70)


@hooks.register("register_home_section")
def upcoming_events_section(request):
    events = (
        EventPage.objects.live()
        .public()
        .upcoming()
        .select_related("municipio", "image")
        .with_seats_taken()
        .order_by("start")[:HOME_SECTION_SIZE]
    )
    return {
        "template": "events/home_section.html",
        "order": 10,
        "events": list(events),
        "index_page": EventIndexPage.objects.live().first(),
        "now": timezone.now(),
    }


hooks.register(SEARCH_KINDS_HOOK, search.event_kind)
