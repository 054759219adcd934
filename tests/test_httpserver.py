"""The test server itself must behave, or every sync test lies."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import pytest

from tests.httpserver import FixtureServer, fixture


def test_serves_fixtures_with_conditional_get_and_gzip(http_server: FixtureServer) -> None:
    body = fixture("rates/exchange-api-usd-2026-09-29.min.json")
    http_server.route("/usd.json", body, etag='"abc"', headers={"Content-Type": "application/json"})
    http_server.route("/z", b"hello", gzip=True)
    with urllib.request.urlopen(http_server.url("/usd.json")) as response:
        assert response.read() == body
    request = urllib.request.Request(http_server.url("/usd.json"), headers={"If-None-Match": '"abc"'})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request)
    assert err.value.code == 304
    with urllib.request.urlopen(http_server.url("/z")) as response:
        assert gzip.decompress(response.read()) == b"hello"
    assert [r.path for r in http_server.requests] == ["/usd.json", "/usd.json", "/z"]
