"""Demo content: the Permanent Citizens' Assembly on Climate consultation on the Piano Aria e
Clima (its five ambiti as themes, the phases of the 2026 annual cycle) and a district
consultation in Municipio 4, with demo citizens, proposals, supports and comments.

Idempotent: pages are found by slug, people by email, contributions by author and text.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site
from wagtail.rich_text import RichText

from proposals.groups import ASSEMBLY_MANAGERS, KIOSK_OPERATORS, MODERATORS, ensure_role_groups
from proposals.models import (
    Comment,
    ConsultationIndexPage,
    ConsultationPage,
    Phase,
    Proposal,
    Support,
    Theme,
)
from proposals.phases import PhaseKind
from proposals.sanitize import clean_html

ROME = ZoneInfo("Europe/Rome")
DEMO_PASSWORD = "partecipa-demo-2026"

# One account per job, each in its role group only (the City's answer staff come with the
# responses demo and hold none of these roles).
ROLE_ACCOUNTS = [
    ("moderazione@example.org", "Moderazione", MODERATORS, True),
    ("gestione.assemblea@example.org", "Gestione assemblea", ASSEMBLY_MANAGERS, True),
    ("postazione.voto@example.org", "Postazione di voto", KIOSK_OPERATORS, False),
]

CITIZENS = [
    ("giulia.ferrari@example.org", "GiuliaF"),
    ("marco.colombo@example.org", "MarcoNiguarda"),
    ("amina.elidrissi@example.org", "Amina"),
    ("luca.brambilla@example.org", "LucaB"),
    ("sofia.ricci@example.org", "SofiaCorvetto"),
    ("paolo.galli@example.org", "Paolo_Lorenteggio"),
]

AMBITI = [
    ("Ambito 1 - Milano sana e inclusiva", "Una città pulita, equa, aperta e solidale."),
    (
        "Ambito 2 - Milano connessa e altamente accessibile",
        "Una città che si muove in modo sostenibile, flessibile, attivo e sicuro.",
    ),
    ("Ambito 3 - Milano a energia positiva", "Una città che consuma meno e meglio."),
    (
        "Ambito 4 - Milano più fresca",
        "Una città più verde, fresca e vivibile che si adatta ai mutamenti climatici.",
    ),
    ("Ambito 5 - Milano consapevole", "Una città che adotta stili di vita consapevoli."),
]

CLIMATE_PHASES = [
    (
        PhaseKind.INFORMATION,
        "Scelta dei temi e formazione",
        "La Cabina di Regia definisce il mandato annuale; sessioni informative su clima, aria, "
        "energia e mobilità.",
        (2026, 1, 10),
        (2026, 3, 31),
    ),
    (
        PhaseKind.COMMENT_ROUND,
        "Posizionamento sulle Azioni del PAC",
        "I cittadini esprimono il proprio posizionamento sulle Azioni del Piano oggetto dei lavori.",
        (2026, 4, 1),
        (2026, 6, 30),
    ),
    (
        PhaseKind.PROPOSAL_COLLECTION,
        "Proposte integrative e iniziative di cittadinanza attiva",
        "Chiunque abiti a Milano può proporre iniziative a completamento delle Azioni del PAC.",
        (2026, 9, 1),
        (2026, 11, 15),
    ),
    (
        PhaseKind.SUPPORT_COLLECTION,
        "Raccolta dei sostegni",
        "Le proposte che raggiungono la soglia di sostegni sono trasmesse al Comune.",
        (2026, 11, 16),
        (2026, 12, 31),
    ),
    (
        PhaseKind.DELIBERATION,
        "Voto delle raccomandazioni e Report Annuale dei Lavori",
        "L'Assemblea vota in plenaria con la maggioranza dei due terzi dei presenti.",
        (2027, 1, 1),
        (2027, 1, 31),
    ),
    (
        PhaseKind.INSTITUTIONAL_RESPONSE,
        "Dossier di Risposta del Comune",
        "Entro due mesi il Comune risponde in modo puntuale e motivato.",
        (2027, 2, 1),
        (2027, 3, 31),
    ),
    (
        PhaseKind.MONITORING,
        "Monitoraggio",
        "Le raccomandazioni accolte seguono l'iter attuativo del Piano e il suo monitoraggio.",
        (2027, 4, 1),
        (2027, 12, 31),
    ),
]

CLIMATE_PROPOSALS = [
    (
        0,
        3,
        "Tetti verdi sulle scuole comunali",
        "Coprire con tetti verdi le coperture piane delle scuole comunali, a partire da quelle "
        "nelle zone più calde della città.\n\nI tetti verdi riducono la temperatura delle aule "
        "d'estate, trattengono l'acqua piovana e diventano laboratori di educazione ambientale.",
        (45.4853, 9.2269),
    ),
    (
        1,
        3,
        "Più fontanelle e ombra nei parchi di quartiere",
        "Installare nuove fontanelle e piantare alberi a chioma larga vicino ai giochi e alle "
        "panchine, dove d'estate oggi non c'è ombra.",
        None,
    ),
    (
        2,
        2,
        "Comunità energetiche nei caseggiati popolari",
        "Accompagnare gli inquilini dei caseggiati comunali nella creazione di comunità "
        "energetiche rinnovabili, con pannelli fotovoltaici sui tetti e uno sportello di "
        "supporto.",
        None,
    ),
    (
        3,
        1,
        "Zone 30 e strade scolastiche davanti a ogni scuola",
        "Istituire strade scolastiche chiuse al traffico negli orari di ingresso e uscita e "
        "zone 30 attorno a tutte le scuole primarie, per respirare aria più pulita.",
        None,
    ),
    (
        4,
        0,
        "Centraline di quartiere per misurare l'aria",
        "Un monitoraggio partecipato della qualità dell'aria con sensori a basso costo "
        "affidati a scuole e associazioni, con i dati pubblicati come dati aperti.",
        None,
    ),
    (
        5,
        4,
        "Mercati comunali senza plastica monouso",
        "Una campagna nei mercati comunali coperti per eliminare la plastica monouso, con "
        "contenitori riutilizzabili e punti di raccolta dell'organico.",
        None,
    ),
]

DISTRICT_PHASES = [
    (
        PhaseKind.COMMENT_ROUND,
        "Ascolto del quartiere",
        "Raccontaci cosa funziona e cosa no negli spazi pubblici del Municipio 4.",
        (2026, 10, 1),
        (2026, 10, 31),
    ),
    (
        PhaseKind.PROPOSAL_COLLECTION,
        "Raccolta delle idee",
        "Proponi interventi per strade, piazze e giardini del Municipio.",
        (2026, 11, 1),
        (2026, 12, 20),
    ),
    (
        PhaseKind.SUPPORT_COLLECTION,
        "Sostegno alle idee",
        "Sostieni le idee che vorresti vedere realizzate.",
        (2027, 1, 11),
        (2027, 2, 14),
    ),
    (
        PhaseKind.INSTITUTIONAL_RESPONSE,
        "Risposta del Municipio",
        "Il Municipio pubblica la valutazione di ogni idea che ha raggiunto la soglia.",
        (2027, 3, 1),
        (2027, 4, 30),
    ),
]

DISTRICT_THEMES = [
    ("Verde e alberi", "Giardini, filari, aiuole e orti condivisi."),
    ("Strade e sicurezza", "Attraversamenti, marciapiedi, piste ciclabili."),
    ("Piazze e spazi pubblici", "Luoghi d'incontro, panchine, illuminazione."),
]

DISTRICT_PROPOSALS = [
    (
        1,
        0,
        "Un filare di alberi in viale Ungheria",
        "Piantare un filare di alberi lungo il lato est di viale Ungheria, oggi senza ombra, "
        "per rendere più piacevole il percorso verso la fermata del tram.",
        (45.4470, 9.2425),
    ),
    (
        3,
        1,
        "Attraversamento rialzato davanti al mercato di piazzale Martini",
        "Un attraversamento pedonale rialzato e illuminato davanti all'ingresso del mercato, "
        "dove le auto passano veloci e attraversano molti anziani.",
        (45.4530, 9.2270),
    ),
]


def moment(day):
    return datetime(*day, 9, 0, tzinfo=ROME)


def load(command, options):
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = ensure_index(home)
    citizens = ensure_citizens()
    ensure_role_accounts()
    climate = ensure_consultation(
        index,
        slug="assemblea-clima-2026",
        title="Assemblea Permanente dei Cittadini sul Clima: proposte per il Piano Aria e Clima",
        intro=(
            "Il ciclo annuale 2026 dell'Assemblea Permanente dei Cittadini sul Clima: "
            "posizionamento sulle Azioni del Piano Aria e Clima, proposte integrative, "
            "raccomandazioni e la risposta del Comune."
        ),
        body=CLIMATE_BODY,
        themes=AMBITI,
        phases=CLIMATE_PHASES,
        support_threshold=50,
        scope=None,
    )
    district = ensure_consultation(
        index,
        slug="municipio-4-spazi-pubblici",
        title="Municipio 4: idee per strade, piazze e giardini",
        intro="Il Municipio 4 raccoglie le idee dei residenti per rendere più verdi e sicuri "
        "gli spazi pubblici tra Vittoria, Forlanini e Rogoredo.",
        body=DISTRICT_BODY,
        themes=DISTRICT_THEMES,
        phases=DISTRICT_PHASES,
        support_threshold=30,
        scope=find_municipio(4),
    )
    climate_proposals = ensure_proposals(climate, citizens, CLIMATE_PROPOSALS)
    ensure_proposals(district, citizens, DISTRICT_PROPOSALS)
    ensure_supports(climate_proposals, citizens)
    ensure_comments(climate, climate_proposals, citizens)
    command.stdout.write(
        f"Participation: demo citizens can log in with password {DEMO_PASSWORD} "
        f"(e.g. {CITIZENS[0][0]}); so can the role accounts "
        f"{', '.join(email for email, *_rest in ROLE_ACCOUNTS)}"
    )


CLIMATE_BODY = [
    (
        "text",
        RichText(
            "<p>L'Assemblea Permanente dei Cittadini sul Clima è un istituto partecipativo che "
            "accompagna l'attuazione del Piano Aria e Clima (PAC) del Comune di Milano, approvato "
            "con Deliberazione del Consiglio Comunale n. 4 del 21 febbraio 2022.</p>"
            "<p>Ogni anno 90 cittadine e cittadini estratti a sorte in modo rappresentativo "
            "valutano le Azioni del Piano, esprimono il proprio posizionamento e producono "
            "raccomandazioni, iniziative di cittadinanza attiva e proposte integrative. Il Comune "
            "risponde entro due mesi con un Dossier di Risposta pubblico e motivato.</p>"
        ),
    ),
    ("heading", {"text": "Gli obiettivi del Piano"}),
    (
        "text",
        RichText(
            "<ul><li>rientrare nei valori limite delle concentrazioni di PM10 e NOx;</li>"
            "<li>ridurre le emissioni di CO2 del 45% al 2030 e diventare una città "
            "Carbon Neutral al 2050;</li>"
            "<li>contenere l'aumento locale della temperatura entro 2 °C.</li></ul>"
        ),
    ),
]

DISTRICT_BODY = [
    (
        "text",
        RichText(
            "<p>Il Municipio 4 invita chi vive e lavora nel quartiere a segnalare i luoghi da "
            "migliorare e a proporre interventi concreti. Le idee più sostenute saranno valutate "
            "dagli uffici tecnici e riceveranno una risposta pubblica.</p>"
        ),
    ),
]


def ensure_index(home):
    index = ConsultationIndexPage.objects.filter(slug="consultazioni").first()
    if index is None:
        index = ConsultationIndexPage(
            title="Consultazioni",
            slug="consultazioni",
            intro="Partecipa alle scelte della città: leggi, commenta, proponi e sostieni.",
        )
        home.add_child(instance=index)
    return index


def ensure_citizens():
    return [ensure_demo_user(email, nickname) for email, nickname in CITIZENS]


def ensure_role_accounts():
    groups = ensure_role_groups()
    for email, nickname, group_name, opens_admin in ROLE_ACCOUNTS:
        user = ensure_demo_user(email, nickname, is_staff=opens_admin)
        user.groups.add(groups[group_name])


def ensure_demo_user(email, nickname, **flags):
    user_model = get_user_model()
    user = user_model._default_manager.filter(email=email).first()
    if user is None:
        user = user_model._default_manager.create_user(
            username=email, email=email, password=DEMO_PASSWORD, **flags
        )
        if hasattr(user, "nickname"):
            user.nickname = nickname
            user.save()
        if apps.is_installed("allauth.account"):
            email_address = apps.get_model("account", "EmailAddress")
            email_address.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
    return user


def find_municipio(number):
    if not apps.is_installed("cms"):
        return None
    try:
        municipio_model = apps.get_model("cms", "Municipio")
    except LookupError:
        return None
    return municipio_model.objects.filter(number=number).first()


def ensure_consultation(index, *, slug, title, intro, body, themes, phases, scope, **rules):
    existing = ConsultationPage.objects.filter(slug=slug).first()
    if existing:
        return existing
    page = ConsultationPage(title=title, slug=slug, intro=intro, body=body, **rules)
    page.scope = scope
    page.themes = [
        Theme(name=name, description=description, sort_order=order)
        for order, (name, description) in enumerate(themes)
    ]
    page.phases = [
        Phase(kind=kind, title=phase_title, description=text, start=moment(start), end=moment(end))
        for kind, phase_title, text, start, end in phases
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_proposals(consultation, citizens, rows):
    themes = list(consultation.themes.all())
    proposals = []
    for author_index, theme_index, title, text, point in rows:
        proposal, created = Proposal.objects.get_or_create(
            consultation=consultation,
            title=title,
            defaults={
                "author": citizens[author_index],
                "body": clean_html(text),
                "theme": themes[theme_index],
                "status": Proposal.Status.PUBLISHED,
                "published_at": timezone.now(),
                "latitude": point[0] if point else None,
                "longitude": point[1] if point else None,
            },
        )
        if created:
            proposal.follows.get_or_create(user=proposal.author)
        proposals.append(proposal)
    return proposals


def ensure_supports(proposals, citizens):
    # The first proposals are the most supported; nobody supports their own.
    for position, proposal in enumerate(proposals):
        for citizen in citizens[: max(0, len(citizens) - position)]:
            if citizen.pk != proposal.author_id:
                Support.objects.get_or_create(user=citizen, proposal=proposal)
        proposal.support_count = proposal.supports.count()
        proposal.save(update_fields=["support_count"])


def ensure_comments(consultation, proposals, citizens):
    staff = get_user_model()._default_manager.filter(is_superuser=True).first()
    thread = [
        (
            proposals[0],
            citizens[1],
            Comment.Position.IN_FAVOUR,
            "Ottima idea: nella scuola di mia figlia a giugno in aula si superano i 30 gradi.",
        ),
        (
            proposals[0],
            citizens[4],
            Comment.Position.NEUTRAL,
            "Bisogna però verificare che le coperture reggano il peso del terreno.",
        ),
        (
            proposals[3],
            citizens[5],
            Comment.Position.AGAINST,
            "Chiudere le strade crea problemi a chi accompagna i bambini in auto da lontano.",
        ),
        (
            None,
            citizens[2],
            Comment.Position.IN_FAVOUR,
            "Sarebbe utile pubblicare anche i verbali delle riunioni plenarie in formato aperto.",
        ),
    ]
    comments = []
    for proposal, author, position, text in thread:
        comment, _created = Comment.objects.get_or_create(
            consultation=consultation,
            proposal=proposal,
            author=author,
            body=clean_html(text),
            defaults={"position": position},
        )
        comments.append(comment)
    if staff is not None:
        Comment.objects.get_or_create(
            consultation=consultation,
            proposal=proposals[0],
            parent=comments[1],
            author=staff,
            body=clean_html(
                "Gli uffici tecnici verificheranno la portata dei solai per ogni scuola "
                "prima di ogni intervento."
            ),
            defaults={"position": Comment.Position.NEUTRAL, "is_official": True},
        )
