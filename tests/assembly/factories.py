import datetime
import random

import factory

from proposals.assembly.models import (
    Assembly,
    Cycle,
    Membership,
    Plenary,
    PoolPerson,
    Quota,
    Recommendation,
)

AGE_BANDS = ["16-24", "25-44", "45-64", "65-79", "80+"]
GENDERS = ["female", "male"]
NATIONALITIES = ["italian", "eu", "non_eu"]


class AssemblyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assembly
        django_get_or_create = ["slug"]

    name = "Assemblea Permanente dei Cittadini sul Clima"
    slug = "clima"


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle

    assembly = factory.SubFactory(AssemblyFactory)
    year = 2026
    members_wanted = 10
    substitutes_wanted = 3


class PoolPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoolPerson

    cycle = factory.SubFactory(CycleFactory)
    external_id = factory.Sequence(lambda n: f"Q{n:05d}")
    first_name = "Giulia"
    last_name = factory.Sequence(lambda n: f"Bianchi{n}")
    email = factory.Sequence(lambda n: f"pool{n}@example.org")
    age_band = "25-44"
    gender = "female"
    municipio = "1"
    nationality_group = "italian"
    education = "upper_secondary"
    employment = "employed"
    consents_to_publication = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PoolPersonFactory)
    cycle = factory.LazyAttribute(lambda o: o.person.cycle)
    role = Membership.Role.MEMBER


class PlenaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plenary

    cycle = factory.SubFactory(CycleFactory)
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 10) + datetime.timedelta(weeks=4 * n))


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    cycle = factory.SubFactory(CycleFactory)
    title = factory.Sequence(lambda n: f"Raccomandazione {n}")
    body = "<p>Più alberi nei cortili delle scuole.</p>"
    pac_action = "4.2.1 Forestazione urbana"


def generated_pool(cycle, size=60, seed=7):
    """A pool whose feature values are spread so that the standard quotas are feasible."""
    rng = random.Random(seed)
    people = [
        PoolPerson(
            cycle=cycle,
            external_id=f"P{index:04d}",
            first_name="Persona",
            last_name=f"{index:04d}",
            age_band=AGE_BANDS[index % len(AGE_BANDS)],
            gender=GENDERS[index % 2],
            municipio=str(rng.randint(1, 9)),
            nationality_group=NATIONALITIES[index % 3],
            education="upper_secondary",
            employment="employed",
            consents_to_publication=index % 2 == 0,
        )
        for index in range(size)
    ]
    return PoolPerson.objects.bulk_create(people)


def standard_quotas(cycle):
    """Quotas for 10 members from a generated pool."""
    rows = [("age_band", band, 1, 3, band in ("16-24", "80+")) for band in AGE_BANDS]
    rows += [("gender", gender, 4, 6, False) for gender in GENDERS]
    rows += [("nationality_group", group, 2, 5, group == "non_eu") for group in NATIONALITIES]
    return Quota.objects.bulk_create(
        Quota(cycle=cycle, feature=f, value=v, minimum=lo, maximum=hi, high_dropout=d)
        for f, v, lo, hi, d in rows
    )
