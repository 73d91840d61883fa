from django.urls import path

from voorop.budgeting import views

app_name = "budgeting"

urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.round_create, name="round_create"),
    path("wat-als/", views.what_if, name="what_if"),
    path("inwoners-controleren/", views.verify, name="verify"),
    path("inwoners-controleren/<int:user_pk>/intrekken/", views.unverify, name="unverify"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/wijzigen/", views.round_edit, name="round_edit"),
    path("<int:pk>/beheer/", views.round_manage, name="manage"),
    path("<int:pk>/volgende-fase/", views.round_next_phase, name="next_phase"),
    path("<int:pk>/voorstel-indienen/", views.proposal_create, name="proposal_create"),
    path("<int:pk>/stemmen/", views.vote, name="vote"),
    path("<int:pk>/stemmen/totaal/", views.ballot_total, name="ballot_total"),
    path("<int:pk>/stemcode/", views.code_entry, name="code"),
    path("<int:pk>/stemcode/vergeten/", views.code_forget, name="code_forget"),
    path("<int:pk>/ontvangstbewijs/", views.receipt, name="receipt"),
    path("<int:pk>/papieren-stem/", views.paper_ballot, name="paper"),
    path("<int:pk>/stemcodes/", views.voting_codes, name="codes"),
    path("<int:pk>/stemcodes/<int:batch_pk>/brieven.pdf", views.letters_download, name="letters"),
    path(
        "<int:pk>/stemcodes/<int:batch_pk>/verwijderen/",
        views.letters_delete,
        name="letters_delete",
    ),
    path("<int:pk>/uitslag/", views.results, name="results"),
    path("<int:pk>/uitslag/status/", views.result_status, name="result_status"),
    path("<int:pk>/uitslag/berekenen/", views.result_compute, name="compute"),
    path("<int:pk>/stemmen.pb", views.download_pb, name="download_pb"),
    path("voorstel/<int:pk>/", views.proposal_detail, name="proposal"),
    path("voorstel/<int:pk>/wijzigen/", views.proposal_edit, name="proposal_edit"),
    path("voorstel/<int:pk>/beoordelen/", views.proposal_review, name="review"),
    path("voorstel/<int:pk>/initiatief/", views.proposal_link, name="link"),
]
