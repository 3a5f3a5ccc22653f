from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("lessons/<int:page_id>/quiz/start/", views.start, name="start"),
    path("attempts/<uuid:attempt_uuid>/", views.attempt_page, name="attempt"),
    path("attempts/<uuid:attempt_uuid>/autosave/", views.autosave, name="autosave"),
    path("attempts/<uuid:attempt_uuid>/result/", views.result, name="result"),
    path("practical/", views.practical_list, name="practical_list"),
    path(
        "practical/<int:enrollment_id>/<int:rubric_id>/",
        views.practical_score,
        name="practical_score",
    ),
]
