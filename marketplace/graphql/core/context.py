"""Per-request state for resolvers: loaders, sibling batches, and the channel a node is seen in."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.http import HttpRequest

N = TypeVar("N")


@dataclass(frozen=True, slots=True)
class ChannelContext(Generic[N]):
    """A node together with the channel slug its prices and visibility are read in."""

    node: N
    channel_slug: str | None


def request_state(context: HttpRequest) -> dict[str, Any]:
    state = getattr(context, "_graphql_state", None)
    if state is None:
        state = {"loaders": {}, "batches": {}, "channels": {}}
        context._graphql_state = state  # type: ignore[attr-defined]
    return state


def register_batch(context: HttpRequest, objects: Iterable[Any]) -> list[Any]:
    """Mark objects resolved together: a loader asked about one of them loads for all.

    This is how lists cost a fixed number of queries without promise-based loaders: the
    first child field resolved on any sibling fetches that field for every sibling at once.
    """
    batch = [getattr(o, "node", o) for o in objects]
    batches = request_state(context)["batches"]
    for obj in batch:
        batches[id(obj)] = batch
    return batch


def siblings_of(context: HttpRequest, obj: Any) -> Sequence[Any]:
    node = getattr(obj, "node", obj)  # ChannelContext and other wrappers carry a node
    batch: Sequence[Any] = request_state(context)["batches"].get(id(node), [node])
    return batch


def api_url(request: HttpRequest) -> str:
    """The absolute URL of this API as its clients call it (PUBLIC_URL behind a proxy),
    e.g. ``https://shop.example.com/graphql/``: the ``iss`` of the tokens it issues."""
    from django.conf import settings

    if settings.PUBLIC_URL:
        return f"{settings.PUBLIC_URL}{request.path}"
    return request.build_absolute_uri(request.path)
