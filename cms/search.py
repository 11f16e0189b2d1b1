"""The site search: every app contributes its kinds of result through a hook, the site facets them.

An app registers `@hooks.register(SEARCH_KINDS_HOOK)`, a function `(request, query) -> dict`
with a `kind` (a slug), a `label`, an `order`, its best `results` (dicts with `title`, `url`,
`summary`, `date` and `place`, the "app_label.model:pk" key of a Municipio or None) and the page
types it `covers`; every other live, public page is searched here as a plain page. Each kind
offers only what everyone may see, so results never depend on who is reading.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from itertools import chain, zip_longest

from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from cms.models import Municipio

SEARCH_KINDS_HOOK = "register_search_kind"
RESULTS_PER_KIND = 100
MUNICIPIO_PLACE = "cms.municipio:"


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str
    title: str
    url: str
    summary: str
    date: datetime.date | None
    municipio: Municipio | None


@dataclass(frozen=True)
class Facets:
    """What the reader chose: kinds and Municipi (any of them), and a year."""

    kinds: frozenset
    municipi: frozenset
    year: int | None

    @classmethod
    def from_query(cls, params, kinds, municipi):
        years = numbers(params.getlist("year"))
        return cls(
            kinds=frozenset(params.getlist("kind")) & set(kinds),
            municipi=frozenset(numbers(params.getlist("municipio"))) & set(municipi),
            year=years[0] if years else None,
        )

    def __bool__(self):
        return bool(self.kinds or self.municipi or self.year)

    def keeps(self, hit, ignore=None):
        """Whether `hit` passes every chosen facet, except the one named `ignore`."""
        return (
            (ignore == "kind" or not self.kinds or hit.kind in self.kinds)
            and (ignore == "municipio" or not self.municipi or municipio_id(hit) in self.municipi)
            and (ignore == "year" or self.year is None or year_of(hit) == self.year)
        )


def numbers(values, digits=18):
    """The values that are whole numbers of at most `digits` digits, as integers."""
    return [int(value) for value in values if value.isdecimal() and len(value) <= digits]


def year_of(hit):
    return hit.date.year if hit.date else None


def municipio_id(hit):
    return hit.municipio.pk if hit.municipio else None


def as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def municipio_of(place, municipi):
    if place and place.startswith(MUNICIPIO_PLACE):
        return municipi.get(int(place.removeprefix(MUNICIPIO_PLACE)))
    return None


def search_results(pages, query):
    """The best matches among `pages`, all the words required."""
    return pages.search(query, operator="and")[:RESULTS_PER_KIND]


def page_kind(request, query, covered):
    found = search_results(Page.objects.live().public().not_type(*covered), query)
    results = [
        {
            "title": page.title,
            "url": page.get_url(request),
            "summary": Truncator(page.search_description).words(30),
            "date": page.last_published_at,
            "place": None,
        }
        for page in found
    ]
    return {"kind": "page", "label": _("Pages"), "order": 90, "results": results}


def gather_kinds(request, query):
    kinds = [make_kind(request, query) for make_kind in hooks.get_hooks(SEARCH_KINDS_HOOK)]
    kinds = [kind for kind in kinds if kind]
    covered = list(chain.from_iterable(kind.get("covers", ()) for kind in kinds))
    kinds.append(page_kind(request, query, covered))
    return sorted(kinds, key=lambda kind: kind["order"])


def hits_of(kind, municipi):
    return [
        Hit(
            kind=kind["kind"],
            kind_label=kind["label"],
            title=result["title"],
            url=result["url"],
            summary=result["summary"],
            date=as_date(result["date"]),
            municipio=municipio_of(result["place"], municipi),
        )
        for result in kind["results"]
    ]


def interleave(kinds, municipi):
    """Each kind's best first, then each one's second best, and so on: no kind buries another."""
    rounds = zip_longest(*(hits_of(kind, municipi) for kind in kinds))
    return [hit for hit in chain.from_iterable(rounds) if hit is not None]


def facet_options(hits, facets, name, value_of, choices, chosen):
    """Each value of a facet with how many hits it would give, the reader's other facets
    applied; values that would give none are left out unless chosen."""
    counts = Counter(value_of(hit) for hit in hits if facets.keeps(hit, ignore=name))
    return [
        {"value": value, "label": label, "count": counts[value], "checked": value in chosen}
        for value, label in choices
        if counts[value] or value in chosen
    ]


def run_search(request, query):
    """The hits for `query` with the reader's facets applied, and the facets to offer."""
    kinds = gather_kinds(request, query)
    municipi = {municipio.pk: municipio for municipio in Municipio.objects.order_by("number")}
    facets = Facets.from_query(request.GET, [kind["kind"] for kind in kinds], municipi)
    hits = interleave(kinds, municipi)
    years = {year_of(hit) for hit in hits if hit.date}
    if facets.year:
        years.add(facets.year)
    return {
        "hits": [hit for hit in hits if facets.keeps(hit)],
        "facets": facets,
        "kind_facet": facet_options(
            hits,
            facets,
            "kind",
            lambda hit: hit.kind,
            [(kind["kind"], kind["label"]) for kind in kinds],
            facets.kinds,
        ),
        "municipio_facet": facet_options(
            hits,
            facets,
            "municipio",
            municipio_id,
            [(pk, str(municipio)) for pk, municipio in municipi.items()],
            facets.municipi,
        ),
        "year_facet": facet_options(
            hits,
            facets,
            "year",
            year_of,
            [(year, str(year)) for year in sorted(years, reverse=True)],
            {facets.year},
        ),
    }
