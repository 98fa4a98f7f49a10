from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("verify/<str:serial>/", views.verify_certificate, name="certificate-verify"),
]
