"""Area councils: members and the light role, items residents put forward (each answered),
agendas and decisions mailed to followers, minutes public only after approval, members
drawn by lot through sortition's draw, and the make-up against the population."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory, user_with_role
from tests.community.factories import (
    AgendaItemFactory,
    CouncilFactory,
    MeetingFactory,
    MemberFactory,
)
from tests.sortition.factories import assembly_in
from voorop.accounts import services as accounts
from voorop.accounts.roles import role_names
from voorop.community import selectors, services
from voorop.community.models import AgendaItemStatus, ChosenBy, CouncilMember
from voorop.sortition.models import RespondentStatus

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def fresh(user):
    user.__dict__.pop("_voorop_roles", None)
    return user


def test_a_member_with_an_account_gets_the_area_council_role_and_loses_it_after_the_term():
    staff = user_with_role("griffie")
    council = CouncilFactory()
    person = UserFactory()
    member = services.member_add(
        actor=staff,
        council=council,
        public_name="Annie",
        chosen_by=ChosenBy.VOLUNTEERED,
        term_start=TODAY(),
        user=person,
    )
    assert "wijkraadslid" in role_names(fresh(person))
    assert fresh(person).has_perm("community.manage_council", council)
    assert not fresh(person).has_perm("community.manage_council", CouncilFactory())
    services.member_end_term(actor=staff, member=member, on=TODAY() - timedelta(days=1))
    assert "wijkraadslid" not in role_names(fresh(person))
    assert not fresh(person).has_perm("community.manage_council", council)


def test_the_role_stays_while_another_seat_runs():
    staff = user_with_role("griffie")
    person = UserFactory()
    first = services.member_add(
        actor=staff,
        council=CouncilFactory(),
        public_name="A",
        chosen_by="elected",
        term_start=TODAY(),
        user=person,
    )
    services.member_add(
        actor=staff,
        council=CouncilFactory(),
        public_name="A",
        chosen_by="elected",
        term_start=TODAY(),
        user=person,
    )
    services.member_end_term(actor=staff, member=first, on=TODAY() - timedelta(days=1))
    assert "wijkraadslid" in role_names(fresh(person))


def test_a_term_cannot_end_before_it_starts():
    with pytest.raises(ValidationError):
        services.member_add(
            actor=user_with_role("griffie"),
            council=CouncilFactory(),
            public_name="B",
            chosen_by="elected",
            term_start=TODAY(),
            term_end=TODAY() - timedelta(days=1),
        )


def test_a_council_member_cannot_seat_members():
    member = MemberFactory()
    with pytest.raises(PermissionDenied):
        services.member_add(
            actor=member.user,
            council=member.council,
            public_name="C",
            chosen_by="elected",
            term_start=TODAY(),
        )


def test_a_resident_puts_an_item_forward_and_gets_the_answer_by_mail(mails):
    member = MemberFactory()
    resident = UserFactory()
    item = services.item_propose(
        council=member.council, proposer=resident, title="Bankje bij de kerk", text="Graag."
    )
    assert item.status == AgendaItemStatus.PROPOSED
    assert list(selectors.open_items(member.council)) == [item]
    services.item_answer(actor=member.user, item=item, answer="Geen geld dit jaar.", take_up=False)
    item.refresh_from_db()
    assert item.status == AgendaItemStatus.DECLINED
    assert list(selectors.open_items(member.council)) == []
    assert [m.to for m in mails] == [[resident.email]]
    assert "Geen geld dit jaar." in mails[0].body


def test_an_answer_is_required_also_when_the_item_is_not_taken_up():
    member = MemberFactory()
    item = AgendaItemFactory(council=member.council)
    with pytest.raises(ValidationError):
        services.item_answer(actor=member.user, item=item, answer="  ", take_up=False)


def test_taking_an_item_up_puts_it_on_a_meeting_of_the_same_council_only():
    member = MemberFactory()
    item = AgendaItemFactory(council=member.council)
    with pytest.raises(ValidationError):
        services.item_answer(
            actor=member.user, item=item, answer="Ja", take_up=True, meeting=MeetingFactory()
        )
    meeting = MeetingFactory(council=member.council)
    services.item_answer(actor=member.user, item=item, answer="Ja", take_up=True, meeting=meeting)
    assert list(meeting.items.all()) == [item]


def test_putting_items_forward_is_limited_per_account():
    council = CouncilFactory()
    resident = UserFactory()
    for n in range(services.councils.AGENDA_PROPOSALS.limit):
        services.item_propose(council=council, proposer=resident, title=f"Punt {n}", text="x")
    with pytest.raises(ValidationError) as error:
        services.item_propose(council=council, proposer=resident, title="Nog een", text="x")
    assert error.value.code == "throttled"


def test_followers_hear_of_a_new_agenda_and_a_new_decision(mails):
    member = MemberFactory()
    follower = UserFactory()
    accounts.follow(user=follower, obj=member.council)
    meeting = MeetingFactory(council=member.council)
    with pytest.raises(ValidationError):
        services.agenda_publish(actor=member.user, meeting=meeting)  # nothing on it yet
    services.item_add(actor=member.user, meeting=meeting, title="Verkeer")
    services.agenda_publish(actor=member.user, meeting=meeting)
    services.decision_record(actor=member.user, council=member.council, title="Een bankje erbij")
    assert [m.to for m in mails] == [[follower.email], [follower.email]]
    assert "agenda" in mails[0].body
    assert "besluit" in mails[1].body


def test_minutes_are_public_only_after_approval(client):
    member = MemberFactory()
    meeting = MeetingFactory(council=member.council)
    services.minutes_save(
        actor=member.user, meeting=meeting, minutes="Geheim concept", approved=False
    )
    url = meeting.get_absolute_url()
    assert "Geheim concept" not in client.get(url).content.decode()
    client.force_login(member.user)
    assert "Geheim concept" in client.get(url).content.decode()
    services.minutes_save(actor=member.user, meeting=meeting, minutes="Vastgesteld", approved=True)
    client.logout()
    assert "Vastgesteld" in client.get(url).content.decode()


def test_approving_empty_minutes_is_refused():
    member = MemberFactory()
    with pytest.raises(ValidationError):
        services.minutes_save(
            actor=member.user,
            meeting=MeetingFactory(council=member.council),
            minutes="",
            approved=True,
        )


def test_members_drawn_by_lot_come_from_the_assemblys_draw_and_the_make_up_uses_its_figures():
    assembly = assembly_in("panel")
    drawn = list(assembly.respondents.all()[:4])
    for respondent in drawn:
        respondent.status = RespondentStatus.SELECTED
        respondent.save()
    council = CouncilFactory(draw=assembly)
    staff = user_with_role("procesbegeleider")
    seated = services.members_seat_drawn(actor=staff, council=council, term_start=TODAY())
    assert len(seated) == 4
    assert {m.chosen_by for m in seated} == {ChosenBy.DRAWN}
    # Seating again adds nobody twice.
    assert services.members_seat_drawn(actor=staff, council=council, term_start=TODAY()) == []
    make_up = selectors.council_make_up(council)
    assert make_up.chosen_by == [(str(ChosenBy.DRAWN.label), 4)]
    # The draw has population figures: the shared computation (core.population) is used,
    # on the members seated from the draw.
    assert make_up.population == []
    counts = {(row.feature, row.value): row.count for rows in make_up.table for row in rows}
    expected = {}
    for respondent in drawn:
        for name, value in respondent.features.items():
            expected[(name, value)] = expected.get((name, value), 0) + 1
    assert {k: v for k, v in counts.items() if v} == expected
    assert sum(counts.values()) == 8  # 4 people, 2 features each
    shares = [row.population_share for rows in make_up.table for row in rows]
    assert all(share is not None for share in shares)
    # A member whose term ended no longer counts.
    services.member_end_term(actor=staff, member=seated[0], on=TODAY() - timedelta(days=1))
    after = selectors.council_make_up(council)
    assert sum(row.count for rows in after.table for row in rows) == 6


def test_without_population_figures_the_make_up_falls_back_to_the_draws_composition():
    assembly = assembly_in("panel")
    assembly.quotas.update(population=None)
    for respondent in list(assembly.respondents.all()[:4]):
        respondent.status = RespondentStatus.SELECTED
        respondent.save()
    council = CouncilFactory(draw=assembly)
    make_up = selectors.council_make_up(council)
    assert make_up.table == []
    panel = {row["value"]: row["panel"] for f in make_up.population for row in f["rows"]}
    assert sum(panel.values()) == 8
    # No draw at all: only the counts by how chosen and by role.
    plain = selectors.council_make_up(CouncilFactory())
    assert plain.table == [] and plain.population == []


def test_the_council_page_shows_the_make_up_against_the_population(client):
    assembly = assembly_in("panel")
    for respondent in list(assembly.respondents.all()[:2]):
        respondent.status = RespondentStatus.SELECTED
        respondent.save()
    council = CouncilFactory(draw=assembly)
    services.members_seat_drawn(
        actor=user_with_role("griffie"), council=council, term_start=TODAY()
    )
    page = client.get(council.get_absolute_url()).content.decode()
    assert '<th scope="row">vrouw</th>' in page  # the shared make-up table, row per value


def test_seating_drawn_members_needs_a_draw():
    with pytest.raises(ValidationError):
        services.members_seat_drawn(
            actor=user_with_role("griffie"), council=CouncilFactory(), term_start=TODAY()
        )


def test_the_council_page_proposes_an_item_for_a_signed_in_resident(client):
    council = CouncilFactory()
    resident = UserFactory()
    client.force_login(resident)
    url = reverse("community:item_propose", args=[council.slug])
    response = client.post(url, {"title": "", "text": "Zonder onderwerp"})
    assert response.status_code == 200
    assert "Zonder onderwerp" in response.content.decode()  # nothing typed is lost
    response = client.post(url, {"title": "Speeltuin", "text": "Hij is kapot."})
    assert response.status_code == 302
    assert council.agenda_items.get().proposer == resident


def test_a_member_answers_an_item_on_the_page(client, mails):
    member = MemberFactory()
    item = AgendaItemFactory(council=member.council)
    client.force_login(member.user)
    response = client.post(
        reverse("community:item_answer", args=[member.council.slug, item.pk]),
        {"decision": "decline", "answer": "Dat is aan de gemeente."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == AgendaItemStatus.DECLINED
    page = client.get(member.council.get_absolute_url()).content.decode()
    assert "Dat is aan de gemeente." in page


def test_a_deleted_member_stays_on_the_record_without_a_name():
    member = MemberFactory(public_name="Karin de Vries")
    accounts.user_delete_account(user=member.user, actor=member.user)
    member = CouncilMember.objects.get(pk=member.pk)
    assert member.user is None
    assert member.public_name != "Karin de Vries"


def test_a_member_changes_the_description_but_not_where_the_council_lies():
    member = MemberFactory()
    council = member.council
    area = council.area
    services.council_save(
        actor=member.user,
        council=council,
        data={"description": "Nieuwe tekst", "area": CouncilFactory().area, "slug": "anders"},
    )
    council.refresh_from_db()
    assert council.description == "Nieuwe tekst"
    assert council.area == area
    assert council.slug != "anders"
