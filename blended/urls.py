from django.urls import path

from . import views

app_name = "blended"

urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("<int:pk>/", views.session_detail, name="session"),
    path("<int:pk>/register/", views.register, name="register"),
    path("mine/", views.my_sessions, name="my_sessions"),
    path("here/<str:token>/", views.scan, name="scan"),
    path("report/", views.report, name="report"),
    path("trainer/", views.trainer_sessions, name="trainer_sessions"),
    path("trainer/new/", views.session_create, name="session_create"),
    path("trainer/sync/", views.marks_sync, name="marks_sync"),
    path("trainer/<int:pk>/", views.trainer_session, name="trainer_session"),
    path("trainer/<int:pk>/start/", views.session_start, name="session_start"),
    path("trainer/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("trainer/<int:pk>/attendance/", views.attendance_mark, name="attendance_mark"),
    path("trainer/<int:pk>/scores/", views.quiz_scores, name="quiz_scores"),
    path("trainer/<int:pk>/walk-in/", views.walk_in, name="walk_in"),
    path("trainer/<int:pk>/code/", views.session_qr, name="session_qr"),
    path("trainer/<int:pk>/sheet.pdf", views.attendance_sheet, name="attendance_sheet"),
    path("trainer/<int:pk>/certificates.pdf", views.certificates_batch, name="certificates_batch"),
]
