"""Demo events: the Municipi meeting of 11 December 2025 from the City's programme, with its
speakers, and two upcoming district events that take registrations."""

from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from wagtail.models import Site

from cms.demo import add_menu_link
from cms.models import Municipio
from events.models import EventIndexPage, EventPage, ProgrammeItem, RegistrationQuestion, Speaker

MILAN = ZoneInfo("Europe/Rome")

SPEAKERS = {
    "sala": ("Giuseppe Sala", "Sindaco di Milano", "Comune di Milano"),
    "bruzzese": ("Antonella Bruzzese", "Docente di Urbanistica", "Politecnico di Milano"),
    "romani": (
        "Gaia Romani",
        "Assessora al Decentramento, Quartieri e Partecipazione, Servizi Civici e Generali",
        "Comune di Milano",
    ),
    "capilli": (
        "Annalisa Capilli",
        "Dirigente Resp. Unità Coordinamento e Gestione Sponsorizzazioni",
        "Comune di Milano",
    ),
    "di_memmo": (
        "Donato Di Memmo",
        "Direttore del Settore Quartieri, Amministrazione Condivisa, Sussidiarietà e "
        "Partecipazione e Direttore Quartiere Navile",
        "Comune di Bologna",
    ),
    "blasi": (
        "Luca Blasi",
        "Assessore alle Politiche Culturali e all'Abitare, Municipio 3",
        "Roma Capitale",
    ),
    "capri": (
        "Aureliano Capri",
        "Information Designer, dottorando in Service Design for Public Sector",
        "",
    ),
    "ciaffi": (
        "Daniela Ciaffi",
        "Docente di Sociologia della città e del territorio, Politecnico di Torino e "
        "vicepresidente Labsus – laboratorio per la sussidiarietà",
        "Politecnico di Torino, Labsus",
    ),
    "taverna": ("Elena Taverna", "Policy Advisor", "Comune di Milano"),
}

PATTO_PROGRAMME = [
    (time(17, 0), "Accrediti e Benvenuto", "", []),
    (time(17, 15), "Saluti Istituzionali", "", [("sala", "greetings"), ("romani", "greetings")]),
    (
        time(17, 30),
        "Lectio Introduttiva",
        "Partecipare e promuovere partecipazione: quale ruolo per i Municipi?",
        [("bruzzese", "keynote")],
    ),
    (
        time(17, 45),
        "Dialogo tra Esperienze",
        "Quali apprendimenti e prospettive per le politiche collaborative del futuro?",
        [
            ("capilli", "speaker"),
            ("di_memmo", "speaker"),
            ("blasi", "speaker"),
            ("taverna", "moderator"),
            ("ciaffi", "closing"),
            ("capri", "visual_synthesis"),
        ],
    ),
    (time(19, 0), "Interventi dal pubblico e dibattito aperto", "", []),
    (time(19, 30), "Saluti finali e brindisi conclusivo", "", []),
]

PATTO_BODY = [
    (
        "paragraph",
        "<p>La città di Milano ha sperimentato negli ultimi anni nuove forme di partecipazione e "
        "collaborazione tra cittadini e istituzioni: dai Patti di collaborazione al programma "
        "Piazze Aperte, dalle Piccole Iniziative Diffuse all’avviso Milano Attiva, fino al "
        "percorso di rafforzamento e valorizzazione dei Municipi come luoghi di decisione e "
        "presidi di prossimità.</p>"
        "<p>Queste esperienze hanno prodotto dei cambiamenti dentro e fuori l’amministrazione "
        "comunale, innescando nuove modalità di lavoro condiviso e aprendo spazi di "
        "corresponsabilità a molteplici livelli: all’interno delle diverse aree e direzioni "
        "coinvolte, incentivando un lavoro trasversale e multiscala in gran parte inedito; tra "
        "amministrazione pubblica e comunità, moltiplicando le possibilità di relazione alla pari "
        "con i cittadini finalizzate alla cura, gestione e rigenerazione dei beni comuni "
        "urbani.</p>"
        "<p>Le sperimentazioni di questi anni pongono oggi nuove domande: su quali aspetti "
        "dobbiamo ancora lavorare per rendere più stabile, diffusa ed effettiva la collaborazione "
        "civica? Gli strumenti di partecipazione e collaborazione adottati nel tempo possono "
        "essere migliorati, integrati e messi a sistema? In che modo i Municipi possono "
        "diventare, sempre di più, il luogo in cui la democrazia urbana si rinnova ogni giorno, "
        "a partire dai bisogni e dalle risorse dei territori?</p>"
        "<p>L'iniziativa nasce come momento di confronto su queste grandi sfide. Un’occasione "
        "per riflettere sulla necessità di capitalizzare gli apprendimenti, rafforzare e "
        "diffondere le buone pratiche, aggiornare strumenti e competenze affinché rispondano ai "
        "cambiamenti della città e delle comunità che la abitano.</p>",
    ),
    (
        "quote",
        {
            "text": "Non un evento celebrativo, ma un tempo di lavoro collettivo: per immaginare "
            "una Milano che riconosce nei suoi Municipi i luoghi in cui la democrazia si "
            "esercita, si apprende e si condivide.",
            "attribution": "Comune di Milano, Milano Partecipazione",
        },
    ),
]

PRIVACY_TEXT = (
    "<p>Titolare del trattamento è il Comune di Milano. Nome, email e risposte servono solo a "
    "gestire l'iscrizione, l'accoglienza e le comunicazioni su questo evento; sono visibili al "
    "personale autorizzato e vengono resi anonimi 12 mesi dopo l'evento. Puoi annullare "
    "l'iscrizione in ogni momento dal link che ricevi via email.</p>"
)

UPCOMING = [
    {
        "slug": "patti-di-collaborazione-laboratorio-municipio-9",
        "title": "Patti di collaborazione: laboratorio aperto nel Municipio 9",
        "summary": (
            "Un pomeriggio di lavoro ai tavoli per chi vuole prendersi cura di uno spazio del "
            "quartiere con un Patto di collaborazione: come si propone, chi coinvolgere, cosa "
            "fa il Comune."
        ),
        "municipio": 9,
        "start": datetime(2026, 12, 12, 10, 0, tzinfo=MILAN),
        "end": datetime(2026, 12, 12, 12, 30, tzinfo=MILAN),
        "venue_name": "Sede del Municipio 9",
        "venue_address": "via Guerzoni 38, Milano",
        "registration_opens_at": datetime(2026, 11, 2, 9, 0, tzinfo=MILAN),
        "registration_closes_at": datetime(2026, 12, 11, 18, 0, tzinfo=MILAN),
        "capacity": 40,
        "attendance_mode": EventPage.AttendanceMode.IN_PERSON,
        "streaming_url": "",
        "programme": [
            (time(10, 0), "Accoglienza", ""),
            (time(10, 15), "Che cos'è un Patto di collaborazione", "Esempi dai Municipi."),
            (
                time(10, 45),
                "Lavoro ai tavoli",
                "Dalla cura di un'aiuola alla gestione di uno spazio.",
            ),
            (time(12, 15), "Restituzione e prossimi passi", ""),
        ],
    },
    {
        "slug": "piazze-aperte-municipio-4-incontro",
        "title": "Piazze Aperte nel Municipio 4: incontro con il quartiere",
        "summary": (
            "Com'è andata la prima stagione della piazza aperta e cosa cambiare: un incontro "
            "pubblico con i residenti, le scuole e i commercianti, in presenza e in diretta."
        ),
        "municipio": 4,
        "start": datetime(2027, 1, 19, 18, 0, tzinfo=MILAN),
        "end": datetime(2027, 1, 19, 20, 0, tzinfo=MILAN),
        "venue_name": "Sede del Municipio 4",
        "venue_address": "via Oglio 18, Milano",
        "registration_opens_at": datetime(2027, 1, 5, 9, 0, tzinfo=MILAN),
        "registration_closes_at": None,
        "capacity": 80,
        "attendance_mode": EventPage.AttendanceMode.HYBRID,
        "streaming_url": "https://www.youtube.com/user/ComunediMilano",
        "programme": [
            (time(18, 0), "Il percorso di Piazze Aperte", ""),
            (time(18, 30), "Cosa ci avete detto", "I risultati del questionario ai residenti."),
            (time(19, 0), "Dibattito aperto", ""),
        ],
    },
]

QUESTIONS = [
    ("Organizzazione o associazione", "Facoltativo", RegistrationQuestion.Kind.SHORT_TEXT, False),
    (
        "Esigenze di accessibilità",
        "Per esempio interprete LIS, posto per carrozzina, materiali in formato accessibile.",
        RegistrationQuestion.Kind.LONG_TEXT,
        False,
    ),
]


def load(command, options):
    site = Site.objects.get(is_default_site=True)
    index = ensure_index(site.root_page.specific)
    speakers = {
        key: Speaker.objects.get_or_create(
            name=name, defaults={"title": title, "organisation": organisation}
        )[0]
        for key, (name, title, organisation) in SPEAKERS.items()
    }
    ensure_patto_event(index, speakers)
    for spec in UPCOMING:
        ensure_upcoming_event(index, spec)
    add_menu_link(site, "Eventi", "/eventi/")


def ensure_index(home):
    index = EventIndexPage.objects.child_of(home).first()
    if index:
        return index
    index = EventIndexPage(
        title="Eventi",
        slug="eventi",
        intro=(
            "Incontri, laboratori e assemblee nei Municipi e in tutta la città: iscriviti online "
            "e aggiungi gli appuntamenti al tuo calendario."
        ),
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def publish_new(index, page):
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_patto_event(index, speakers):
    slug = "un-patto-con-i-municipi-per-milano-bene-comune"
    if EventPage.objects.child_of(index).filter(slug=slug).exists():
        return
    page = EventPage(
        title="Un patto con i Municipi per Milano, Bene Comune",
        slug=slug,
        summary=(
            "Un momento di confronto e di lavoro collettivo su partecipazione e collaborazione "
            "civica: come rendere i Municipi il luogo in cui la democrazia urbana si rinnova "
            "ogni giorno."
        ),
        start=datetime(2025, 12, 11, 17, 0, tzinfo=MILAN),
        end=datetime(2025, 12, 11, 19, 30, tzinfo=MILAN),
        venue_name="Sala Vitnam, Acquario Civico",
        venue_address="viale Gadio 2, Milano",
        latitude=Decimal("45.473060"),
        longitude=Decimal("9.178890"),
        organiser="Comune di Milano, Milano Partecipazione",
        body=PATTO_BODY,
        privacy_text=PRIVACY_TEXT,
    )
    page.programme_items = [
        ProgrammeItem(
            time=at,
            title=title,
            description=description,
            speakers=[
                ("speaker", {"speaker": speakers[key], "role": role}) for key, role in people
            ],
        )
        for at, title, description, people in PATTO_PROGRAMME
    ]
    publish_new(index, page)


def ensure_upcoming_event(index, spec):
    if EventPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
        return
    fields = {key: value for key, value in spec.items() if key not in {"programme", "municipio"}}
    page = EventPage(
        **fields,
        municipio=Municipio.objects.get(number=spec["municipio"]),
        organiser=f"Municipio {spec['municipio']}, Comune di Milano",
        registration_enabled=True,
        waitlist_enabled=True,
        privacy_text=PRIVACY_TEXT,
    )
    page.programme_items = [
        ProgrammeItem(time=at, title=title, description=description)
        for at, title, description in spec["programme"]
    ]
    page.questions = [
        RegistrationQuestion(label=label, help_text=help_text, kind=kind, required=required)
        for label, help_text, kind, required in QUESTIONS
    ]
    publish_new(index, page)
