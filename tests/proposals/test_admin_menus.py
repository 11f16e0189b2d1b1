"""Each person sees in the admin menu only what they may open."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from proposals.groups import ASSEMBLY_MANAGERS, MODERATORS, ensure_role_groups
from proposals.responses.permissions import EDITORS, grant_default_permissions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def admin_menu_of(client, group_name):
    ensure_role_groups()
    Group.objects.get_or_create(name=group_name)
    grant_default_permissions()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    with translation.override("it"):
        return client.get(reverse("wagtailadmin_home")).content.decode()


def test_answer_editors_do_not_see_the_assembly_or_moderation(client, site):
    menu = admin_menu_of(client, EDITORS)
    assert "Assemblea dei cittadini" not in menu
    assert "Segnalazioni" not in menu


def test_moderators_see_participation_but_not_the_assembly(client, site):
    menu = admin_menu_of(client, MODERATORS)
    assert "Segnalazioni" in menu
    assert "Assemblea dei cittadini" not in menu


def test_assembly_managers_see_the_assembly(client, site):
    assert "Assemblea dei cittadini" in admin_menu_of(client, ASSEMBLY_MANAGERS)
