from django.urls import path

from voorop.monitoring.views import exports, public, staff

app_name = "monitoring"

urlpatterns = [
    path("", public.dashboard, name="dashboard"),
    path("programma/<int:pk>/", public.dashboard, name="programme"),
    path("peilmomenten/", public.archive, name="archive"),
    path("peilmomenten/<int:pk>/", public.snapshot_detail, name="snapshot"),
    path("peilmomenten/<int:pk>/csv", exports.snapshot_csv, name="snapshot_csv"),
    path("peilmomenten/<int:pk>/ods", exports.snapshot_ods, name="snapshot_ods"),
    path("peilmomenten/<int:pk>/rapport.pdf", exports.snapshot_pdf, name="snapshot_pdf"),
    path("vergelijken/", public.compare, name="compare"),
    path("lessen/", public.lessons, name="lessons"),
    path("experimenten/<int:pk>/", public.experiment, name="experiment"),
    path("experimenten/<int:pk>/les/", staff.lesson_add, name="lesson_add"),
    path(
        "experimenten/<int:pk>/indicator/",
        staff.experiment_indicator_add,
        name="experiment_indicator_add",
    ),
    path(
        "experimenten/<int:pk>/waarde/", staff.experiment_value_enter, name="experiment_value_enter"
    ),
    path("werk/", staff.staff_dashboard, name="staff"),
    path("werk/indicator/nieuw/", staff.manual_indicator_create, name="manual_indicator_create"),
    path("werk/waarde/", staff.manual_value_enter, name="manual_value_enter"),
    path("werk/programma/nieuw/", staff.programme_create, name="programme_create"),
    path("werk/programma/<int:pk>/", staff.programme_edit, name="programme_edit"),
    path("werk/programma/<int:pk>/peilmoment/", staff.snapshot_request, name="snapshot_request"),
    path("werk/peilmoment/<int:pk>/opnieuw/", staff.snapshot_retry, name="snapshot_retry"),
]
