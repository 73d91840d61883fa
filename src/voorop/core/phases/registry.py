"""The registry of process kinds, the model attribute tying a model to its kind, and the
``rules`` predicates that ask a kind."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import rules
from django.core.exceptions import ImproperlyConfigured

from .kinds import ProcessKind
from .phase import UnknownAction


class CurrentPhase:
    """A model attribute: ``obj.phase`` is the current phase, ``Model.phase`` the kind.

    Ties the model to its kind, so that :func:`kind_for` and the ``kit`` template tags find
    the kind from any instance."""

    def __init__(self, kind: ProcessKind) -> None:
        self.kind = kind

    def __set_name__(self, owner: type, name: str) -> None:
        # The class's own _meta only: a model on an abstract base (Located) inherits the
        # base's _meta, which is abstract, while the model itself is not.
        meta = vars(owner).get("_meta")
        if meta is not None and meta.abstract:
            return
        if self.kind.model is not None and self.kind.model is not owner:
            raise ImproperlyConfigured(f"{self.kind.key} is already the kind of {self.kind.model}")
        self.kind.model = owner  # type: ignore[assignment]

    def __get__(self, obj: Any, objtype: type | None = None) -> Any:
        if obj is None:
            return self.kind
        return self.kind.phase_of(obj)


class Registry:
    """Every process kind of the installation, by key and by model."""

    def __init__(self) -> None:
        self._kinds: dict[str, ProcessKind] = {}

    def register[K: ProcessKind](self, kind: K) -> K:
        if kind.key in self._kinds and self._kinds[kind.key] is not kind:
            raise ImproperlyConfigured(f"a process kind {kind.key!r} is already registered")
        self._kinds[kind.key] = kind
        return kind

    def __iter__(self) -> Iterator[ProcessKind]:
        return iter(self._kinds.values())

    def get(self, key: str) -> ProcessKind:
        try:
            return self._kinds[key]
        except KeyError:
            raise LookupError(f"no process kind {key!r} is registered") from None

    def for_object(self, obj: Any) -> ProcessKind:
        """The kind whose model ``obj`` is an instance of."""
        for kind in self._kinds.values():
            if kind.model is not None and isinstance(obj, kind.model):
                return kind
        raise LookupError(f"no registered process kind has the model of {obj!r}")


registry = Registry()
register = registry.register
kind_for = registry.for_object


def phase_allows(kind: ProcessKind, action: str, *, via: str | None = None) -> rules.Predicate:
    """A ``rules`` predicate: the object's process is in a phase that enables ``action`` and
    is not paused. ``via`` names the attribute that leads from a related object to its
    process (``via="round"`` lets the same predicate take a proposal)."""
    if action not in kind.actions:
        raise UnknownAction(f"{kind.key} has no action {action!r}")

    @rules.predicate(name=f"{kind.key}_phase_allows_{action}")
    def predicate(user: Any, obj: Any = None) -> bool:
        process = kind.process_of(obj, via)
        return process is not None and kind.allows(process, action)

    return predicate


def phase_is_final(kind: ProcessKind, *, via: str | None = None) -> rules.Predicate:
    """A ``rules`` predicate: the object's process has ended (its phase is final)."""

    @rules.predicate(name=f"{kind.key}_phase_is_final")
    def predicate(user: Any, obj: Any = None) -> bool:
        process = kind.process_of(obj, via)
        return process is not None and kind.phase_of(process).final

    return predicate
