from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Municipio(index.Indexed, models.Model):
    """One of the nine administrative districts of Milan."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("short description"), blank=True)

    panels = [FieldPanel("number"), FieldPanel("name"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.FilterField("number"),
    ]

    class Meta:
        ordering = ["number"]
        verbose_name = _("Municipio")
        verbose_name_plural = _("Municipi")

    def __str__(self):
        return _("Municipio %(number)s") % {"number": self.number}

    @property
    def full_name(self):
        return f"{self}: {self.name}"
