"""Builders for the strategic plan and atlas: pages need a parent, so these are functions."""

import itertools
import json
from decimal import Decimal

import factory
from django.utils.text import slugify

from cms.plan import models

_sequence = itertools.count(1)


class VocabularyFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Termine {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


def vocabulary_factory(model):
    return type(
        f"{model.__name__}Factory",
        (VocabularyFactory,),
        {"Meta": type("Meta", (), {"model": model, "django_get_or_create": ["slug"]})},
    )


LocalisationFactory = vocabulary_factory(models.Localisation)
ActionAmbitFactory = vocabulary_factory(models.ActionAmbit)
CriticalIssueAmbitFactory = vocabulary_factory(models.CriticalIssueAmbit)
ScaleFactory = vocabulary_factory(models.Scale)
ActorTypeFactory = vocabulary_factory(models.ActorType)
InterventionKindFactory = vocabulary_factory(models.InterventionKind)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Municipality
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Comune {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    latitude = Decimal("45.500000")
    longitude = Decimal("9.100000")


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def plan_page(home, **fields):
    fields.setdefault("title", "Piano strategico")
    fields.setdefault("slug", "piano-strategico")
    return publish(home, models.StrategicPlanPage(**fields))


def zone_index(plan, **fields):
    fields.setdefault("title", "Zone omogenee")
    fields.setdefault("slug", "zone-omogenee")
    return publish(plan, models.ZoneIndexPage(**fields))


def zone(index, title, **fields):
    fields.setdefault("vocation", f"Vocazione di {title}")
    fields.setdefault("slug", slugify(title))
    return publish(index, models.ZonePage(title=title, **fields))


def atlas_page(home, **fields):
    fields.setdefault("title", "Atlante della rigenerazione")
    fields.setdefault("slug", "atlante-rigenerazione")
    return publish(home, models.AtlasPage(**fields))


def square(longitude, latitude, size=0.001):
    ring = [
        [longitude, latitude],
        [longitude + size, latitude],
        [longitude + size, latitude + size],
        [longitude, latitude + size],
        [longitude, latitude],
    ]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def regeneration_project(
    atlas,
    municipality,
    *,
    critical=(),
    phases=(),
    actors=(),
    live=True,
    **fields,
):
    number = next(_sequence)
    fields.setdefault("title", f"Progetto {number}")
    fields.setdefault("slug", f"progetto-{number}")
    page = models.RegenerationProjectPage(municipality=municipality, live=live, **fields)
    page.critical_ambits = list(critical)
    page.phases = [
        models.ProjectPhase(label=f"FASE {index}", description="Lavori", status=status)
        for index, status in enumerate(phases, start=1)
    ]
    page.actors = [models.ProjectActor(name=name, actor_type=kind) for name, kind in actors]
    atlas.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page
