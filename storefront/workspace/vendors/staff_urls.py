"""Staff pages for independent workshops (namespace ``workspace:vendors:staff``)."""

from django.urls import path

from . import staff

app_name = "staff"

urlpatterns = [
    path("workshops/", staff.workshops, name="workshops"),
    path("workshops/<slug:slug>/approve/", staff.approve, name="approve"),
    path("workshops/<slug:slug>/reject/", staff.reject, name="reject"),
    path("workshops/<slug:slug>/suspend/", staff.suspend, name="suspend"),
    path("workshops/<slug:slug>/documents/<int:document_id>/", staff.document, name="document"),
]
