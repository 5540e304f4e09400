import json
import logging

import pytest


@pytest.fixture
def request_lines(caplog):
    caplog.set_level(logging.INFO, logger="catalog.requests")

    def lines():
        return [json.loads(r.getMessage()) for r in caplog.records if r.name == "catalog.requests"]

    return lines


def test_each_request_is_logged_as_one_json_line(client, request_lines):
    """A request logs one JSON line with its id, method, path, status and duration."""
    response = client.get("/healthz?x=1")
    [line] = request_lines()
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert (line["method"], line["path"], line["status"]) == ("GET", "/healthz", 200)
    assert line["duration_ms"] >= 0


def test_a_sane_incoming_request_id_is_kept(client, request_lines):
    """An X-Request-ID from the proxy follows the request; a hostile one is replaced."""
    kept = client.get("/healthz", headers={"X-Request-ID": "lb-1234abcd"})
    assert kept["X-Request-ID"] == "lb-1234abcd"
    replaced = client.get("/healthz", headers={"X-Request-ID": "bad id\n<script>"})
    assert replaced["X-Request-ID"] != "bad id\n<script>"
    assert [line["request_id"] for line in request_lines()] == [
        "lb-1234abcd",
        replaced["X-Request-ID"],
    ]
