"""The business buyer's side (and staff's): apply, request a quote, answer it, pay."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.core.errors import DomainError
from marketplace.graphql.core.mutations import decode
from marketplace.graphql.core.scalars import JSON, PositiveDecimal
from marketplace.graphql.core.types import Money
from marketplace.graphql.core.uploads import Upload
from marketplace.wholesale.services import buyers, payment, quotes
from marketplace.wholesale.services.requests import LineInput, quote_request

from .errors import mutation
from .quote_types import WholesaleQuote
from .types import BusinessAccount, IncotermEnum, WholesaleQuoteMessage


def value(choice: Any) -> Any:
    return getattr(choice, "value", choice)


def quote_id(id: str) -> int:
    return decode(id, "WholesaleQuote", field="id")


class BusinessApplyInput(graphene.InputObjectType):
    company_name = graphene.String(required=True)
    address = graphene.String(required=True)
    country = graphene.String(required=True, description="Two-letter code.")
    contact_name = graphene.String(required=True)
    contact_email = graphene.String(required=True)
    vat_number = graphene.String()
    eori_number = graphene.String()


class WholesaleQuoteLineInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True)
    product = graphene.ID(description="A listed product of the cluster's workshops.")
    title = graphene.String(description="A custom piece: its name.")
    specification = graphene.String(description="A custom piece: what to make.")
    reference_photos = graphene.List(graphene.NonNull(Upload))


class WholesaleQuoteRequestInput(graphene.InputObjectType):
    cluster = graphene.ID(required=True)
    lines = graphene.List(graphene.NonNull(WholesaleQuoteLineInput), required=True)
    target_date = graphene.Date(required=True)
    destination_country = graphene.String(required=True)
    destination_address = graphene.String(required=True)
    incoterm = graphene.Field(IncotermEnum, required=True)
    packaging = graphene.String()
    message = graphene.String()
    channel = graphene.String(description="Channel slug; by default one in the cluster's currency.")


def _apply(user: Any, input: dict[str, Any]) -> Any:
    return {"business_account": buyers.business_apply(user=user, **input)}


def _approve(user: Any, id: str, approve: bool = True, net_terms: bool = False) -> Any:
    business = buyers.business_review(
        actor=user,
        business_id=decode(id, "BusinessAccount", field="id"),
        approve=approve,
        net_terms=net_terms,
    )
    return {"business_account": business}


def _request(user: Any, input: dict[str, Any]) -> Any:
    lines = []
    for index, line in enumerate(input["lines"]):
        product = line.get("product")
        lines.append(
            LineInput(
                quantity=line["quantity"],
                product_id=decode(product, "Product", field=f"lines.{index}.product")
                if product
                else None,
                title=line.get("title") or "",
                specification=line.get("specification") or "",
                photos=line.get("reference_photos") or [],
            )
        )
    quote = quote_request(
        user=user,
        cluster_id=decode(input["cluster"], "Cluster", field="cluster"),
        lines=lines,
        target_date=input["target_date"],
        destination_country=input["destination_country"],
        destination_address=input["destination_address"],
        incoterm=value(input["incoterm"]),
        packaging=input.get("packaging") or "",
        message=input.get("message") or "",
        channel_slug=input.get("channel"),
    )
    return {"quote": quote}


def _pay(kind: str) -> Any:
    def call(
        user: Any,
        id: str,
        gateway: str,
        data: Any = None,
        idempotency_key: str | None = None,
    ) -> Any:
        paid = payment.quote_pay(
            actor=user,
            quote_id=quote_id(id),
            kind=kind,
            gateway_id=gateway,
            data=data,
            idempotency_key=idempotency_key,
        )
        if paid is None:
            raise DomainError(
                "The payment was not charged.", field="gateway", code="PAYMENT_DECLINED"
            )
        return {"quote": paid.quote, "amount_charged": _charged(paid)}

    return call


def _charged(paid: Any) -> Any:
    return Money.build(paid.amount, paid.quote.currency)


def _money_field() -> Any:
    return graphene.Field(Money)


QUOTE = {"quote": graphene.Field(WholesaleQuote)}
PAY_ARGS = {
    "id": graphene.ID(required=True, description="The WholesaleQuote."),
    "gateway": graphene.String(required=True, description="A payment gateway id."),
    "data": JSON(description="What the gateway needs (a card token, say)."),
    "idempotency_key": graphene.String(description="Send the same key to retry safely."),
}

BusinessApply = mutation(
    "BusinessApply",
    doc="A buyer account applies to buy wholesale; staff review the application.",
    arguments={"input": BusinessApplyInput(required=True)},
    payload={"business_account": graphene.Field(BusinessAccount)},
    call=_apply,
)
BusinessApprove = mutation(
    "BusinessApprove",
    doc="Staff approve (or reject) a business account, and may allow it net terms.",
    arguments={
        "id": graphene.ID(required=True),
        "approve": graphene.Boolean(default_value=True),
        "net_terms": graphene.Boolean(default_value=False),
    },
    payload={"business_account": graphene.Field(BusinessAccount)},
    call=_approve,
)
WholesaleQuoteRequest = mutation(
    "WholesaleQuoteRequest",
    doc="An approved business asks a cluster for a quote, checked against its minimums.",
    arguments={"input": WholesaleQuoteRequestInput(required=True)},
    payload=QUOTE,
    call=_request,
)
QuoteAccept = mutation(
    "QuoteAccept",
    doc="The buyer accepts the latest version (net terms only if staff allowed them).",
    arguments={
        "id": graphene.ID(required=True),
        "net_terms": graphene.Boolean(default_value=False),
    },
    payload=QUOTE,
    call=lambda user, id, net_terms=False: {
        "quote": quotes.quote_accept(actor=user, quote_id=quote_id(id), net_terms=net_terms)
    },
)
QuoteRequestChanges = mutation(
    "QuoteRequestChanges",
    doc="The buyer asks for changes to the latest version, with a message.",
    arguments={"id": graphene.ID(required=True), "message": graphene.String(required=True)},
    payload=QUOTE,
    call=lambda user, id, message: {
        "quote": quotes.quote_request_changes(actor=user, quote_id=quote_id(id), message=message)
    },
)
QuoteDecline = mutation(
    "QuoteDecline",
    doc="The buyer declines the quote.",
    arguments={"id": graphene.ID(required=True), "message": graphene.String()},
    payload=QUOTE,
    call=lambda user, id, message=None: {
        "quote": quotes.quote_decline(actor=user, quote_id=quote_id(id), message=message or "")
    },
)
QuoteMessagePost = mutation(
    "QuoteMessagePost",
    doc="A message on the quote's thread (the buyer, the manager, or a member with a share).",
    arguments={"id": graphene.ID(required=True), "body": graphene.String(required=True)},
    payload={"message": graphene.Field(WholesaleQuoteMessage), **QUOTE},
    call=lambda user, id, body: (lambda msg: {"message": msg, "quote": msg.quote})(
        quotes.quote_message_post(actor=user, quote_id=quote_id(id), body=body)
    ),
)
WholesaleDepositPay = mutation(
    "WholesaleDepositPay",
    doc="The buyer pays the accepted quote's deposit by card, through a payment gateway.",
    arguments=PAY_ARGS,
    payload={**QUOTE, "amount_charged": _money_field()},
    call=_pay("DEPOSIT"),
)
WholesaleBalancePay = mutation(
    "WholesaleBalancePay",
    doc="The buyer pays the balance by card before the shipment leaves.",
    arguments=PAY_ARGS,
    payload={**QUOTE, "amount_charged": _money_field()},
    call=_pay("BALANCE"),
)
WholesaleBankTransferRecord = mutation(
    "WholesaleBankTransferRecord",
    doc="Staff record a bank transfer received for a group order.",
    arguments={
        "id": graphene.ID(required=True),
        "kind": graphene.String(required=True, description="DEPOSIT or BALANCE."),
        "amount": PositiveDecimal(required=True),
        "reference": graphene.String(required=True),
    },
    payload={**QUOTE, "amount_charged": _money_field()},
    call=lambda user, id, kind, amount, reference: (
        lambda paid: {"quote": paid.quote, "amount_charged": _charged(paid)}
    )(
        payment.bank_transfer_record(
            actor=user, quote_id=quote_id(id), kind=kind, amount=amount, reference=reference
        )
    ),
)
QuoteShareRefund = mutation(
    "QuoteShareRefund",
    doc="Staff give part of a share's value back to the buyer (the ledger follows).",
    arguments={
        "id": graphene.ID(required=True, description="The WholesaleQuoteShare."),
        "amount": PositiveDecimal(required=True),
        "key": graphene.String(required=True, description="Unique per refund: retries are safe."),
        "reason": graphene.String(),
    },
    payload={"amount_refunded": _money_field(), **QUOTE},
    call=lambda user, id, amount, key, reason=None: _refund(user, id, amount, key, reason or ""),
)


def _refund(user: Any, id: str, amount: Any, key: str, reason: str) -> Any:
    from marketplace.wholesale.models import QuoteShare

    share_id = decode(id, "WholesaleQuoteShare", field="id")
    given = payment.payment_refund_share(
        actor=user, share_id=share_id, amount=amount, key=key, reason=reason
    )
    quote = QuoteShare.objects.select_related("line__quote").get(pk=share_id).line.quote
    return {"amount_refunded": Money.build(given, quote.currency), "quote": quote}
