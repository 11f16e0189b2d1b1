"""Comments, replies, reports, follows and the emails they cause."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from proposals.models import Comment, Follow, Notification, Phase, Proposal, Report
from proposals.phases import PhaseKind
from proposals.tasks import notify_started_phases, send_daily_digests
from tests.factories import UserFactory
from tests.proposals.factories import CommentFactory, ProposalFactory, make_consultation

pytestmark = pytest.mark.django_db

# Reports of accounts this old count towards hiding an item before review.
LONG_AGO = timezone.now() - timedelta(days=30)


def it(message):
    with translation.override("it"):
        return translation.gettext(message)


@pytest.fixture
def proposal(site):
    return ProposalFactory(consultation=make_consultation(PhaseKind.SUPPORT_COLLECTION))


def comment_url(proposal):
    return reverse("proposals:comment_create", args=["proposta", proposal.pk])


def post_comment(client, proposal, body="Sono d'accordo, serve ombra.", **extra):
    return client.post(comment_url(proposal), {"body": body, "position": "for", **extra})


def test_citizen_comments_and_the_author_is_told(
    client, proposal, citizen, django_capture_on_commit_callbacks
):
    Follow.objects.create(user=proposal.author, target=proposal)
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, proposal)
    comment = Comment.objects.get()
    assert client.get(response["Location"])["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.position == "for" and not comment.is_official
    assert [m.to for m in mail.outbox] == [[proposal.author.email]]
    assert "unsubscribe" in mail.outbox[0].extra_headers["List-Unsubscribe"].replace(
        "disiscriviti", "unsubscribe"
    )
    assert reverse("proposals:unsubscribe", args=["x"]).rsplit("/", 2)[0] in mail.outbox[0].body
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert f'id="comment-{comment.pk}"' in page
    # The commenter now follows the proposal.
    assert Follow.objects.filter(user=citizen, object_id=proposal.pk).exists()


def test_reply_notifies_the_parent_author_once_and_threads_stay_two_levels(
    client, proposal, django_capture_on_commit_callbacks
):
    first = UserFactory()
    parent = CommentFactory(proposal=proposal, author=first)
    Follow.objects.create(user=first, target=proposal)
    replier = UserFactory()
    client.force_login(replier)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, proposal, body="Ma costa troppo?", parent=parent.pk)
    reply = Comment.objects.get(parent=parent)
    assert [m.to for m in mail.outbox] == [[first.email]]
    assert Notification.objects.get(recipient=first).kind == Notification.Kind.REPLY

    client.force_login(first)
    post_comment(client, proposal, body="No, costa poco.", parent=reply.pk)
    deeper = Comment.objects.latest("pk")
    assert deeper.parent_id == parent.pk


def test_staff_comment_carries_the_official_badge(client, proposal, staff_user):
    client.force_login(staff_user)
    post_comment(client, proposal, body="Il Comune sta valutando la proposta.")
    comment = Comment.objects.get()
    assert comment.is_official
    assert it("Official") in client.get(proposal.get_absolute_url()).content.decode()


def test_comment_text_is_sanitised(client, proposal, citizen):
    client.force_login(citizen)
    post_comment(client, proposal, body="Bene <script>alert(1)</script><b>grassetto</b>")
    comment = Comment.objects.get()
    assert "script" not in comment.body and "<b>" not in comment.body
    assert "grassetto" in comment.body


def test_empty_comment_changes_nothing(client, proposal, citizen):
    client.force_login(citizen)
    post_comment(client, proposal, body="   <p></p> ")
    assert Comment.objects.count() == 0


def test_double_posted_comment_is_saved_once(client, proposal, citizen):
    client.force_login(citizen)
    post_comment(client, proposal)
    post_comment(client, proposal)
    assert Comment.objects.count() == 1


def test_edit_window(client, proposal, citizen):
    comment = CommentFactory(proposal=proposal, author=citizen)
    client.force_login(citizen)
    edit_url = reverse("proposals:comment_edit", args=[comment.pk])
    client.post(edit_url, {"body": "Testo corretto", "position": "against"})
    comment.refresh_from_db()
    assert "Testo corretto" in comment.body and comment.edited_at and comment.position == "against"
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = client.post(edit_url, {"body": "Troppo tardi", "position": "for"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert "Troppo tardi" not in comment.body


def test_deleted_comment_leaves_a_placeholder(client, proposal, citizen):
    comment = CommentFactory(proposal=proposal, author=citizen)
    CommentFactory(proposal=proposal, parent=comment)
    client.force_login(citizen)
    client.post(reverse("proposals:comment_delete", args=[comment.pk]))
    client.post(reverse("proposals:comment_delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.deleted_at is not None
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert it("Comment deleted.") in page
    assert "Sono d'accordo" in page  # the reply stays


def test_others_cannot_delete_a_comment(client, proposal, citizen):
    comment = CommentFactory(proposal=proposal)
    client.force_login(citizen)
    assert client.post(reverse("proposals:comment_delete", args=[comment.pk])).status_code == 403


def test_outside_comment_phases_the_form_says_when_they_open(client, site, citizen):
    consultation = make_consultation(PhaseKind.INFORMATION)
    later = consultation.sorted_phases()[-1]
    later.kind = PhaseKind.COMMENT_ROUND
    later.save()
    client.force_login(citizen)
    page = client.get(consultation.url).content.decode()
    assert 'name="body"' not in page
    assert it("Comments open on %(date)s.").split("%")[0] in page
    response = client.post(
        reverse("proposals:comment_create", args=["consultazione", consultation.pk]),
        {"body": "Ciao", "position": "neutral"},
    )
    assert response.status_code == 403


def test_comment_round_on_the_consultation_itself(client, site, citizen):
    consultation = make_consultation(PhaseKind.COMMENT_ROUND)
    client.force_login(citizen)
    client.post(
        reverse("proposals:comment_create", args=["consultazione", consultation.pk]),
        {"body": "Servono più piste ciclabili.", "position": "neutral"},
    )
    comment = Comment.objects.get()
    assert comment.proposal is None and comment.consultation_id == consultation.pk
    assert "Servono più piste ciclabili." in client.get(consultation.url).content.decode()


def test_comment_rate_limit(client, proposal, citizen, settings):
    settings.PROPOSALS_RATE_LIMITS = {"proposal": (5, 60), "comment": (2, 600), "report": (5, 60)}
    client.force_login(citizen)
    for number in range(3):
        post_comment(client, proposal, body=f"Commento numero {number}")
    assert Comment.objects.count() == 2


def test_reports_hide_after_the_threshold_and_staff_are_told(
    client, proposal, staff_user, settings, django_capture_on_commit_callbacks
):
    settings.PROPOSALS_REPORTS_TO_HIDE = 2
    for _ in range(2):
        client.force_login(UserFactory(date_joined=LONG_AGO))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("proposals:report", args=["proposta", proposal.pk]),
                {"reason": "spam", "note": "Pubblicità"},
            )
        assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.HIDDEN
    assert [m.to for m in mail.outbox] == [[staff_user.email], [staff_user.email]]
    client.logout()
    assert client.get(proposal.get_absolute_url()).status_code == 404


def test_reporting_twice_is_refused_and_authors_cannot_report_themselves(client, proposal):
    reporter = UserFactory()
    client.force_login(reporter)
    url = reverse("proposals:report", args=["proposta", proposal.pk])
    client.post(url, {"reason": "offensive"})
    assert client.post(url, {"reason": "offensive"}).status_code == 403
    assert Report.objects.count() == 1
    client.force_login(proposal.author)
    assert client.get(url).status_code == 403


def test_reported_comment_is_hidden(client, proposal, settings):
    settings.PROPOSALS_REPORTS_TO_HIDE = 1
    comment = CommentFactory(proposal=proposal)
    client.force_login(UserFactory(date_joined=LONG_AGO))
    client.post(reverse("proposals:report", args=["commento", comment.pk]), {"reason": "off_topic"})
    comment.refresh_from_db()
    assert comment.is_hidden
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert it("Comment hidden pending review by the moderators.") in page


def test_follow_and_unfollow(client, proposal, citizen):
    url = reverse("proposals:follow", args=["proposta", proposal.pk])
    assert client.post(url).status_code == 302  # to log in
    assert not Follow.objects.exists()
    client.force_login(citizen)
    client.post(url)
    client.post(url)
    assert Follow.objects.filter(user=citizen).count() == 1
    client.post(url, {"action": "unfollow"})
    assert not Follow.objects.filter(user=citizen).exists()
    consultation_url = reverse("proposals:follow", args=["consultazione", proposal.consultation.pk])
    client.post(consultation_url)
    assert Follow.objects.get(user=citizen).target == proposal.consultation


def consultation_whose_phase_just_started():
    consultation = make_consultation(PhaseKind.COMMENT_ROUND)
    Phase.objects.filter(kind=PhaseKind.COMMENT_ROUND).update(
        start=timezone.now() - timedelta(hours=1)
    )
    return consultation


def test_new_phase_is_announced_once_to_followers(site, django_capture_on_commit_callbacks):
    consultation = consultation_whose_phase_just_started()
    immediate, daily, silent = (
        UserFactory(),
        UserFactory(notification_frequency="daily"),
        UserFactory(notification_frequency="none"),
    )
    for user in (immediate, daily, silent):
        Follow.objects.create(user=user, target=consultation)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_started_phases() == 1
        assert notify_started_phases() == 0
    assert [m.to for m in mail.outbox] == [[immediate.email]]
    assert Notification.objects.filter(recipient=daily).count() == 1
    assert not Notification.objects.filter(recipient=silent).exists()

    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        assert send_daily_digests() == 1
        assert send_daily_digests() == 0
    assert mail.outbox[-1].to == [daily.email]
    assert consultation.title in mail.outbox[-1].body


def test_phase_that_started_long_ago_is_not_announced(site):
    consultation = make_consultation(PhaseKind.COMMENT_ROUND)
    Follow.objects.create(user=UserFactory(), target=consultation)
    assert notify_started_phases() == 0


def test_one_click_unsubscribe(client, site, django_capture_on_commit_callbacks):
    consultation = consultation_whose_phase_just_started()
    user = UserFactory()
    Follow.objects.create(user=user, target=consultation)
    with django_capture_on_commit_callbacks(execute=True):
        notify_started_phases()
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.replace("http://testserver", "")
    assert client.get(path).status_code == 200
    user.refresh_from_db()
    assert user.notification_frequency == "immediate"
    assert client.post(path).status_code == 200
    user.refresh_from_db()
    assert user.notification_frequency == "none"
    assert client.get(path.replace(path.split("/")[-2], "falso")).status_code == 400


def test_long_discussions_are_paged_and_permalinks_find_the_page(client, proposal, settings):
    settings.PROPOSALS_COMMENT_THREADS_PER_PAGE = 3
    threads = [CommentFactory(proposal=proposal, body=f"<p>Opinione {n}</p>") for n in range(4)]
    reply = CommentFactory(proposal=proposal, parent=threads[3], body="<p>Risposta</p>")

    first_page = client.get(proposal.get_absolute_url()).content.decode()
    second_page = client.get(proposal.get_absolute_url(), {"commenti": 2}).content.decode()

    assert "Opinione 2" in first_page and "Opinione 3" not in first_page
    assert "Opinione 3" in second_page and "Risposta" in second_page
    assert "Opinione 0" not in second_page
    assert "commenti=2#comments" in first_page
    assert client.get(threads[0].get_absolute_url())["Location"].endswith(
        f"{proposal.get_absolute_url()}#comment-{threads[0].pk}"
    )
    assert client.get(reply.get_absolute_url())["Location"].endswith(
        f"?commenti=2#comment-{reply.pk}"
    )
