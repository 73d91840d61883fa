from django.urls import path

from voorop.budgeting.views import (
    ballots,
    letters,
    proposals,
    residents,
    results,
    rounds,
    what_if,
)

app_name = "budgeting"

urlpatterns = [
    path("", rounds.index, name="index"),
    path("nieuw/", rounds.round_create, name="round_create"),
    path("wat-als/", what_if.what_if, name="what_if"),
    path("inwoners-controleren/", residents.verify, name="verify"),
    path("inwoners-controleren/<int:user_pk>/intrekken/", residents.unverify, name="unverify"),
    path("<int:pk>/", rounds.round_detail, name="round"),
    path("<int:pk>/wijzigen/", rounds.round_edit, name="round_edit"),
    path("<int:pk>/beheer/", rounds.round_manage, name="manage"),
    path("<int:pk>/volgende-fase/", rounds.round_next_phase, name="next_phase"),
    path("<int:pk>/voorstel-indienen/", proposals.proposal_create, name="proposal_create"),
    path("<int:pk>/stemmen/", ballots.vote, name="vote"),
    path("<int:pk>/stemmen/totaal/", ballots.ballot_total, name="ballot_total"),
    path("<int:pk>/stemcode/", ballots.code_entry, name="code"),
    path("<int:pk>/stemcode/vergeten/", ballots.code_forget, name="code_forget"),
    path("<int:pk>/ontvangstbewijs/", ballots.receipt, name="receipt"),
    path("<int:pk>/papieren-stem/", ballots.paper_ballot, name="paper"),
    path("<int:pk>/stemcodes/", letters.voting_codes, name="codes"),
    path("<int:pk>/stemcodes/<int:batch_pk>/brieven.pdf", letters.letters_download, name="letters"),
    path(
        "<int:pk>/stemcodes/<int:batch_pk>/opnieuw/",
        letters.letters_retry,
        name="letters_retry",
    ),
    path(
        "<int:pk>/stemcodes/<int:batch_pk>/verwijderen/",
        letters.letters_delete,
        name="letters_delete",
    ),
    path("<int:pk>/uitslag/", results.results, name="results"),
    path("<int:pk>/uitslag/status/", results.result_status, name="result_status"),
    path("<int:pk>/uitslag/berekenen/", results.result_compute, name="compute"),
    path(
        "<int:pk>/uitslag/<int:result_pk>/opnieuw/",
        results.result_retry,
        name="result_retry",
    ),
    path("<int:pk>/stemmen.pb", results.download_pb, name="download_pb"),
    path("voorstel/<int:pk>/", proposals.proposal_detail, name="proposal"),
    path("voorstel/<int:pk>/wijzigen/", proposals.proposal_edit, name="proposal_edit"),
    path("voorstel/<int:pk>/beoordelen/", proposals.proposal_review, name="review"),
    path("voorstel/<int:pk>/initiatief/", proposals.proposal_link, name="link"),
]
