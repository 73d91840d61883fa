"""Changing and removing what exists: a meeting's time and place and the council's own
agenda items (chair and secretary of that council), withdrawing an item (its proposer
before the answer, or the council), and groups and veiligheidskoffer entries (staff;
a removal leaves a trace in the audit log)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory, user_with_role
from tests.community.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MemberFactory,
    NetworkFactory,
)
from voorop.community import selectors, services
from voorop.community.models import (
    AgendaItemStatus,
    MemberRole,
    NetworkGroup,
    SafetyItem,
)
from voorop.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def chair(council=None, role=MemberRole.CHAIR):
    kwargs = {"role": role}
    if council is not None:
        kwargs["council"] = council
    return MemberFactory(**kwargs)


def own_item(meeting, **kw):
    return AgendaItemFactory(
        council=meeting.council,
        meeting=meeting,
        proposer=None,
        status=AgendaItemStatus.TAKEN_UP,
        **kw,
    )


def group_in(network):
    return NetworkGroup.objects.create(
        network=network,
        name="Buurtpreventie",
        description="Wij lopen rondjes door de wijk.",
        contact_point="de coördinator",
        how_to_join="Meld u aan via het wijkcentrum.",
    )


def safety_in(network):
    return SafetyItem.objects.create(
        network=network, kind="call", title="Wijkagent", text="Voor zorgen over veiligheid."
    )


# --- services: meetings and agenda items --------------------------------------------------


@pytest.mark.parametrize("role", [MemberRole.CHAIR, MemberRole.SECRETARY])
def test_the_chair_or_secretary_changes_the_time_and_place_of_a_meeting(role):
    member = chair(role=role)
    meeting = MeetingFactory(council=member.council)
    later = timezone.now() + timedelta(days=10)
    services.meeting_save(
        actor=member.user,
        council=member.council,
        meeting=meeting,
        data={"starts_at": later, "place": "De kantine"},
    )
    meeting.refresh_from_db()
    assert (meeting.place, meeting.starts_at) == ("De kantine", later)
    assert AuditEntry.objects.filter(
        action="community.meeting_saved", target_id=str(meeting.pk)
    ).exists()


def test_an_ordinary_member_or_a_chair_elsewhere_cannot_change_a_meeting():
    meeting = MeetingFactory()
    data = {"starts_at": timezone.now(), "place": "Elders"}
    for user in (MemberFactory(council=meeting.council).user, chair().user):
        with pytest.raises(PermissionDenied):
            services.meeting_save(actor=user, council=meeting.council, meeting=meeting, data=data)
    meeting.refresh_from_db()
    assert meeting.place == "Het dorpshuis"


def test_a_meeting_with_approved_minutes_is_not_changed_any_more():
    member = chair()
    meeting = MeetingFactory(council=member.council, approved=True)
    with pytest.raises(PermissionDenied):
        services.meeting_save(
            actor=member.user,
            council=member.council,
            meeting=meeting,
            data={"starts_at": timezone.now(), "place": "Elders"},
        )


def test_the_chair_edits_and_withdraws_an_item_the_council_put_on():
    member = chair()
    meeting = MeetingFactory(council=member.council)
    item = own_item(meeting)
    services.item_edit(actor=member.user, item=item, title="Groen in de wijk", text="Bomen")
    item.refresh_from_db()
    assert (item.title, item.text) == ("Groen in de wijk", "Bomen")
    with pytest.raises(ValidationError):
        services.item_edit(actor=member.user, item=item, title="  ")
    services.item_withdraw(actor=member.user, item=item)
    item.refresh_from_db()
    assert item.status == AgendaItemStatus.WITHDRAWN
    assert list(selectors.agenda_of(meeting)) == []
    entry = AuditEntry.objects.get(action="community.agenda_item_withdrawn")
    assert entry.data["by"] == "council"
    # Withdrawn once is withdrawn: no second time, no more changes.
    with pytest.raises(PermissionDenied):
        services.item_edit(actor=member.user, item=item, title="Toch weer")


def test_a_publish_needs_an_item_that_is_not_withdrawn():
    member = chair()
    meeting = MeetingFactory(council=member.council)
    item = own_item(meeting)
    services.item_withdraw(actor=member.user, item=item)
    with pytest.raises(ValidationError):
        services.agenda_publish(actor=member.user, meeting=meeting)


def test_the_council_does_not_edit_a_residents_item_nor_one_already_discussed():
    member = chair()
    resident_item = AgendaItemFactory(council=member.council, status=AgendaItemStatus.TAKEN_UP)
    with pytest.raises(PermissionDenied):
        services.item_edit(actor=member.user, item=resident_item, title="Anders")
    with pytest.raises(PermissionDenied):
        services.item_withdraw(actor=member.user, item=resident_item)
    discussed = own_item(MeetingFactory(council=member.council, approved=True))
    with pytest.raises(PermissionDenied):
        services.item_edit(actor=member.user, item=discussed, title="Anders")


def test_a_resident_withdraws_their_item_before_it_is_answered_not_after():
    item = AgendaItemFactory()
    resident = item.proposer
    with pytest.raises(PermissionDenied):
        services.item_withdraw(actor=UserFactory(), item=item)  # not theirs
    services.item_withdraw(actor=resident, item=item)
    item.refresh_from_db()
    assert item.status == AgendaItemStatus.WITHDRAWN
    assert list(selectors.open_items(item.council)) == []
    assert list(selectors.answered_items(item.council)) == []
    assert AuditEntry.objects.get(action="community.agenda_item_withdrawn").data["by"] == (
        "proposer"
    )
    answered = AgendaItemFactory(proposer=resident)
    services.item_answer(
        actor=user_with_role("griffie"), item=answered, answer="Nee, dank u.", take_up=False
    )
    with pytest.raises(PermissionDenied):
        services.item_withdraw(actor=resident, item=answered)


# --- services: groups and the veiligheidskoffer ------------------------------------------


def test_staff_change_a_group_and_a_safety_entry():
    staff = user_with_role("procesbegeleider")
    network = NetworkFactory()
    group, item = group_in(network), safety_in(network)
    services.group_save(
        actor=staff,
        network=network,
        group=group,
        data={
            "name": "Buurtpreventie Noord",
            "description": group.description,
            "contact_point": group.contact_point,
            "how_to_join": group.how_to_join,
        },
    )
    services.safety_item_save(
        actor=staff,
        network=network,
        item=item,
        data={"kind": "call", "title": "Wijkagent Noord", "text": item.text, "contact": "0900"},
    )
    group.refresh_from_db()
    item.refresh_from_db()
    assert (group.name, item.title, item.contact) == (
        "Buurtpreventie Noord",
        "Wijkagent Noord",
        "0900",
    )
    # Not through another area's network.
    with pytest.raises(ValidationError):
        services.group_save(actor=staff, network=NetworkFactory(), group=group, data={"name": "x"})


def test_removing_a_group_or_safety_entry_keeps_a_trace_with_the_reason():
    staff = user_with_role("beheerder")
    network = NetworkFactory()
    group, item = group_in(network), safety_in(network)
    group_pk, item_pk = group.pk, item.pk
    with pytest.raises(ValidationError):
        services.group_remove(actor=staff, group=group, reason=" ")
    services.group_remove(actor=staff, group=group, reason="De groep is gestopt.")
    services.safety_item_remove(actor=staff, item=item, reason="Nummer klopt niet meer.")
    assert not NetworkGroup.objects.filter(pk=group_pk).exists()
    assert not SafetyItem.objects.filter(pk=item_pk).exists()
    removed_group = AuditEntry.objects.get(action="community.group_removed")
    assert removed_group.target_id == str(group_pk)
    assert removed_group.actor == staff
    assert removed_group.data["reason"] == "De groep is gestopt."
    assert removed_group.data["removed"]["name"] == "Buurtpreventie"
    removed_item = AuditEntry.objects.get(action="community.safety_item_removed")
    assert removed_item.data["removed"]["title"] == "Wijkagent"


@pytest.mark.parametrize("role", ["inwoner", "griffie", "wijkraadslid"])
def test_others_cannot_change_or_remove_curated_entries(role):
    user = user_with_role(role)
    network = NetworkFactory()
    group, item = group_in(network), safety_in(network)
    with pytest.raises(PermissionDenied):
        services.group_remove(actor=user, group=group, reason="Weg ermee")
    with pytest.raises(PermissionDenied):
        services.safety_item_remove(actor=user, item=item, reason="Weg ermee")
    assert NetworkGroup.objects.filter(pk=group.pk).exists()
    assert SafetyItem.objects.filter(pk=item.pk).exists()


# --- pages -------------------------------------------------------------------------------


LONG = "x" * 600  # longer than any of these fields allows


def test_meeting_edit_page_keeps_what_was_typed_and_then_saves(client):
    member = chair()
    meeting = MeetingFactory(council=member.council)
    client.force_login(member.user)
    url = reverse("community:meeting_edit", args=[member.council.slug, meeting.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"starts_at": "morgen", "place": "Het Kerkzaaltje"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "error-summary" in page
    assert "Het Kerkzaaltje" in page and "morgen" in page
    response = client.post(url, {"starts_at": "2030-03-14T19:30", "place": "Het Kerkzaaltje"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Het Kerkzaaltje"
    assert timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M") == "2030-03-14 19:30"


def test_meeting_edit_page_is_closed_to_an_ordinary_member(client):
    meeting = MeetingFactory()
    client.force_login(MemberFactory(council=meeting.council).user)
    url = reverse("community:meeting_edit", args=[meeting.council.slug, meeting.pk])
    assert client.get(url).status_code == 403


def test_item_edit_page_keeps_what_was_typed_and_then_saves(client):
    member = chair(role=MemberRole.SECRETARY)
    meeting = MeetingFactory(council=member.council)
    item = own_item(meeting)
    client.force_login(member.user)
    url = reverse("community:item_edit", args=[member.council.slug, item.pk])
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert url in detail  # the agenda links to the change page
    response = client.post(url, {"title": "", "text": "Over de bomen op het plein"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "error-summary" in page and "Over de bomen op het plein" in page
    response = client.post(url, {"title": "Bomen", "text": "Over de bomen op het plein"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Bomen"


def test_item_withdraw_page_for_the_proposer(client):
    item = AgendaItemFactory()
    client.force_login(item.proposer)
    council_page = client.get(item.council.get_absolute_url()).content.decode()
    url = reverse("community:item_withdraw", args=[item.council.slug, item.pk])
    assert url in council_page  # "your items waiting for an answer"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    item.refresh_from_db()
    assert item.status == AgendaItemStatus.WITHDRAWN
    # Once withdrawn (or answered) the page is closed.
    assert client.post(url).status_code == 403


def test_item_withdraw_page_is_closed_to_someone_else(client):
    item = AgendaItemFactory()
    client.force_login(UserFactory())
    url = reverse("community:item_withdraw", args=[item.council.slug, item.pk])
    assert client.post(url).status_code == 403
    item.refresh_from_db()
    assert item.status == AgendaItemStatus.PROPOSED


def test_group_edit_page_keeps_what_was_typed_and_then_saves(client):
    network = NetworkFactory()
    group = group_in(network)
    client.force_login(user_with_role("procesbegeleider"))
    slug = network.area.slug
    url = reverse("community:group_edit", args=[slug, group.pk])
    assert url in client.get(network.get_absolute_url()).content.decode()
    data = {
        "name": "",
        "description": "Wij lopen elke dinsdag",
        "contact_point": "de coördinator",
        "how_to_join": "Kom langs",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert "Wij lopen elke dinsdag" in response.content.decode()
    assert client.post(url, data | {"name": "Avondwandelaars"}).status_code == 302
    group.refresh_from_db()
    assert group.name == "Avondwandelaars"


def test_safety_edit_page_keeps_what_was_typed_and_then_saves(client):
    network = NetworkFactory()
    item = safety_in(network)
    client.force_login(user_with_role("beheerder"))
    url = reverse("community:safety_edit", args=[network.area.slug, item.pk])
    data = {"kind": "call", "title": "", "text": "Bel bij zorgen", "contact": "0900-8844"}
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "error-summary" in page and "0900-8844" in page
    assert client.post(url, data | {"title": "Politie"}).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.contact) == ("Politie", "0900-8844")


@pytest.mark.parametrize("kind", ["group", "safety"])
def test_remove_page_needs_a_reason_keeps_what_was_typed_and_then_removes(client, kind):
    network = NetworkFactory()
    entry = group_in(network) if kind == "group" else safety_in(network)
    client.force_login(user_with_role("procesbegeleider"))
    url = reverse(f"community:{kind}_remove", args=[network.area.slug, entry.pk])
    assert url in client.get(network.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Gestopt " + LONG})
    assert response.status_code == 200
    page = response.content.decode()
    assert "error-summary" in page and "Gestopt " + LONG in page
    assert type(entry).objects.filter(pk=entry.pk).exists()
    assert client.post(url, {"reason": "Gestopt"}).status_code == 302
    assert not type(entry).objects.filter(pk=entry.pk).exists()
    assert AuditEntry.objects.filter(target_id=str(entry.pk), data__reason="Gestopt").exists()


def test_remove_page_is_closed_to_a_resident(client):
    network = NetworkFactory()
    group = group_in(network)
    client.force_login(UserFactory())
    url = reverse("community:group_remove", args=[network.area.slug, group.pk])
    assert client.post(url, {"reason": "Weg"}).status_code == 403
    assert NetworkGroup.objects.filter(pk=group.pk).exists()
