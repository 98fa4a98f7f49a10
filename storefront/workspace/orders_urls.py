"""The workshop's Orders and Money sections, included by storefront/workspace/urls.py."""

from django.urls import path

from . import money, orders

urlpatterns = [
    path("w/<slug:slug>/orders/", orders.order_list, name="orders"),
    path("w/<slug:slug>/orders/<int:vendor_order_id>/", orders.order_detail, name="order"),
    path(
        "w/<slug:slug>/orders/<int:vendor_order_id>/accept/",
        orders.order_accept,
        name="order-accept",
    ),
    path("w/<slug:slug>/orders/<int:vendor_order_id>/pack/", orders.order_pack, name="order-pack"),
    path("w/<slug:slug>/orders/<int:vendor_order_id>/ship/", orders.order_ship, name="order-ship"),
    path(
        "w/<slug:slug>/orders/<int:vendor_order_id>/papers/<slug:kind>.pdf",
        orders.order_paper,
        name="order-paper",
    ),
    path("w/<slug:slug>/money/", money.money, name="money"),
    path("w/<slug:slug>/money/statement.<slug:fmt>", money.statement, name="money-statement"),
]
