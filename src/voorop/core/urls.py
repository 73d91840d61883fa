from django.urls import path

from voorop.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
    path("privacy/", views.privacy_statement, name="privacy"),
    path("healthz", views.healthz, name="healthz"),
]
