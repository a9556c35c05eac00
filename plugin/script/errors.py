"""What goes wrong in a sync rule, in Groovy's words and with the line and column where it went wrong."""

from __future__ import annotations


class ScriptError(Exception):
    """A script failed at run time: a Groovy error, a thrown exception, a sandbox refusal or a limit.

    ``exception_class`` is the Java class Groovy would name (``groovy.lang.MissingPropertyException``,
    ``java.lang.Exception``…); ``output`` is what the script printed before it failed."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None,
                 exception_class: str = "java.lang.RuntimeException", output: str = ""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.exception_class = exception_class
        self.output = output

    def __str__(self) -> str:
        return self.message if self.line is None else f"{self.message} at line: {self.line}"


class ScriptSyntaxError(ScriptError):
    """The script does not parse."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message, line, column, "org.codehaus.groovy.control.MultipleCompilationErrorsException")

    def __str__(self) -> str:
        return f"{self.message} @ line {self.line}, column {self.column}."


class GroovyRuntimeError(Exception):
    """Raised inside the interpreter; the node being evaluated adds its position on the way out.

    ``exception_class`` is the Java class a ``catch`` clause matches: ``MissingPropertyException``,
    ``NullPointerException``, ``IllegalArgumentException``… ``payload`` is the script's own exception
    object when the script threw one."""

    def __init__(self, message: str, exception_class: str = "RuntimeException", payload=None):
        super().__init__(message)
        self.message = message
        self.exception_class = exception_class
        self.payload = payload
        self.line: int | None = None
        self.column: int | None = None

    def at(self, line: int | None, column: int | None) -> GroovyRuntimeError:
        if not self.line and line:
            self.line, self.column = line, column
        return self


class SandboxViolation(GroovyRuntimeError):
    """Something sync rules may not do (reflection, the file system, processes…). Never caught by the script."""

    def __init__(self, what: str):
        super().__init__(f"{what} is not allowed in sync rules", "SecurityException")


class LimitExceeded(GroovyRuntimeError):
    """A limit of ``Limits`` was reached. Never caught by the script."""

    def __init__(self, message: str, exception_class: str = "ScriptLimitException"):
        super().__init__(message, exception_class)


def missing_property(name: str, owner: str) -> GroovyRuntimeError:
    return GroovyRuntimeError(f"No such property: {name} for class: {owner}", "MissingPropertyException")


def null_property(name: str) -> GroovyRuntimeError:
    return GroovyRuntimeError(f"Cannot get property '{name}' on null object", "NullPointerException")


def null_set_property(name: str) -> GroovyRuntimeError:
    return GroovyRuntimeError(f"Cannot set property '{name}' on null object", "NullPointerException")


def null_method(name: str) -> GroovyRuntimeError:
    return GroovyRuntimeError(f"Cannot invoke method {name}() on null object", "NullPointerException")
