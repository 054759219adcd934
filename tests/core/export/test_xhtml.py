"""Story HTML made into XHTML for e-books: well-formed whatever comes in, and within XHTML's rules."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

import pytest

from reader.core.export.xhtml import MAX_DEPTH, language_tag, to_xhtml, xml_text

CASES = [
    # entities resolved, then escaped once; an unknown entity is text; void elements closed
    (
        "<p>a &amp; b &lt; c&nbsp;d &eacute; &#x1F600; &#8211; &bogus; <br>x<img src=a.png></p>",
        '<p>a &amp; b &lt; c\u00a0d é 😀 – &amp;bogus; <br />x<img src="a.png" alt="" /></p>',
    ),
    ("<p>5 > 4 & 3 < 2</p>", "<p>5 &gt; 4 &amp; 3 &lt; 2</p>"),
    ("<br/><hr><br />", "<br /><hr /><br />"),
    # characters XML cannot carry are dropped; bidi controls and emoji are kept
    ("<p>a\x00b\x07c\x1bd\ufffe\u202eخ\u202c🐎</p>", "<p>abcd\u202eخ\u202c🐎</p>"),
    # unbalanced and stray tags
    ("</div></p>text</b><p>open", "text<p>open</p>"),
    ("<b><i>crossed</b></i> after", "<b><i>crossed</i></b> after"),
    ("<a href='x'><a href='y'>nested</a></a>", '<a href="x"></a><a href="y">nested</a>'),
    # a block ends the paragraph or phrase it appears in
    ("<p>start<ul><li>x</li></ul>after</p>", "<p>start</p><ul><li>x</li></ul>after"),
    ("<em><p>inside em</p></em>", "<em></em><p>inside em</p>"),
    ("<h2><h3>h</h3></h2>", "<h2></h2><h3>h</h3>"),
    (
        "<p>a<a href='l'>link<blockquote>q</blockquote></a></p>",
        '<p>a<a href="l">link</a></p><blockquote>q</blockquote>',
    ),
    # lists and tables get the items and cells their content belongs in
    (
        "<ul> <li>one<li>two</li> loose <p>p</p><ul><li>n</li></ul></ul>",
        "<ul><li>one</li><li>two</li><li> loose <p>p</p><ul><li>n</li></ul></li></ul>",
    ),
    ("<li>stray</li><li>items</li>", "<ul><li>stray</li><li>items</li></ul>"),
    ("<dd>d</dd><dt>t</dt>", "<dl><dt></dt><dd>d</dd><dt>t</dt><dd></dd></dl>"),
    (
        "<table><tr><td>a<td>b</tr>stray</table>",
        "<table><tbody><tr><td>a</td><td>b</td></tr></tbody><tbody><tr><td>stray</td></tr></tbody></table>",
    ),
    ("<td>lonely</td><td>cells</td>", "<table><tbody><tr><td>lonely</td><td>cells</td></tr></tbody></table>"),
    (
        "<table><tbody><tr><td>1</td></tr></tbody><caption>c</caption><thead><tr><th>h</th></tr></thead></table>",
        "<table><caption>c</caption><thead><tr><th>h</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
    ),
    (
        "<table><caption>a<table><tr><td>x</td></tr></table></caption></table>",
        "<table><caption>a</caption><tbody><tr><td><table><tbody><tr><td>x</td></tr></tbody></table></td></tr></tbody></table>",
    ),
    (
        "<figure><p>a</p><figcaption>cap</figcaption><p>b</p><figcaption>2</figcaption></figure>",
        "<figure><p>a</p><p>b</p><div>2</div><figcaption>cap</figcaption></figure>",
    ),
    ("<figcaption>alone</figcaption>", "<div>alone</div>"),
    # tags outside XHTML dropped with their text kept; scripts and styles dropped whole
    ("<font color=red>old</font><center>c</center><marquee>m</marquee>", "oldcm"),
    ("<script>alert(1)</script><style>p{}</style><template>t</template>ok", "ok"),
    ("<p><!-- note --><![CDATA[x]]>text<?php echo ?></p>", "<p>text</p>"),
    # attributes: only valid names and values survive
    (
        '<img width="100%" height=" 20 " alt=x onerror="y()" id="a" style="x"><img id="a" src="b c.png">',
        '<img height="20" alt="x" id="a" /><img src="b%20c.png" alt="" />',
    ),
    (
        '<p dir="RTL" lang="fa">ب</p><p lang="english!" dir="sideways">x</p>',
        '<p dir="rtl" lang="fa">ب</p><p>x</p>',
    ),
    ('<td colspan="0" rowspan="2x">c</td>', "<table><tbody><tr><td>c</td></tr></tbody></table>"),
    (
        '<a href="https://x.test/a b?q=«к»" rel="noopener Bogus nofollow" hreflang="ru">l</a><a rel="nofollow">n</a>',
        '<a href="https://x.test/a%20b?q=%C2%AB%D0%BA%C2%BB" rel="noopener nofollow" hreflang="ru">l</a><a>n</a>',
    ),
    ('<p title="a &quot;b&quot; <c> &amp; d">t</p>', '<p title="a &quot;b&quot; &lt;c&gt; &amp; d">t</p>'),
    ("", ""),
]


@pytest.mark.parametrize(("given", "expected"), CASES)
def test_mends_and_escapes(given: str, expected: str) -> None:
    out = to_xhtml(given)
    assert out == expected
    ET.fromstring(f"<body>{out}</body>")


def test_deep_nesting_is_flattened_not_a_crash() -> None:
    out = to_xhtml("<div>" * 5000 + "deep" + "</div>" * 5000 + "<p>after</p>")
    root = ET.fromstring(f"<body>{out}</body>")
    depth, node = 0, root
    while len(node):
        node, depth = node[0], depth + 1
    assert depth <= MAX_DEPTH + 1
    assert "deep" in "".join(root.itertext()) and out.endswith("<p>after</p>")


PIECES = ["<p>", "</p>", "<em>", "</em>", "<ul>", "</ul>", "<li>", "</li>", "<table>", "</table>", "<tr>",
          "<td>", "</td>", "<caption>", "<dl>", "<dt>", "<dd>", "</dl>", "<figure>", "<figcaption>", "</figure>",
          "<h2>", "</h2>", "<a href='x'>", "</a>", "<br>", "<img src='i.png'>", "<blockquote>", "<pre>",
          "</pre>", "<div>", "</div>", "<script>", "</script>", "&amp;", "&lt;", "&nbsp;", "&#0;", "&#xD800;",
          "<", ">", "&", "'", '"', "текст ", "نص ", "🐎", "\x0c", "<p id=a>", "<b>", "</i>", "<!--", "-->"]  # fmt: skip


def test_tag_soup_always_comes_out_well_formed_and_stable() -> None:
    rng = random.Random(2026)
    for _ in range(500):
        soup = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 80)))
        out = to_xhtml(soup)
        ET.fromstring(f"<body>{out}</body>")  # raises if not well-formed
        assert to_xhtml(out) == out, soup  # mending twice changes nothing more


def test_xml_text_and_language_tags() -> None:
    assert xml_text("a\x00\x08\x0b\x0c\x0e\x1f\ud800\uffff\ufffeb\t\n\r") == "ab\t\n\r"
    assert [language_tag(v) for v in ("ru", "uz-Latn", "en_US", "", None, "English!", "x" * 20)] == [
        "ru",
        "uz-Latn",
        "en-US",
        "en",
        "en",
        "en",
        "en",
    ]
