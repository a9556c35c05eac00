"""Pasted Bulk Connect lines and a chosen Clean-up connection are typed by people: shown again (a
malformed line in the results, the pasted text kept, a connection that does not exist named), they come
back escaped."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from . import strategies as hs
from .conftest import HOSTILE
from .test_escaping import PAYLOAD, SERVLET, TEXTAREA_PAYLOAD, assert_escaped, token

VALUES = st.sampled_from([PAYLOAD, TEXTAREA_PAYLOAD]) | hs.hostile_text.filter(
    lambda text: len(text) < 2000).map(lambda text: text + PAYLOAD)


@HOSTILE
@given(value=VALUES)
def test_pasted_lines_are_shown_escaped(probe, admin_client, value):
    page = f"{SERVLET}/bulk-connect"
    connection = str(probe.seed()["local"])
    for pasted in (value.replace(",", ";"), f"{value},{value}", f"DEMO-1,{value}"):
        response = admin_client.post(page, data={"atl_token": token(admin_client, page), "connection": connection,
                                                 "pairs": pasted})
        assert response.status_code < 500, f"HTTP {response.status_code}"
        assert_escaped(response.get_data(as_text=True), page=page)


@HOSTILE
@given(value=VALUES)
def test_a_chosen_connection_is_named_escaped(probe, admin_client, value):
    probe.seed()
    response = admin_client.get(f"{SERVLET}/clean-up?connection={quote(value)}")
    assert response.status_code < 500, f"HTTP {response.status_code}"
    assert_escaped(response.get_data(as_text=True), page="clean-up")
