"""Demo content of the Manifattura Milano mini-site, from the City's programme (seed 004).

Idempotent: pages are looked up by slug under their parent and never changed once they exist, so
the calls keep the dates they were given on first load (one open, one closed at that time).
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Site

from cms.demo import add_menu_link
from cms.models import HomePage, Municipio
from proposals.models import ConsultationIndexPage, ConsultationPage, Phase
from proposals.phases import PhaseKind

from .models import (
    AreaPage,
    CallIndexPage,
    CallPage,
    CallType,
    CompanyCaseIndexPage,
    ManifatturaFormField,
    ManifatturaFormPage,
    ManifatturaHomePage,
    NewsIndexPage,
    NewsPage,
    PrinciplePage,
    Service,
    SpaceIndexPage,
    SpaceKind,
    SpacePage,
)

MENU_LABEL = "Manifattura Milano"
AUTHOR = "Redazione Manifattura Milano"
STAFF_EMAIL = "partecipazione@comune.milano.it"

AIM = (
    "Rendere Milano un ecosistema abilitante per la nascita, l'insediamento e la crescita di "
    "imprese operanti nel campo della manifattura digitale e del nuovo artigianato."
)

KEY_FIGURES = {
    "heading": "Manifattura a Milano: qualche numero",
    "figures": [
        {"value": "36.000", "label": "imprese manifatturiere", "source": ""},
        {"value": "350.000", "label": "posti di lavoro", "source": ""},
        {"value": "13.000", "label": "artigiani in manifattura", "source": ""},
        {
            "value": "25%",
            "label": "del fatturato complessivo generato in città",
            "source": "College of Europe – Accenture, 2017",
        },
        {
            "value": "1ª",
            "label": "in Italia per consistenza manifatturiera (imprese e addetti)",
            "source": "La Città dei Makers, Fondazione Make in Italy – Censis, 2016",
        },
        {
            "value": "1ª",
            "label": "in Italia per startup manifatturiere",
            "source": "La Città dei Makers, Fondazione Make in Italy – Censis, 2016",
        },
    ],
    "note": (
        "Fonti: «Boosting Milan's sustainable growth through manufacturing 4.0», College of "
        "Europe – European Centre for government transformation – Accenture 2017; «La Città dei "
        "Makers», Fondazione Make in Italy, Censis 2016."
    ),
}

TIMELINE = {
    "heading": "Nei prossimi sei mesi",
    "intro": "Le prime azioni del programma, una per ciascuna area di intervento.",
    "milestones": [
        (
            "Aprile",
            "Educazione",
            "Protocollo con il MIUR",
            "Stipula del protocollo con il MIUR per progetti nelle scuole su digitale, "
            "making e robotica.",
        ),
        (
            "Maggio",
            "Spazi",
            "Primo bando per gli spazi in periferia",
            "Primo bando di assegnazione di spazi in periferia per imprese di nuova manifattura.",
        ),
        (
            "Giugno",
            "Laboratori",
            "Apertura di MHUMA",
            "Apertura di MHUMA, spazio per makers e acceleratore di startup, in via d'Azeglio.",
        ),
        (
            "Luglio",
            "Studio e ricerca",
            "Avvio della ricerca",
            "Avvio della ricerca sulla nuova manifattura a Milano e dei benchmark internazionali.",
        ),
        (
            "Agosto",
            "Comunicazione",
            "Pubblicazione del mini sito",
            "Pubblicazione del mini sito con notizie, casi aziendali e opportunità.",
        ),
        (
            "Settembre",
            "Sostegno agli investimenti",
            "Primo bando per gli investimenti",
            "Primo bando a sostegno degli investimenti delle imprese.",
        ),
    ],
}

PATH_TEXT = (
    "<p>Il programma nasce da un percorso di ascolto: ricerca desk e raccolta di materiali, "
    "analisi delle iniziative di policy, focus group e incontri bilaterali con oltre 50 soggetti "
    "(università, centri di alta formazione, fondazioni, associazioni di categoria, sindacati, "
    "FabLab e makerspace, esperti), raccolta di input on line, fino all'elaborazione e "
    "all'approvazione in Giunta comunale e all'evento di lancio.</p>"
)

AREAS = [
    (
        "studi-e-ricerche",
        "Studi e ricerche",
        "Indagine desk e sul campo sulla nuova manifattura urbana a Milano e nel mondo.",
        [
            "Benchmark internazionali",
            "Attori e territorio",
            "Impatti attesi",
            "Policy paper (ita/eng)",
        ],
    ),
    (
        "comunicazione",
        "Comunicazione",
        "Comunicare visione, contenuti e opportunità del programma, sensibilizzare gli attori "
        "economici e sociali, promozione nazionale e internazionale.",
        [
            "Creazione di un brand per identificare il programma",
            "Spazio on line dedicato",
            "Strumenti ed eventi per creare consapevolezza, fare rete e dare risalto alle "
            "eccellenze",
        ],
    ),
    (
        "laboratori-e-servizi",
        "Laboratori e servizi",
        "Attivare e potenziare servizi territoriali: FabLab, hub di comunità, incubatori e "
        "acceleratori per PMI e startup innovative.",
        [
            "MHUMA, via d'Azeglio (apertura prevista: giugno 2017)",
            "Smart City Lab, via Ripamonti (apertura prevista: 2018)",
        ],
    ),
    (
        "spazi-della-citta",
        "Spazi della città",
        "Mappare e mettere a disposizione spazi urbani sottoutilizzati, predisporre o "
        "semplificare strumenti di regolazione e convenzionamento urbanistico, incentivare "
        "l'insediamento nelle periferie.",
        ["Osservazioni sul PGT", "Accordi con operatori privati"],
    ),
    (
        "sostegno-agli-investimenti",
        "Sostegno agli investimenti",
        "Incentivare investimenti, ricerca applicata, cross innovation e open innovation "
        "tramite accordi di programma o altri dispositivi per attrarre risorse pubbliche e "
        "private.",
        [
            "Accordo di programma con Regione Lombardia",
            "10 milioni di euro iscritti nel bilancio comunale a supporto degli investimenti "
            "delle imprese",
        ],
    ),
    (
        "educazione-formazione-e-lavoro",
        "Educazione, formazione e lavoro",
        "Realizzare iniziative educative, formative e per il lavoro tramite accordi con altre "
        "istituzioni o attraverso i servizi territoriali del Comune di Milano.",
        [
            "Protocollo d'intesa con il MIUR per PON Scuola e alternanza scuola-lavoro",
            "Progetto «Mi Generation Lab» per il making nelle scuole",
            "Azioni dirette dei servizi comunali e degli enti partecipati (per esempio AFOL)",
        ],
    ),
]

PRINCIPLES = [
    (
        "modello-sartoriale",
        "Modello sartoriale",
        "Valorizzare esperienze e attività già in atto; elaborare un modello milanese di "
        "manifattura urbana, connesso alle migliori prassi internazionali ma rispettoso di "
        "peculiarità e vocazioni della città.",
        [],
    ),
    (
        "pianificazione-agile",
        "Pianificazione agile",
        "Realizzare sperimentazioni «leggere» adattando progressivamente strumenti e modalità "
        "d'azione (data driven policy making e lean management).",
        [],
    ),
    (
        "governance-aperta",
        "Governance aperta",
        "Coinvolgere attori pubblici e privati per attrarre risorse, ottimizzare gli sforzi, "
        "definire le priorità e rimuovere gli ostacoli.",
        ["Stipulare intese e accordi di collaborazione", "Costituire un advisory board"],
    ),
]

SERVICES = [
    ("laboratorio-per-makers", "Laboratorio per makers", "Attrezzature condivise per makers."),
    ("accelerazione-startup", "Accelerazione di startup", "Percorsi di accelerazione."),
    ("incubazione-imprese", "Incubazione di imprese", "Spazi e servizi per PMI e startup."),
]


def load(command, options):
    site = Site.objects.get(is_default_site=True)
    city_home = site.root_page.specific
    if not isinstance(city_home, HomePage):
        return
    home = ensure_home(city_home)
    areas = {slug: ensure_topic(home, AreaPage, slug, *rest) for slug, *rest in AREAS}
    for slug, *rest in PRINCIPLES:
        ensure_topic(home, PrinciplePage, slug, *rest)
    ensure_news(home, areas)
    ensure_page(
        home,
        CompanyCaseIndexPage,
        "casi-aziendali",
        title="Casi aziendali",
        intro="Storie di imprese milanesi della manifattura digitale e del nuovo artigianato.",
        show_in_menus=True,
    )
    ensure_calls(home)
    ensure_spaces(home)
    ensure_input_form(home)
    ensure_input_consultation(home)
    add_menu_link(site, MENU_LABEL, home.url)


def ensure_page(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def bullet_list(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def ensure_home(city_home):
    existing = ManifatturaHomePage.objects.first()
    if existing:
        return existing
    return ensure_page(
        city_home,
        ManifatturaHomePage,
        "manifattura",
        title="Manifattura Milano",
        seo_title="Manifattura Milano, il programma del Comune per la nuova manifattura",
        intro=AIM,
        objectives=bullet_list(
            ["Creare nuova occupazione", "Rigenerare le periferie", "Promuovere coesione sociale"]
        ),
        body=[
            ("key_figures", KEY_FIGURES),
            ("heading", {"text": "Il percorso", "level": "h2"}),
            ("paragraph", PATH_TEXT),
            ("timeline", timeline_value()),
        ],
        contact_email=STAFF_EMAIL,
        footer_text=(
            "Manifattura Milano è il programma del Comune di Milano per la manifattura digitale "
            "e il nuovo artigianato: nuova occupazione, periferie rigenerate, coesione sociale."
        ),
        show_in_menus=True,
    )


def timeline_value():
    milestones = [
        {"when": when, "area": area, "title": title, "text": text, "state": "planned"}
        for when, area, title, text in TIMELINE["milestones"]
    ]
    return {**TIMELINE, "milestones": milestones}


def ensure_topic(home, model, slug, title, intro, actions):
    body = [("paragraph", bullet_list(actions))] if actions else []
    return ensure_page(home, model, slug, title=title, intro=intro, body=body)


def days_from_creation(days, hour):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def ensure_news(home, areas):
    index = ensure_page(
        home,
        NewsIndexPage,
        "notizie",
        title="Notizie",
        intro="Le notizie del programma Manifattura Milano.",
        show_in_menus=True,
    )
    articles = [
        (
            "nasce-manifattura-milano",
            "Nasce Manifattura Milano, il programma per la manifattura digitale e il nuovo "
            "artigianato",
            "comunicazione",
            ["programma", "periferie"],
            -20,
            AIM + " Il programma vuole creare nuova occupazione, rigenerare le periferie e "
            "promuovere coesione sociale.",
            "<p>Il programma si articola in sei aree di intervento (studi e ricerche, "
            "comunicazione, laboratori e servizi, spazi della città, sostegno agli investimenti, "
            "educazione, formazione e lavoro) e tre indicazioni di metodo: modello sartoriale, "
            "pianificazione agile, governance aperta.</p>" + PATH_TEXT,
        ),
        (
            "mhuma-via-d-azeglio",
            "MHUMA in via d'Azeglio: uno spazio per makers e un acceleratore di startup",
            "laboratori-e-servizi",
            ["makers", "startup"],
            -12,
            "Tra le prime azioni dell'area «Laboratori e servizi» c'è l'apertura di MHUMA, "
            "spazio per makers e acceleratore di startup in via d'Azeglio.",
            "<p>MHUMA si affianca allo Smart City Lab di via Ripamonti nella rete dei servizi "
            "territoriali che il programma vuole attivare o potenziare: FabLab, hub di comunità, "
            "incubatori e acceleratori per PMI e startup innovative.</p>",
        ),
        (
            "protocollo-miur-making-scuole",
            "Digitale, making e robotica nelle scuole: il protocollo con il MIUR",
            "educazione-formazione-e-lavoro",
            ["scuole", "making"],
            -5,
            "Il Comune stipula un protocollo con il MIUR per progetti nelle scuole su digitale, "
            "making e robotica.",
            "<p>Il protocollo riguarda il PON Scuola e l'alternanza scuola-lavoro e si lega al "
            "progetto «Mi Generation Lab» per il making nelle scuole.</p>",
        ),
    ]
    for slug, title, area_slug, tags, days, intro, html in articles:
        if NewsPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = NewsPage(
            slug=slug,
            title=title,
            date=timezone.localdate() + timedelta(days=days),
            author=AUTHOR,
            area=areas[area_slug],
            intro=intro,
            body=[("paragraph", html)],
        )
        page.tags.add(*tags)
        index.add_child(instance=page)
        page.save_revision().publish()


def ensure_calls(home):
    index = ensure_page(
        home,
        CallIndexPage,
        "bandi",
        title="Bandi e opportunità",
        intro="Bandi, assegnazioni di spazi e opportunità per imprese, artigiani e makers.",
        show_in_menus=True,
    )
    ensure_page(
        index,
        CallPage,
        "bando-spazi-periferia",
        title="Primo bando per l'assegnazione di spazi in periferia a imprese di nuova manifattura",
        call_type=CallType.SPACE_ASSIGNMENT,
        intro="Il primo bando dell'area «Spazi della città»: spazi urbani sottoutilizzati in "
        "periferia assegnati a imprese di nuova manifattura, per incentivarne l'insediamento.",
        opens_at=days_from_creation(-120, 9),
        closes_at=days_from_creation(-60, 12),
        eligibility=bullet_list(
            ["Imprese di manifattura digitale e nuovo artigianato", "Startup manifatturiere"]
        ),
        how_to_apply="<p>Il bando è chiuso: le domande non sono più accettate.</p>",
    )
    ensure_page(
        index,
        CallPage,
        "bando-sostegno-investimenti",
        title="Primo bando a sostegno degli investimenti delle imprese",
        call_type=CallType.INVESTMENT_SUPPORT,
        intro="Il primo bando dell'area «Sostegno agli investimenti», finanziato con le risorse "
        "che il Comune ha iscritto a bilancio a supporto degli investimenti delle imprese.",
        budget=Decimal("10000000"),
        opens_at=days_from_creation(-10, 9),
        closes_at=days_from_creation(35, 12),
        eligibility=bullet_list(
            [
                "Imprese operanti nella manifattura digitale e nel nuovo artigianato",
                "Startup, PMI e artigiani con un investimento da realizzare a Milano",
            ]
        ),
        how_to_apply="<p>Leggi il bando e prepara la documentazione; per domande scrivi a "
        f'<a href="mailto:{STAFF_EMAIL}">{STAFF_EMAIL}</a>.</p>',
    )


def ensure_spaces(home):
    index = ensure_page(
        home,
        SpaceIndexPage,
        "spazi",
        title="Spazi e makers",
        intro="FabLab, makerspace, incubatori e spazi del Comune per chi fa manifattura.",
        show_in_menus=True,
    )
    services = {
        slug: Service.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )[0]
        for slug, name, description in SERVICES
    }
    municipi = {m.number: m for m in Municipio.objects.filter(number__in=[5, 9])}
    spaces = [
        (
            "mhuma",
            "MHUMA",
            SpaceKind.MAKERSPACE,
            "Spazio per makers e acceleratore di startup in via d'Azeglio.",
            "Via Massimo d'Azeglio, Milano",
            municipi.get(9),
            (Decimal("45.491300"), Decimal("9.186800")),
            ["laboratorio-per-makers", "accelerazione-startup"],
        ),
        (
            "smart-city-lab",
            "Smart City Lab",
            SpaceKind.INCUBATOR,
            "Hub del Comune per PMI e startup innovative in via Ripamonti.",
            "Via Giovanni Ripamonti, Milano",
            municipi.get(5),
            (Decimal("45.438500"), Decimal("9.205500")),
            ["incubazione-imprese", "accelerazione-startup"],
        ),
    ]
    for slug, title, kind, intro, address, municipio, (lat, lng), service_slugs in spaces:
        if SpacePage.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = SpacePage(
            slug=slug,
            title=title,
            kind=kind,
            intro=intro,
            address=address,
            municipio=municipio,
            latitude=lat,
            longitude=lng,
        )
        page.services = [services[s] for s in service_slugs]
        index.add_child(instance=page)
        page.save_revision().publish()


def ensure_input_form(home):
    if ManifatturaFormPage.objects.child_of(home).filter(slug="raccolta-input").exists():
        return
    fields = [
        ("Nome e cognome", "singleline", True, ""),
        ("Impresa o organizzazione", "singleline", False, ""),
        ("Email", "email", True, ""),
        (
            "Chi sei",
            "dropdown",
            True,
            "Impresa\nArtigiano\nMaker o FabLab\nStartup\nUniversità o centro di ricerca\n"
            "Associazione\nCittadino",
        ),
        ("Area di intervento", "dropdown", False, "\n".join(title for _s, title, *_r in AREAS)),
        ("Il tuo contributo", "multiline", True, ""),
        ("Ho letto l'informativa sulla privacy", "checkbox", True, ""),
    ]
    ensure_page(
        home,
        ManifatturaFormPage,
        "raccolta-input",
        title="Raccolta input on line",
        intro="<p>Imprese, artigiani, makers, FabLab e scuole: mandate al programma le vostre "
        "idee, proposte e segnalazioni di ostacoli. La redazione le legge tutte.</p>",
        thank_you_text="<p>Grazie: abbiamo ricevuto il tuo contributo a Manifattura Milano.</p>",
        to_address=STAFF_EMAIL,
        from_address="partecipa@comune.milano.it",
        subject="Nuovo contributo a Manifattura Milano",
        show_in_menus=True,
        form_fields=[
            ManifatturaFormField(
                sort_order=order,
                label=label,
                field_type=field_type,
                required=required,
                choices=choices,
            )
            for order, (label, field_type, required, choices) in enumerate(fields)
        ],
    )


def ensure_input_consultation(home):
    """The programme's "raccolta input on line" as a consultation of the participation plugin:
    companies and makers propose, support and discuss in the open, next to the private form."""
    index = ConsultationIndexPage.objects.child_of(home).filter(slug="partecipa").first()
    if index is None:
        index = ConsultationIndexPage(
            title="Proposte per Manifattura Milano",
            slug="partecipa",
            intro="Le proposte pubbliche di imprese, artigiani e makers al programma.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    if ConsultationPage.objects.child_of(index).exists():
        return
    opened = timezone.localtime().replace(month=1, day=1, hour=9, minute=0, second=0, microsecond=0)
    consultation = ConsultationPage(
        title="Raccolta input on line: idee per la manifattura digitale",
        slug="raccolta-input-on-line",
        intro=(
            "Quali spazi, servizi e competenze servono alle imprese della manifattura digitale e "
            "del nuovo artigianato? Proponi, sostieni e commenta: le proposte più sostenute "
            "arrivano al Comune, che risponde pubblicamente."
        ),
        support_threshold=30,
    )
    consultation.phases = [
        Phase(
            kind=PhaseKind.PROPOSAL_COLLECTION,
            title="Raccolta delle proposte",
            description="Imprese, makers, FabLab e scuole presentano le loro idee.",
            start=opened,
            end=opened.replace(year=opened.year + 1),
        ),
    ]
    index.add_child(instance=consultation)
    consultation.save_revision().publish()
