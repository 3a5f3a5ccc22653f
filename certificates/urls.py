"""Certificate URLs, without a language prefix (included by lms/urls.py):
/verify/... is public by code; /certificates/<uuid>/pdf is the holder's own."""

from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/issuer.json", views.issuer_profile, name="issuer"),
    path("verify/jwks.json", views.jwks, name="jwks"),
    path("verify/status/<int:number>", views.status_list, name="status_list"),
    path("verify/<str:code>/credential.json", views.credential, name="credential"),
    path("verify/<str:code>", views.verify, name="verify"),
    path("certificates/<uuid:certificate_uuid>/pdf", views.download, name="download"),
]
