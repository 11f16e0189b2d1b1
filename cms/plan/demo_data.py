"""Demo content of the strategic plan and the RE.MIX atlas, taken from the seed documents.

Sources: the first Strategic Plan of the Metropolitan City of Milan ("Metropoli reale, metropoli
possibile") and the RE.MIX presentation of 4 May 2020. Coordinates are the WGS84 centres of the
municipalities; project points are plausible positions in each municipality.
"""

import datetime

PLAN = {
    "slug": "piano-strategico",
    "title": "Piano strategico della Città metropolitana di Milano",
    "intro": (
        "Metropoli reale, metropoli possibile: il primo Piano strategico milanese assume uno "
        "stile realistico e pragmatico, con un approccio sperimentale e incrementale, e "
        "prefigura la metropoli possibile, capace di avere una visione strategica di sviluppo."
    ),
    "phases": [
        (
            "Innesco, programmazione e avvio del processo",
            "Aprile 2015",
            "<p>Sulla base delle Linee di indirizzo approvate nell'aprile 2015 si avvia il "
            "processo di costruzione del Piano strategico, con tavoli di lavoro organizzati "
            "per Zone omogenee.</p>",
        ),
        (
            "Posizioni e prospettive: la Mappa delle idee",
            "2015",
            "<p>La Mappa delle idee e il catalogo delle politiche e dei progetti raccolgono "
            "sentiment, idee e progetti attraverso interviste, incontri dedicati e "
            "discussioni pubbliche.</p>",
        ),
        (
            "Costruzione tecnico-politica della proposta di Piano",
            "2015-2016",
            "<p>La proposta di Piano strategico definisce progetti e azioni, contenuti "
            "amministrativi e operativi.</p>",
        ),
        (
            "Approvazione del Piano strategico",
            "2016",
            "<p>Il Piano strategico è approvato attraverso il percorso politico-istituzionale.</p>",
        ),
    ],
    "body": (
        "<p>Il lavoro si è svolto su quattro principali fronti: un terreno stabile di confronto "
        "con i Comuni, con tavoli di lavoro organizzati per Zone omogenee; il coinvolgimento "
        "delle rappresentanze socio-economiche, attraverso il «Tavolo metropolitano per lo "
        "sviluppo» e i tavoli territoriali; numerose interviste, incontri dedicati e "
        "discussioni pubbliche; l'interlocuzione con la struttura tecnico-amministrativa "
        "dell'Ente per verificare, aggiornare e selezionare l'archivio progetti.</p>"
        "<p>Coerentemente alle strategie della Mappa delle idee, il Piano individua sei "
        "piattaforme progettuali, di carattere trasversale, che costituiscono indirizzo per "
        "l'azione di Città metropolitana nei prossimi anni.</p>"
    ),
    "monitoring": (
        "<p>Il Piano strategico non si esaurisce con l'atto di approvazione: i cantieri "
        "progettuali danno concreta attuazione alle sue previsioni, anche attraverso "
        "protocolli d'intesa, convenzioni e accordi di programma.</p>"
        "<p>Gli indirizzi del Piano sono recepiti nel Documento Unico di Programmazione "
        "(DUP). Il processo prosegue con l'Agenda strategica: le diverse fasi sono "
        "monitorate, per ottenere indicazioni utili a orientare l'aggiornamento annuale "
        "del Piano.</p>"
    ),
}

PLATFORMS = [
    (
        "milano-metropoli-facile",
        "Milano metropoli facile",
        "Semplificare procedure e accesso ai servizi",
        "Costruire una pubblica amministrazione aperta all'innovazione, veloce, trasparente ed "
        "efficace, attraverso una forte semplificazione che preveda la drastica riduzione "
        "della burocrazia, la dematerializzazione e la digitalizzazione delle attività, "
        "favorendo l'accesso ai servizi per cittadini e imprese.",
        ["+Community", "Soggetti aggregatori", "Knowledge territoriale"],
    ),
    (
        "milano-metropoli-europea",
        "Milano metropoli europea",
        "Innovare, competere, attrarre",
        "Favorire lo sviluppo di una metropoli attrattiva e competitiva sul piano europeo e "
        "internazionale, attivando politiche che favoriscano l'innovazione e mettano in "
        "connessione sapere e «saper fare».",
        [
            "Attrattività del territorio",
            "Rafforzare la competitività delle imprese del territorio",
            "Rete di territori metropolitani",
        ],
    ),
    (
        "milano-metropoli-sostenibile",
        "Milano metropoli sostenibile",
        "Rigenerare territorio e ambiente",
        "Favorire uno sviluppo più sostenibile del territorio, con le rafforzate funzioni di "
        "pianificazione territoriale, il potenziamento dei parchi metropolitani, la "
        "valorizzazione del patrimonio anche in chiave di efficientamento energetico e di "
        "riduzione delle emissioni.",
        [
            "Sistema dei parchi metropolitani",
            "Spazi metropolitani e governo delle trasformazioni",
            "Idroscalo Parco metropolitano per le famiglie e per lo sport",
            "Piano di valorizzazione del patrimonio",
        ],
    ),
    (
        "milano-metropoli-inclusiva",
        "Milano metropoli inclusiva",
        "Sostenere l'integrazione scolastica, sociale e lavorativa",
        "Mettere in movimento forme di inclusione, rafforzando le relazioni tra formazione e "
        "lavoro e promuovendo start-up e nuovi servizi di prossimità e di animazione "
        "territoriale.",
        [
            "Programmazione partecipata della rete scolastica",
            "Sviluppo del capitale umano per un welfare generativo",
            "Le pari opportunità nella Città metropolitana di Milano",
        ],
    ),
    (
        "milano-metropoli-in-rete",
        "Milano metropoli in rete",
        "Connettere persone, imprese, territori",
        "Connettere più efficacemente persone, imprese e territori attraverso infrastrutture "
        "e servizi di mobilità, a partire dal trasporto pubblico e dall'intermodalità, e "
        "digitali, con lo sviluppo delle infrastrutture di banda larga.",
        [
            "W.A.N. – Wide Area Network",
            "Campus scolastico digitale",
            "Agenzia della mobilità metropolitana e integrazione tariffaria",
            "Hub metropolitani e nuove forme di mobilità",
        ],
    ),
    (
        "milano-metropoli-cooperante",
        "Milano metropoli cooperante",
        "Gestire in forma associata servizi e progetti di sviluppo",
        "Sviluppare e promuovere la cooperazione e la gestione associata di servizi a livello "
        "intercomunale, a partire dall'avvio delle Zone omogenee, e consolidare il ruolo di "
        "Città metropolitana nella gestione dei grandi servizi a rete.",
        [
            "Costituzione delle Zone omogenee",
            "Agende dai territori delle Zone omogenee",
            "ATO metropolitana servizio idrico integrato",
        ],
    ),
]

REMIX_SLUG = "remix-e-valori-per-la-rigenerazione-territoriale"

# number, slug, title, platform slug, responsible office, zone slugs
STRATEGIC_PROJECTS = [
    (
        1,
        REMIX_SLUG,
        "REmix e VALO.RI per la rigenerazione territoriale",
        "milano-metropoli-sostenibile",
        "Direzione di progetto Welfare metropolitano e rigenerazione urbana",
        ["alto-milanese", "nord-ovest", "adda-martesana"],
    ),
    (
        2,
        "parco-metropolitano-e-idroscalo",
        "Parco metropolitano e Idroscalo",
        "milano-metropoli-sostenibile",
        "Area Ambiente e tutela del territorio",
        ["milano", "adda-martesana", "sud-est"],
    ),
    (
        3,
        "milano-metropolitana-e-leuropa",
        "Milano metropolitana e l'Europa",
        "milano-metropoli-europea",
        "Servizio Politiche europee",
        [],
    ),
    (
        4,
        "territori-consapevoli-verso-la-smart-land",
        "Territori consapevoli: verso la Smart Land",
        "milano-metropoli-facile",
        "Direzione Innovazione tecnologica e digitale",
        ["sud-est"],
    ),
    (
        5,
        "gestore-unico-del-servizio-idrico-integrato",
        "Gestore unico del Servizio Idrico Integrato",
        "milano-metropoli-cooperante",
        "Ufficio d'Ambito della Città metropolitana di Milano",
        [],
    ),
    (
        6,
        "ato-rifiuti-citta-metropolitana-di-milano",
        "ATO Rifiuti Città metropolitana di Milano",
        "milano-metropoli-cooperante",
        "Area Ambiente e tutela del territorio",
        [],
    ),
    (
        7,
        "regolamento-edilizio-metropolitano-tipo",
        "Regolamento Edilizio Metropolitano tipo",
        "milano-metropoli-facile",
        "Settore Pianificazione territoriale generale",
        [],
    ),
    (
        8,
        "giovani-formazione-lavoro-e-nuove-opportunita",
        "Giovani: formazione, lavoro e nuove opportunità",
        "milano-metropoli-inclusiva",
        "Area Sviluppo economico, formazione e lavoro",
        [],
    ),
    (
        9,
        "per-una-mobilita-sostenibile",
        "Per una mobilità sostenibile",
        "milano-metropoli-in-rete",
        "Area Infrastrutture e mobilità",
        [],
    ),
    (
        10,
        "olimpiadi-invernali-2026-milano-metropolitana-cortina",
        "Olimpiadi invernali 2026: Milano metropolitana Cortina",
        "milano-metropoli-europea",
        "Direzione generale",
        ["milano"],
    ),
]

REMIX_SUMMARY = (
    "L'Incubatore metropolitano per la Rigenerazione Territoriale: una piattaforma di "
    "incontro tra progetti e opportunità per coordinare lo sviluppo delle progettualità dei "
    "Comuni in tema di rigenerazione, con formazione sui finanziamenti, consulenza, "
    "costruzione di partnership e comunicazione."
)

REMIX_UPDATES = [
    (
        datetime.date(2020, 5, 4),
        "Presentazione del progetto strategico RE.MIX",
        "Rigenerazione urbana e territoriale. Il sistema della conoscenza, le opportunità, il "
        "progetto. La ricognizione con i Comuni ha coinvolto 14 comuni e 30 progetti; con i 31 "
        "comuni del Bando periferie, 44 comuni, il 28,3% dei comuni metropolitani.",
    ),
]

ZONE_INDEX = {
    "slug": "zone-omogenee",
    "title": "Zone omogenee e agende dai territori",
    "intro": (
        "Per ciascuna Zona omogenea e per Milano è emersa dai tavoli territoriali una «agenda "
        "dal territorio»: i caratteri del contesto, la vocazione futura e i progetti e le "
        "azioni che i Comuni, agendo insieme, possono mettere in campo."
    ),
}

# slug, title, vocation, context, agenda [(theme, title)], municipalities [(name, lat, lng)]
ZONES = [
    (
        "alto-milanese",
        "Alto Milanese",
        "Un territorio in rete, attrattivo e vocato all'innovazione",
        "Il territorio di Legnano e del Castanese, lungo l'Olona e l'asse del Sempione, di "
        "antica tradizione manifatturiera, tra il Parco del Ticino e Malpensa.",
        [
            ("innovation", "Politiche di abilitazione del sistema economico"),
            ("mobility", "Organizzazione del TPL e programmazione infrastrutturale"),
            ("regeneration", "Politiche comuni di trasformazione e sviluppo"),
        ],
        [
            ("Legnano", "45.595800", "8.915200"),
            ("Parabiago", "45.558600", "8.948000"),
            ("Nerviano", "45.556000", "8.976400"),
            ("Castano Primo", "45.551300", "8.774600"),
            ("Cuggiono", "45.506700", "8.816000"),
        ],
    ),
    (
        "magentino-e-abbiatense",
        "Magentino e Abbiatense",
        "Terra di agricoltura, manifattura e cultura",
        "Il territorio tra il Ticino e il Naviglio Grande, con Magenta e Abbiategrasso, "
        "segnato dal Parco del Ticino e dal Parco Agricolo Sud Milano.",
        [
            ("parks_agriculture", "Sistema delle tutele e progetti di paesaggio"),
            ("parks_agriculture", "Politiche a sostegno dell'economia agricola"),
            ("shared_services", "Gestione associata di servizi"),
        ],
        [
            ("Magenta", "45.464500", "8.882200"),
            ("Abbiategrasso", "45.398200", "8.918500"),
            ("Corbetta", "45.468700", "8.919600"),
            ("Robecco sul Naviglio", "45.437900", "8.884900"),
            ("Motta Visconti", "45.288300", "8.993600"),
        ],
    ),
    (
        "sud-ovest",
        "Sud Ovest",
        "Connessioni a Sud Ovest: fare sistema per mettere in rete il territorio",
        "I Comuni di prima cintura a sud-ovest di Milano, da Corsico a Rozzano, lungo il "
        "Naviglio Grande e ai margini del Parco Agricolo Sud Milano.",
        [
            ("mobility", "Connessioni di trasporto pubblico tra i Comuni"),
            ("simplification", "Omogeneizzazione di norme e regolamenti"),
        ],
        [
            ("Corsico", "45.432800", "9.111600"),
            ("Buccinasco", "45.417600", "9.124600"),
            ("Cesano Boscone", "45.443800", "9.094600"),
            ("Trezzano sul Naviglio", "45.420200", "9.065200"),
            ("Rozzano", "45.380000", "9.155300"),
        ],
    ),
    (
        "sud-est",
        "Sud Est",
        "Sud Est Milano Smart Land",
        "Il territorio di San Donato, San Giuliano e Melegnano lungo la via Emilia, sede di "
        "grandi imprese e di aree agricole del Parco Agricolo Sud Milano.",
        [
            ("innovation", "Sperimentazione di politiche per la Smart Land"),
            ("shared_services", "Gestione associata di polizia locale e SUAP"),
        ],
        [
            ("San Donato Milanese", "45.416000", "9.267400"),
            ("San Giuliano Milanese", "45.396000", "9.291100"),
            ("Peschiera Borromeo", "45.432800", "9.313500"),
            ("Melegnano", "45.358500", "9.324400"),
            ("Paullo", "45.418100", "9.401800"),
        ],
    ),
    (
        "adda-martesana",
        "Adda Martesana",
        "Adda Martesana città parco",
        "Il territorio lungo il Naviglio Martesana fino all'Adda, con Cernusco, Gorgonzola, "
        "Melzo e Cassano d'Adda, ricco di parchi e di connessioni verdi.",
        [
            ("parks_agriculture", "Progetti di fruizione dei parchi e delle sponde dell'Adda"),
            ("regeneration", "Recupero delle cascine e delle centralità locali"),
        ],
        [
            ("Cernusco sul Naviglio", "45.525200", "9.332600"),
            ("Gorgonzola", "45.531500", "9.405000"),
            ("Pioltello", "45.499800", "9.328800"),
            ("Melzo", "45.499000", "9.422700"),
            ("Cassano d'Adda", "45.526600", "9.515700"),
            ("Bussero", "45.533600", "9.370200"),
        ],
    ),
    (
        "nord-milano",
        "Nord Milano",
        "Dalla città postindustriale alla città dei lavori, dei servizi e dell'abitare",
        "Sesto San Giovanni, Cinisello Balsamo, Cologno Monzese e Bresso: la città delle "
        "grandi fabbriche che si trasforma in città dei servizi.",
        [
            ("regeneration", "Trasformazione delle aree ex industriali"),
            ("shared_services", "Gestione associata di servizi"),
        ],
        [
            ("Sesto San Giovanni", "45.533500", "9.235100"),
            ("Cinisello Balsamo", "45.558800", "9.214900"),
            ("Cologno Monzese", "45.528700", "9.279000"),
            ("Bresso", "45.538700", "9.190000"),
            ("Cusano Milanino", "45.551700", "9.183900"),
        ],
    ),
    (
        "nord-ovest",
        "Nord Ovest",
        "Nord Ovest Milano hub della conoscenza e dell'innovazione",
        "Il Rhodense e il Garbagnatese, attorno al polo fieristico di Rho-Pero e all'area "
        "post-Expo, attraversati dalle grandi reti di trasporto.",
        [
            ("innovation", "Hub della conoscenza attorno all'area post-Expo"),
            ("mobility", "Nodi di interscambio e mobilità sostenibile"),
            ("regeneration", "Recupero degli ambiti industriali e ferroviari dismessi"),
        ],
        [
            ("Rho", "45.531700", "9.040200"),
            ("Pero", "45.509900", "9.087000"),
            ("Pogliano Milanese", "45.537100", "8.993300"),
            ("Cornaredo", "45.500300", "9.028800"),
            ("Bollate", "45.546100", "9.120500"),
            ("Garbagnate Milanese", "45.577000", "9.076000"),
        ],
    ),
    (
        "milano",
        "Milano",
        "Il capoluogo al centro della rete metropolitana",
        "La città capoluogo, con i nove Municipi, cuore della rete dei servizi di area vasta.",
        [("mobility", "Integrazione tariffaria e hub metropolitani della mobilità")],
        [("Milano", "45.464200", "9.190000")],
    ),
]

ATLAS = {
    "slug": "atlante-rigenerazione",
    "title": "Atlante della rigenerazione",
    "intro": (
        "I progetti di rigenerazione urbana e territoriale dei Comuni metropolitani raccolti dal "
        "progetto strategico RE.MIX: trasformazioni grandi o diffuse sul costruito, azioni "
        "sugli spazi pubblici e privati, sulla mobilità sostenibile, sul verde, sui servizi "
        "alla persona e sui sistemi economici locali."
    ),
}

VOCABULARIES = {
    "InterventionKind": [
        ("lavori", "Lavori", "Hardware: interventi individuati da un perimetro areale.", True),
        (
            "azioni",
            "Azioni",
            "Software: interventi senza una definita localizzazione areale.",
            False,
        ),
    ],
    "Localisation": ["Urbana", "Periferica", "Frangia urbana"],
    "ActionAmbit": [
        "Valorizzazione patrimonio immobiliare esistente",
        "Recupero edilizio per spazi multifunzionali",
        "Recupero ambito industriale",
        "Recupero ambito ferroviario",
        "Recupero di cascine",
    ],
    "CriticalIssueAmbit": [
        "Urbanistico",
        "Infrastrutturale",
        "Ambientale",
        "Paesistico",
        "Sociale",
        "Culturale",
        "Economico",
    ],
    "Scale": ["Metropolitana", "Area omogenea", "Sovracomunale", "Comunale"],
    "ActorType": ["Pubblico", "Privati", "Associazioni", "Gruppi informali"],
}

# Each project: slug, title, municipality, localisation, ambit, critical ambits, scale, kind,
# (lat, lng), area half-size in degrees (lat, lng), intro, phases, actors, indicators.
REGENERATION_PROJECTS = [
    {
        "slug": "ampliamento-asilo-largo-bernasconi-pogliano-milanese",
        "title": "Ampliamento asilo di Largo Bernasconi",
        "municipality": "Pogliano Milanese",
        "localisation": "urbana",
        "ambit": "valorizzazione-patrimonio-immobiliare-esistente",
        "critical": ["urbanistico", "sociale"],
        "scale": "comunale",
        "kind": "lavori",
        "point": ("45.538200", "8.994100"),
        "half_size": ("0.000350", "0.000500"),
        "intro": (
            "Ampliamento e ripensamento degli spazi dell'asilo: valorizzazione del patrimonio "
            "immobiliare esistente ed efficientamento energetico."
        ),
        "phases": [],
        "actors": [("Comune di Pogliano Milanese", "pubblico")],
    },
    {
        "slug": "casa-dei-castanesi-castano-primo",
        "title": "Casa dei Castanesi",
        "municipality": "Castano Primo",
        "localisation": "urbana",
        "ambit": "valorizzazione-patrimonio-immobiliare-esistente",
        "critical": ["sociale", "culturale"],
        "scale": "comunale",
        "kind": "lavori",
        "point": ("45.552100", "8.773200"),
        "half_size": ("0.000300", "0.000450"),
        "intro": (
            "Valorizzazione dell'ex sede scolastica di Via Moroni, con l'insediamento di "
            "attività associative e funzioni culturali."
        ),
        "phases": [
            (
                "FASE I",
                "Interventi di manutenzione ordinaria per ripristinare la funzionalità degli "
                "spazi: sgomberi, imbiancature, piccole sistemazioni interne, revisione impianti.",
                "in_progress",
            ),
            (
                "FASE II",
                "Riqualificazione energetica con sostituzione dei serramenti e dei corpi "
                "illuminanti e isolamento del sottotetto.",
                "planned",
            ),
            (
                "FASE III",
                "Riqualificazione edilizia con modifiche interne, adeguamento impianti e "
                "acquisto attrezzature.",
                "planned",
            ),
        ],
        "actors": [
            ("Comune di Castano Primo", "pubblico"),
            ("Associazioni del territorio castanese", "associazioni"),
        ],
        "indicators": [
            {
                "name": "Fasi di intervento completate",
                "unit": "fasi",
                "baseline": 0,
                "target": 3,
                "measurements": [(datetime.date(2020, 5, 4), 0, "FASE I in corso")],
            }
        ],
    },
    {
        "slug": "recupero-ex-edificio-scolastico-piazza-marconi-pero",
        "title": "Recupero ex edificio scolastico in piazza Marconi",
        "municipality": "Pero",
        "localisation": "urbana",
        "ambit": "recupero-edilizio-per-spazi-multifunzionali",
        "critical": ["urbanistico", "ambientale", "sociale", "culturale"],
        "scale": "comunale",
        "kind": "lavori",
        "point": ("45.510400", "9.086300"),
        "half_size": ("0.000300", "0.000450"),
        "intro": (
            "Rigenerazione urbana dell'ex scuola primaria Marconi dismessa, con interventi per "
            "la sostenibilità ambientale e l'efficientamento energetico; spazi per cohousing "
            "sociale e spazi multifunzionali per servizi culturali; recupero di un bene comune "
            "in un'ottica di sostenibilità economica della gestione."
        ),
        "phases": [],
        "actors": [("Comune di Pero", "pubblico")],
    },
    {
        "slug": "aru-ex-icoma-cornaredo",
        "title": "ARU Ex ICOMA",
        "municipality": "Cornaredo",
        "localisation": "periferica",
        "ambit": "recupero-ambito-industriale",
        "critical": ["urbanistico", "ambientale", "sociale", "economico"],
        "scale": "sovracomunale",
        "kind": "lavori",
        "point": ("45.495600", "9.034800"),
        "half_size": ("0.000900", "0.001300"),
        "intro": (
            "Bonifica e recupero dell'ambito industriale dismesso ex ICOMA con nuove funzioni: "
            "spazi per start-up e imprese del settore agro-alimentare, utilizzo di un bene "
            "comune in un'ottica di sostenibilità economica della gestione."
        ),
        "phases": [],
        "actors": [
            ("Comune di Cornaredo", "pubblico"),
            ("Fondazione Cariplo", "privati"),
            ("Coldiretti", "associazioni"),
            ("Istituto Alberghiero Olmo", "pubblico"),
            ("K-City", "privati"),
        ],
    },
    {
        "slug": "ex-scalo-merci-area-attract-rho",
        "title": "Ex scalo merci. Area Attract",
        "municipality": "Rho",
        "localisation": "urbana",
        "ambit": "recupero-ambito-ferroviario",
        "critical": ["urbanistico", "infrastrutturale"],
        "scale": "sovracomunale",
        "kind": "lavori",
        "point": ("45.526300", "9.044500"),
        "half_size": ("0.000800", "0.001800"),
        "intro": (
            "Rigenerazione dell'ex scalo ferroviario, area sottoutilizzata, per sviluppo "
            "immobiliare e incremento delle dotazioni pubbliche: offerta di sosta e "
            "miglioramento del TPL con un nuovo terminal. Rigenerazione indotta nel quartiere "
            "di via Volta con una nuova sequenza di spazi pubblici."
        ),
        "phases": [],
        "actors": [
            ("RFI", "pubblico"),
            ("Comune di Rho", "pubblico"),
            ("Attori privati da attrarre", "privati"),
        ],
    },
    {
        "slug": "cascina-gogna-bussero",
        "title": "Cascina Gogna",
        "municipality": "Bussero",
        "localisation": "frangia-urbana",
        "ambit": "recupero-di-cascine",
        "critical": ["urbanistico", "infrastrutturale", "paesistico"],
        "scale": "sovracomunale",
        "kind": "lavori",
        "point": ("45.528900", "9.374600"),
        "half_size": ("0.000450", "0.000650"),
        "intro": (
            "Recupero di una cascina per funzioni residenziali e miglioramento delle "
            "connessioni alle reti del trasporto pubblico e della mobilità lenta: una nuova "
            "centralità marcata da servizi con impatto sovracomunale."
        ),
        "phases": [],
        "actors": [("Comune di Bussero", "pubblico")],
    },
]
