"""An HTML page's text, as discovery and full articles both read it (Response.page_text)."""

from __future__ import annotations

import pytest

from reader.core.http import Response

PAGE = "<html><head>{meta}</head><body><p>Бишкек и Ош</p></body></html>"


@pytest.mark.parametrize(
    ("content_type", "meta", "encoding"),
    [
        ("text/html; charset=windows-1251", "", "cp1251"),  # the HTTP header says
        ("text/html", '<meta charset="windows-1251">', "cp1251"),  # only the page says
        ("text/html", '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8_r"),
        ("text/html; charset=no-such-charset", "", "utf-8"),  # unknown name: passed over
        ("text/html", "", "utf-8"),
    ],
)
def test_the_page_is_decoded_by_header_then_meta_then_utf8(
    content_type: str, meta: str, encoding: str
) -> None:
    body = PAGE.format(meta=meta).encode(encoding)
    response = Response(
        url="http://127.0.0.1/a", status=200, body=body, headers={"content-type": content_type}
    )

    assert "Бишкек и Ош" in response.page_text()
