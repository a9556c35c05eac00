"""Whatever text arrives, the language answers with a syntax error, a script error or a result: never another
exception (an author's half-typed script must not crash a worker)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plugin.script import Limits, ScriptError, ScriptSyntaxError, check, run

PIECES = ["def", "x", "=", "1", "'s'", '"g$x"', '"${x}"', "(", ")", "[", "]", "{", "}", "->", ",", ":", "?", "?:",
          "?.", "*.", ".", "+", "-", "*", "/", "%", "==", "<", ">", "!", "\n", ";", "if", "else", "for", "in",
          "while", "return", "break", "switch", "case", "default", "try", "catch", "finally", "throw", "new",
          "Exception", "it", "each", "println", "..", "..<", "<<", "=~", "/re/", "as", "Integer", "null", "true",
          "1.5", "0x1F", "'''t'''", "$", "\\", "@", "import", "&&", "||", "instanceof", "String", "++", "+=",
          "<=>", "**", "~", "!in", "?[", "(int)"]
LIMITS = Limits(max_seconds=1, max_steps=10_000)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map(" ".join))
def test_any_token_soup_is_a_syntax_error_a_script_error_or_a_result(source):
    try:
        check(source)
        run(source, limits=LIMITS)
    except (ScriptSyntaxError, ScriptError):
        pass


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_a_syntax_error_a_script_error_or_a_result(source):
    try:
        run(source, limits=LIMITS)
    except (ScriptSyntaxError, ScriptError):
        pass


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=30))
def test_any_text_fails_with_a_message_that_can_be_written_out(source):
    try:
        run(source, limits=LIMITS)
    except ScriptError as error:
        str(error).encode("utf-8")
