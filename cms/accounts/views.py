import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.accounts.forms import DeleteAccountForm, ProfileForm
from cms.accounts.privacy import collect_personal_data, erase_account
from cms.cache import SITE, invalidate


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        if "nickname" in form.changed_data:
            invalidate(SITE)  # pages show the nickname next to proposals and comments
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_POST
def export_data(request):
    data = {"exported_at": timezone.now(), **collect_personal_data(request.user)}
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    filename = f"milano-partecipa-dati-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            erase_account(request.user)
            invalidate(SITE)  # their contributions now read "deleted user"
        logout(request)
        messages.success(request, _("Your account has been deleted. Thank you for taking part."))
        return redirect("/")
    return render(request, "accounts/delete_account.html", {"form": form})
