import uuid

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CitizenManager(UserManager):
    def create_user(self, username=None, email=None, password=None, **extra_fields):
        return super().create_user(username or email, email, password, **extra_fields)

    def create_superuser(self, username=None, email=None, password=None, **extra_fields):
        return super().create_superuser(username or email, email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account: a citizen, an assembly member or a member of staff.

    The public sees only the nickname; the real name is for staff. A deleted account keeps its
    row (so supports and comments stay consistent) with every personal field erased.
    """

    class NotificationFrequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately")
        DAILY = "daily", _("Daily digest")
        NONE = "none", _("Never")

    email = models.EmailField(_("email address"), unique=True)
    nickname = models.CharField(
        _("public nickname"),
        max_length=40,
        blank=True,
        help_text=_("Shown next to your contributions instead of your name."),
    )
    municipio = models.ForeignKey(
        "cms.Municipio",
        verbose_name=_("Municipio of residence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
    )
    notification_frequency = models.CharField(
        _("email notifications"),
        max_length=10,
        choices=NotificationFrequency.choices,
        default=NotificationFrequency.IMMEDIATE,
    )
    language = models.CharField(_("language"), max_length=5, default="it")
    deleted_at = models.DateTimeField(_("deleted on"), null=True, blank=True, editable=False)

    objects = CitizenManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.public_name

    @property
    def public_name(self):
        if self.deleted_at:
            return str(_("deleted user"))
        return self.nickname or str(_("citizen #%(id)s") % {"id": self.pk})

    def erase_personal_data(self):
        """Anonymise the account; public contributions stay, attributed to 'deleted user'."""
        placeholder = f"deleted-{uuid.uuid4().hex}"
        self.username = placeholder
        self.email = f"{placeholder}@invalid"
        self.first_name = self.last_name = self.nickname = ""
        self.municipio = None
        self.notification_frequency = self.NotificationFrequency.NONE
        self.is_active = self.is_staff = self.is_superuser = False
        self.set_unusable_password()
        self.deleted_at = timezone.now()
        self.save()
        self.emailaddress_set.all().delete()
        self.groups.clear()
        self.user_permissions.clear()
