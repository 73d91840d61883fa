"""URLs of the Ho-stop card (/ho-stop/)."""

from django.urls import path

from voorop.hostop import views

app_name = "hostop"

urlpatterns = [
    path("nieuw/<str:app_label>/<str:model>/<int:pk>/", views.raise_card, name="raise"),
    path("<int:pk>/", views.card, name="card"),
    path("<int:pk>/aanpassing/", views.adjust, name="adjust"),
    path("<int:pk>/instemmen/", views.consent, name="consent"),
    path("<int:pk>/besluit/", views.decide, name="decide"),
]
