from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.my_courses, name="my_courses"),
    path("courses/<int:page_id>/enroll/", views.enroll, name="enroll"),
    path("courses/<int:page_id>/resume/", views.resume, name="resume"),
    path("courses/<int:page_id>/offline/", views.offline_files, name="offline_files"),
    path("lessons/<int:page_id>/progress/", views.record_progress, name="progress"),
]
