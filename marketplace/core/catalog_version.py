"""One version number for everything the public catalog answers from.

The GraphQL response cache (marketplace/graphql/core/response_cache.py) keys every stored
answer by this version; any committed write that could change a public answer (a price, a
listing, stock, a translation, a photo, a workshop's status...) bumps it, so the next request
misses and is answered afresh. Writes are seen two ways:

- model signals (post_save, post_delete, m2m_changed) of every model outside
  ``IGNORED_TABLES``;
- an execute wrapper on each database connection that sees INSERT, UPDATE and DELETE
  statements no signal reports (``QuerySet.update()``, ``bulk_create``, raw SQL: stock
  allocation and reservations are written that way).

Inside a transaction the version is bumped at once *and* again on commit
(``transaction.on_commit``): the first keeps this process from serving what it is changing,
the second discards any answer another worker computed from the old rows while the
transaction was open. A rolled back transaction only costs a spurious miss.
The version lives in the default cache (Redis with ``REDIS_URL``: shared by every worker).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.cache import cache
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "response-cache:version"

# Tables whose rows never reach a public catalog answer: sessions, staff audit, second
# factor devices, failed background tasks, certificate scans, baskets, orders and payments.
IGNORED_TABLES = frozenset(
    {
        "django_session",
        "django_admin_log",
        "otp_totp_totpdevice",
        "otp_static_staticdevice",
        "otp_static_statictoken",
        "core_failedtask",
        # Every opening of a certificate's page is a scan: it must not empty the cache.
        "authenticity_certificatescan",
        "authenticity_scanreport",
        "authenticity_certificateflag",
        "authenticity_flagevent",
        # Baskets, orders, payments and payouts: no public answer reads them. What a sale does
        # change (stock held, allocated or sold) is written to the inventory tables, which
        # stay watched; so without them a basket edit no longer empties the cache for everyone.
        "checkout_checkout",
        "checkout_checkoutline",
        "checkout_checkoutdelivery",
        "orders_order",
        "orders_vendororder",
        "orders_orderline",
        "orders_orderevent",
        "orders_parcelshipment",
        "payments_transaction",
        "payments_transactionevent",
        "payments_providerevent",
        "payouts_ledgerentry",
        "payouts_payout",
        "payouts_payoutaccount",
    }
)
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE)


_thread = threading.local()


def current() -> int:
    _thread.read_since_bump = True
    version = cache.get(VERSION_KEY)
    if version is None:
        # Milliseconds since the epoch: after Redis loses the key, versions never repeat.
        cache.add(VERSION_KEY, int(time.time() * 1000), timeout=None)
        version = cache.get(VERSION_KEY) or 0
    return int(version)


def current_with(key: str) -> tuple[int, Any]:
    """The version and the value stored under ``key``, read in one round trip."""
    _thread.read_since_bump = True
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    return (int(version) if version is not None else current()), found.get(key)


def bump() -> None:
    _thread.read_since_bump = False
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet: start one
        current()
        cache.incr(VERSION_KEY)


def _bump_on_commit() -> None:
    bump()


@contextmanager
def new_rows_only() -> Iterator[None]:
    """The writes inside only insert rows that nothing refers to yet (a buyer's new address):
    no public answer can have read them, so they bump nothing. Whatever comes to refer to
    them (a warehouse taking the address) is written outside and bumps as usual."""
    previous = getattr(_thread, "new_rows_only", False)
    _thread.new_rows_only = True
    try:
        yield
    finally:
        _thread.new_rows_only = previous


def changed(using: str = "default") -> None:
    """A write that could change a public answer happened on ``using``."""
    if getattr(_thread, "new_rows_only", False):
        return
    connection = connections[using]
    if not connection.in_atomic_block:
        bump()
        return
    if any(entry[1] is _bump_on_commit for entry in connection.run_on_commit):
        # Already bumped and scheduled for this transaction. Bumped again only if this
        # thread read the version since (a request between two writes of one long
        # transaction: the test suite's): a mutation's many writes cost one bump.
        if getattr(_thread, "read_since_bump", False):
            bump()
        return
    bump()
    transaction.on_commit(_bump_on_commit, using=using)


def _watched(model: Any) -> bool:
    return model._meta.db_table not in IGNORED_TABLES


def _on_save_or_delete(sender: Any, using: str = "default", **kwargs: Any) -> None:
    if _watched(sender):
        changed(using)


def _on_m2m(sender: Any, action: str, using: str = "default", **kwargs: Any) -> None:
    if action.startswith("post_") and _watched(sender):
        changed(using)


def _write_watcher(alias: str) -> Callable[..., Any]:
    def watch(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        result = execute(sql, params, many, context)
        if isinstance(sql, str) and sql[:1] in "IUDiud":
            match = _WRITE.match(sql)
            if match and match.group(1) not in IGNORED_TABLES:
                changed(alias)
        return result

    watch.catalog_version = True  # type: ignore[attr-defined]
    return watch


def _install(connection: BaseDatabaseWrapper) -> None:
    if any(getattr(w, "catalog_version", False) for w in connection.execute_wrappers):
        return
    # First in the list: a caller's own `with connection.execute_wrapper(...)` pops the last.
    connection.execute_wrappers.insert(0, _write_watcher(connection.alias))


def _on_connection_created(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    _install(connection)


def connect() -> None:
    """Called once from CoreConfig.ready()."""
    post_save.connect(_on_save_or_delete, dispatch_uid="catalog_version.save")
    post_delete.connect(_on_save_or_delete, dispatch_uid="catalog_version.delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="catalog_version.m2m")
    connection_created.connect(_on_connection_created, dispatch_uid="catalog_version.connection")
    for connection in connections.all(initialized_only=True):
        _install(connection)
