"""The site's personal parts of its base template: the account menu and the messages.

They are filled in per reader on the pages the participation plugin renders once for everyone
(`proposals.personal`), and at once on every other page."""

from django.contrib.messages import get_messages
from django.template.loader import get_template

from proposals.personal import csrf_context, filler


@filler("account")
def account_menu(request, keys):
    context = {"request": request, "user": request.user, **csrf_context(request)}
    return dict.fromkeys(keys, get_template("includes/account_menu.html").render(context))


@filler("messages")
def messages(request, keys):
    context = {"messages": get_messages(request)}
    return dict.fromkeys(keys, get_template("includes/messages.html").render(context))
