"""The shop's pages, under a language prefix (/fr/, /ar/, /en/)."""

from django.urls import include, path

from .. import views as certificate_views
from . import (
    account,
    account_pages,
    basket,
    browse,
    checkout,
    collections,
    product,
    settings_views,
    stripe_pay,
)

app_name = "shop"

urlpatterns = [
    path("", browse.home, name="home"),
    path("shop/", browse.catalog, name="catalog"),
    path("collections/", collections.collections_list, name="collections"),
    path("collections/<slug:slug>/", collections.collection, name="collection"),
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
    path("account/security/", include("storefront.shop.security_urls")),
    path("account/login/", account.login_view, name="login"),
    path("account/register/", account.register_view, name="register"),
    path("account/logout/", account.logout_view, name="logout"),
    path("account/password/", account_pages.password_reset_view, name="password-reset"),
    path("account/password/new/", account_pages.password_set_view, name="password-reset-set"),
    path("account/addresses/", account_pages.addresses_view, name="addresses"),
    path("account/addresses/new/", account_pages.address_edit_view, name="address-new"),
    path(
        "account/addresses/<int:address_id>/", account_pages.address_edit_view, name="address-edit"
    ),
    path(
        "account/addresses/<int:address_id>/delete/",
        account_pages.address_delete_view,
        name="address-delete",
    ),
    path("order/<uuid:order_id>/cancel/", account_pages.order_cancel_view, name="order-cancel"),
    path("market/", settings_views.choose_channel, name="channel"),
    path("verify/<str:serial>/", certificate_views.verify_certificate, name="verify"),
]
