"""The business buyer's wholesale pages in the account: apply as a business, request a quote
from a cluster, read every version, accept or ask for changes (a message thread), pay."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from marketplace.catalog.models import Product
from marketplace.core.errors import DomainError
from marketplace.core.input_checks import plain_int
from marketplace.payments.services import payment_gateways
from marketplace.vendors.models import Vendor, VendorKind
from marketplace.wholesale.links import invoice_pdf_path, version_pdf_path
from marketplace.wholesale.models import (
    BusinessAccount,
    BusinessStatus,
    QuoteLine,
    QuoteStatus,
    WholesaleQuote,
    WholesaleTerms,
)
from marketplace.wholesale.services import buyers, payment, quotes
from marketplace.wholesale.services.requests import LineInput, quote_request
from storefront.workspace.access import login_required_here

from .common import page
from .wholesale_common import BUSINESS_STATUS, QUOTE_STATUS, attempt, error_text
from .wholesale_forms import BusinessForm, MessageForm, QuoteRequestForm

CARD_FORM_GATEWAY = "marketplace.payments.demo"  # takes the card number in our own form


@login_required_here
def wholesale_home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user  # signed in: login_required_here
    business = BusinessAccount.objects.filter(user=user).first()
    form = BusinessForm(request.POST or None, initial={"contact_email": user.email})
    if request.method == "POST" and form.is_valid():
        try:
            buyers.business_apply(user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Thank you: we review business accounts within two days."))
            return redirect("shop:wholesale:home")
    approved = business is not None and business.status == BusinessStatus.APPROVED
    rows = (
        WholesaleQuote.objects.filter(business=business)
        .select_related("cluster")
        .prefetch_related("versions")
        .order_by("-created_at")
        if approved
        else []
    )
    clusters = (
        Vendor.objects.filter(kind=VendorKind.CLUSTER, wholesale_terms__isnull=False)
        .select_related("wholesale_terms")
        .order_by("name")
        if approved
        else []
    )
    return page(
        request,
        "shop/wholesale/home.html",
        {
            "business": business,
            "business_status": BUSINESS_STATUS.get(business.status) if business else None,
            "form": form,
            "quotes": [(q, QUOTE_STATUS[q.status]) for q in rows],
            "clusters": clusters,
        },
        title=_("Wholesale"),
    )


def _business_or_404(request: HttpRequest) -> BusinessAccount:
    user: Any = request.user
    business = BusinessAccount.objects.filter(user=user, status=BusinessStatus.APPROVED).first()
    if business is None:
        raise Http404
    return business


@login_required_here
def wholesale_request(request: HttpRequest, slug: str) -> HttpResponse:
    business = _business_or_404(request)
    cluster = Vendor.objects.filter(slug=slug, kind=VendorKind.CLUSTER).first()
    terms = WholesaleTerms.objects.filter(vendor=cluster).first() if cluster else None
    if cluster is None or terms is None:
        raise Http404
    products = list(
        Product.objects.filter(vendor__cluster=cluster, vendor__status="approved")
        .select_related("vendor")
        .order_by("vendor__name", "name")[:200]
    )
    tiers: dict[int, list[Any]] = {}
    for tier in terms.tiers.all():
        tiers.setdefault(tier.product_id, []).append(tier)
    form = QuoteRequestForm(
        request.POST or None,
        request.FILES or None,
        incoterms=terms.incoterms,
        initial={
            "destination_country": business.country,
            "destination_address": business.address,
            "packaging": _("The cluster's branded packaging"),
        },
    )
    quantities = {p.pk: request.POST.get(f"qty-{p.pk}", "") for p in products}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lines = [
            LineInput(quantity=count, product_id=pk)
            for pk, count in ((pk, plain_int(qty, max_digits=9)) for pk, qty in quantities.items())
            if count is not None and count > 0
        ]
        if data["custom_title"] or data["custom_specification"]:
            photo = data.get("custom_photo")
            lines.append(
                LineInput(
                    quantity=data["custom_quantity"] or 0,
                    title=data["custom_title"],
                    specification=data["custom_specification"],
                    photos=[photo] if photo else [],
                )
            )
        try:
            quote = quote_request(
                user=request.user,
                cluster_id=cluster.pk,
                lines=lines,
                target_date=data["target_date"],
                destination_country=data["destination_country"],
                destination_address=data["destination_address"],
                incoterm=data["incoterm"],
                packaging=data["packaging"],
                message=data["message"],
            )
        except DomainError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Your request went to the cluster."))
            return redirect("shop:wholesale:quote", number=quote.number)
    return page(
        request,
        "shop/wholesale/request.html",
        {
            "cluster": cluster,
            "terms": terms,
            "form": form,
            "products": [(p, tiers.get(p.pk, []), quantities[p.pk]) for p in products],
        },
        title=_("Request a quote from %(name)s") % {"name": cluster.name},
    )


def _pay(request: HttpRequest, quote: WholesaleQuote, kind: str) -> None:
    gateway = next(
        (g for g in payment_gateways(currency=quote.currency) if g.id == CARD_FORM_GATEWAY), None
    )
    if gateway is None:
        messages.error(request, _("Pay by bank transfer: the details are on the quote's PDF."))
        return
    card = request.POST.get("card", "").strip()
    try:
        paid = payment.quote_pay(
            actor=request.user,
            quote_id=quote.pk,
            kind=kind,
            gateway_id=gateway.id,
            data={"card": card} if card else None,
            idempotency_key=request.POST.get("key") or None,
        )
    except DomainError as error:
        messages.error(request, error_text(error))
        return
    if paid is None:
        messages.error(request, _("The payment was not charged."))
    else:
        messages.success(request, _("Thank you: your payment is recorded."))


@login_required_here
def wholesale_quote(request: HttpRequest, number: str) -> HttpResponse:
    business = _business_or_404(request)
    quote = (
        WholesaleQuote.objects.filter(business=business, number=number)
        .select_related("cluster", "shipment")
        .prefetch_related(
            Prefetch("lines", queryset=QuoteLine.objects.prefetch_related("photos")),
            "versions",
            "messages__author",
        )
        .first()
    )
    if quote is None:
        raise Http404
    form = MessageForm()
    if request.method == "POST":
        action = request.POST.get("action")
        body = request.POST.get("body", "")
        actions = {
            "accept": (
                lambda: quotes.quote_accept(
                    actor=request.user, quote_id=quote.pk, net_terms=bool(request.POST.get("net"))
                ),
                _("You accepted the quote. The workshops start once the deposit is paid."),
            ),
            "changes": (
                lambda: quotes.quote_request_changes(
                    actor=request.user, quote_id=quote.pk, message=body
                ),
                _("Your request for changes went to the cluster."),
            ),
            "decline": (
                lambda: quotes.quote_decline(actor=request.user, quote_id=quote.pk, message=body),
                _("You declined the quote."),
            ),
            "message": (
                lambda: quotes.quote_message_post(actor=request.user, quote_id=quote.pk, body=body),
                _("Message sent."),
            ),
        }
        if action in ("DEPOSIT", "BALANCE"):
            _pay(request, quote, action)
        elif action in actions:
            work, done = actions[action]
            attempt(request, work, done)
        return redirect("shop:wholesale:quote", number=quote.number)
    versions = sorted(quote.versions.all(), key=lambda v: v.number)
    current = versions[-1] if versions else None
    shipment = getattr(quote, "shipment", None)
    return page(
        request,
        "shop/wholesale/quote.html",
        {
            "quote": quote,
            "status": QUOTE_STATUS[quote.status],
            "versions": [
                (v, version_pdf_path(quote_id=quote.pk, number=v.number))
                for v in reversed(versions)
            ],
            "current": current,
            "answerable": quote.status == QuoteStatus.SENT,
            "deposit_due": payment.amount_due(quote, kind="DEPOSIT"),
            "balance_due": payment.amount_due(quote, kind="BALANCE"),
            "paid": payment.quote_paid(quote),
            "shipment": shipment,
            "invoice_url": invoice_pdf_path(quote_id=quote.pk) if shipment else None,
            "thread": quote.messages.all(),
            "form": form,
        },
        title=_("Quote %(number)s") % {"number": quote.number},
    )
