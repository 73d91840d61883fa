"""Joining (open or with the code of a letter), leaving, the term, representativeness and
recruitment aimed at the gaps."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.panel.factories import (
    MemberFactory,
    PanelFactory,
    consultation_in,
    invite_for,
    organiser,
    population,
)
from voorop.core.addresses import AddressRow
from voorop.core.models import OutgoingMail
from voorop.panel import selectors, services
from voorop.panel.models import Answer, Member, Response

pytestmark = pytest.mark.django_db

FEATURES = {"Leeftijd": "jong", "Wijk": "Heikant"}


def _addresses(panel, user, per_area=(("Centrum", 40), ("Heikant", 40))):
    rows = []
    for area, n in per_area:
        for i in range(n):
            rows.append(
                AddressRow(
                    line=i + 2,
                    street=f"{area}straat",
                    house_number=str(i + 1),
                    postcode="3981 AB",
                    place="Lindewaard",
                    address_id=f"{area}-{i}",
                    area=area,
                )
            )
    services.addresses_import(actor=user, panel=panel, rows=rows)


def test_open_signup_makes_a_member_and_sends_the_welcome(mails):
    panel = PanelFactory()
    member = services.member_join(
        actor=AnonymousUser(),
        panel=panel,
        name="An de Vries",
        email="An@Example.org",
        features=FEATURES,
        consent=True,
        client="c",
    )
    assert member.email == "an@example.org"
    assert member.term_ends_on.year == timezone.localdate().year + 3
    assert len(mails) == 1
    assert "/burgerpanel/lid/" in mails[0].body


def test_no_consent_no_member():
    with pytest.raises(ValidationError):
        services.member_join(
            actor=AnonymousUser(),
            panel=PanelFactory(),
            name="An",
            email="an@example.org",
            features=FEATURES,
            consent=False,
            client="c",
        )
    assert not Member.objects.exists()


def test_a_closed_panel_needs_a_letter_code():
    panel = PanelFactory(open_signup=False)
    with pytest.raises(Exception, match="sign_up"):
        services.member_join(
            actor=AnonymousUser(),
            panel=panel,
            name="An",
            email="an@example.org",
            features=FEATURES,
            consent=True,
            client="c",
        )


def test_join_with_the_code_of_a_letter_once(mails):
    panel = PanelFactory(open_signup=False)
    user = organiser(panel)
    _addresses(panel, user)
    batch = services.recruitment_draw(actor=user, panel=panel, count=5, seed="s")
    letters = services.letters_generate(actor=user, recruitment=batch)
    assert len(letters) == 5
    code = letters[0]["code"]
    invitation = services.signup_code_check(panel=panel, code=code.lower(), client="c1")
    member = services.member_join(
        actor=AnonymousUser(),
        panel=panel,
        name="Bo",
        email="bo@example.org",
        features=FEATURES,
        consent=True,
        code=code,
        client="c",
    )
    assert member.source == "letter"
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    with pytest.raises(ValidationError) as used:
        services.member_join(
            actor=AnonymousUser(),
            panel=panel,
            name="Cor",
            email="cor@example.org",
            features=FEATURES,
            consent=True,
            code=code,
            client="c",
        )
    assert used.value.code == "used"


def test_codes_are_stored_hashed_and_wrong_codes_are_limited():
    panel = PanelFactory()
    user = organiser(panel)
    _addresses(panel, user)
    batch = services.recruitment_draw(actor=user, panel=panel, count=3, seed="s")
    code = services.letters_generate(actor=user, recruitment=batch)[0]["code"]
    stored = list(batch.invitations.values_list("code_hash", flat=True))
    assert all(code.replace("-", "") not in h for h in stored)
    for _ in range(services.WRONG_CODES.limit):
        with pytest.raises(ValidationError) as wrong:
            services.signup_code_check(panel=panel, code="AAAA-AAAA-AAAA", client="guesser")
        assert wrong.value.code == "wrong"
    with pytest.raises(ValidationError) as refused:
        services.signup_code_check(panel=panel, code=code, client="guesser")
    assert refused.value.code == "rate_limited"


def test_leaving_deletes_the_profile_and_keeps_the_answers_anonymous():
    consultation = consultation_in("open")
    member = MemberFactory(panel=consultation.panel)
    invite = invite_for(consultation, member)
    question = consultation.questions.get()
    services.answers_submit(invite=invite, answers={question.pk: "ja"})
    services.member_leave(member=member)
    assert not Member.objects.filter(pk=member.pk).exists()
    assert Answer.objects.filter(question=question).count() == 1
    response = Response.objects.get()
    assert response.features == {"Leeftijd": "jong", "Wijk": "Centrum"}
    invite.refresh_from_db()
    assert invite.member is None


def test_renewal_is_asked_once_and_the_expired_are_removed(mails):
    today = timezone.localdate()
    soon = MemberFactory(term_ends_on=today + timedelta(days=10))
    gone = MemberFactory(term_ends_on=today - timedelta(days=1))
    later = MemberFactory(term_ends_on=today + timedelta(days=300))
    assert services.members_renewal_due() == {"asked": 1, "removed": 1}
    assert services.members_renewal_due() == {"asked": 0, "removed": 0}
    assert [m.to for m in mails] == [[soon.email]]
    assert not Member.objects.filter(pk=gone.pk).exists()
    assert Member.objects.filter(pk=later.pk).exists()
    services.member_renew(member=soon)
    soon.refresh_from_db()
    assert soon.term_ends_on.year == today.year + 3 or soon.term_ends_on > today + timedelta(900)


def test_gaps_in_plain_words():
    panel = PanelFactory()
    population(
        panel,
        {
            ("Leeftijd", "jong"): 300,
            ("Leeftijd", "oud"): 700,
            ("Wijk", "Centrum"): 500,
            ("Wijk", "Heikant"): 500,
        },
    )
    for _ in range(9):
        MemberFactory(panel=panel, features={"Leeftijd": "oud", "Wijk": "Centrum"})
    MemberFactory(panel=panel, features={"Leeftijd": "jong", "Wijk": "Centrum"})
    gaps = selectors.gaps(selectors.makeup(panel))
    texts = [g["text"] for g in gaps]
    assert any("jong" in t and "10%" in t and "30%" in t for t in texts), texts
    assert any("Heikant" in t and "0%" in t for t in texts), texts


def test_recruitment_draws_where_the_panel_lacks_members():
    panel = PanelFactory()
    user = organiser(panel)
    population(
        panel,
        {
            ("Leeftijd", "jong"): 1,
            ("Leeftijd", "oud"): 1,
            ("Wijk", "Centrum"): 500,
            ("Wijk", "Heikant"): 500,
        },
    )
    for _ in range(10):
        MemberFactory(panel=panel, features={"Leeftijd": "oud", "Wijk": "Centrum"})
    _addresses(panel, user)
    batch = services.recruitment_draw(actor=user, panel=panel, count=20, seed="x")
    assert batch.allocation == {"Centrum": 0, "Heikant": 20}
    areas = set(batch.invitations.values_list("address__area", flat=True))
    assert areas == {"Heikant"}
    again = services.recruitment_draw(actor=user, panel=panel, count=20, seed="x")
    assert not set(again.invitations.values_list("address_id", flat=True)) & set(
        batch.invitations.values_list("address_id", flat=True)
    )


def test_without_figures_the_draw_follows_the_addresses():
    panel = PanelFactory()
    user = organiser(panel)
    _addresses(panel, user, per_area=(("Centrum", 30), ("Heikant", 10)))
    batch = services.recruitment_draw(actor=user, panel=panel, count=8, seed="x")
    assert batch.allocation == {"Centrum": 6, "Heikant": 2}


def test_open_sign_ups_are_limited_per_client(mails):
    panel = PanelFactory()
    for i in range(services.OPEN_SIGNUPS.limit):
        services.member_join(
            actor=AnonymousUser(),
            panel=panel,
            name=f"Lid {i}",
            email=f"lid{i}@example.org",
            features=FEATURES,
            consent=True,
            client="form-filler",
        )
    with pytest.raises(ValidationError) as refused:
        services.member_join(
            actor=AnonymousUser(),
            panel=panel,
            name="Nog een",
            email="nog@example.org",
            features=FEATURES,
            consent=True,
            client="form-filler",
        )
    assert refused.value.code == "rate_limited"
    assert "minuten" in refused.value.messages[0]
    assert not Member.objects.filter(email="nog@example.org").exists()
    # Another connection is not held up.
    services.member_join(
        actor=AnonymousUser(),
        panel=panel,
        name="Nog een",
        email="nog@example.org",
        features=FEATURES,
        consent=True,
        client="someone-else",
    )
    assert Member.objects.filter(panel=panel).count() == services.OPEN_SIGNUPS.limit + 1


def test_an_address_already_in_the_panel_gets_a_mail_not_an_error(mails):
    member = MemberFactory(email="an@example.org")
    returned = services.member_join(
        actor=AnonymousUser(),
        panel=member.panel,
        name="Iemand anders",
        email=" AN@example.org ",
        features=FEATURES,
        consent=True,
        client="c",
    )
    assert returned.pk == member.pk
    member.refresh_from_db()
    assert member.name != "Iemand anders"  # nothing of the member changed
    assert Member.objects.filter(panel=member.panel).count() == 1
    assert [m.to for m in mails] == [["an@example.org"]]
    assert "al lid" in mails[0].subject
    assert "/burgerpanel/lid/" in mails[0].body
    # No token in the outbox row: the link is made when the mail is sent.
    outgoing = OutgoingMail.objects.get()
    assert outgoing.kind == "panel.already_member"
    assert set(outgoing.ids) == {"member", "language"}


def test_already_member_mails_to_one_address_are_limited(mails):
    member = MemberFactory(email="an@example.org")
    for i in range(services.ALREADY_MEMBER_MAILS.limit + 2):
        services.member_join(
            actor=AnonymousUser(),
            panel=member.panel,
            name="An",
            email="an@example.org",
            features=FEATURES,
            consent=True,
            client=f"client-{i}",
        )
    assert len(mails) == services.ALREADY_MEMBER_MAILS.limit
