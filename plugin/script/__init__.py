"""Sync rules: a sandboxed interpreter for the Groovy that Exalate scripts are written in.

::

    from plugin.script import run
    result = run('def total = [1, 2, 3].sum()\\nprintln "total: $total"')
    result.output  # 'total: 6\\n'

``check(source)`` raises ``ScriptSyntaxError`` (message, line, column) when the text does not parse;
``compile_script(source)`` parses once (``PROGRAMS``, cache.py: one parse per text, the least recently used
leaving first); ``run(source_or_program, bindings, limits)`` runs it and returns what ``println`` wrote and
the binding, or raises ``ScriptError`` in Groovy's words with the line.
Host objects (``issue``, ``replica``, helpers) are ``HostObject`` subclasses (host.py). The interpreter is never
Python's ``eval``: the script sees only its own values and the tables of methods allowed for each.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from .budget import activate
from .cache import ProgramCache
from .classes import check_import
from .errors import GroovyRuntimeError, ScriptError, ScriptSyntaxError
from .host import HostObject, MapHost
from .runtime import BreakSignal, ContinueSignal, Limits, ReturnSignal, Runtime, Scope, outside_loop, run_body

__all__ = ["check", "compile_script", "PROGRAMS", "run", "ScriptError", "ScriptSyntaxError", "Limits", "RunResult",
           "Program", "HostObject", "MapHost"]


# Each nested Groovy call takes about eight Python frames: room for Limits.max_depth of them (set once, here,
# rather than in every run, so that the limit does not change under a running test or worker).
DEFAULT_LIMITS = Limits()
PROGRAMS = ProgramCache()
PYTHON_FRAMES = 4000
if sys.getrecursionlimit() < PYTHON_FRAMES:
    sys.setrecursionlimit(PYTHON_FRAMES)


@dataclass(frozen=True)
class Program:
    """A parsed script: its statements, functions and imports, ready to run any number of times."""

    source: str
    statements: list = field(repr=False)
    functions: dict = field(repr=False)
    imports: list = field(repr=False)


@dataclass
class RunResult:
    output: str
    bindings: dict
    value: object = None


def check(source: str) -> None:
    """Raise ``ScriptSyntaxError`` if ``source`` does not parse."""
    compile_script(source)


def compile_script(source: str) -> Program:
    """The parsed script, from ``PROGRAMS`` when the same text was parsed before."""
    return PROGRAMS.get(source, _parse)


def _parse(source: str) -> Program:
    from .parser import parse
    statements, parsed = parse(source)
    return Program(source, statements, parsed.functions, parsed.imports)


def run(source_or_program: str | Program, bindings: dict | None = None, limits: Limits | None = None,
        script_name: str = "Script1") -> RunResult:
    """Run a script. ``bindings`` are its variables (the values host.py lists); the dict is changed in place
    by assignments to undeclared names, as Groovy's binding is."""
    program = source_or_program if isinstance(source_or_program, Program) else compile_script(source_or_program)
    binding = bindings if bindings is not None else {}
    runtime = Runtime(limits or DEFAULT_LIMITS, binding, script_name)
    runtime.functions = program.functions
    runtime.imports = {name for name, _position in program.imports}
    value = None
    outer = activate(runtime)
    try:
        for name, (line, column) in program.imports:
            try:
                check_import(name)
            except GroovyRuntimeError as error:
                raise error.at(line, column) from None
        value = run_body(runtime, program.statements, Scope(runtime.globals))
    except ReturnSignal as returned:
        value = returned.value
    except (BreakSignal, ContinueSignal):
        raise _script_error(outside_loop(), runtime) from None
    except GroovyRuntimeError as error:
        raise _script_error(error, runtime) from None
    except RecursionError:
        raise ScriptError("the script nested too deeply", None, None, "java.lang.StackOverflowError",
                          "".join(runtime.output)) from None
    finally:
        activate(outer)
    return RunResult("".join(runtime.output), binding, value)


def _script_error(error: GroovyRuntimeError, runtime: Runtime) -> ScriptError:
    from .ops import qualified_exception
    message = error.message if error.message is not None else ""
    return ScriptError(message, error.line, error.column, qualified_exception(error.exception_class),
                       "".join(runtime.output))
