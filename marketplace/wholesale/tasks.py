"""E-mails to the wholesale buyer, sent after the transaction that decided them commits."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from .models import QuoteShare


@shared_task
def buyer_told_part_late(*, share_ids: list[int]) -> int:
    shares = list(
        QuoteShare.objects.filter(pk__in=share_ids).select_related("line__quote__business")
    )
    if not shares:
        return 0
    quote = shares[0].line.quote
    parts = "\n".join(
        _("- %(title)s: %(qty)s pieces promised for %(date)s")
        % {"title": s.line.title, "qty": s.quantity, "date": s.promised_date.isoformat()}
        for s in shares
    )
    body = _(
        "Part of your group order %(number)s is running late:\n%(parts)s\n"
        "The cluster is re-sharing or speeding up these parts and will keep you posted."
    ) % {"number": quote.number, "parts": parts}
    return send_mail(
        _("Your group order %(number)s: a part is late") % {"number": quote.number},
        body,
        settings.DEFAULT_FROM_EMAIL,
        [quote.business.contact_email],
    )
