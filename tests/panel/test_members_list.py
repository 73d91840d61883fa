"""The organisers' member list (filters, pages, no e-mail addresses), removing a member, editing
the panel, and choosing the weighting features of a panel and a consultation."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.accounts.factories import user_with_role
from tests.panel.factories import MemberFactory, PanelFactory, organiser
from voorop.panel import selectors, services
from voorop.panel.models import Consultation, Member
from voorop.panel.selectors import MemberStatus

pytestmark = pytest.mark.django_db


def _panel_with_members():
    panel = PanelFactory()
    today = timezone.localdate()
    young = MemberFactory(panel=panel, features={"Leeftijd": "jong", "Wijk": "Centrum"})
    old = MemberFactory(panel=panel, features={"Leeftijd": "oud", "Wijk": "Heikant"})
    due = MemberFactory(
        panel=panel,
        features={"Leeftijd": "oud", "Wijk": "Centrum"},
        term_ends_on=today + timedelta(days=10),
    )
    ended = MemberFactory(
        panel=panel,
        features={"Leeftijd": "jong", "Wijk": "Heikant"},
        term_ends_on=today - timedelta(days=1),
    )
    MemberFactory()  # another panel's member
    return panel, {"young": young, "old": old, "due": due, "ended": ended}


def test_filters_by_feature_value_and_status():
    panel, m = _panel_with_members()
    assert list(selectors.members_list(panel)) == [m["young"], m["old"], m["due"], m["ended"]]
    assert set(selectors.members_list(panel, features={"Leeftijd": "oud"})) == {m["old"], m["due"]}
    both = selectors.members_list(panel, features={"Leeftijd": "oud", "Wijk": "Centrum"})
    assert list(both) == [m["due"]]
    assert list(selectors.members_list(panel, status=MemberStatus.RENEWAL_DUE)) == [m["due"]]
    assert list(selectors.members_list(panel, status=MemberStatus.ENDED)) == [m["ended"]]
    active = selectors.members_list(panel, status=MemberStatus.ACTIVE)
    assert set(active) == {m["young"], m["old"]}
    # A value that is not one of the feature's values filters nothing (not: nobody).
    assert selectors.members_list(panel, features={"Leeftijd": "onzin"}).count() == 4


def test_the_list_page_for_organisers_only_without_e_mail_addresses(client):
    panel, m = _panel_with_members()
    url = reverse("panel:members", args=[panel.pk])
    client.force_login(user_with_role("griffie"))  # staff, but not this panel's organiser
    assert client.get(url).status_code == 403
    client.force_login(organiser(panel))
    html = client.get(url, {"kenmerk_0": "oud", "status": "renewal_due"}).content.decode()
    # Escaped as the page shows them: a Dutch name may hold an apostrophe ("van 't Hof").
    assert escape(m["due"].name) in html and escape(m["old"].name) not in html
    assert "Verlenging nodig" in html
    html = client.get(url).content.decode()
    assert all(member.email not in html for member in m.values())
    assert m["young"].joined_at.strftime("%Y") in html


def test_the_list_is_paginated_by_25(client):
    panel = PanelFactory()
    MemberFactory.create_batch(30, panel=panel)
    client.force_login(organiser(panel))
    url = reverse("panel:members", args=[panel.pk])
    first = client.get(url)
    assert len(first.context["rows"]) == 25
    assert first.context["page"].paginator.count == 30
    assert len(client.get(url, {"pagina": 2}).context["rows"]) == 5


def test_an_organiser_removes_a_member_after_confirming(client):
    panel, m = _panel_with_members()
    user = organiser(panel)
    client.force_login(user)
    url = reverse("panel:member_remove", args=[panel.pk, m["old"].pk])
    page = client.get(url).content.decode()
    assert "Ja, verwijder dit lid" in page
    assert Member.objects.filter(pk=m["old"].pk).exists()  # a GET removes nothing
    response = client.post(url)
    assert response.url == reverse("panel:members", args=[panel.pk])
    assert not Member.objects.filter(pk=m["old"].pk).exists()
    with pytest.raises(PermissionDenied):
        services.member_remove(actor=user_with_role("beheerder"), member=m["young"])


def test_editing_the_panel(client):
    panel = PanelFactory(open_signup=True)
    user = organiser(panel)
    client.force_login(user)
    url = reverse("panel:edit", args=[panel.pk])
    data = {
        "title": "Burgerpanel Zeist",
        "description": "Vier keer per jaar.",
        "privacy_text": "We bewaren uw gegevens zolang u lid bent.",
        "area_feature": "Wijk",
        "term_years": "4",
        "weighting": ["Wijk"],
    }
    response = client.post(url, data)
    assert response.status_code == 302
    panel.refresh_from_db()
    assert panel.title == "Burgerpanel Zeist" and panel.term_years == 4
    assert not panel.open_signup  # the box was not ticked
    assert panel.weighting == ["Wijk"] and panel.weighting_features == ["Wijk"]
    join = client.get(reverse("panel:join", args=[panel.pk])).content.decode()
    assert "We bewaren uw gegevens zolang u lid bent." in join


def test_bad_input_on_the_panel_form_keeps_what_was_typed(client):
    panel = PanelFactory()
    client.force_login(organiser(panel))
    data = {
        "title": "Nieuwe titel",
        "description": "Mijn lange uitleg",
        "privacy_text": "Mijn privacytekst",
        "term_years": "12",
    }
    response = client.post(reverse("panel:edit", args=[panel.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "De termijn is 1 tot 10 jaar." in html
    assert "Kies ten minste één kenmerk om de resultaten op te wegen." in html
    assert "Mijn lange uitleg" in html and "Mijn privacytekst" in html
    panel.refresh_from_db()
    assert panel.title != "Nieuwe titel"


def test_panel_update_checks_its_input():
    panel = PanelFactory()
    user = organiser(panel)
    with pytest.raises(ValidationError):
        services.panel_update(actor=user, panel=panel, weighting=["Inkomen"])
    with pytest.raises(ValidationError):
        services.panel_update(actor=user, panel=panel, area_feature="Inkomen")
    with pytest.raises(PermissionDenied):
        services.panel_update(actor=user_with_role("griffie"), panel=panel, title="X")
    services.panel_update(actor=user, panel=panel, weighting=["Wijk", "Leeftijd"])
    panel.refresh_from_db()
    assert panel.weighting == ["Leeftijd", "Wijk"]  # in the panel's order


def test_a_consultation_weights_on_the_features_chosen_in_its_form(client):
    panel = PanelFactory(weighting=["Wijk"])
    client.force_login(organiser(panel))
    url = reverse("panel:consultation_create", args=[panel.pk])
    form = client.get(url).context["form"]
    assert form.fields["weighting"].initial == ["Wijk"]
    closes = (timezone.localdate() + timedelta(days=10)).isoformat()
    due = (timezone.localdate() + timedelta(days=40)).isoformat()
    data = {"title": "Plein", "intro": "Wat vindt u?", "closes_on": closes, "feedback_due": due}
    response = client.post(url, data)  # nothing ticked: a plain message, nothing lost
    assert "Kies ten minste één kenmerk" in response.content.decode()
    assert "Wat vindt u?" in response.content.decode()
    client.post(url, data | {"weighting": ["Leeftijd"]})
    assert Consultation.objects.get().weighting == ["Leeftijd"]
