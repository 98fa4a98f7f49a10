from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from marketplace.provenance.models import Certificate, SigningKey

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keys(settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"


def test_issue_from_the_command_line(catalog):
    product = catalog.product("Tray", variants=2)
    sku = product.variants.last().sku
    out = StringIO()
    call_command("certificate_issue", product.slug, "--sku", sku, "--order", "ORD-7", stdout=out)
    certificate = Certificate.objects.get()
    assert out.getvalue().startswith(certificate.serial)
    assert certificate.variant.sku == sku and certificate.order_reference == "ORD-7"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-product"], "No product has the slug 'no-such-product'."),
        (["{slug}", "--sku", "NOPE"], "has no variant with SKU 'NOPE'."),
    ],
)
def test_bad_arguments_are_clear_errors(catalog, args, message):
    product = catalog.product("Tray")
    with pytest.raises(CommandError, match=message):
        call_command("certificate_issue", *[a.format(slug=product.slug) for a in args])
    assert Certificate.objects.count() == 0


def test_key_rotation_command():
    call_command("certificate_key_rotate", stdout=StringIO())
    call_command("certificate_key_rotate", stdout=StringIO())
    assert SigningKey.objects.count() == 2
    assert SigningKey.objects.filter(active=True).count() == 1
