"""The permission matrix: one entry per mutation and id-taking query (see core.py)."""

from . import accounts, checkout, lifecycle, queries, references, vendors
from .core import Entry

ENTRIES: list[Entry] = [
    *accounts.ENTRIES,
    *lifecycle.ENTRIES,
    *checkout.ENTRIES,
    *vendors.ENTRIES,
    *queries.ENTRIES,
    *references.ENTRIES,
]
