"""The review of the panel (issue 15): a removed or departed member's open invitation stops
working (and never stops the weighting), the map's rules decide what the map page offers, and
the pieces that were written twice behave the same from both places."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.panel.factories import (
    MemberFactory,
    PanelFactory,
    consultation_in,
    invite_for,
    invite_token,
    member_token,
    organiser,
    population,
)
from tests.panel.test_opinions import _map
from voorop.panel import forms, selectors, services
from voorop.panel.models import Invite, Member, OpinionMap, Response

pytestmark = pytest.mark.django_db


def _answer_url(invite: Invite) -> str:
    return reverse("panel:answer", args=[invite_token(invite)])


def _post_answer(client, invite_url: str, consultation):
    question = consultation.questions.get()
    return client.post(invite_url, {f"q{question.pk}": "ja"})


def test_a_removed_members_link_no_longer_works(client):
    consultation = consultation_in("open")
    panel = consultation.panel
    member = MemberFactory(panel=panel)
    other = MemberFactory(panel=panel)
    open_invite = invite_for(consultation, member)
    answered = invite_for(consultation_in("open", panel=panel), member)
    services.answers_submit(invite=answered, answers={})
    closed = consultation_in("closed", panel=panel)
    closed_invite = invite_for(closed, member)
    kept = invite_for(consultation, other)
    url = _answer_url(open_invite)
    assert client.get(url).status_code == 200  # the link works while they are a member

    client.force_login(organiser(panel))
    client.post(reverse("panel:member_remove", args=[panel.pk, member.pk]))
    client.logout()

    assert not Member.objects.filter(pk=member.pk).exists()
    # The unanswered invitation of the open consultation is gone: the link says so.
    assert not Invite.objects.filter(pk=open_invite.pk).exists()
    for response in (client.get(url), _post_answer(client, url, consultation)):
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()
    assert not consultation.responses.exists()
    # The answered one keeps its anonymous response; a closed consultation keeps its count.
    answered.refresh_from_db()
    assert answered.answered and answered.member_id is None
    assert answered.consultation.responses.count() == 1
    closed_invite.refresh_from_db()
    assert closed_invite.member_id is None and closed.invites.count() == 1
    # Other members are not touched.
    kept.refresh_from_db()
    assert kept.member_id == other.pk


def test_a_member_who_leaves_loses_their_open_links_too(client):
    consultation = consultation_in("open")
    member = MemberFactory(panel=consultation.panel)
    invite = invite_for(consultation, member)
    url = _answer_url(invite)
    client.post(reverse("panel:member", args=[member_token(member)]), {"action": "leave"})
    assert not Member.objects.filter(pk=member.pk).exists()
    assert not Invite.objects.filter(pk=invite.pk).exists()
    response = _post_answer(client, url, consultation)
    assert response.status_code == 404
    assert not Response.objects.exists()


def test_the_service_refuses_an_invitation_without_a_member_while_open():
    consultation = consultation_in("open")
    question = consultation.questions.get()
    # An invitation that lost its member some other way (or a page loaded before leaving).
    orphan = invite_for(consultation, MemberFactory(panel=consultation.panel))
    Invite.objects.filter(pk=orphan.pk).update(member=None)
    with pytest.raises(ValidationError) as refused:
        services.answers_submit(invite=orphan, answers={question.pk: "ja"})
    assert refused.value.code == "no_member"
    assert "geen lid meer" in refused.value.messages[0] or "no longer" in str(refused.value)
    # The invitation was deleted after the page loaded: the same plain refusal, no crash.
    gone = invite_for(consultation, MemberFactory(panel=consultation.panel))
    Invite.objects.filter(pk=gone.pk).delete()
    with pytest.raises(ValidationError) as deleted:
        services.answers_submit(invite=gone, answers={question.pk: "ja"})
    assert deleted.value.code == "no_member"
    assert not Response.objects.exists()


def test_the_weighting_still_works_after_a_member_is_removed_or_leaves():
    consultation = consultation_in("open", weighting=["Leeftijd"])
    panel = consultation.panel
    population(panel, {("Leeftijd", "jong"): 500, ("Leeftijd", "oud"): 500})
    question = consultation.questions.get()
    members = [
        MemberFactory(panel=panel, features={"Leeftijd": age, "Wijk": "Centrum"})
        for age in ["jong"] * 8 + ["oud"] * 8
    ]
    invites = [invite_for(consultation, member) for member in members]
    services.member_remove(actor=organiser(panel), member=members[0])
    services.member_leave(member=members[-1])
    for invite in invites[1:-1]:
        services.answers_submit(invite=invite, answers={question.pk: "ja"})
    for invite in (invites[0], invites[-1]):
        with pytest.raises(ValidationError):
            services.answers_submit(invite=invite, answers={question.pk: "nee"})
    consultation.closes_at = timezone.now() - timedelta(minutes=1)
    consultation.save(update_fields=["closes_at"])
    assert all(r.features for r in consultation.responses.all())
    weights, _results = selectors.question_results(consultation)
    assert weights.weights is not None, weights.problem
    assert consultation.responses.count() == 14


def test_removing_another_panels_member_by_url_gives_404(client):
    panel = PanelFactory()
    stranger = MemberFactory()  # a member of another panel
    client.force_login(organiser(panel))
    url = reverse("panel:member_remove", args=[panel.pk, stranger.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Member.objects.filter(pk=stranger.pk).exists()


def test_the_map_page_asks_the_rules(client):
    found, _user = _map()
    assert found.is_open
    page = client.get(reverse("panel:map", args=[found.pk]))
    assert page.context["can_vote"] and page.context["can_add_statement"]
    groups = client.get(reverse("panel:map_groups", args=[found.pk]))
    assert groups.context["can_vote"] and "hx-trigger" in groups.content.decode()
    OpinionMap.objects.filter(pk=found.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    page = client.get(reverse("panel:map", args=[found.pk]))
    assert not page.context["can_vote"] and not page.context["can_add_statement"]
    html = page.content.decode()
    assert 'name="vote"' not in html and 'value="statement"' not in html
    groups = client.get(reverse("panel:map_groups", args=[found.pk]))
    assert not groups.context["can_vote"] and "hx-trigger" not in groups.content.decode()


def test_both_closing_date_forms_check_the_same_way():
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    future = timezone.localdate() + timedelta(days=3)
    base = {"title": "Kaart", "intro": "Stem.", "moderation": "before", "statements": ""}
    for form_class, data in ((forms.OpinionMapForm, base), (forms.MapClosingForm, {})):
        refused = form_class({**data, "closes_on": past})
        assert not refused.is_valid() and "closes_on" in refused.errors
        typo = form_class({**data, "closes_on": "morgen"})
        assert not typo.is_valid()
        assert "Type a date" in str(typo.errors) or "Typ een datum" in str(typo.errors)
        ok = form_class({**data, "closes_on": future.isoformat()})
        assert ok.is_valid(), ok.errors
        assert timezone.localtime(ok.closes_at()).date() == future
        empty = form_class(data)
        assert empty.is_valid() and empty.closes_at() is None
    assert list(forms.OpinionMapForm().fields)[-1] == "closes_on"


def test_panel_and_consultation_weighting_use_one_check():
    panel = PanelFactory()
    user = organiser(panel)
    for bad in ([], ["Inkomen"]):
        with pytest.raises(ValidationError) as on_panel:
            services.panel_update(actor=user, panel=panel, weighting=bad)
        with pytest.raises(ValidationError) as on_consultation:
            services.consultation_create(
                actor=user,
                panel=panel,
                title="Plein",
                intro="Wat vindt u?",
                closes_at=timezone.now() + timedelta(days=5),
                feedback_due=timezone.localdate() + timedelta(days=30),
                weighting=bad,
            )
        assert on_panel.value.messages == on_consultation.value.messages
    services.panel_update(actor=user, panel=panel, weighting=["Wijk", "Leeftijd"])
    panel.refresh_from_db()
    assert panel.weighting == ["Leeftijd", "Wijk"]  # the panel's order


def test_a_member_whose_term_ended_loses_their_open_invitations_too(client, mails):
    consultation = consultation_in("open")
    today = timezone.localdate()
    gone = MemberFactory(panel=consultation.panel, term_ends_on=today - timedelta(days=1))
    invite = invite_for(consultation, gone)
    url = _answer_url(invite)
    assert services.members_renewal_due()["removed"] == 1
    assert not Invite.objects.filter(pk=invite.pk).exists()
    assert client.get(url).status_code == 404
    assert not Response.objects.exists()
