"""The permission matrix: one entry per mutation and id-taking query (see core.py).

A new operation makes ``test_every_operation_has_an_entry`` fail until it has an Entry here:
add one to the domain's module (or a new module listed below) with the document, variables
aimed at an object of A's from the world (world.py; add the object there if it is new), the
actors allowed, what success looks like, and the variables for a missing object of the kind.
Use SELF for operations on the caller's own account and GATED for those naming no object.
"""

from . import (
    accounts,
    catalog,
    checkout,
    lifecycle,
    onboarding,
    queries,
    references,
    vendors,
    wholesale,
)
from .core import Entry

ENTRIES: list[Entry] = [
    *accounts.ENTRIES,
    *lifecycle.ENTRIES,
    *checkout.ENTRIES,
    *vendors.ENTRIES,
    *onboarding.ENTRIES,
    *queries.ENTRIES,
    *references.ENTRIES,
    *wholesale.ENTRIES,
    *catalog.ENTRIES,
]
