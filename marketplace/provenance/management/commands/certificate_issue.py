"""marketplace manage certificate_issue <product-slug> [--sku SKU] [--order REF]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marketplace.catalog.models import Product, ProductVariant
from marketplace.core.errors import DomainError
from marketplace.provenance.certificates import certificate_issue, verify_url


class Command(BaseCommand):
    help = "Issue a signed authenticity certificate for a product (or one of its variants)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("product", help="the product's slug")
        parser.add_argument("--sku", help="the variant's SKU, for a certificate per unit")
        parser.add_argument("--order", default="", help="an order reference to sign with it")

    def handle(self, *args: Any, **options: Any) -> None:
        product = Product.objects.select_related("vendor").filter(slug=options["product"]).first()
        if product is None:
            raise CommandError(f"No product has the slug {options['product']!r}.")
        variant = None
        if options["sku"]:
            variant = ProductVariant.objects.filter(product=product, sku=options["sku"]).first()
            if variant is None:
                raise CommandError(f"{product.name} has no variant with SKU {options['sku']!r}.")
        try:
            certificate = certificate_issue(
                product=product, variant=variant, order_reference=options["order"]
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"{certificate.serial}  {verify_url(certificate.serial)}")
