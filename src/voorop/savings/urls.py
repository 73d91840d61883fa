from django.urls import path

from voorop.savings import staff_views, views

app_name = "savings"

urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", staff_views.dialogue_create, name="create"),
    path("<int:pk>/inrichten/", staff_views.set_up, name="set_up"),
    path("<int:pk>/", views.dialogue_detail, name="dialogue"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("<int:pk>/plan/totaal/", views.plan_total, name="plan_total"),
    path("<int:pk>/plan/verstuurd/", views.sent, name="sent"),
    path("<int:pk>/code/", views.code_entry, name="code"),
    path("<int:pk>/code/vergeten/", views.code_forget, name="code_forget"),
    path("<int:pk>/tafelplan/", staff_views.table_plan, name="table_plan"),
    path("<int:pk>/codes/", staff_views.codes, name="codes"),
    path("<int:pk>/codes/<int:batch_pk>/brieven.pdf", staff_views.letters_download, name="letters"),
    path("<int:pk>/codes/<int:batch_pk>/opnieuw/", staff_views.letters_retry, name="letters_retry"),
    path(
        "<int:pk>/codes/<int:batch_pk>/verwijderen/",
        staff_views.letters_delete,
        name="letters_delete",
    ),
    path("<int:pk>/uitkomst/", views.results, name="results"),
    path("<int:pk>/uitkomst/verslag.pdf", views.report, name="report"),
    path("<int:pk>/antwoord/", views.answer, name="answer"),
]
