"""Functions a script calls by bare name: ``println``, ``print``, ``printf``, ``sprintf``."""

from __future__ import annotations

from .ops import stringify
from .runtime import no_signature


def _println(runtime, args: list):
    if len(args) > 1:
        raise no_signature(f"{runtime.script_name}.println", args)
    runtime.write((stringify(runtime, args[0]) if args else "") + "\n")


def _print(runtime, args: list):
    if len(args) != 1:
        raise no_signature(f"{runtime.script_name}.print", args)
    runtime.write(stringify(runtime, args[0]))


def _sprintf(runtime, args: list) -> str:
    from .strings import java_format
    if not args:
        raise no_signature(f"{runtime.script_name}.sprintf", args)
    values = args[1:]
    if len(values) == 1 and isinstance(values[0], list):
        values = values[0]
    return java_format(runtime, stringify(runtime, args[0]), list(values))


def _printf(runtime, args: list):
    runtime.write(_sprintf(runtime, args))


def _assert(runtime, args: list):
    from .values import truth
    if not args or len(args) > 2:
        raise no_signature(f"{runtime.script_name}.assert", args)
    if not truth(args[0]):
        from .errors import GroovyRuntimeError
        detail = stringify(runtime, args[1]) if len(args) == 2 else "assert failed"
        raise GroovyRuntimeError(detail, "PowerAssertionError")


BUILTINS = {"assert": _assert, "println": _println, "print": _print, "printf": _printf, "sprintf": _sprintf}
