"""URLs of the right to challenge (/uitdaagrecht/)."""

from django.urls import path

from voorop.challenge import views

app_name = "challenge"

urlpatterns = [
    path("", views.index, name="index"),
    path("register/", views.register, name="register"),
    path("procedure/", views.procedure, name="procedure"),
    path("procedure/wijzigen/", views.procedure_edit, name="procedure_edit"),
    path("mijn-uitdagingen/", views.mine, name="mine"),
    path("werkvoorraad/", views.work_list, name="work_list"),
    path("taken/nieuw/", views.task_edit, name="task_create"),
    path("taken/<int:pk>/", views.task_detail, name="task_detail"),
    path("taken/<int:pk>/wijzigen/", views.task_edit, name="task_edit"),
    path("taken/<int:pk>/uitdagen/", views.submit, name="submit"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.edit, name="edit"),
    path("<int:pk>/steun/", views.support, name="support"),
    path("<int:pk>/leden/", views.add_member, name="add_member"),
    path("<int:pk>/handtekeningen/", views.upload_signatures, name="upload_signatures"),
    path("<int:pk>/handtekeningen/<int:list_pk>/", views.signature_file, name="signature_file"),
    path("<int:pk>/intrekken/", views.withdraw, name="withdraw"),
    path("<int:pk>/stap/<slug:step>/", views.step, name="step"),
]
