from django.urls import path

from . import seo, views

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", seo.robots_txt, name="robots-txt"),
    path("sitemap.xml", seo.sitemap_xml, name="sitemap-xml"),
    # Printed as QR codes on parcels: stays unprefixed, answers in the browser's language.
    path("verify/<str:serial>/", views.verify_certificate, name="certificate-verify"),
]
