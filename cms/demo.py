"""Demo content for the City site: home page, Municipi, legal pages, menus and contacts."""

from wagtail.models import Page, Site

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
        "Il Comune di Milano si impegna a rendere il proprio sito accessibile, conformemente "
        "alla Legge 9 gennaio 2004, n. 4.",
        "<p>Questo sito è progettato per essere conforme ai requisiti WCAG 2.1 livello AA. "
        "Usa il sistema di design Bootstrap Italia, offre link per saltare al contenuto, "
        "etichette su ogni campo dei moduli, messaggi di errore testuali e funziona senza "
        "JavaScript e con la sola tastiera.</p><p>Per segnalare un problema di accessibilità "
        "scrivi a partecipazione@comune.milano.it: risponderemo entro 30 giorni. In caso di "
        "risposta insoddisfacente puoi rivolgerti al Difensore civico per il digitale "
        "dell'AgID.</p>",
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


def ensure_standard_page(parent, slug, title, intro, html):
    existing = StandardPage.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = StandardPage(title=title, slug=slug, intro=intro, body=[("paragraph", html)])
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
