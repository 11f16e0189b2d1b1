"""Demo content of the Assemblea Permanente dei Cittadini sul Clima (seed: the guidelines attached
to PDD 384/2024): a generated pool, the 2026 draw, four thematic groups on the Piano Aria e Clima
areas, the 2026 plenaries, recommendations, the final vote and the annual report."""

import random

from django.db import transaction

from .attendance import check_in
from .models import (
    AnnualReport,
    Assembly,
    Cycle,
    HandoverNote,
    Membership,
    PoolPerson,
    Quota,
    Recommendation,
    SelectionRun,
    ThematicGroup,
)
from .plenaries import generate_calendar
from .reports import deliver_report
from .selection import run_selection
from .voting import cast_ballot, close_vote, open_vote

YEAR = 2026
SEED = 20260110
POOL_SIZE = 320

DESCRIPTION = (
    "<p>L’Assemblea Permanente dei Cittadini sul Clima è un istituto partecipativo che opera in "
    "stretta relazione con l’Amministrazione comunale, in attuazione dell’Azione 5.1.4 "
    "“Organismo Permanente di rappresentanza dei cittadini” del Piano Aria e Clima.</p>"
    "<p>È composta da 90 cittadine e cittadini estratti a sorte in modo rappresentativo della "
    "popolazione residente, in base a età, municipio, genere e nazionalità, affiancati da 20 "
    "membri sostitutivi. Si riunisce di norma un sabato al mese, da gennaio a ottobre, esclusi "
    "luglio e agosto; l’ultima plenaria vota le raccomandazioni, che sono approvate con il voto "
    "favorevole di almeno due terzi dei presenti. Il voto è libero e segreto.</p>"
)

FIRST_NAMES = [
    "Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Matteo", "Elena",
    "Davide", "Martina", "Andrea", "Valentina", "Simone", "Federica", "Paolo", "Anna", "Stefano",
    "Aisha", "Mohamed", "Jing", "Wei", "Maria José", "Carlos", "Fatima", "Ahmed", "Ana", "Ion",
]  # fmt: skip
LAST_NAMES = [
    "Rossi", "Bianchi", "Colombo", "Ferrari", "Russo", "Galli", "Brambilla", "Fumagalli",
    "Villa", "Sala", "Cattaneo", "Ricci", "Mariani", "Longoni", "Pozzi", "Rizzi", "Conti",
    "Hu", "Chen", "El Amrani", "Reyes", "Popescu", "Santos", "Haddad", "Mendoza", "Abebe",
]  # fmt: skip
AGE_BANDS = [("16-24", 9), ("25-34", 15), ("35-49", 24), ("50-64", 24), ("65-79", 18), ("80+", 10)]
NATIONALITIES = [("italian", 72), ("eu", 6), ("non_eu", 22)]
EDUCATION = [("lower_secondary", 30), ("upper_secondary", 42), ("tertiary", 28)]
EMPLOYMENT = [("employed", 50), ("unemployed", 7), ("student", 10), ("retired", 25), ("other", 8)]

QUOTAS = [
    ("age_band", "16-24", 8, 12, True),
    ("age_band", "25-34", 13, 18, False),
    ("age_band", "35-49", 20, 26, False),
    ("age_band", "50-64", 18, 24, False),
    ("age_band", "65-79", 12, 17, False),
    ("age_band", "80+", 5, 9, True),
    ("gender", "female", 44, 48, False),
    ("gender", "male", 42, 46, False),
    ("nationality_group", "italian", 66, 74, False),
    ("nationality_group", "eu", 3, 6, False),
    ("nationality_group", "non_eu", 14, 20, True),
] + [("municipio", str(number), 8, 12, False) for number in range(1, 10)]

GROUPS = [
    (
        "Milano più fresca",
        "Ambito 4 – Milano più fresca",
        "Come rendere la città più verde, fresca e vivibile: forestazione urbana, "
        "de-impermeabilizzazione, cortili e spazi pubblici che si adattano al caldo.",
    ),
    (
        "Milano connessa e accessibile",
        "Ambito 2 – Milano connessa e altamente accessibile",
        "Una città che si muove in modo sostenibile, flessibile, attivo e sicuro.",
    ),
    (
        "Milano a energia positiva",
        "Ambito 3 – Milano a energia positiva",
        "Una città che consuma meno e meglio: efficienza degli edifici e comunità energetiche.",
    ),
    (
        "Milano consapevole",
        "Ambito 5 – Milano consapevole",
        "Stili di vita consapevoli, economia circolare e informazione alla cittadinanza.",
    ),
]

ITEMS = [
    (
        "Milano più fresca",
        Recommendation.Kind.RECOMMENDATION,
        "Cortili scolastici aperti, alberati e de-impermeabilizzati",
        "Ambito 4 – Milano più fresca",
        "<p>Trasformare ogni anno almeno dieci cortili scolastici in oasi verdi aperte al "
        "quartiere fuori dall’orario scolastico, sostituendo l’asfalto con superfici drenanti e "
        "alberature, coinvolgendo studenti e famiglie nella cura.</p>",
        (71, 9, 4),
    ),
    (
        "Milano connessa e accessibile",
        Recommendation.Kind.RECOMMENDATION,
        "Strade scolastiche in ogni Municipio",
        "Ambito 2 – Milano connessa e altamente accessibile",
        "<p>Chiudere al traffico, negli orari di ingresso e uscita, le strade davanti alle "
        "scuole primarie, partendo da almeno due scuole per Municipio, con percorsi sicuri a "
        "piedi e in bicicletta.</p>",
        (55, 22, 7),
    ),
    (
        "Milano a energia positiva",
        Recommendation.Kind.CITIZEN_INITIATIVE,
        "Sportelli di condominio per le comunità energetiche",
        "Ambito 3 – Milano a energia positiva",
        "<p>Una rete di cittadini volontari, formati con il Comune, che accompagna le assemblee "
        "di condominio nella valutazione di impianti fotovoltaici condivisi e comunità "
        "energetiche rinnovabili.</p>",
        None,
    ),
    (
        "Milano consapevole",
        Recommendation.Kind.INTEGRATIVE_PROPOSAL,
        "Un’etichetta climatica per gli eventi pubblici",
        "Ambito 5 – Milano consapevole",
        "<p>Proposta integrativa: gli eventi patrocinati dal Comune dichiarano in modo "
        "semplice la propria impronta di carbonio e le misure adottate per ridurla.</p>",
        None,
    ),
]


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def ensure_pool(cycle):
    if cycle.pool.exists():
        return
    rng = random.Random(SEED)
    PoolPerson.objects.bulk_create(
        PoolPerson(
            cycle=cycle,
            external_id=f"APCC{YEAR}-{index:04d}",
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            email=f"partecipante{index:04d}@example.org",
            age_band=_weighted(rng, AGE_BANDS),
            gender="female" if index % 2 else "male",
            municipio=str(index % 9 + 1),
            nationality_group=_weighted(rng, NATIONALITIES),
            education=_weighted(rng, EDUCATION),
            employment=_weighted(rng, EMPLOYMENT),
            consents_to_publication=rng.random() < 0.7,
        )
        for index in range(1, POOL_SIZE + 1)
    )


def ensure_quotas(cycle):
    for feature, value, minimum, maximum, high_dropout in QUOTAS:
        Quota.objects.get_or_create(
            cycle=cycle,
            feature=feature,
            value=value,
            defaults={"minimum": minimum, "maximum": maximum, "high_dropout": high_dropout},
        )


def ensure_selection(command, cycle):
    if cycle.has_selection:
        return
    run = SelectionRun.objects.create(cycle=cycle, seed=SEED)
    run_selection(run)
    if run.status != SelectionRun.Status.SUCCEEDED:
        raise RuntimeError(f"Demo draw failed: {run.error}")
    command.stdout.write(f"Assemblea: estratti {cycle.memberships.count()} partecipanti.")


def ensure_groups(cycle):
    members = list(
        cycle.memberships.filter(role=Membership.Role.MEMBER).order_by("person__external_id")
    )
    groups = {}
    for index, (name, ambito, mandate) in enumerate(GROUPS):
        group, created = ThematicGroup.objects.get_or_create(
            cycle=cycle,
            name=name,
            defaults={
                "pac_actions": ambito,
                "mandate": mandate,
                "facilitators": "Staff di facilitazione dell’Assemblea",
                "technical_referents": "Unità Aria e Clima – Direzione Verde e Ambiente",
            },
        )
        if created:
            share = members[index :: len(GROUPS)]
            group.members.set(share)
            consenting = [m for m in share if m.person.consents_to_publication]
            group.coordinators.set(consenting[:2])
        groups[name] = group
    return groups


def ensure_items(cycle, groups):
    final = cycle.plenaries.get(is_final=True)
    for group_name, kind, title, ambito, body, result in ITEMS:
        item, _created = Recommendation.objects.get_or_create(
            cycle=cycle,
            title=title,
            defaults={
                "group": groups[group_name],
                "kind": kind,
                "pac_action": ambito,
                "body": body,
            },
        )
        if result and item.status == Recommendation.Status.DRAFT:
            _vote(cycle, final, item, result)
        elif not result and item.status == Recommendation.Status.DRAFT:
            Recommendation.objects.filter(pk=item.pk).update(status=Recommendation.Status.READY)


def _vote(cycle, plenary, item, result):
    yes, no, abstain = result
    voters = list(cycle.memberships.with_vote().order_by("person__external_id"))
    choices = ["yes"] * yes + ["no"] * no + ["abstain"] * abstain
    random.Random(item.title).shuffle(choices)
    item = open_vote(item, plenary)
    for membership, choice in zip(voters, choices, strict=False):
        check_in(membership, plenary)
        cast_ballot(item, membership, choice)
    close_vote(item)


def ensure_report(cycle, groups):
    report, created = AnnualReport.objects.get_or_create(
        cycle=cycle,
        defaults={
            "introduction": (
                "<p>Nel 2026 l’Assemblea si è riunita in otto sessioni plenarie, da gennaio a "
                "ottobre, lavorando in quattro Gruppi tematici sugli Ambiti del Piano Aria e "
                "Clima.</p>"
            ),
            "pac_positions": (
                "<p>L’Assemblea sostiene con decisione le azioni di raffrescamento urbano e "
                "chiede più coinvolgimento dei quartieri nella loro attuazione.</p>"
            ),
        },
    )
    if created:
        HandoverNote.objects.create(
            report=report,
            group=groups["Milano connessa e accessibile"],
            notes="Le strade scolastiche non hanno raggiunto i due terzi: ripartire dai dati "
            "sulla sicurezza e dal confronto con le famiglie.",
        )
    if report.delivered_at is None:
        deliver_report(report)


def load(command, options):
    with transaction.atomic():
        assembly, _created = Assembly.objects.get_or_create(
            slug="assemblea-clima",
            defaults={
                "name": "Assemblea Permanente dei Cittadini sul Clima",
                "description": DESCRIPTION,
            },
        )
        cycle, _created = Cycle.objects.get_or_create(assembly=assembly, year=YEAR)
        ensure_pool(cycle)
        ensure_quotas(cycle)
        ensure_selection(command, cycle)
        groups = ensure_groups(cycle)
        generate_calendar(cycle)
        ensure_items(cycle, groups)
        ensure_report(cycle, groups)
