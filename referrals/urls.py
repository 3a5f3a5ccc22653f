from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("", views.directory_view, name="directory"),
    path("ask/", views.case_request_view, name="ask"),
    path("my/", views.my_cases, name="my_cases"),
    path("my/<int:case_id>/", views.my_case, name="my_case"),
]
