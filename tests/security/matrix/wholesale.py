"""Entries for wholesale group orders (issue 12), aimed at the objects of wholesale_world.py.
Buyer A is the business buyer, buyer B a buyer without a business account; manager A runs
A's cluster, owner A is the member workshop the shares are allotted to; owner B's workshop
and the other manager's cluster are strangers to it. Staff may do what the cluster does; only
the buyer answers or pays a quote."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from marketplace.wholesale.models import BusinessAccount

from .core import SELF, Entry, found, only, payload_ok, refused_with
from .references import NOBODY
from .vendors import CLUSTER_A, ERRORS, WORKSHOP_A, _entry
from .world import LOGGED_IN, World, missing_gid

BUYER_A = only("buyer_a")
QUOTE_VIEWERS = only("buyer_a", "manager_a", "owner_a", "staff")
POOL_VIEWERS = only("manager_a", "owner_a", "staff")
DEMO = "marketplace.payments.demo"
MISSING_QUOTE = missing_gid("WholesaleQuote")
MISSING_SHARE = missing_gid("WholesaleQuoteShare")
MISSING_POOL = missing_gid("PooledPurchase")
QUOTE = "quote { status }"
SHARE = f"share {{ status }} {QUOTE} {ERRORS}"


def _days(n: int) -> str:
    return (timezone.localdate() + timedelta(days=n)).isoformat()


def _id(key: str):  # type: ignore[no-untyped-def]
    return lambda w: {"id": w.ids[key]}


def _request_input(cluster: str, product: str):  # type: ignore[no-untyped-def]
    def variables(world: World) -> dict[str, Any]:
        return {
            "input": {
                "cluster": world.ids.get(cluster, cluster),
                "lines": [{"quantity": 10, "product": world.ids.get(product, product)}],
                "targetDate": _days(60),
                "destinationCountry": "FR",
                "destinationAddress": "12 rue de la République, Marseille",
                "incoterm": "DAP",
            }
        }

    return variables


def _terms(vendor: str, product: str):  # type: ignore[no-untyped-def]
    def variables(world: World) -> dict[str, Any]:
        tier = {"product": world.ids.get(product, product), "minQuantity": 10, "unitPrice": "19"}
        return {
            "v": world.ids.get(vendor, vendor),
            "i": {
                "currency": "EUR",
                "minFirstOrder": "500",
                "minReorder": "200",
                "minQuantityPerProduct": 10,
                "leadTimeDays": 40,
                "depositShare": "0.4",
                "incoterms": ["DAP"],
                "tiers": [tier],
            },
        }

    return variables


def _business_a(world: World) -> Any:
    return list(BusinessAccount.objects.filter(user=world.users["buyer_a"]).values())


REQUEST = (
    "mutation($input: WholesaleQuoteRequestInput!) { wholesaleQuoteRequest(input: $input) "
    f"{{ quote {{ number status }} {ERRORS} }} }}"
)
TERMS = (
    "mutation($v: ID!, $i: WholesaleTermsInput!) { wholesaleTermsUpdate(vendor: $v, input: $i) "
    f"{{ ok {ERRORS} }} }}"
)
APPLY = (
    'mutation { businessApply(input: {companyName: "Bazar", address: "Lyon", country: "FR", '
    f'contactName: "Ali", contactEmail: "ali@example.com"}}) {{ businessAccount {{ status }} {ERRORS} }} }}'
)
ASSIGN = (
    "mutation($line: ID!, $w: ID!, $d: Date!) { quoteShareAssign(line: $line, workshop: $w, "
    f'quantity: 10, unitPrice: "21", promisedDate: $d) {{ {SHARE} }} }}'
)
POOL = f"pooledPurchase {{ status }} {ERRORS}"
PAY = 'mutation($id: ID!, $g: String!) {{ {field}(id: $id, gateway: $g, idempotencyKey: "matrix") {{ amountCharged {{ amount }} {quote} {errors} }} }}'


def _pay(field: str, quote: str) -> Entry:
    return _entry(
        field,
        PAY.format(field=field, quote=QUOTE, errors=ERRORS),
        lambda w: {"id": w.ids[quote], "g": DEMO},
        BUYER_A,
        "amountCharged",
        id=MISSING_QUOTE,
    )


def _share_answer(field: str, arguments: str, key: str, allowed: frozenset[str]) -> Entry:
    return _entry(
        field,
        f"mutation($id: ID!) {{ {field}(id: $id{arguments}) {{ {SHARE} }} }}",
        _id(key),
        allowed,
        "share",
        id=MISSING_SHARE,
    )


def _quote_op(field: str, arguments: str, key: str, allowed: frozenset[str], result: str) -> Entry:
    return _entry(
        field,
        f"mutation($id: ID!) {{ {field}(id: $id{arguments}) {{ {result} {{ __typename }} {ERRORS} }} }}",
        _id(key),
        allowed,
        result,
        id=MISSING_QUOTE,
    )


ENTRIES = [
    Entry(
        "mutation.businessApply",
        APPLY,
        lambda w: {},
        allowed=LOGGED_IN - {"buyer_a"},  # buyer A is an approved business already
        ok=payload_ok("businessApply", "businessAccount"),
        kind=SELF,
        guard=_business_a,
        denied=refused_with("businessApply", "PERMISSION_DENIED", "INVALID"),
    ),
    _entry(
        "businessApprove",
        "mutation($id: ID!) { businessApprove(id: $id, netTerms: true) "
        f"{{ businessAccount {{ status }} {ERRORS} }} }}",
        _id("business_pending"),
        only("staff"),
        "businessAccount",
        id=missing_gid("BusinessAccount"),
    ),
    _entry(
        "wholesaleTermsUpdate",
        TERMS,
        _terms("cluster_a", "tray"),
        CLUSTER_A,
        "ok",
        v=missing_gid("Cluster"),
    ),
    _entry(
        "wholesaleTermsUpdate",
        TERMS,
        _terms("workshop_a", "tray"),
        WORKSHOP_A,
        "ok",
        label="workshop",
        v=missing_gid("Vendor"),
    ),
    Entry(  # the other cluster pricing A's tray in its own terms
        "mutation.wholesaleTermsUpdate",
        TERMS,
        _terms("cluster_b", "tray"),
        allowed=NOBODY,
        ok=payload_ok("wholesaleTermsUpdate", "ok"),
        missing=_terms("cluster_b", missing_gid("Product")),
        label="foreign product",
    ),
    Entry(
        "mutation.wholesaleQuoteRequest",
        REQUEST,
        _request_input("cluster_a", "tray"),
        allowed=BUYER_A,
        ok=payload_ok("wholesaleQuoteRequest", "quote"),
        missing=_request_input(missing_gid("Cluster"), "tray"),
    ),
    Entry(  # A's cluster asked for B's bracelet
        "mutation.wholesaleQuoteRequest",
        REQUEST,
        _request_input("cluster_a", "bracelet"),
        allowed=NOBODY,
        ok=payload_ok("wholesaleQuoteRequest", "quote"),
        missing=_request_input("cluster_a", missing_gid("Product")),
        label="foreign product",
    ),
    _entry(
        "quoteShareAssign",
        ASSIGN,
        lambda w: {"line": w.ids["wq_sharing_line"], "w": w.ids["workshop_a"], "d": _days(20)},
        CLUSTER_A,
        "share",
        line=missing_gid("WholesaleQuoteLine"),
    ),
    _share_answer("quoteShareAccept", "", "wq_share_offered", WORKSHOP_A),
    _share_answer("quoteShareDecline", ', note: "No copper"', "wq_share_offered", WORKSHOP_A),
    _share_answer("quoteShareCounter", ', unitPrice: "23"', "wq_share_offered", WORKSHOP_A),
    _share_answer("quoteShareCounterAnswer", ", agree: true", "wq_share_countered", CLUSTER_A),
    _share_answer("quoteShareWithdraw", "", "wq_share_offered", CLUSTER_A),
    _share_answer("quoteShareReceive", ", quantity: 10", "wq_making_share", CLUSTER_A),
    _entry(
        "quoteShareRefund",
        'mutation($id: ID!) { quoteShareRefund(id: $id, amount: "1.00", key: "matrix-refund") '
        f"{{ amountRefunded {{ amount }} {QUOTE} {ERRORS} }} }}",
        _id("wq_making_share"),
        only("staff"),
        "amountRefunded",
        id=MISSING_SHARE,
    ),
    _entry(
        "productionReport",
        "mutation($s: ID!) { productionReport(share: $s, progress: 50, qualityPassed: true) "
        f"{{ report {{ progress }} {ERRORS} }} }}",
        lambda w: {"s": w.ids["wq_making_share"]},
        WORKSHOP_A,
        "report",
        s=MISSING_SHARE,
    ),
    _entry(
        "quoteSend",
        'mutation($id: ID!, $e: Date!) { quoteSend(id: $id, input: {packaging: "40", '
        f'shipping: "150", expiresOn: $e}}) {{ version {{ number }} {ERRORS} }} }}',
        lambda w: {"id": w.ids["wq_ready"], "e": _days(14)},
        CLUSTER_A,
        "version",
        id=MISSING_QUOTE,
    ),
    _quote_op("quoteAccept", "", "wq_sent", BUYER_A, "quote"),
    _quote_op("quoteRequestChanges", ', message: "Cheaper shipping?"', "wq_sent", BUYER_A, "quote"),
    _quote_op("quoteDecline", ', message: "Too late"', "wq_sharing", BUYER_A, "quote"),
    _quote_op("quoteMessagePost", ', body: "When?"', "wq_sharing", QUOTE_VIEWERS, "message"),
    _pay("wholesaleDepositPay", "wq_accepted"),
    _pay("wholesaleBalancePay", "wq_making"),
    _entry(
        "wholesaleBankTransferRecord",
        'mutation($id: ID!) { wholesaleBankTransferRecord(id: $id, kind: "DEPOSIT", amount: "10", '
        f'reference: "VIR-2") {{ amountCharged {{ amount }} {QUOTE} {ERRORS} }} }}',
        _id("wq_accepted"),
        only("staff"),
        "amountCharged",
        id=MISSING_QUOTE,
    ),
    Entry(
        "mutation.quoteLatePartsNotify",
        f"mutation($id: ID!) {{ quoteLatePartsNotify(id: $id) {{ shares {{ id }} {ERRORS} }} }}",
        _id("wq_making"),
        allowed=CLUSTER_A,
        ok=payload_ok("quoteLatePartsNotify", "shares"),
        missing=lambda w: {"id": MISSING_QUOTE},
    ),
    _entry(
        "shipmentConsolidate",
        'mutation($id: ID!, $s: ID!) { shipmentConsolidate(id: $id, boxes: [{weightKg: "150", '
        f"contents: [{{share: $s, quantity: 100}}]}}]) {{ shipment {{ boxes {{ number }} }} {ERRORS} }} }}",
        lambda w: {"id": w.ids["wq_packed"], "s": w.ids["wq_packed_share"]},
        CLUSTER_A,
        "shipment",
        id=MISSING_QUOTE,
    ),
    _quote_op(
        "shipmentDispatch",
        ', carrier: "DHL", trackingNumber: "JD0001"',
        "wq_packed",
        CLUSTER_A,
        "quote",
    ),
    _entry(
        "pooledPurchaseOpen",
        "mutation($c: ID!, $d: DateTime!) { pooledPurchaseOpen(cluster: $c, input: {material: "
        '"Tin", supplier: "Étains de Tunis", currency: "EUR", deadline: $d, tiers: '
        f'[{{minQuantity: "0", unitPrice: "12"}}]}}) {{ {POOL} }} }}',
        lambda w: {"c": w.ids["cluster_a"], "d": (timezone.now() + timedelta(days=9)).isoformat()},
        CLUSTER_A,
        "pooledPurchase",
        c=missing_gid("Cluster"),
    ),
    _entry(
        "pooledPurchaseCommit",
        f'mutation($id: ID!, $w: ID!) {{ pooledPurchaseCommit(id: $id, workshop: $w, quantity: "50") {{ {POOL} }} }}',
        lambda w: {"id": w.ids["pool_open"], "w": w.ids["workshop_a"]},
        WORKSHOP_A,
        "pooledPurchase",
        id=MISSING_POOL,
    ),
    Entry(  # a workshop outside A's cluster joining its pool
        "mutation.pooledPurchaseCommit",
        f'mutation($id: ID!, $w: ID!) {{ pooledPurchaseCommit(id: $id, workshop: $w, quantity: "50") {{ {POOL} }} }}',
        lambda w: {"id": w.ids["pool_open"], "w": w.ids["workshop_b"]},
        allowed=NOBODY,
        ok=payload_ok("pooledPurchaseCommit", "pooledPurchase"),
        missing=lambda w: {"id": MISSING_POOL, "w": w.ids["workshop_b"]},
        label="outside workshop",
    ),
    _entry(
        "pooledPurchaseClose",
        f"mutation($id: ID!) {{ pooledPurchaseClose(id: $id) {{ {POOL} }} }}",
        _id("pool_due"),
        CLUSTER_A,
        "pooledPurchase",
        id=MISSING_POOL,
    ),
    Entry(
        "query.wholesaleQuote",
        "query($id: ID!) { wholesaleQuote(id: $id) { number status lines { quantity } } }",
        _id("wq_sharing"),
        allowed=QUOTE_VIEWERS,
        ok=found("wholesaleQuote"),
        missing=lambda w: {"id": MISSING_QUOTE},
    ),
    Entry(
        "query.wholesaleBoard",
        "query($c: ID!) { wholesaleBoard(cluster: $c) { cluster { slug } quotes { number } } }",
        lambda w: {"c": w.ids["cluster_a"]},
        allowed=CLUSTER_A,
        ok=found("wholesaleBoard"),
        missing=lambda w: {"c": missing_gid("Cluster")},
    ),
    Entry(
        "query.wholesaleWorkshopDesk",
        "query($w: ID!) { wholesaleWorkshopDesk(workshop: $w) { workshop { slug } shares { status } } }",
        lambda w: {"w": w.ids["workshop_a"]},
        allowed=WORKSHOP_A,
        ok=found("wholesaleWorkshopDesk"),
        missing=lambda w: {"w": missing_gid("Vendor")},
    ),
    Entry(
        "query.pooledPurchase",
        "query($id: ID!) { pooledPurchase(id: $id) { material status } }",
        _id("pool_open"),
        allowed=POOL_VIEWERS,
        ok=found("pooledPurchase"),
        missing=lambda w: {"id": MISSING_POOL},
    ),
]
