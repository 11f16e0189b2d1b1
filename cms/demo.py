"""Demo content for the City site: home page, Municipi, legal pages, menus and contacts."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page, Site, Task, Workflow

from cms.accounts.models import User
from cms.models import HomePage, Municipio, NavigationSettings, SiteContactSettings, StandardPage

MUNICIPI = [
    (1, "Centro storico", "Il cuore della città, dentro la cerchia dei Bastioni."),
    (
        2,
        "Stazione Centrale, Gorla, Turro, Greco, Crescenzago",
        "Il nord-est tra la Stazione Centrale e il Naviglio Martesana.",
    ),
    (3, "Città Studi, Lambrate, Venezia", "I quartieri universitari e Porta Venezia."),
    (4, "Vittoria, Forlanini", "Il sud-est, da Porta Vittoria a Forlanini e Rogoredo."),
    (
        5,
        "Vigentino, Chiaravalle, Gratosoglio",
        "Il sud, tra Vigentino, l'Abbazia di Chiaravalle e il Parco Agricolo Sud.",
    ),
    (6, "Barona, Lorenteggio", "Il sud-ovest dai Navigli a Barona e Lorenteggio."),
    (7, "Baggio, De Angeli, San Siro", "L'ovest, da De Angeli a Baggio e San Siro."),
    (
        8,
        "Fiera, Gallaratese, Quarto Oggiaro",
        "Il nord-ovest, da CityLife a Gallaratese e Quarto Oggiaro.",
    ),
    (9, "Stazione Garibaldi, Niguarda", "Il nord, da Porta Garibaldi a Niguarda e Bicocca."),
]


def _section(heading, html):
    return [("heading", {"text": heading, "level": "h2"}), ("paragraph", html)]


# The accessibility statement follows the headings of AgID's model; what it says about testing
# is what tests/e2e/ checks on every change (keep the two in step).
ACCESSIBILITY_STATEMENT = [
    *_section(
        "Stato di conformità",
        "<p>Milano Partecipa (partecipazione.comune.milano.it) è <b>parzialmente conforme</b> "
        "ai requisiti previsti dall'allegato A alla norma UNI CEI EN 301549, che richiama le "
        "Linee guida per l'accessibilità dei contenuti web (WCAG) 2.1 di livello AA, per i "
        "casi di non conformità indicati nella sezione seguente.</p>",
    ),
    *_section(
        "Contenuti non accessibili",
        "<p>I test automatici non possono verificare tutto: alcuni aspetti richiedono una "
        "valutazione umana, che è in corso. In particolare:</p><ul>"
        "<li>i documenti PDF allegati alle pagine, prodotti anche da altri uffici, possono non "
        "essere accessibili: se ti serve una versione accessibile scrivici;</li>"
        "<li>le mappe interattive del piano strategico possono non essere pienamente "
        "utilizzabili con la tastiera o con un lettore di schermo;</li>"
        "<li>i video incorporati da piattaforme esterne possono non avere sottotitoli;</li>"
        "<li>la qualità dei testi alternativi delle immagini e dei titoli dipende da chi "
        "pubblica i contenuti, che segue le indicazioni della redazione.</li></ul>",
    ),
    *_section(
        "Redazione della dichiarazione di accessibilità",
        "<p>La dichiarazione è stata redatta il 22 novembre 2026 sulla base di "
        "un'autovalutazione del Comune di Milano, svolta con test automatici che vengono "
        "eseguiti a ogni modifica del codice del sito (integrazione continua): una modifica "
        "che li fa fallire non viene pubblicata.</p><ul>"
        "<li><b>Regole WCAG con axe-core</b>: su ogni tipo di pagina pubblica del sito (home "
        "page, pagine informative e legali, ricerca, pagina non trovata, registrazione, "
        "accesso, recupero della password, profilo e gestione dell'account, e le pagine di "
        "eventi e partecipazione man mano che vengono pubblicate), in italiano e in inglese, "
        "verifichiamo con il motore axe-core tutte le regole WCAG 2.0 e 2.1 di livello A e "
        "AA, anche sui moduli che mostrano errori di compilazione;</li>"
        "<li><b>Validità del codice HTML</b>: le stesse pagine sono controllate con il Nu Html "
        "Checker, il validatore del W3C, e non devono contenere errori (per esempio "
        "identificativi duplicati o etichette non collegate ai campi);</li>"
        "<li><b>Percorsi in un browser reale</b>: con Chromium verifichiamo che una persona "
        "possa registrarsi, confermare l'indirizzo email, accedere, modificare il profilo, "
        "scaricare i propri dati, uscire e recuperare la password, e che la redazione possa "
        "pubblicare una pagina, trovando ogni elemento dalla sua etichetta visibile;</li>"
        "<li><b>Solo tastiera</b>: la registrazione e l'accesso vengono completati usando "
        "soltanto la tastiera (Tab, Maiusc+Tab, Invio, barra spaziatrice), controllando che "
        "l'elemento attivo mostri sempre un indicatore di focus visibile.</li></ul>"
        "<p>Il sito usa Bootstrap Italia, il sistema di design delle pubbliche "
        "amministrazioni italiane, offre link per saltare al contenuto principale, etichette "
        "su ogni campo, messaggi di errore testuali, e i suoi moduli funzionano anche senza "
        "JavaScript.</p>",
    ),
    *_section(
        "Meccanismo di feedback e recapiti",
        "<p>Per segnalare un problema di accessibilità o chiedere un contenuto in un formato "
        "accessibile scrivi a partecipazione@comune.milano.it, indicando la pagina e il "
        "problema: ti risponderemo entro 30 giorni.</p>",
    ),
    *_section(
        "Procedura di attuazione",
        "<p>In caso di risposta insoddisfacente o di mancata risposta entro 30 giorni dalla "
        "segnalazione, puoi rivolgerti al Difensore civico per il digitale istituito presso "
        "l'Agenzia per l'Italia Digitale (AgID), ai sensi dell'articolo 3-quinquies, comma 3, "
        "della Legge 9 gennaio 2004, n. 4, con il modulo pubblicato sul sito www.agid.gov.it."
        "</p>",
    ),
]


LEGAL_PAGES = {
    "privacy": (
        "Informativa sulla privacy",
        "Come il Comune di Milano tratta i dati personali raccolti da Milano Partecipa.",
        "<p>Titolare del trattamento è il Comune di Milano, Piazza della Scala 2, 20121 Milano. "
        "I dati forniti per la registrazione, le proposte, i commenti e le iscrizioni agli eventi "
        "sono trattati per consentire la partecipazione, ai sensi del Regolamento (UE) 2016/679. "
        "Il nome reale non è mai pubblicato: accanto ai contributi compare il soprannome scelto. "
        "Dal tuo profilo puoi scaricare tutti i tuoi dati e cancellare l'account in ogni momento. "
        "Il Responsabile della protezione dei dati è raggiungibile all'indirizzo "
        "dpo@comune.milano.it.</p>",
    ),
    "dichiarazione-di-accessibilita": (
        "Dichiarazione di accessibilità",
        "Il Comune di Milano si impegna a rendere Milano Partecipa accessibile, conformemente "
        "alla Legge 9 gennaio 2004, n. 4 e alle Linee guida AgID sull'accessibilità degli "
        "strumenti informatici.",
        ACCESSIBILITY_STATEMENT,
    ),
    "cookie": (
        "Cookie policy",
        "Milano Partecipa usa solo cookie tecnici.",
        "<p>Usiamo soltanto i cookie tecnici necessari alla sessione, alla protezione dei moduli "
        "(CSRF) e alla scelta della lingua. Non usiamo cookie di profilazione né di terze parti, "
        "per questo non ti chiediamo un consenso.</p>",
    ),
    "note-legali": (
        "Note legali",
        "Condizioni d'uso della piattaforma e licenza dei contenuti.",
        "<p>I contenuti redazionali sono pubblicati con licenza Creative Commons Attribuzione 4.0. "
        "Chi pubblica proposte e commenti si impegna a rispettare le regole di partecipazione: "
        "niente insulti, spam o dati personali di altre persone. La moderazione può nascondere "
        "i contributi che le violano.</p>",
    ),
    "come-partecipare": (
        "Come partecipare",
        "Registrati, conferma il tuo indirizzo email e prendi parte alle consultazioni.",
        "<p>Milano Partecipa è lo spazio in cui cittadine e cittadini presentano proposte, "
        "le sostengono, commentano nelle fasi di consultazione e seguono le risposte del Comune. "
        "Per partecipare crea un account con il tuo indirizzo email, confermalo dal messaggio "
        "che ricevi e scegli un soprannome pubblico.</p>",
    ),
}


def load(command, options):
    load_municipi()
    home = ensure_home_page()
    pages = {
        slug: ensure_standard_page(home, slug, *content) for slug, content in LEGAL_PAGES.items()
    }
    configure_settings(home, pages)
    ensure_admin(command, options["admin_email"], options["admin_password"])
    translate_default_workflow()


WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def translate_default_workflow():
    """Wagtail's migrations name the default workflow and its task in English."""
    with translation.override(settings.LANGUAGE_CODE):
        name = gettext("Moderators' approval")
    Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(name=name)
    Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(name=name)


def load_municipi():
    for number, name, description in MUNICIPI:
        Municipio.objects.update_or_create(
            number=number, defaults={"name": name, "description": description}
        )


def ensure_home_page():
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node()
    for child in root.get_children():
        if child.specific_class is Page:
            child.delete()
    home = root.add_child(
        instance=HomePage(
            title="Milano Partecipa",
            slug="home",
            intro=(
                "La piattaforma di partecipazione del Comune di Milano: eventi nei Municipi, "
                "consultazioni, proposte e le risposte del Comune."
            ),
            seo_title="Milano Partecipa, la partecipazione del Comune di Milano",
        )
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Milano Partecipa",
        },
    )
    return home


def ensure_standard_page(parent, slug, title, intro, body):
    """`body` is the HTML of one paragraph, or a list of (block type, value) pairs."""
    existing = StandardPage.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    if isinstance(body, str):
        body = [("paragraph", body)]
    page = StandardPage(title=title, slug=slug, intro=intro, body=body)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def configure_settings(home, pages):
    site = home.get_site()
    contacts = SiteContactSettings.for_site(site)
    contacts.organisation = "Comune di Milano"
    contacts.address = "Piazza della Scala 2, 20121 Milano"
    contacts.phone = "02 02 02"
    contacts.email = "partecipazione@comune.milano.it"
    contacts.pec = "protocollo@postacert.comune.milano.it"
    contacts.vat_number = "01199250158"
    contacts.privacy_page = pages["privacy"]
    contacts.accessibility_page = pages["dichiarazione-di-accessibilita"]
    contacts.cookie_page = pages["cookie"]
    contacts.legal_notes_page = pages["note-legali"]
    contacts.social_links = [
        ("social", {"network": "facebook", "url": "https://www.facebook.com/ComunediMilano"}),
        ("social", {"network": "instagram", "url": "https://www.instagram.com/comunemilano"}),
        ("social", {"network": "youtube", "url": "https://www.youtube.com/user/ComunediMilano"}),
    ]
    contacts.save()

    navigation = NavigationSettings.for_site(site)
    if not navigation.main_menu:
        navigation.main_menu = [
            ("link", {"label": "Come partecipare", "page": pages["come-partecipare"], "url": ""}),
        ]
        navigation.footer_menu = [
            ("link", {"label": "Come partecipare", "page": pages["come-partecipare"], "url": ""}),
            (
                "link",
                {"label": "Comune di Milano", "page": None, "url": "https://www.comune.milano.it"},
            ),
        ]
        navigation.save()
    add_menu_link(site, "Consultazioni", "/consultazioni/")
    add_menu_link(site, "Assemblea per il clima", "/assemblea/assemblea-clima/")
    add_menu_link(site, "Risposte del Comune", "/risposte/")


def add_menu_link(site, label, url):
    """Let other apps' demo loaders add their section to the main menu, once."""
    navigation = NavigationSettings.for_site(site)
    if any(item.value["label"] == label for item in navigation.main_menu):
        return
    navigation.main_menu.append(("link", {"label": label, "page": None, "url": url}))
    navigation.save()


def ensure_admin(command, email, password):
    if User.objects.filter(email=email).exists():
        return
    admin = User.objects.create_superuser(email=email, password=password, nickname="Redazione")
    admin.emailaddress_set.create(email=email, verified=True, primary=True)
    command.stdout.write(f"Admin account: {email} / {password}")
