"""Draft tests/saleor_contract_allowlist.toml from today's differences with Saleor 3.23.

Run: DJANGO_SETTINGS_MODULE=marketplace.settings.test python scripts/saleor_contract_allowlist.py
It prints TOML grouped by reason; a human reviews every group before it replaces the file.
A key no rule explains lands in the "not yet built" group, which is work, not a decision.
"""

from __future__ import annotations

import fnmatch
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django

django.setup()

from marketplace.graphql.api import schema  # noqa: E402
from tests.saleor_contract import differences, load_saleor_schema, saleor_schema_path  # noqa: E402

STOREFRONT_TODO = [
    "Mutation.deliveryOptionsCalculate",
    "Mutation.confirmAccount",
    "Mutation.requestEmailChange",
    "Mutation.confirmEmailChange",
    "Mutation.accountUpdate",
    "Mutation.accountRequestDeletion",
    "Mutation.accountDelete",
    "Mutation.checkout*(checkoutId)",
    "Mutation.checkout*(token)",
    "Mutation.checkout*(saveAddress)",
    "Mutation.checkout*(validationRules)",
]

# (reason, patterns); the first matching rule wins.
RULES: list[tuple[str, list[str]]] = [
    (
        "Not yet built: storefront mutations and arguments of issue #9 item 2.",
        STOREFRONT_TODO,
    ),
    (
        "Not built: storefront-side operations and arguments Saleor offers beyond issue #9's "
        "list (external auth, avatars, stored payment methods, re-order, checkout language and "
        "note, query arguments); a client asking for them gets a validation error naming them.",
        [
            "Query.*(*)",
            "Query.orderByToken",
            "Query.address",
            "Query.translation*",
            "Mutation.checkoutComplete(storeSource)",
            "Mutation.checkoutShippingMethodUpdate",
            "Mutation.checkoutLanguageCodeUpdate",
            "Mutation.checkoutCustomerNoteUpdate",
            "Mutation.checkoutDelete",
            "Mutation.checkoutCreateFromOrder",
            "Mutation.tokensDeactivateAll",
            "Mutation.externalAuthenticationUrl",
            "Mutation.externalObtainAccessTokens",
            "Mutation.externalRefresh",
            "Mutation.externalLogout",
            "Mutation.externalVerify",
            "Mutation.sendConfirmationEmail",
            "Mutation.userAvatar*",
            "Mutation.storedPaymentMethodRequestDelete",
            "Mutation.*Tokenization",
        ],
    ),
    (
        "Saleor's legacy Payment API (deprecated there in favour of transactions); payments "
        "here are transactions only (paymentGatewayInitialize, transactionInitialize/Process).",
        [
            "Mutation.checkoutPaymentCreate",
            "Mutation.paymentInitialize",
            "Mutation.paymentCheckBalance",
            "Mutation.paymentCapture",
            "Mutation.paymentRefund",
            "Mutation.paymentVoid",
            "Query.payment",
            "Query.payments",
            "Order.payments",
            "PaymentChargeStatusEnum.*",
        ],
    ),
    (
        "Saleor's legacy `<domain>Errors` payload lists (deprecated in Saleor for `errors`); "
        "every payload here answers `errors` with the same error type.",
        ["*.accountErrors", "*.checkoutErrors", "*.orderErrors", "*.metadataErrors"],
    ),
    (
        "Error codes for situations our API never reports (staff, apps, gift cards, taxes, "
        "draft orders, preorders); every code we do report exists in Saleor's enum.",
        ["AccountErrorCode.*", "CheckoutErrorCode.*", "OrderErrorCode.*"],
    ),
    (
        "Staff, app and integration operations of Saleor's roots (apps, webhooks, warehouses, "
        "taxes, staff, catalogue/order/gift-card/discount administration, exports, plugins, "
        "federation): out of scope per the saleor-dialect README; the marketplace's back "
        "office is its own dashboard.",
        ["Mutation.*", "Query.*"],
    ),
    (
        "Staff- or app-only fields (permissions, staff groups, stock per warehouse, margins, "
        "revenue, invoices, order events, tax classes, shop settings); a storefront token "
        "cannot read them in Saleor either.",
        [
            "User.userPermissions",
            "User.permissionGroups",
            "User.editableGroups",
            "User.accessibleChannels",
            "User.restrictedAccessToChannels",
            "User.events",
            "User.note",
            "ProductVariant.stocks",
            "ProductVariant.margin",
            "ProductVariant.revenue",
            "ProductVariant.quantityOrdered",
            "ProductVariantChannelListing.margin",
            "ProductChannelListing.purchaseCost",
            "ProductChannelListing.margin",
            "Order.invoices",
            "Order.events",
            "Order.actions",
            "Order.canFinalize",
            "Order.trackingClientId",
            "Order.errors",
            "Order.shippingTaxClass*",
            "OrderLine.taxClass*",
            "OrderLine.allocations",
            "Product.taxClass",
            "Product.taxType",
            "ProductType.taxClass",
            "ProductType.taxType",
            "Channel.*",
            "Shop.*",
            "Attribute.productTypes",
            "Attribute.productVariantTypes",
            "Attribute.availableInGrid",
            "Attribute.filterableInDashboard",
            "Attribute.storefrontSearchPosition",
            "ProductType.availableAttributes",
            "PageType.availableAttributes",
            "PageType.hasPages",
            "TransactionItem.createdBy",
            "TransactionEvent.createdBy",
            "Order.user",
            "CheckoutCreateInput.privateMetadata",
        ],
    ),
    (
        "Deprecated in Saleor 3.23 but still the field our documented queries use; the "
        "deprecation flag is Saleor's advice, the field works the same.",
        [],  # chosen by the description: "deprecated here/in Saleor", nothing missing
    ),
]

TODO_REASON = (
    "Not yet built: Saleor 3.23's surface of a shared type (issue #9 item 1); listed so the "
    "contract test names it until it is built."
)


def main() -> None:
    found = differences(schema.graphql_schema, load_saleor_schema(saleor_schema_path()))
    groups: dict[str, list[str]] = {reason: [] for reason, _ in RULES}
    groups[TODO_REASON] = []
    for key, description in sorted(found.items()):
        if "deprecated" in description and "missing" not in description:
            reason = RULES[-1][0]
        else:
            reason = next(
                (r for r, patterns in RULES if any(fnmatch.fnmatchcase(key, p) for p in patterns)),
                TODO_REASON,
            )
        groups[reason].append(key)
    print("# Reviewed differences between our schema and Saleor 3.23's")
    print("# (tests/test_saleor_contract.py). Each group says why its keys differ;")
    print("# a key that stops differing must leave the list.\n")
    for reason, keys in groups.items():
        if not keys:
            continue
        print("[[group]]")
        print(f"reason = {json.dumps(reason)}")
        print("keys = [")
        for key in keys:
            print(f"  {json.dumps(key)},  # {found[key]}")
        print("]\n")


if __name__ == "__main__":
    main()
