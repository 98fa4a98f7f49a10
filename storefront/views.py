from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "storefront/home.html",
        {"shop_name": settings.SHOP_NAME, "playground": settings.GRAPHQL_PLAYGROUND},
    )
