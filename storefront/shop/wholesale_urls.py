"""The buyer's wholesale pages, under /<lang>/account/wholesale/."""

from django.urls import path

from . import wholesale

app_name = "wholesale"

urlpatterns = [
    path("", wholesale.wholesale_home, name="home"),
    path("request/<slug:slug>/", wholesale.wholesale_request, name="request"),
    path("<str:number>/", wholesale.wholesale_quote, name="quote"),
]
