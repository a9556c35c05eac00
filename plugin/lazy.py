"""A package's heavy parts loaded on first use (PEP 562's module ``__getattr__``), so that what stands alone
beside them — the sync-rule language, its script world — starts without the database layer or Flask."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module


def loaded_on_first_use(package: str, module: str, names: set[str]) -> Callable[[str], object]:
    """The ``__getattr__`` of ``package`` that takes ``names`` from its ``module`` (``".host"``) when asked."""

    def __getattr__(name: str):
        if name not in names:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(module, package), name)
    return __getattr__
