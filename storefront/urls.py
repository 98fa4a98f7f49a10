from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    # Printed as QR codes on parcels: stays unprefixed, answers in the browser's language.
    path("verify/<str:serial>/", views.verify_certificate, name="certificate-verify"),
]
