"""A city-scale data set for the benchmark, deterministic from a seed.

Everything is drawn from one `random.Random(seed)`; only dates are placed relative to the day of
the run, so that a tenth of the consultations are collecting supports whenever it is run.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Site

from cms.models import Municipio, StandardPage
from cms.perf.bulk import add_child_pages, insert_rows, next_pk
from cms.plan.models import (
    ActionAmbit,
    AtlasPage,
    InterventionKind,
    Localisation,
    Municipality,
    RegenerationProjectPage,
    Scale,
)
from events.models import CHECKIN_CODE_ALPHABET, EventIndexPage, EventPage, Registration
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

FULL_SCALE = {
    "consultations": 50,
    "proposals": 100_000,
    "citizens": 200_000,
    "supports": 1_000_000,
    "comments": 300_000,
    "events": 500,
    "registrations": 50_000,
    "atlas_projects": 2_000,
    "pages": 5_000,
}
MINIMUM = {"consultations": 2, "events": 2, "citizens": 20, "proposals": 20}
SHOWCASE_COMMENTS = 500
CITIZEN_PASSWORD = "milano-partecipa"

FIRST_NAMES = [
    "Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Matteo", "Elena",
    "Andrea", "Martina", "Davide", "Valentina", "Simone", "Federica", "Lorenzo", "Silvia",
    "Giorgio", "Paola", "Stefano", "Anna", "Roberto", "Laura", "Fabio", "Ilaria", "Amina",
    "Karim", "Mei", "Yusuf", "Olena",
]  # fmt: skip
LAST_NAMES = [
    "Rossi", "Colombo", "Ferrari", "Russo", "Bianchi", "Romano", "Gallo", "Brambilla",
    "Fontana", "Conti", "Ricci", "Bruno", "Galli", "Villa", "Sala", "Mariani", "Longhi",
    "Cattaneo", "Pozzi", "Ferri", "Moretti", "Barbieri", "Riva", "Mauri", "Lombardi",
]  # fmt: skip
PLACES = [
    "via Padova", "viale Monza", "piazzale Loreto", "via Lorenteggio", "corso Buenos Aires",
    "via Giambellino", "piazza Leonardo da Vinci", "viale Fulvio Testi", "via Novara",
    "parco Trotter", "piazza Selinunte", "via Ripamonti", "Corvetto", "Bovisa", "NoLo", "QT8",
    "Gratosoglio", "Quarto Oggiaro", "Niguarda", "Baggio", "piazza Prealpi", "via Gola",
    "San Siro", "Lambrate", "Città Studi", "Barona", "Porta Romana", "Isola", "Dergano",
    "Affori",
]  # fmt: skip
ACTIONS = [
    ("Nuova", "pista ciclabile"), ("Più", "alberi lungo i marciapiedi"),
    ("Un'", "area giochi inclusiva"), ("Illuminazione migliore per", "il parco"),
    ("Panchine e fontanelle per", "la piazza"), ("Un orto condiviso per", "il quartiere"),
    ("Attraversamento pedonale rialzato per", "la scuola"), ("Zona 30 per", "le vie residenziali"),
    ("Rastrelliere per le bici per", "la stazione"), ("Un'area cani recintata per", "i giardini"),
    ("Campo da basket rinnovato per", "i ragazzi"), ("Piazza aperta per", "il mercato"),
    ("Biblioteca di condominio per", "il cortile"), ("Cestini per la differenziata per", "il viale"),
]  # fmt: skip
SENTENCES = [
    "Ogni mattina centinaia di bambini attraversano qui per andare a scuola.",
    "Il marciapiede è stretto e le auto in sosta lo occupano spesso.",
    "D'estate manca l'ombra e gli anziani non hanno dove sedersi.",
    "Chiediamo che il Municipio coinvolga i comitati di quartiere nel progetto.",
    "La proposta costa poco e si può realizzare in pochi mesi.",
    "Lo spazio oggi è abbandonato e di sera è poco sicuro.",
    "Molte famiglie del quartiere hanno firmato una petizione per questo intervento.",
    "Il verde aiuterebbe a ridurre il caldo nelle estati sempre più lunghe.",
    "Sono d'accordo, ma bisogna pensare anche alla manutenzione negli anni.",
    "Abito qui da vent'anni e questa è la richiesta che sento più spesso.",
    "Servirebbe anche un collegamento migliore con la fermata della metropolitana.",
    "Le associazioni del quartiere sono pronte a prendersene cura.",
]
CONSULTATION_THEMES = ["Mobilità", "Verde e ambiente", "Spazi pubblici", "Scuola", "Cultura"]
EVENT_KINDS = [
    "Assemblea pubblica", "Laboratorio di quartiere", "Passeggiata esplorativa",
    "Incontro con il Municipio", "Presentazione del bilancio partecipativo", "Tavolo di co-progettazione",
]  # fmt: skip
PAGE_TOPICS = [
    "Come partecipare", "Regolamento della partecipazione", "Bilancio partecipativo",
    "Patti di collaborazione", "Consulte di Municipio", "Dati aperti", "Accessibilità",
    "Privacy", "Domande frequenti", "Verbale dell'assemblea",
]  # fmt: skip


@dataclass
class Counts:
    consultations: int
    proposals: int
    citizens: int
    supports: int
    comments: int
    events: int
    registrations: int
    atlas_projects: int
    pages: int

    @classmethod
    def at_scale(cls, scale):
        return cls(
            **{
                name: max(MINIMUM.get(name, 1), round(full * scale))
                for name, full in FULL_SCALE.items()
            }
        )


def text(rng, sentences=3):
    return " ".join(rng.choice(SENTENCES) for _ in range(sentences))


class CityScaleSeeder:
    def __init__(self, seed, scale, stdout=None):
        self.rng = random.Random(seed)
        self.counts = Counts.at_scale(scale)
        self.now = timezone.now().replace(microsecond=0)
        self.stdout = stdout
        self.made = {}

    def uuid(self):
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def report(self, label, count):
        self.made[label] = count
        if self.stdout:
            self.stdout.write(f"  {label}: {count:,}")

    def run(self):
        site = Site.objects.get(is_default_site=True)
        self.home = site.root_page.specific
        self.municipi = list(Municipio.objects.order_by("number"))
        self.municipio_type = ContentType.objects.get_for_model(Municipio)
        self.seed_citizens()
        self.seed_consultations()
        self.seed_proposals_and_supports()
        self.seed_comments()
        self.seed_events()
        self.seed_atlas()
        self.seed_standard_pages()
        return self.made

    # Citizens

    def seed_citizens(self):
        User = get_user_model()
        first_pk = next_pk(User)
        password = make_password(CITIZEN_PASSWORD, salt="cityscale")
        joined = self.now - timedelta(days=400)
        n = self.counts.citizens
        self.citizen_ids = list(range(first_pk, first_pk + n))
        columns = [
            "id", "password", "is_superuser", "username", "first_name", "last_name", "email",
            "is_staff", "is_active", "date_joined", "nickname", "municipio", "language",
            "notification_frequency",
        ]  # fmt: skip
        rows = (
            (
                pk,
                password,
                False,
                f"cittadino{pk}",
                self.rng.choice(FIRST_NAMES),
                self.rng.choice(LAST_NAMES),
                f"cittadino{pk}@example.org",
                False,
                True,
                joined + timedelta(minutes=i),
                f"cittadino_{pk}",
                self.rng.choice(self.municipi).pk if self.municipi else None,
                "it",
                "none",
            )  # fmt: skip
            for i, pk in enumerate(self.citizen_ids)
        )
        self.report("citizens", insert_rows(User, columns, rows))
        rows = (
            (pk, f"cittadino{pk}@example.org", True, True, self.citizen_ids[0] + i)
            for i, pk in enumerate(self.citizen_ids)
        )
        insert_rows(EmailAddress, ["id", "email", "verified", "primary", "user"], rows)

    # Consultations

    def consultation_index(self):
        index = ConsultationIndexPage.objects.child_of(self.home).first()
        if index:
            return index
        index = ConsultationIndexPage(
            title="Consultazioni",
            slug="consultazioni",
            intro="Le consultazioni del Comune di Milano e dei Municipi.",
        )
        self.home.add_child(instance=index)
        index.save_revision().publish()
        return index

    def consultation_title(self, i):
        municipio = self.municipi[i % len(self.municipi)] if self.municipi else None
        year = 2026 - (i // 9)
        where = f"Municipio {municipio.number}" if municipio else "Milano"
        return f"Bilancio partecipativo {year} – {where}", municipio

    def seed_consultations(self):
        index = self.consultation_index()
        offset = ConsultationPage.objects.count()
        pages = []
        for i in range(self.counts.consultations):
            title, municipio = self.consultation_title(i)
            pages.append(
                ConsultationPage(
                    title=title,
                    slug=f"{slugify(title)}-{offset + i + 1}",
                    intro=text(self.rng, 2),
                    support_threshold=200,
                    scope_content_type=self.municipio_type if municipio else None,
                    scope_object_id=municipio.pk if municipio else None,
                )
            )
        add_child_pages(index, pages, self.now - timedelta(days=120), self.keys(len(pages)))
        self.consultations = pages
        phases, themes = [], []
        for i, page in enumerate(pages):
            phases += self.phases_for(page, open_for_supports=i % 10 == 0)
            themes += [
                Theme(page_id=page.pk, name=name, sort_order=order)
                for order, name in enumerate(CONSULTATION_THEMES)
            ]
        Phase.objects.bulk_create(phases)
        Theme.objects.bulk_create(themes)
        self.themes = {}
        for theme in Theme.objects.filter(page__in=pages):
            self.themes.setdefault(theme.page_id, []).append(theme.pk)
        self.report("consultations", len(pages))

    def phases_for(self, page, open_for_supports):
        """Proposals, then supports: open now for every tenth consultation, over for the rest."""
        day = timedelta(days=1)
        support_end = self.now + 30 * day if open_for_supports else self.now - 30 * day
        support_start = support_end - 60 * day
        return [
            Phase(
                page_id=page.pk,
                kind=PhaseKind.PROPOSAL_COLLECTION,
                start=support_start - 60 * day,
                end=support_start,
            ),
            Phase(
                page_id=page.pk,
                kind=PhaseKind.SUPPORT_COLLECTION,
                start=support_start,
                end=support_end,
            ),
        ]

    def keys(self, n):
        return [self.uuid() for _ in range(n)]

    # Proposals and supports

    def support_counts(self, public_ids):
        """A long tail: a few proposals gather thousands of supports, most only a handful."""
        weights = [self.rng.paretovariate(1.16) for _ in public_ids]
        cap = min(self.counts.citizens, 20_000)
        total = min(self.counts.supports, cap * len(public_ids))
        factor = total / sum(weights)
        counts = [min(cap, int(w * factor)) for w in weights]
        missing = total - sum(counts)
        while missing > 0:
            i = self.rng.randrange(len(counts))
            if counts[i] < cap:
                counts[i] += 1
                missing -= 1
        return dict(zip(public_ids, counts, strict=True))

    def seed_proposals_and_supports(self):
        first_pk = next_pk(Proposal)
        n = self.counts.proposals
        published = Proposal.Status.PUBLISHED
        statuses = [
            self.rng.choices(
                [published, Proposal.Status.WITHDRAWN, Proposal.Status.HIDDEN, "draft"],
                weights=[94, 3, 1, 2],
            )[0]
            for _ in range(n)
        ]
        ids = list(range(first_pk, first_pk + n))
        public = [pk for pk, s in zip(ids, statuses, strict=True) if s in (published, "withdrawn")]
        supports = self.support_counts(public)
        self.proposals = []
        rows = []
        start = self.now - timedelta(days=200)
        for i, (pk, status) in enumerate(zip(ids, statuses, strict=True)):
            consultation = self.consultations[i % len(self.consultations)]
            verb, thing = self.rng.choice(ACTIONS)
            place = self.rng.choice(PLACES)
            created = start + timedelta(seconds=i * 150)
            count = supports.get(pk, 0)
            municipio = self.rng.choice(self.municipi) if self.municipi else None
            rows.append(
                (
                    pk,
                    consultation.pk,
                    self.rng.choice(self.citizen_ids),
                    f"{verb} {thing} in {place}"[:150],
                    text(self.rng, 4),
                    self.rng.choice(self.themes[consultation.pk]),
                    self.municipio_type.pk if municipio else None,
                    municipio.pk if municipio else None,
                    status,
                    count,
                    created,
                    created,
                    None if status == "draft" else created,
                    created if count >= consultation.support_threshold else None,
                )  # fmt: skip
            )
            self.proposals.append((pk, consultation.pk, status))
        columns = [
            "id", "consultation", "author", "title", "body", "theme", "scope_content_type",
            "scope_object_id", "status", "support_count", "created_at", "updated_at",
            "published_at", "threshold_reached_at",
        ]  # fmt: skip
        self.report("proposals", insert_rows(Proposal, columns, rows))
        del rows
        self.report(
            "supports",
            insert_rows(
                Support,
                ["id", "user", "proposal", "created_at"],
                self.support_rows(supports, first_pk=next_pk(Support)),
            ),
        )

    def support_rows(self, supports, first_pk):
        """A generator consumed inside COPY: it must not touch the database itself."""
        pk = first_pk
        when = self.now - timedelta(days=20)
        for proposal_id, count in supports.items():
            for user_id in self.rng.sample(self.citizen_ids, count):
                yield (pk, user_id, proposal_id, when)
                pk += 1

    # Comments

    def seed_comments(self):
        public = [(pk, c) for pk, c, status in self.proposals if status == "published"]
        self.showcase_proposal_id = public[0][0]
        total = self.counts.comments
        showcase = min(SHOWCASE_COMMENTS, total)
        pk = next_pk(Comment)
        start = self.now - timedelta(days=100)
        roots = {}
        rows = []
        positions = [c for c, _label in Comment.Position.choices]
        for i in range(total):
            if i < showcase:
                proposal_id, consultation_id = public[0]
            elif self.rng.random() < 0.05:
                proposal_id, consultation_id = None, self.rng.choice(self.consultations).pk
            else:
                proposal_id, consultation_id = self.rng.choice(public)
            target = (consultation_id, proposal_id)
            parent = None
            if target in roots and self.rng.random() < 0.2:
                parent = self.rng.choice(roots[target])
            else:
                roots.setdefault(target, []).append(pk)
            rows.append(
                (
                    pk,
                    consultation_id,
                    proposal_id,
                    parent,
                    self.rng.choice(self.citizen_ids),
                    self.rng.choice(positions),
                    f"<p>{text(self.rng, 2)}</p>",
                    False,
                    False,
                    start + timedelta(seconds=i * 20),
                )  # fmt: skip
            )
            pk += 1
        columns = [
            "id", "consultation", "proposal", "parent", "author", "position", "body",
            "is_official", "is_hidden", "created_at",
        ]  # fmt: skip
        self.report("comments", insert_rows(Comment, columns, rows))

    # Events

    def event_index(self):
        index = EventIndexPage.objects.child_of(self.home).first()
        if index is None:
            index = EventIndexPage(title="Eventi", slug="eventi")
            self.home.add_child(instance=index)
            index.save_revision().publish()
        return index

    def seed_events(self):
        index = self.event_index()
        offset = EventPage.objects.count()
        pages = []
        n = self.counts.events
        for i in range(n):
            municipio = self.municipi[i % len(self.municipi)] if self.municipi else None
            kind = self.rng.choice(EVENT_KINDS)
            place = self.rng.choice(PLACES)
            title = f"{kind} – {place}"
            start = (self.now - timedelta(days=180) + timedelta(days=(i + 1) * 360 // n)).replace(
                hour=18, minute=0, second=0
            )
            pages.append(
                EventPage(
                    title=title,
                    slug=f"{slugify(title)}-{offset + i + 1}",
                    summary=text(self.rng, 2),
                    start=start,
                    end=start + timedelta(hours=2),
                    venue_name=f"Sede del Municipio {municipio.number}" if municipio else "",
                    venue_address=place,
                    municipio=municipio,
                    registration_enabled=True,
                    capacity=200,
                    waitlist_enabled=True,
                    body=[],
                )
            )
        add_child_pages(index, pages, self.now - timedelta(days=260), self.keys(n))
        self.events = pages
        self.report("events", n)
        self.report("registrations", insert_rows(Registration, *self.registration_rows()))

    def registration_rows(self):
        columns = [
            "id", "event", "public_id", "name", "email", "user", "answers", "language", "status",
            "checkin_code", "created_at", "consent_at", "confirmed_at",
        ]  # fmt: skip
        per_event = self.counts.registrations // len(self.events)
        extra = self.counts.registrations - per_event * len(self.events)
        codes = set()
        pk = next_pk(Registration)
        rows = []
        for i, event in enumerate(self.events):
            how_many = per_event + (1 if i < extra else 0)
            users = self.rng.sample(self.citizen_ids, min(how_many, len(self.citizen_ids)))
            for j in range(how_many):
                user_id = users[j] if j < len(users) else None
                email = f"cittadino{user_id}@example.org" if user_id else f"ospite{pk}@example.org"
                when = event.start - timedelta(days=10, minutes=j)
                rows.append(
                    (
                        pk,
                        event.pk,
                        self.uuid(),
                        f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}",
                        email,
                        user_id,
                        [],
                        "it",
                        Registration.Status.CONFIRMED,
                        self.checkin_code(codes),
                        when,
                        when,
                        when,
                    )  # fmt: skip
                )
                pk += 1
        return columns, rows

    def checkin_code(self, taken):
        while True:
            code = "".join(self.rng.choice(CHECKIN_CODE_ALPHABET) for _ in range(8))
            if code not in taken:
                taken.add(code)
                return code

    # Atlas

    def seed_atlas(self):
        atlas = AtlasPage.objects.first()
        if atlas is None:
            atlas = AtlasPage(title="Atlante della rigenerazione", slug="atlante")
            self.home.add_child(instance=atlas)
            atlas.save_revision().publish()
        vocabularies = {
            "localisation": list(Localisation.objects.values_list("pk", flat=True)),
            "action_ambit": list(ActionAmbit.objects.values_list("pk", flat=True)),
            "scale": list(Scale.objects.values_list("pk", flat=True)),
            "kind": list(
                InterventionKind.objects.filter(has_area=False).values_list("pk", flat=True)
            ),
        }
        offset = RegenerationProjectPage.objects.count()
        municipalities = list(Municipality.objects.values_list("pk", flat=True))
        if not municipalities:
            municipalities = [
                Municipality.objects.create(
                    name="Milano", slug="milano", latitude=45.4642, longitude=9.19
                ).pk
            ]
        pages = []
        for i in range(self.counts.atlas_projects):
            verb, thing = self.rng.choice(ACTIONS)
            title = f"{verb} {thing} – {self.rng.choice(PLACES)}"
            fields = {
                f"{name}_id": self.rng.choice(values) if values else None
                for name, values in vocabularies.items()
            }
            pages.append(
                RegenerationProjectPage(
                    title=title,
                    slug=f"{slugify(title)}-{offset + i + 1}",
                    intro=text(self.rng, 2),
                    municipality_id=self.rng.choice(municipalities),
                    latitude=round(45.40 + self.rng.random() * 0.15, 6),
                    longitude=round(9.08 + self.rng.random() * 0.20, 6),
                    body=[],
                    **fields,
                )
            )
        add_child_pages(atlas, pages, self.now - timedelta(days=300), self.keys(len(pages)))
        self.report("atlas projects", len(pages))

    # Editorial pages

    def seed_standard_pages(self):
        from wagtail.models import Page

        made_so_far = self.counts.consultations + self.counts.events + self.counts.atlas_projects
        n = max(1, self.counts.pages - made_so_far)
        section = StandardPage.objects.child_of(self.home).filter(slug="archivio").first()
        if section is None:
            section = StandardPage(title="Archivio della partecipazione", slug="archivio")
            self.home.add_child(instance=section)
        offset = StandardPage.objects.child_of(section).count()
        pages = [
            StandardPage(
                title=f"{self.rng.choice(PAGE_TOPICS)} – {self.rng.choice(PLACES)} ({offset + i + 1})",
                slug=f"archivio-{offset + i + 1}",
                intro=text(self.rng, 3),
                body=[],
            )
            for i in range(n)
        ]
        add_child_pages(section, pages, self.now - timedelta(days=90), self.keys(n))
        self.report("pages (all types)", Page.objects.count())
