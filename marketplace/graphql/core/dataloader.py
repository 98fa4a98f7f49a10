"""A small synchronous batching loader.

graphene 3 has no promise-based loaders, so batching works on siblings instead: objects
resolved in one list are registered as a batch (``register_batch``), and when a field of one
of them needs related data, ``load_for`` fetches it for every sibling in one query. Results
are cached for the request. Values that are model instances (or lists of them) are in turn
registered as a batch, so the next level down batches too.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from django.http import HttpRequest

from .context import register_batch, request_state, siblings_of

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
L = TypeVar("L", bound="DataLoader[Any, Any]")


class DataLoader(Generic[K, V]):
    default: ClassVar[Any] = None
    registers_results: ClassVar[bool] = True

    def __init__(self, context: HttpRequest) -> None:
        self.context = context
        self._cache: dict[K, V] = {}

    def batch_load(self, keys: Sequence[K]) -> Mapping[K, V]:
        raise NotImplementedError

    def prime(self, keys: Iterable[K]) -> None:
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if not missing:
            return
        found = self.batch_load(missing)
        for key in missing:
            self._cache[key] = found.get(key, self._missing_value())
        if self.registers_results:
            self._register([self._cache[k] for k in missing])

    def _missing_value(self) -> Any:
        return list(self.default) if isinstance(self.default, list) else self.default

    def _register(self, values: list[Any]) -> None:
        flat: list[Any] = []
        for value in values:
            if isinstance(value, list):
                flat.extend(value)
            elif value is not None:
                flat.append(value)
        if flat and hasattr(flat[0], "_meta"):
            register_batch(self.context, flat)

    def load(self, key: K) -> V:
        self.prime([key])
        return self._cache[key]

    def load_many(self, keys: Sequence[K]) -> list[V]:
        self.prime(keys)
        return [self._cache[k] for k in keys]


def get_loader(context: HttpRequest, loader_class: type[L]) -> L:
    loaders = request_state(context)["loaders"]
    if loader_class not in loaders:
        loaders[loader_class] = loader_class(context)
    loader: L = loaders[loader_class]
    return loader


def load_for(
    context: HttpRequest,
    root: Any,
    loader_class: type[DataLoader[K, V]],
    key: Callable[[Any], K | None],
) -> V | None:
    """Load ``key(root)``, fetching the same key for all of root's siblings at once."""
    own_key = key(root.node if hasattr(root, "node") else root)
    if own_key is None:
        return None
    loader = get_loader(context, loader_class)
    if own_key not in loader._cache:
        loader.prime(k for k in (key(s) for s in siblings_of(context, root)) if k is not None)
    return loader.load(own_key)
