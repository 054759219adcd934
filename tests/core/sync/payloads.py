"""Payloads for the sync tests, built from the real WordPress captures in tests/fixtures/."""

from __future__ import annotations

import json
import struct
import zlib
from typing import Any

from tests.httpserver import FixtureServer, fixture

WP_RSS = "wordpress/wordpress-org-news-feed_trimmed.xml"
RSS_TYPE = {"Content-Type": "application/rss+xml; charset=UTF-8"}

# The two items of the real RSS capture, written out again as Atom 1.0 and RSS 1.0 (RDF) with
# the same ids, links, dates and content: the capture only exists as RSS 2.0.
ATOM = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>News - WordPress.org (Atom)</title>
  <link href="https://wordpress.org/news"/>
  <id>https://wordpress.org/news/feed/atom/</id>
  <updated>2020-12-15T21:02:22Z</updated>
  <entry>
    <title>Introducing Learn WordPress</title>
    <link href="https://wordpress.org/news/2020/12/introducing-learn-wordpress/"/>
    <id>https://wordpress.org/news/?p=9444</id>
    <author><name>Hugh Lashbrooke</name></author>
    <published>2020-12-15T13:00:00Z</published>
    <updated>2020-12-15T13:00:00Z</updated>
    <category term="Updates"/>
    <summary>Learn WordPress is a learning resource providing workshops.</summary>
    <content type="html">&lt;p&gt;Learn WordPress is a learning resource providing workshops, quizzes, courses.&lt;/p&gt;&lt;p&gt;&lt;a href="/news/learn/"&gt;relative link&lt;/a&gt;&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>WordPress 5.6 \xe2\x80\x9cSimone\xe2\x80\x9d</title>
    <link href="https://wordpress.org/news/2020/12/simone/"/>
    <id>https://wordpress.org/news/?p=9325</id>
    <author><name>Josepha</name></author>
    <published>2020-12-08T19:46:00Z</published>
    <updated>2020-12-08T19:46:00Z</updated>
    <category term="Releases"/>
    <content type="html">&lt;p&gt;Meet Simone, our latest and greatest WordPress release.&lt;/p&gt;</content>
  </entry>
</feed>
"""

RDF = b"""<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://wordpress.org/news/">
    <title>News - WordPress.org (RDF)</title>
    <link>https://wordpress.org/news</link>
    <description>WordPress News</description>
  </channel>
  <item rdf:about="https://wordpress.org/news/2020/12/introducing-learn-wordpress/">
    <title>Introducing Learn WordPress</title>
    <link>https://wordpress.org/news/2020/12/introducing-learn-wordpress/</link>
    <description>Learn WordPress is a learning resource providing workshops, quizzes, courses.</description>
    <dc:creator>Hugh Lashbrooke</dc:creator>
    <dc:date>2020-12-15T13:00:00Z</dc:date>
    <dc:subject>Updates</dc:subject>
  </item>
  <item rdf:about="https://wordpress.org/news/2020/12/simone/">
    <title>WordPress 5.6 \xe2\x80\x9cSimone\xe2\x80\x9d</title>
    <link>https://wordpress.org/news/2020/12/simone/</link>
    <description>Meet Simone, our latest and greatest WordPress release.</description>
    <dc:date>2020-12-08T19:46:00Z</dc:date>
  </item>
</rdf:RDF>
"""


def tiny_png(width: int = 3, height: int = 2) -> bytes:
    """A real (decodable) PNG, grey pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def rss_item(guid: str, title: str, body: str, *, date: str = "Tue, 15 Dec 2020 13:00:00 +0000",
             link: str | None = None, categories: tuple[str, ...] = ()) -> str:  # fmt: skip
    cats = "".join(f"<category><![CDATA[{c}]]></category>" for c in categories)
    link_xml = f"<link>{link}</link>" if link else ""
    return (
        f"<item><title>{title}</title>{link_xml}<pubDate>{date}</pubDate>{cats}"
        f'<guid isPermaLink="false">{guid}</guid><content:encoded><![CDATA[{body}]]></content:encoded></item>'
    )


def rss(*items: str, title: str = "Test feed") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{title}</title><link>https://example.test/</link>{''.join(items)}</channel></rss>"
    ).encode()


def wp_posts(count: int) -> list[dict[str, Any]]:
    """`count` posts shaped exactly like the real REST capture, with ids, dates and terms varied."""
    template = json.loads(fixture("wordpress/wp-rest-v2-posts-collection.json"))[0]
    posts = []
    for n in range(count):
        post = json.loads(json.dumps(template))
        post_id = 1000 + n
        post["id"] = post_id
        post["guid"]["rendered"] = f"http://example.org/?p={post_id}"
        post["link"] = f"http://example.org/{post_id}/"
        post["date_gmt"] = f"2026-03-{1 + n % 28:02d}T{n % 24:02d}:00:00"
        post["modified_gmt"] = post["date_gmt"]
        post["title"]["rendered"] = f"Post {post_id} from Tashkent"
        post["content"]["rendered"] = f"<p>Body of post {post_id}.</p>\n"
        post["categories"] = [1, 7] if n % 2 else [1]
        post["tags"] = [21]
        posts.append(post)
    return posts


def wp_categories() -> list[dict[str, Any]]:
    categories: list[dict[str, Any]] = json.loads(fixture("wordpress/wp-rest-v2-categories-collection.json"))
    extra = json.loads(json.dumps(categories[0]))
    extra.update(id=7, name="Energy", slug="energy")
    return [*categories, extra]


def serve_wordpress(server: FixtureServer, posts: list[dict[str, Any]], per_page: int = 100,
                    etag: str | None = None) -> None:  # fmt: skip
    """The REST API under /wp-json/: posts split into pages with WordPress's paging headers."""
    pages = [posts[i : i + per_page] for i in range(0, len(posts), per_page)] or [[]]
    base = server.url("/wp-json/wp/v2/posts")
    for number, page in enumerate(pages, start=1):
        links = []
        if number < len(pages):
            links.append(f'<{base}?per_page=100&page={number + 1}>; rel="next"')
        if number > 1:
            links.append(f'<{base}?per_page=100&page={number - 1}>; rel="prev"')
        headers = {"Content-Type": "application/json; charset=UTF-8", "X-WP-Total": str(len(posts)),
                   "X-WP-TotalPages": str(len(pages))}  # fmt: skip
        if links:
            headers["Link"] = ", ".join(links)
        server.route(f"/wp-json/wp/v2/posts?per_page=100&page={number}", json.dumps(page).encode(),
                     headers=headers, etag=etag if number == 1 else None)  # fmt: skip
    categories = wp_categories()
    ids = sorted({c for p in posts for c in p["categories"]})
    wanted = [c for c in categories if c["id"] in ids]
    server.route(f"/wp-json/wp/v2/categories?per_page=100&include={'%2C'.join(map(str, ids))}",
                 json.dumps(wanted).encode(), headers={"Content-Type": "application/json"})  # fmt: skip
    tag = dict(categories[0], id=21, name="Uzbekistan", slug="uzbekistan", taxonomy="post_tag")
    server.route("/wp-json/wp/v2/tags?per_page=100&include=21", json.dumps([tag]).encode(),
                 headers={"Content-Type": "application/json"})  # fmt: skip
