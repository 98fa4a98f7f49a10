"""The shop's pages, under a language prefix (/fr/, /ar/, /en/)."""

from django.urls import include, path

from .. import views as certificate_views
from . import account, basket, browse, checkout, product, settings_views, stripe_pay

app_name = "shop"

urlpatterns = [
    path("", browse.home, name="home"),
    path("shop/", browse.catalog, name="catalog"),
    path("c/<slug:slug>/", browse.cluster, name="cluster"),
    path("w/<slug:slug>/", browse.workshop, name="workshop"),
    path("p/<slug:slug>/", product.product, name="product"),
    path("basket/", basket.basket, name="basket"),
    path("basket/add/", basket.basket_add, name="basket-add"),
    path("basket/update/", basket.basket_update, name="basket-update"),
    path("basket/promo/", basket.basket_promo, name="basket-promo"),
    path("checkout/", checkout.details, name="checkout"),
    path("checkout/pay/", checkout.pay, name="checkout-pay"),
    path("checkout/pay/stripe/", stripe_pay.intent, name="checkout-stripe-intent"),
    path("checkout/pay/stripe/done/", stripe_pay.complete, name="checkout-stripe-complete"),
    path("order/find/", checkout.order_lookup, name="order-lookup"),
    path("order/<uuid:order_id>/", checkout.order_placed, name="order"),
    path("account/", account.account_view, name="account"),
    path("account/wholesale/", include("storefront.shop.wholesale_urls")),
    path("account/login/", account.login_view, name="login"),
    path("account/register/", account.register_view, name="register"),
    path("account/logout/", account.logout_view, name="logout"),
    path("market/", settings_views.choose_channel, name="channel"),
    path("verify/<str:serial>/", certificate_views.verify_certificate, name="verify"),
]
