from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField


class LinkValue(blocks.StructValue):
    def href(self):
        page = self.get("page")
        return page.url if page else self.get("url")


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Address"), required=False, help_text=_("A path such as /eventi/ or a full URL")
    )

    class Meta:
        icon = "link"
        label = _("Link")
        value_class = LinkValue

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": blocks.BlockValidationError(_("Choose a page or an address."))}
            )
        return value


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        label=_("Network"),
        choices=[
            ("facebook", "Facebook"),
            ("instagram", "Instagram"),
            ("linkedin", "LinkedIn"),
            ("youtube", "YouTube"),
            ("telegram", "Telegram"),
            ("x", "X"),
        ],
    )
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "site"
        label = _("Social link")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    main_menu = StreamField([("link", LinkBlock())], verbose_name=_("main menu"), blank=True)
    footer_menu = StreamField([("link", LinkBlock())], verbose_name=_("footer links"), blank=True)

    panels = [FieldPanel("main_menu"), FieldPanel("footer_menu")]

    class Meta:
        verbose_name = _("navigation")


@register_setting(icon="mail")
class SiteContactSettings(BaseSiteSetting):
    organisation = models.CharField(_("organisation"), max_length=160, default="Comune di Milano")
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    pec = models.EmailField(_("certified email (PEC)"), blank=True)
    vat_number = models.CharField(_("tax code / VAT number"), max_length=40, blank=True)
    social_links = StreamField(
        [("social", SocialLinkBlock())], verbose_name=_("social links"), blank=True
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cookie_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("cookie policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_notes_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("legal notes page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("pec"),
                FieldPanel("vat_number"),
            ],
            heading=_("Contacts"),
        ),
        FieldPanel("social_links"),
        MultiFieldPanel(
            [
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("cookie_page"),
                FieldPanel("legal_notes_page"),
            ],
            heading=_("Legal pages"),
        ),
    ]

    class Meta:
        verbose_name = _("contacts and legal pages")
