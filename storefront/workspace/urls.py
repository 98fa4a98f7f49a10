"""The workspace's pages under /<lang>/workspace/; each section adds its own include here."""

from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path("", views.dashboard, name="home"),
]
