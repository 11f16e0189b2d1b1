"""Demo content for the City's answers, following the Assembly's Linee Guida (PDD 384/2024, 5.5).

The Dossier di risposta is prepared with the City's Directions and approved by a decision of the
Director Energia e Clima - Direzione Verde e Ambiente. In the demo (November 2026) the most
supported climate proposals were sent to the City by staff on 15 September and 1 October 2026:
one answer went through review and the director's approval and is published, one is overdue,
one is due soon.

Idempotent: offices and staff by name or email, answers by their item (one per item).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from proposals.models import ConsultationPage, Proposal
from proposals.responses.models import Office, Response
from proposals.responses.permissions import DIRECTORS, EDITORS, REVIEWERS
from proposals.responses.services import dossier_for, hand_to_city

ROME = ZoneInfo("Europe/Rome")
STAFF_PASSWORD = "risposte-demo-2026"

OFFICES = [
    ("Direzione Verde e Ambiente - Unità Aria e Clima", "aria.clima@comune.milano.it"),
    ("Direzione Energia e Clima", "energia.clima@comune.milano.it"),
    ("Direzione Mobilità", "mobilita@comune.milano.it"),
    ("Direzione Educazione", "educazione@comune.milano.it"),
]

STAFF = [
    ("redazione.risposte@example.org", "Redazione risposte", EDITORS),
    ("revisione.risposte@example.org", "Revisione risposte", REVIEWERS),
    ("direttore.energia.clima@example.org", "Direttore Energia e Clima", DIRECTORS),
]

# (proposal title, sent to the City on, responsible office)
HANDED = [
    (
        "Tetti verdi sulle scuole comunali",
        (2026, 9, 15),
        "Direzione Educazione",
    ),
    (
        "Più fontanelle e ombra nei parchi di quartiere",
        (2026, 9, 15),
        "Direzione Verde e Ambiente - Unità Aria e Clima",
    ),
    (
        "Comunità energetiche nei caseggiati popolari",
        (2026, 10, 1),
        "Direzione Energia e Clima",
    ),
]

DRAFT_ANSWER = (
    "<p>La proposta è accolta. Il Piano Aria e Clima prevede, nell'Ambito 4 «Milano più fresca», "
    "la realizzazione di coperture verdi sugli edifici pubblici. La Direzione Educazione, con la "
    "Direzione Verde e Ambiente, individuerà entro il 2027 le prime scuole con coperture piane "
    "idonee, a partire dai quartieri con le temperature estive più alte.</p>"
)

DOSSIER_INTRO = (
    "<p>Il Comune di Milano risponde entro due mesi dalla ricezione ai contributi trasmessi, "
    "esprimendo formalmente le proprie valutazioni e argomentando in modo dettagliato e puntuale "
    "le motivazioni per le quali assumere o meno le proposte (Linee Guida dell'Assemblea "
    "Permanente dei Cittadini sul Clima, par. 5.5).</p>"
)


def load(command, options):
    offices = {
        name: Office.objects.get_or_create(name=name, defaults={"email": email})[0]
        for name, email in OFFICES
    }
    staff = ensure_staff()
    climate = ConsultationPage.objects.filter(slug="assemblea-clima-2026").first()
    if climate is None:
        return
    dossier = dossier_for(climate)
    if not dossier.introduction:
        dossier.introduction = DOSSIER_INTRO
        dossier.decision_reference = (
            "Determina del Direttore Energia e Clima - Direzione Verde e Ambiente, "
            "sentiti gli altri Direttori interessati (in corso di adozione)"
        )
        dossier.save()
    for title, day, office_name in HANDED:
        proposal = Proposal.objects.filter(consultation=climate, title=title).first()
        if proposal is None:
            continue
        when = datetime(*day, 10, 0, tzinfo=ROME)
        Proposal.objects.filter(pk=proposal.pk, sent_to_city_at__isnull=True).update(
            sent_to_city_at=when
        )
        response = hand_to_city(proposal, handed_at=when, reason=Response.Reason.SENT_BY_STAFF)
        if response.office_id is None:
            response.office = offices[office_name]
            response.save(update_fields=["office"])
    answer_first_item(staff)
    command.stdout.write(
        f"City answers: demo staff log in with password {STAFF_PASSWORD} (e.g. {STAFF[0][0]})"
    )


def ensure_staff():
    user_model = get_user_model()
    people = {}
    for email, nickname, group_name in STAFF:
        user = user_model._default_manager.filter(email=email).first()
        if user is None:
            user = user_model._default_manager.create_user(
                username=email, email=email, password=STAFF_PASSWORD, is_staff=True
            )
            if hasattr(user, "nickname"):
                user.nickname = nickname
                user.save(update_fields=["nickname"])
        if apps.is_installed("allauth.account"):  # every login goes through allauth's
            apps.get_model("account", "EmailAddress").objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        user.groups.add(Group.objects.get(name=group_name))
        people[group_name] = user
    return people


def answer_first_item(staff):
    """The editors drafted the first answer; a second person reviewed it, the director approved
    and so published it."""
    response = Response.objects.filter(target_title=HANDED[0][0]).first()
    if response is None or response.live:
        return
    if not response.workflow_in_progress:
        submit_draft(response, staff[EDITORS])
    for approver in (staff[REVIEWERS], staff[DIRECTORS]):
        task_state = Response.objects.get(pk=response.pk).current_workflow_task_state
        if task_state is not None:
            task_state.approve(user=approver)


def submit_draft(response, editor):
    response.answer = DRAFT_ANSWER
    response.state = response.state.__class__.objects.get(slug="accolta")
    response.timeframe = "Prime scuole individuate entro il 2027"
    response.save()
    response.save_revision(user=editor)
    response.get_workflow().start(response, editor)
