"""Querysets compiled once (marketplace/core/query_templates.py): the same objects as the
queryset gives, the arguments in their places, and shapes that cannot be reused refused."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import ProductVariant
from marketplace.checkout.access import checkout_read
from marketplace.checkout.delivery import _lines_priced, lines_for_pricing
from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.checkout.services import LineInput, checkout_create
from marketplace.core.query_templates import AnyOf, QueryTemplate, TemplateError
from marketplace.shipping.models import DutyRate
from marketplace.vendors.models import Vendor
from tests.commerce import Shop
from tests.factories import CatalogBuilder

pytestmark = pytest.mark.django_db


def _basket(shop: Shop, **extra: Any) -> Checkout:
    lines = [
        LineInput(variant_id=ProductVariant.objects.get(product=product).pk, quantity=quantity)
        for product, quantity in ((shop.tray, 2), (shop.bracelet, 1))
    ]
    checkout = checkout_create(
        channel_slug="international", lines=lines, email="a@example.com", **extra
    )
    CheckoutLine.objects.filter(checkout=checkout, variant__product=shop.tray).update(
        packaging_option=shop.gift_box
    )
    return checkout


def _facts(instance: Any) -> dict[str, Any]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_a_basket_s_lines_come_back_as_the_queryset_gives_them(catalog: CatalogBuilder) -> None:
    shop = Shop(catalog)
    checkout = _basket(shop)
    expected = list(_lines_priced(checkout.token, checkout.channel_id))
    made = lines_for_pricing(checkout)
    assert [line.pk for line in made] == [line.pk for line in expected]
    for ours, theirs in zip(made, expected, strict=True):
        assert _facts(ours) == _facts(theirs)
        assert ours.channel_price == theirs.channel_price  # type: ignore[attr-defined]
        for related in ("variant", "packaging_option"):
            a, b = getattr(ours, related), getattr(theirs, related)
            assert (a and _facts(a)) == (b and _facts(b))
        for related in ("product", "product.product_type", "product.vendor"):
            a, b = ours.variant, theirs.variant
            for step in related.split("."):
                a, b = getattr(a, step), getattr(b, step)
            assert _facts(a) == _facts(b)
        assert ours.checkout is checkout
        assert not ours._state.adding and ours._state.db == "default"
    assert made[0].packaging_option == shop.gift_box
    # Everything that was asked for came in the one query.
    with CaptureQueriesContext(connection) as captured:
        lines = lines_for_pricing(checkout)
        seen = [
            (
                line.variant.product.product_type.weight_kg,
                line.variant.product.vendor.name,
                line.packaging_option,
                line.checkout.email,
            )
            for line in lines
        ]
    assert len(captured) == 1
    assert len(seen) == 2


def test_each_call_reads_its_own_checkout(catalog: CatalogBuilder) -> None:
    shop = Shop(catalog)
    first, second = _basket(shop), _basket(shop, language_code="fr")
    assert checkout_read(token=first.token).language_code == "en"  # type: ignore[union-attr]
    assert checkout_read(token=second.token).language_code == "fr"  # type: ignore[union-attr]
    assert checkout_read(token=uuid.uuid4()) is None
    assert {line.checkout_id for line in lines_for_pricing(second)} == {second.token}
    tnd = catalog.tnd
    assert lines_for_pricing(Checkout(token=first.token, channel=tnd))[0].channel_price == (
        shop.tray.variants.get().channel_listings.get(channel=tnd).price_amount
    )


def test_any_of_takes_any_number_of_values_in_one_shape(catalog: CatalogBuilder) -> None:
    shop = Shop(catalog)
    template: QueryTemplate[Vendor] = QueryTemplate(
        lambda ids: Vendor.objects.filter(AnyOf(F("pk"), ids)).order_by("pk"), ids=[-7]
    )
    everyone = sorted(Vendor.objects.values_list("pk", flat=True))
    assert [v.pk for v in template.rows(ids=everyone)] == everyone
    assert [v.pk for v in template.rows(ids=[shop.fidda.pk])] == [shop.fidda.pk]
    assert template.rows(ids=[]) == []


def test_shapes_that_cannot_be_reused_are_refused(catalog: CatalogBuilder) -> None:
    in_list: QueryTemplate[Vendor] = QueryTemplate(
        lambda ids: Vendor.objects.filter(pk__in=ids), ids=[-7]
    )
    with pytest.raises(TemplateError):
        in_list.rows(ids=[1, 2])
    changed_text: QueryTemplate[Vendor] = QueryTemplate(
        lambda name: Vendor.objects.filter(name__icontains=name), name="probe"
    )
    with pytest.raises(TemplateError):
        changed_text.rows(name="Fidda")
    changes_sql: QueryTemplate[Vendor] = QueryTemplate(
        lambda n: Vendor.objects.filter(pk=n).order_by("pk" if n == -5 else "-pk"), n=-5
    )
    with pytest.raises(TemplateError, match="change the SQL itself"):
        changes_sql.rows(n=1)
    with pytest.raises(TypeError):
        in_list.rows(other=1)


@pytest.mark.django_db(transaction=True)
def test_a_locking_template_needs_a_transaction(catalog: CatalogBuilder) -> None:
    shop = Shop(catalog)
    checkout = _basket(shop)
    assert connection.get_autocommit()
    with pytest.raises(TransactionManagementError):
        checkout_read(token=checkout.token, lock=True)
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        assert checkout_read(token=checkout.token, lock=True) == checkout
    assert "FOR UPDATE" in captured[-1]["sql"]


def test_a_values_template_gives_the_dicts_the_queryset_gives(catalog: CatalogBuilder) -> None:
    shop = Shop(catalog)
    checkout = _basket(shop)
    template = QueryTemplate(
        lambda token: (
            CheckoutLine.objects.filter(checkout_id=token)
            .values("variant_id")
            .order_by("variant_id")
        ),
        token=uuid.UUID(int=7),
    )
    expected = list(
        CheckoutLine.objects.filter(checkout=checkout).values("variant_id").order_by("variant_id")
    )
    assert template.dicts(token=checkout.token) == expected
    with pytest.raises(TypeError):
        template.rows(token=checkout.token)
    with pytest.raises(TypeError):
        QueryTemplate(
            lambda token: CheckoutLine.objects.filter(checkout_id=token), token=uuid.UUID(int=7)
        ).dicts(token=checkout.token)
    flat: QueryTemplate[Any] = QueryTemplate(
        lambda token: CheckoutLine.objects.filter(checkout_id=token).values_list("pk"),
        token=uuid.UUID(int=7),
    )
    with pytest.raises(TemplateError):
        flat.rows(token=checkout.token)


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.parametrize("prepared", [True, False])
def test_a_template_is_a_prepared_statement_unless_turned_off(
    catalog: CatalogBuilder, settings: Any, prepared: bool
) -> None:
    settings.DATABASE_PREPARED_STATEMENTS = prepared
    order = "name" if prepared else "-name"  # SQL of its own: no earlier test prepared it
    template: QueryTemplate[Vendor] = QueryTemplate(
        lambda n: Vendor.objects.filter(pk__gt=n).order_by(order), n=-7
    )
    assert [v.pk for v in template.rows(n=0)] == list(
        Vendor.objects.filter(pk__gt=0).order_by(order).values_list("pk", flat=True)
    )
    template.rows(n=1)
    sql = template.compiled("default").sql.replace("%s", "$1")
    assert (sql in _prepared_statements()) is prepared


def test_an_ip_address_argument_is_bound_as_the_orm_binds_it(catalog: CatalogBuilder) -> None:
    shop = Shop(catalog)
    mine = {_basket(shop, client_ip=ip).token for ip in ("203.0.113.9", "203.0.113.9")}
    _basket(shop, client_ip="2001:db8::1")
    template: QueryTemplate[Checkout] = QueryTemplate(
        lambda ip: Checkout.objects.filter(client_ip=ip), ip="192.0.2.77"
    )
    assert {c.token for c in template.rows(ip="203.0.113.9")} == mine
    assert [str(c.client_ip) for c in template.rows(ip="2001:db8::1")] == ["2001:db8::1"]
    assert template.rows(ip="198.51.100.1") == []


def test_values_keys_come_in_the_order_the_queryset_gives_them(catalog: CatalogBuilder) -> None:
    Shop(catalog)
    template: QueryTemplate[Any] = QueryTemplate(
        lambda n: (
            Vendor.objects.filter(pk__gt=n)
            .annotate(up=F("slug"))
            .values("up", "name")
            .order_by("pk")
        ),
        n=-7,
    )
    expected = list(
        Vendor.objects.filter(pk__gt=0).annotate(up=F("slug")).values("up", "name").order_by("pk")
    )
    assert template.dicts(n=0) == expected
    assert [list(row) for row in template.dicts(n=0)] == [["up", "name"]] * len(expected)


def test_what_a_build_derives_from_an_argument_is_refused(catalog: CatalogBuilder) -> None:
    moment = datetime(1990, 1, 1, 0, 0, 7, tzinfo=UTC)
    derived: QueryTemplate[Checkout] = QueryTemplate(
        lambda now: Checkout.objects.filter(created_at__lte=now, created_at__date=now.date()),
        now=moment,
    )
    with pytest.raises(TemplateError):
        derived.rows(now=moment)
    prefetching: QueryTemplate[Checkout] = QueryTemplate(
        lambda token: Checkout.objects.filter(token=token).prefetch_related("lines"),
        token=uuid.UUID(int=7),
    )
    with pytest.raises(TemplateError):
        prefetching.rows(token=uuid.uuid4())


def test_any_of_never_truncates_a_value_to_the_column_s_length(catalog: CatalogBuilder) -> None:
    DutyRate.objects.create(destination="FR", hs_chapter="71", rate=Decimal("0.025"))
    template: QueryTemplate[DutyRate] = QueryTemplate(
        lambda chapters: DutyRate.objects.filter(AnyOf(F("hs_chapter"), chapters)),
        chapters=["~9"],
    )
    assert template.rows(chapters=["710"]) == []
    assert [r.hs_chapter for r in template.rows(chapters=["71", "83"])] == ["71"]
