"""Certificates to review, under /<lang>/workspace/certificates/ (namespace
``workspace-certificates``; included from marketplace/urls.py)."""

from django.urls import path, re_path

from . import authenticity

app_name = "workspace-certificates"

urlpatterns = [
    path("", authenticity.queue, name="queue"),
    path("<str:serial>/", authenticity.case, name="case"),
    re_path(
        r"^(?P<serial>[^/]+)/(?P<action>dismiss|confirm|note)/$",
        authenticity.decide,
        name="decide",
    ),
]
