"""Society agreements: parties sign with a commitment, report progress, and the register
shows who signed to what and what came of it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from tests.accounts.factories import UserFactory, user_with_role
from tests.community.factories import AgreementFactory, CommitmentFactory
from voorop.community import services
from voorop.community.models import AgreementStatus, CommitmentStatus, PartyKind

pytestmark = pytest.mark.django_db


def test_a_resident_signs_with_a_commitment_and_is_shown_by_public_name():
    agreement = AgreementFactory()
    resident = UserFactory(display_name="Jan Smits")
    party = services.agreement_sign(
        actor=resident,
        agreement=agreement,
        kind=PartyKind.RESIDENT,
        commitment="Ik plant een boom.",
        name="Verzonnen BV",
    )
    assert party.label == "Jan Smits"  # a resident signs as themselves
    assert party.commitments.get().text == "Ik plant een boom."


def test_an_organisation_names_itself_and_only_staff_sign_for_the_municipality():
    agreement = AgreementFactory()
    resident = UserFactory()
    with pytest.raises(ValidationError):
        services.agreement_sign(
            actor=resident, agreement=agreement, kind=PartyKind.ORGANISATION, commitment="x"
        )
    with pytest.raises(ValidationError):
        services.agreement_sign(
            actor=resident, agreement=agreement, kind=PartyKind.MUNICIPALITY, commitment="x"
        )
    party = services.agreement_sign(
        actor=user_with_role("procesbegeleider"),
        agreement=agreement,
        kind=PartyKind.MUNICIPALITY,
        commitment="Wij leveren de bomen.",
        name="Gemeente",
    )
    assert party.kind == PartyKind.MUNICIPALITY


def test_a_closed_agreement_cannot_be_signed():
    agreement = AgreementFactory(status=AgreementStatus.CLOSED)
    with pytest.raises(PermissionDenied):
        services.agreement_sign(
            actor=UserFactory(), agreement=agreement, kind="resident", commitment="x"
        )


def test_the_party_reports_progress_and_nobody_else_but_staff():
    commitment = CommitmentFactory()
    with pytest.raises(PermissionDenied):
        services.progress_report(
            actor=UserFactory(), commitment=commitment, status="done", text="Klaar"
        )
    services.progress_report(
        actor=commitment.party.user, commitment=commitment, status="underway", text="Begonnen"
    )
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.UNDERWAY
    assert commitment.updates.get().text == "Begonnen"


def test_the_register_shows_signatories_and_what_came_of_each_commitment(client):
    commitment = CommitmentFactory(status=CommitmentStatus.DONE)
    page = client.get(reverse("community:agreement_register")).content.decode()
    assert commitment.agreement.title in page
    assert escape(commitment.party.user.public_name) in page  # "van 't Hof" is escaped
    assert str(CommitmentStatus.DONE.label) in page


def test_signing_on_the_page_keeps_what_was_typed_on_an_error(client):
    agreement = AgreementFactory()
    client.force_login(UserFactory())
    url = reverse("community:agreement_sign", args=[agreement.slug])
    response = client.post(url, {"kind": "organisation", "name": "", "commitment": "Wij helpen"})
    assert response.status_code == 200
    assert "Wij helpen" in response.content.decode()
    response = client.post(
        url, {"kind": "organisation", "name": "Buurthuis", "commitment": "Wij helpen"}
    )
    assert response.status_code == 302
    assert agreement.parties.get().label == "Buurthuis"
