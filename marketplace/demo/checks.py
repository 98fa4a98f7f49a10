"""`manage.py check --deploy` warnings for demo conveniences left on in a deployment.

- marketplace.W001: the demo payment gateway is offered (card 4242 "pays", no money moves);
- marketplace.W002: demo data is in the database (the seeded accounts, whose password is
  printed in the README). Run ``check --deploy --database default`` for this one: like
  Django's own database checks it reads the database only when asked to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register
from django.db import DatabaseError

# Every account `marketplace seed` creates is at example.com or one of its subdomains, a
# domain reserved for examples (RFC 2606): no real customer or staff has an address there.
DEMO_ACCOUNT_DOMAIN = "example.com"


@register(Tags.security, deploy=True)
def demo_payments_check(app_configs: Any = None, **kwargs: Any) -> Sequence[CheckMessage]:
    demo_plugin = any("demo_payments" in path for path in settings.PLUGINS)
    if settings.DEMO_PAYMENTS_ENABLED and demo_plugin:
        return [
            Warning(
                "The demo payment gateway (marketplace.payments.demo) is enabled: any buyer"
                " can 'pay' with card 4242 4242 4242 4242 and no money moves.",
                hint="Set STRIPE_SECRET_KEY and unset DEMO_PAYMENTS_ENABLED in production.",
                id="marketplace.W001",
            )
        ]
    return []


@register(Tags.database, deploy=True)
def demo_data_check(
    app_configs: Any = None, databases: Iterable[str] | None = None, **kwargs: Any
) -> Sequence[CheckMessage]:
    if not databases:
        return []
    from marketplace.accounts.models import User

    found = 0
    for alias in databases:
        try:
            found += (
                User.objects.using(alias)
                .filter(email__iregex=r"[@.]" + DEMO_ACCOUNT_DOMAIN.replace(".", r"\.") + "$")
                .count()
            )
        except DatabaseError:  # not migrated yet: no demo data either
            continue
    if found:
        return [
            Warning(
                f"The database holds demo data: {found} account(s) at {DEMO_ACCOUNT_DOMAIN}"
                " as `marketplace seed` creates them, with the demo password.",
                hint="Deploy on a fresh database; never run `marketplace seed` in production.",
                id="marketplace.W002",
            )
        ]
    return []
