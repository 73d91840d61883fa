"""Consultations: sending (all or a stratified sample) with personal links, anonymous answers,
the reminder, the close, the feedback mail, and the weighted results."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.panel.factories import (
    ConsultationFactory,
    MemberFactory,
    PanelFactory,
    QuestionFactory,
    consultation_in,
    invite_for,
    invite_token,
    organiser,
    population,
)
from voorop.panel import selectors, services
from voorop.panel.models import Invite, QuestionKind, Response

pytestmark = pytest.mark.django_db


def _panel_with_members(n_young=10, n_old=30):
    panel = PanelFactory()
    for i in range(n_young):
        MemberFactory(
            panel=panel, features={"Leeftijd": "jong", "Wijk": ("Centrum", "Heikant")[i % 2]}
        )
    for i in range(n_old):
        MemberFactory(
            panel=panel, features={"Leeftijd": "oud", "Wijk": ("Centrum", "Heikant")[i % 2]}
        )
    return panel


def test_build_and_send_to_everyone_with_a_personal_link(mails):
    panel = _panel_with_members(2, 3)
    user = organiser(panel)
    consultation = services.consultation_create(
        actor=user,
        panel=panel,
        title="Het plein",
        intro="Wat vindt u?",
        closes_at=timezone.now() + timedelta(days=7),
        feedback_due=timezone.localdate() + timedelta(days=30),
    )
    with pytest.raises(ValidationError):
        services.consultation_send(actor=user, consultation=consultation)
    services.question_add(
        actor=user,
        consultation=consultation,
        kind="single",
        text="Meer bomen?",
        options=["ja", "nee"],
    )
    with pytest.raises(ValidationError):
        services.question_add(
            actor=user, consultation=consultation, kind="single", text="Eén optie", options=["ja"]
        )
    assert services.consultation_send(actor=user, consultation=consultation) == 5
    consultation.refresh_from_db()
    assert consultation.phase.key == "open"
    assert len(mails) == 5
    invite = Invite.objects.first()
    token = invite_token(invite)
    assert token not in invite.token_hash
    assert any(f"/burgerpanel/vragen/{token}/" in m.body for m in mails)
    assert selectors.invite_by_token(token) == invite
    # One character changed (never to itself: a token may end in "0").
    altered = token[:-1] + ("1" if token[-1] == "0" else "0")
    assert selectors.invite_by_token(altered) is None


def test_a_stratified_sample_follows_the_panel():
    panel = _panel_with_members(10, 30)
    user = organiser(panel)
    consultation = ConsultationFactory(panel=panel)
    QuestionFactory(consultation=consultation)
    assert (
        services.consultation_send(actor=user, consultation=consultation, sample_size=16, seed="s")
        == 16
    )
    ages = [i.member.features["Leeftijd"] for i in consultation.invites.select_related("member")]
    assert ages.count("jong") == 4  # 10 of 40 members are young
    consultation.refresh_from_db()
    assert consultation.sample_seed == "s"


def test_answers_hold_no_member_and_only_once():
    consultation = consultation_in("open")
    member = MemberFactory(panel=consultation.panel)
    invite = invite_for(consultation, member)
    question = consultation.questions.get()
    scale = QuestionFactory(
        consultation=consultation, kind=QuestionKind.SCALE, options=[], required=True
    )
    with pytest.raises(ValidationError) as missing:
        services.answers_submit(invite=invite, answers={question.pk: "ja"})
    assert str(scale.pk) in missing.value.message_dict
    response = services.answers_submit(invite=invite, answers={question.pk: "ja", scale.pk: "4"})
    field_names = {f.name for f in Response._meta.get_fields()}
    assert not {"member", "invite", "user"} & field_names
    assert response.features == member.features
    with pytest.raises(ValidationError) as again:
        services.answers_submit(invite=invite, answers={question.pk: "nee", scale.pk: "1"})
    assert again.value.code == "answered"


def test_points_must_add_up():
    consultation = consultation_in("open")
    invite = invite_for(consultation, MemberFactory(panel=consultation.panel))
    points = QuestionFactory(
        consultation=consultation, kind=QuestionKind.POINTS, options=["a", "b"], points=10
    )
    with pytest.raises(ValidationError):
        services.answers_submit(invite=invite, answers={points.pk: {"a": 3, "b": 3}})
    services.answers_submit(invite=invite, answers={points.pk: {"a": 7, "b": 3}})


def test_no_answers_after_closing():
    consultation = consultation_in("closed")
    invite = invite_for(consultation, MemberFactory(panel=consultation.panel))
    with pytest.raises(ValidationError):
        services.answers_submit(invite=invite, answers={})


def test_reminder_once_to_who_has_not_answered(mails):
    consultation = consultation_in("open", closes_at=timezone.now() + timedelta(days=1))
    done = invite_for(consultation, MemberFactory(panel=consultation.panel))
    waiting = invite_for(consultation, MemberFactory(panel=consultation.panel))
    services.answers_submit(invite=done, answers={})
    assert services.consultations_remind_due() == 1
    assert services.consultations_remind_due() == 0
    assert [m.to for m in mails] == [[waiting.member.email]]
    far = consultation_in("open", closes_at=timezone.now() + timedelta(days=9))
    invite_for(far, MemberFactory(panel=far.panel))
    assert services.consultations_remind_due() == 0


def test_close_and_feedback_drop_every_link_and_mail_the_participants(mails):
    consultation = consultation_in("closed")
    user = organiser(consultation.panel)
    took_part = MemberFactory(panel=consultation.panel)
    answered = invite_for(consultation, took_part)
    Invite.objects.filter(pk=answered.pk).update(answered=True)
    silent = invite_for(consultation, MemberFactory(panel=consultation.panel))
    assert services.consultations_close_due() == 1
    silent.refresh_from_db()
    assert silent.member is None
    services.feedback_publish(
        actor=user, consultation=consultation, feedback="We planten 20 bomen."
    )
    consultation.refresh_from_db()
    assert consultation.phase.key == "reported"
    assert [m.to for m in mails] == [[took_part.email]]
    assert "We planten 20 bomen." in mails[0].body
    assert not consultation.invites.filter(member__isnull=False).exists()


def test_overdue_feedback_is_listed():
    consultation = consultation_in("closed", feedback_due=timezone.localdate() - timedelta(days=1))
    on_time = consultation_in("closed", panel=consultation.panel)
    overdue = list(selectors.consultations_overdue(consultation.panel))
    assert overdue == [consultation]
    assert on_time not in overdue


def _answer(consultation, features, value):
    response = Response.objects.create(
        consultation=consultation, features=features, submitted_on=timezone.localdate()
    )
    question = consultation.questions.get()
    response.answers.create(question=question, value=value)


def test_results_are_weighted_to_the_population_and_small_cells_hidden():
    consultation = consultation_in("closed")
    population(
        consultation.panel,
        {
            ("Leeftijd", "jong"): 500,
            ("Leeftijd", "oud"): 500,
            ("Wijk", "Centrum"): 500,
            ("Wijk", "Heikant"): 500,
        },
    )
    consultation.weighting = ["Leeftijd"]
    consultation.save()
    for _ in range(10):
        _answer(consultation, {"Leeftijd": "jong"}, "ja")
    for _ in range(30):
        _answer(consultation, {"Leeftijd": "oud"}, "nee")
    for _ in range(2):
        _answer(consultation, {"Leeftijd": "oud"}, "weet niet")
    weights, results = selectors.question_results(consultation)
    assert weights.weights is not None
    assert weights.effective_n < 42
    rows = {row.label: row for row in results[0].rows}
    assert rows["ja"].unweighted == pytest.approx(100 * 10 / 42)
    assert rows["ja"].weighted == pytest.approx(50, abs=0.5)
    assert rows["weet niet"].suppressed
    assert rows["weet niet"].unweighted is None
    text = selectors.results_csv(consultation)
    assert "ja" in text and "weet niet" in text
    assert selectors.results_ods(consultation)[:2] == b"PK"


def test_without_a_needed_group_the_results_say_why():
    consultation = consultation_in("closed")
    population(consultation.panel, {("Leeftijd", "jong"): 500, ("Leeftijd", "oud"): 500})
    consultation.weighting = ["Leeftijd"]
    consultation.save()
    for _ in range(6):
        _answer(consultation, {"Leeftijd": "oud"}, "ja")
    weights, results = selectors.question_results(consultation)
    assert weights.weights is None
    assert "jong" in weights.problem
    assert results[0].rows[0].unweighted == 100
