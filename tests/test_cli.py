"""The ``exalate-emulator`` command line, without starting it (tests/live/ starts it)."""

from __future__ import annotations

import gc
import os
import socket

import pytest
from factories import instance_config

from plugin import create_app, server
from plugin.cli import app_config, build_parser, default_workers
from plugin.config import DEFAULTS, SERVER_DEFAULTS
from plugin.server import ServerLimits, create_server


def test_defaults_follow_the_machine():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 2990)
    assert args.workers == default_workers() == max(1, min(4, os.cpu_count() or 1))


def test_options_not_given_leave_the_app_defaults(tmp_path):
    """The app's defaults (plugin.config) apply to every option left out: the CLI has none of its own."""
    config = app_config(build_parser().parse_args(["serve", "--data-dir", str(tmp_path)]))
    assert not {"EXALATE_PLATFORM", "EXALATE_VERSION", "OUTBOUND_READ_TIMEOUT"} & set(config)
    identity = create_app(instance_config(**config)).extensions["exalate"].identity
    assert (identity.platform, identity.platform_version, identity.exalate_version) == (
        DEFAULTS["EXALATE_PLATFORM"], DEFAULTS["EXALATE_PLATFORM_VERSION"], DEFAULTS["EXALATE_VERSION"])


def test_options_given_are_passed_on(tmp_path):
    args = build_parser().parse_args(["serve", "--data-dir", str(tmp_path), "--platform", "zendesk",
                                      "--outbound-timeout", "2.5"])
    config = app_config(args)
    assert (config["EXALATE_PLATFORM"], config["OUTBOUND_READ_TIMEOUT"]) == ("zendesk", 2.5)


def test_the_body_limit_is_passed_on_only_when_given(tmp_path):
    given = app_config(build_parser().parse_args(["serve", "--data-dir", str(tmp_path), "--max-body-size", "4096"]))
    left_out = app_config(build_parser().parse_args(["serve", "--data-dir", str(tmp_path)]))
    assert given["MAX_CONTENT_LENGTH"] == 4096
    assert "MAX_CONTENT_LENGTH" not in left_out


def test_the_server_limits_default_to_the_settings_home():
    args = build_parser().parse_args(["serve"])
    assert {name: getattr(args, name) for name in SERVER_DEFAULTS} == SERVER_DEFAULTS


def _waitress_body_limit(app, request_head: bytes) -> int:
    """The body length from which the server refuses the request with this head."""
    limits = ServerLimits(threads=1, connection_limit=10, header_timeout=1, body_timeout=1)
    with socket.create_server(("127.0.0.1", 0)) as listener:
        server = create_server(app, listener, limits)
        try:
            parser = server.channel_class.parser_class(server.adj)
            parser.received(request_head + b"\r\n\r\n")
            return parser.adj.max_request_body_size
        finally:
            server.close()


def test_the_server_refuses_bodies_one_byte_past_the_app_limit(make_app):
    app = make_app("limits", MAX_CONTENT_LENGTH=4096, ATTACHMENT_MAX_BYTES=8192)
    assert _waitress_body_limit(app, b"POST /rest/auth/1/session HTTP/1.1\r\nHost: a") == 4097


def test_the_server_lets_attachment_uploads_up_to_their_own_limit_through(make_app):
    app = make_app("uploads", MAX_CONTENT_LENGTH=4096, ATTACHMENT_MAX_BYTES=8192)
    head = b"POST /rest/api/2/issue/DEMO-1/attachments HTTP/1.1\r\nHost: a"
    assert _waitress_body_limit(app, head) == 8193


def test_the_login_attempts_are_passed_on_only_when_given(tmp_path):
    given = build_parser().parse_args(["serve", "--data-dir", str(tmp_path), "--max-login-attempts", "3"])
    assert app_config(given)["LOGIN_ATTEMPTS"] == 3
    assert "LOGIN_ATTEMPTS" not in app_config(build_parser().parse_args(["serve", "--data-dir", str(tmp_path)]))


def test_the_login_attempts_are_at_least_one(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--max-login-attempts", "0"])
    assert "must be 1 or more" in capsys.readouterr().err


def test_the_attachment_limit_is_passed_on_only_when_given(tmp_path):
    given = build_parser().parse_args(["serve", "--data-dir", str(tmp_path), "--attachment-max-size", "2048"])
    assert app_config(given)["ATTACHMENT_MAX_BYTES"] == 2048
    assert "ATTACHMENT_MAX_BYTES" not in app_config(build_parser().parse_args(["serve", "--data-dir", str(tmp_path)]))


@pytest.mark.parametrize("size", ["0", "-1", "10M", "big"])
def test_the_attachment_limit_is_a_positive_number_of_bytes(capsys, size):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--attachment-max-size", size])
    assert "--attachment-max-size" in capsys.readouterr().err


def test_the_server_lets_uploads_through_up_to_the_attachment_limit_given(make_app, tmp_path):
    config = app_config(build_parser().parse_args(["serve", "--data-dir", str(tmp_path),
                                                   "--attachment-max-size", "5000"]))
    app = make_app("attachment-limit", ATTACHMENT_MAX_BYTES=config["ATTACHMENT_MAX_BYTES"])
    head = b"POST /rest/api/2/issue/DEMO-1/attachments HTTP/1.1\r\nHost: a"
    assert _waitress_body_limit(app, head) == 5001


def test_a_worker_settles_its_start_up_heap_out_of_the_collectors_sight():
    """What start-up built is frozen, so that a full collection walks only what requests made since."""
    threshold = gc.get_threshold()
    try:
        server.settle_heap()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] == server.GC_YOUNGEST_THRESHOLD
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
