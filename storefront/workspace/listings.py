"""The workshop's listings: the list with status and stock, and the editor (photos from the
phone camera, title and description in one language, category, variants, price per market
with a suggestion from the home currency, stock or lead time, provenance, HS code,
packaging, draft → publish). Reads through ``listings_reads``; every write goes through the
catalog's, provenance's and packaging's services (``listings_save``). The wrong actor gets
the 404 a missing workshop or product gets."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.catalog.selectors import products_first_picture
from marketplace.core.errors import DomainError
from marketplace.core.input_checks import plain_int

from ..shop.common import page
from . import listings_reads as reads
from . import listings_save as save
from .access import login_required_here, workshop_or_404
from .listings_forms import ListingForm, VariantFormSet
from .listings_prices import home_currency, rates_json, suggestions

PAGE_SIZE = 30
PUBLISH = {"publish": True, "unpublish": False}  # other actions keep each market as it is


@login_required_here
def listing_list(request: HttpRequest, slug: str) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    status = request.GET.get("status", "")
    status = status if status in reads.STATUSES else ""
    paginator = Paginator(reads.workshop_listings(workshop=workshop, status=status), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    products = list(page_obj.object_list)
    ids = [p.pk for p in products]
    pictures = products_first_picture(product_ids=ids)
    stock = reads.stock_left(product_ids=ids)
    translated = reads.translated_languages(product_ids=ids)
    is_moderated = reads.moderated(workshop)
    rows = []
    for product in products:
        language = reads.listing_language(product)
        record = next(iter(product.provenance_records.all()), None)
        code, label = reads.status_label(
            product, published=bool(getattr(product, "published_in", 0)), moderated=is_moderated
        )
        rows.append(
            {
                "product": product,
                "picture": pictures.get(product.pk),
                "stock": stock.get(product.pk, 0),
                "stock_kind": record.production_kind if record else "",
                "status": code,
                "status_label": label,
                "language": language,
                "hs_code": (record.hs_code if record else "") or product.product_type.hs_code,
                "missing": [
                    c
                    for c, _n in reads.missing_translations(None, language)
                    if c not in translated.get(product.pk, set())
                ],
            }
        )
    return page(
        request,
        "workspace/listings/list.html",
        {
            "workshop": workshop,
            "rows": rows,
            "page_obj": page_obj,
            "status": status,
            "counts": reads.listing_counts(workshop=workshop),
        },
        title=_("Listings · %(workshop)s") % {"workshop": workshop.name},
    )


def _product_or_404(workshop: Any, product_id: int) -> Any:
    product = reads.listing_for_editor(workshop=workshop, product_id=product_id)
    if product is None:
        raise Http404
    return product


@login_required_here
@require_http_methods(["GET", "POST"])
def listing_new(request: HttpRequest, slug: str) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    return _editor(request, workshop, None)


@login_required_here
@require_http_methods(["GET", "POST"])
def listing_edit(request: HttpRequest, slug: str, product_id: int) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    return _editor(request, workshop, _product_or_404(workshop, product_id))


def _editor(request: HttpRequest, workshop: Any, product: Any) -> HttpResponse:
    lang = translation.get_language() or "en"
    choices = reads.editor_choices(workshop=workshop, language_code=lang)
    currency = home_currency(workshop)
    kwargs: dict[str, Any] = {
        "channels": choices.channels,
        "home_currency": currency,
        "choices": choices.choices,
    }
    errors: list[str] = []
    photo_errors: list[str] = []
    status = 400 if request.method == "POST" else 200
    if request.method == "POST":
        form = ListingForm(request.POST, **kwargs)
        variants = VariantFormSet(request.POST, prefix="variants")
        if request.POST.get("action") == "add_variant":
            return _with_new_variant(request, workshop, product, form, choices, currency)
        if form.is_valid() and variants.is_valid():
            try:
                saved = save.listing_save(
                    actor=request.user,
                    workshop=workshop,
                    product=product,
                    form=form,
                    variants=[v.cleaned_data for v in variants if v.cleaned_data],
                    photos=request.FILES.getlist("photos"),
                    publish=PUBLISH.get(request.POST.get("action", "")),
                    channels=choices.channels,
                )
            except save.ListingRefused as refused:
                photo_errors = refused.photo_errors
                errors = refused.attach(form, variants)
            else:
                return _saved(request, workshop, saved, request.POST.get("action", ""))
    else:
        initial = save.initial_for(product=product, workshop=workshop, choices=choices)
        form = ListingForm(initial=initial["listing"], **kwargs)
        variants = VariantFormSet(initial=initial["variants"], prefix="variants")
    return _render(
        request,
        workshop,
        product,
        form,
        variants,
        choices,
        currency,
        errors=errors,
        photo_errors=photo_errors,
        status=status,
    )


def _with_new_variant(
    request: HttpRequest, workshop: Any, product: Any, form: Any, choices: Any, currency: str
) -> HttpResponse:
    """Add an empty variant row and show the form again; nothing is saved."""
    data = request.POST.copy()
    total = int(data.get("variants-TOTAL_FORMS") or 1)
    data["variants-TOTAL_FORMS"] = str(min(total + 1, 20))
    variants = VariantFormSet(data, prefix="variants")
    form = ListingForm(
        data, channels=form.channels, home_currency=currency, choices=choices.choices
    )
    form.is_valid()
    form.errors.clear()  # nothing was asked to be saved: do not shout about empty fields
    variants.is_valid()
    for sub in variants.forms:
        sub.errors.clear()
    variants._non_form_errors = variants.error_class()  # type: ignore[attr-defined]
    return _render(request, workshop, product, form, variants, choices, currency)


def _saved(request: HttpRequest, workshop: Any, product: Any, action: str) -> HttpResponse:
    if action == "publish" and reads.moderated(workshop):
        messages.success(request, _("Sent to your cluster for review: shown once approved."))
    elif action == "publish":
        messages.success(request, _("Published: the piece is in the shop."))
    elif action == "unpublish":
        messages.success(request, _("Unpublished: the piece is no longer in the shop."))
    else:
        messages.success(request, _("Saved as a draft."))
    target = reverse("workspace:listing-edit", args=[workshop.slug, product.pk])
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return JsonResponse({"redirect": target})
    return redirect(target)


def _render(
    request: HttpRequest,
    workshop: Any,
    product: Any,
    form: Any,
    variants: Any,
    choices: Any,
    currency: str,
    *,
    errors: list[str] | None = None,
    photo_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    language = form["language"].value() or (
        reads.listing_language(product) if product else translation.get_language()
    )
    missing = reads.missing_translations(product, language)
    from django.conf import settings

    translated = [(c, n) for c, n in settings.LANGUAGES if c != language and (c, n) not in missing]
    home = form["home_price"].value()
    try:
        from decimal import Decimal

        home_amount = Decimal(str(home)) if home not in (None, "") else None
    except ArithmeticError:
        home_amount = None
    suggested = suggestions(amount=home_amount, source=currency, channels=choices.channels)
    price_rows = [(c, f, suggested.get(c.slug)) for c, f in form.price_fields()]
    type_id = form["product_type"].value()
    type_pk = plain_int(type_id)
    hs_suggested = choices.hs_codes.get(type_pk) if type_pk is not None else ""
    form.fields["hs_code"].widget.attrs["placeholder"] = hs_suggested or ""
    code, label = ("draft", _("Draft"))
    review = getattr(product, "listing_review", None) if product is not None else None
    if product is not None:
        code, label = reads.status_label(
            product,
            published=any(entry.is_published for entry in product.listings),
            moderated=reads.moderated(workshop),
        )
    title = product.name if product else _("List a piece")
    return page(
        request,
        "workspace/listings/edit.html",
        {
            "workshop": workshop,
            "product": product,
            "form": form,
            "variants": variants,
            "section": "edit" if product else "new",
            "missing": missing,
            "translated": translated,
            "price_rows": price_rows,
            "home_currency": currency,
            "rates_json": rates_json(source=currency, channels=choices.channels),
            "hs_codes_json": json.dumps({str(k): v for k, v in choices.hs_codes.items()}),
            "hs_suggested": hs_suggested,
            "status": code,
            "status_label": label,
            "review": review,
            "errors": errors or [],
            "photo_errors": photo_errors or [],
        },
        title=title,
        status=status,
    )


@login_required_here
@require_POST
def photo_delete(request: HttpRequest, slug: str, product_id: int, media_id: int) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    product = _product_or_404(workshop, product_id)
    if not any(m.pk == media_id for m in product.media.all()):
        raise Http404
    try:
        save.photo_delete(actor=request.user, media_id=media_id)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Photo removed."))
    return redirect("workspace:listing-edit", workshop.slug, product.pk)
