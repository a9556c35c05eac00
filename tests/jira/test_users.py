"""Users: the administrator and the user the first start seeds, and who may log in."""

from __future__ import annotations

import pytest
from factories import committed
from werkzeug.security import check_password_hash

from plugin.errors import NotAuthenticated


def test_seeds_an_administrator_and_a_user(exalate, jira):
    rows = committed("SELECT username, is_admin, password_hash FROM users ORDER BY username")
    assert [(name, bool(admin)) for name, admin, _ in rows] == [("admin", True), ("user", False)]
    hashes = {name: password_hash for name, _, password_hash in rows}
    assert check_password_hash(hashes["admin"], "admin")
    assert check_password_hash(hashes["user"], "user")
    assert jira.users.authenticate("admin", "admin").is_admin
    assert not jira.users.authenticate("user", "user").is_admin


@pytest.mark.parametrize(("username", "password"), [("admin", "user"), ("nobody", "admin"), (None, "admin"),
                                                    ("admin", None), ("a\x00", "admin"), ("a" * 300, "admin")])
def test_authenticate_refuses_anything_else(exalate, jira, username, password):
    with pytest.raises(NotAuthenticated):
        jira.users.authenticate(username, password)
