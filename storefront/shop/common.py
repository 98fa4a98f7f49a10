"""What every shop page shares: the buyer's channel, the basket in the session, the layout's
context (languages, channels, title and description set by each view)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, ResolverMatch, reverse, translate_url
from django.utils import translation

from marketplace.channels.models import Channel
from marketplace.channels.selectors import channel_for, channels_active
from marketplace.checkout.access import checkout_may_access
from marketplace.checkout.models import Checkout, CheckoutLine

CHANNEL_COOKIE = "shop_channel"
CHANNEL_COOKIE_AGE = 365 * 24 * 3600
BASKETS_KEY = "shop_baskets"  # session: {channel slug: checkout token}
ORDERS_KEY = "shop_orders"  # session: order ids this browser placed (confirmation pages)
_REGION = re.compile(r"^[a-z]{2,3}[-_]([a-z]{2})$", re.IGNORECASE)


def buyer_country_guess(request: HttpRequest) -> str | None:
    """The region of the buyer's first Accept-Language tag (fr-FR, ar-DZ, en-US), if any:
    the only hint a first visit gives without asking, and never personal data."""
    header = request.headers.get("Accept-Language", "")
    for part in header.split(","):
        match = _REGION.match(part.split(";")[0].strip())
        if match:
            return match.group(1).upper()
    return None


def shop_channel(request: HttpRequest) -> Channel:
    """The channel chosen by the buyer (cookie), else the one serving their country."""
    cached = getattr(request, "_shop_channel", None)
    if cached is not None:
        return cached
    channel = channel_for(
        slug=request.COOKIES.get(CHANNEL_COOKIE),
        country=buyer_country_guess(request),
        default_slug=settings.DEFAULT_CHANNEL_SLUG,
    )
    if channel is None:
        from django.http import Http404

        raise Http404("No market is open.")
    request._shop_channel = channel  # type: ignore[attr-defined]
    return channel


def remember_channel(response: HttpResponse, slug: str, *, secure: bool) -> None:
    response.set_cookie(
        CHANNEL_COOKIE,
        slug,
        max_age=CHANNEL_COOKIE_AGE,
        samesite="Lax",
        httponly=True,
        secure=secure,
    )


def basket_token(request: HttpRequest, channel: Channel) -> UUID | None:
    token = request.session.get(BASKETS_KEY, {}).get(channel.slug)
    try:
        return UUID(token) if token else None
    except ValueError:
        return None


def basket_remember(request: HttpRequest, channel: Channel, token: UUID | None) -> None:
    baskets = dict(request.session.get(BASKETS_KEY, {}))
    if token is None:
        baskets.pop(channel.slug, None)
    else:
        baskets[channel.slug] = str(token)
    request.session[BASKETS_KEY] = baskets


def basket_of(request: HttpRequest, channel: Channel) -> Checkout | None:
    """The session's basket in ``channel``, if the request's user may use it.

    The API's rule (checkout.access.checkout_may_access): a guest basket is whoever holds its
    id, here the session; a basket attached to an account is that account's (and staff's).
    Someone else's is the same as none, so paying it (checkout_payment_start, which checks
    the same rule under the basket's lock) or changing it is never even tried."""
    token = basket_token(request, channel)
    if token is None:
        return None
    checkout = Checkout.objects.select_related("channel").filter(token=token).first()
    if checkout is not None and not checkout_may_access(
        actor=getattr(request, "user", None), checkout=checkout
    ):
        checkout = None
    if checkout is None:  # became an order, expired, or not this buyer's: forget it
        basket_remember(request, channel, None)
    return checkout


def language_links(request: HttpRequest) -> list[dict[str, Any]]:
    """The same page in every language, for the switcher and the hreflang alternates.

    As ``translate_url`` for each language, from the route the request already resolved:
    ``translate_url`` resolves the path again for every language."""
    current = translation.get_language()
    full_path = request.get_full_path()
    match = request.resolver_match
    links = []
    for code, name in settings.LANGUAGES:
        url = _in_language(match, full_path, code) if match else translate_url(full_path, code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


def _in_language(match: ResolverMatch, full_path: str, code: str) -> str:
    route = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with translation.override(code):
        try:
            path = reverse(route, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return full_path
    query = urlsplit(full_path).query
    return f"{path}?{query}" if query else path


def page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    title: str,
    description: str = "",
    status: int = 200,
) -> HttpResponse:
    """Render a shop page inside the layout; title and description come from the view."""
    channel = shop_channel(request)
    basket_count = context.pop("basket_count", None)
    if basket_count is None:
        token = basket_token(request, channel)
        basket_count = (
            CheckoutLine.objects.filter(checkout_id=token).aggregate(n=Sum("quantity"))["n"] or 0
            if token
            else 0
        )
    base = {
        "shop_name": settings.SHOP_NAME,
        "page_title": title,
        "page_description": description or settings.SHOP_DESCRIPTION,
        "channel": channel,
        "channels": list(channels_active()),
        "languages": language_links(request),
        "canonical": request.build_absolute_uri(request.path),
        "basket_count": basket_count,
        "playground": settings.GRAPHQL_PLAYGROUND,
        # On a vendor's own domain: the marketplace's home, on the marketplace's host.
        "marketplace_url": settings.PUBLIC_URL + reverse("shop:home"),
    }
    return render(request, template, {**base, **context}, status=status)
