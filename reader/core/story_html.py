"""The one rendering of a story: the article pane, `steppe show` and every export use it.

A story is its title, a byline, its tags or metadata, its body (sanitised again here, since this
is where it would hurt), the currency context added beside it (never into it) and the link to
the original. The pane and the exported documents differ only in what surrounds that.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence

from reader.core.html import rewrite_images, sanitize_html
from reader.core.search.service import highlight_plain, highlight_story_html
from reader.core.text import web_url
from reader.core.types import BookmarkInfo, MoneyContext, Story, format_usd
from reader.core.types.stories import COUNTRIES

COUNTRY_NAMES = {code: name for code, name, _currency in COUNTRIES}

SAMPLE_NOTE = "written for Steppe Reader from public facts — not a news report"

# Given an image URL, the src to use, or None to leave the image out (an export: its alt text).
ImageSource = Callable[[str], str | None]


def story_body(story: Story) -> str:
    """The sanitised body, with the lead image first when the body does not show it."""
    body = sanitize_html(story.content_html, story.url)
    if story.image_url and story.image_url not in body:
        body = f'<p><img src="{html.escape(story.image_url, quote=True)}" alt=""></p>' + body
    return body


def money_lines(money: Sequence[MoneyContext]) -> list[str]:
    """One plain line per amount: '20.6 billion tenge ≈ $43.1 million at the time (KZT; $40.0 million
    today; publisher: about $38 million)'; a misread amount shows the publisher's figure only."""
    lines = []
    for m in money:
        publisher = f"publisher: {m.publisher_text}" if m.publisher_text else None
        if m.misread:
            lines.append(f"{m.label} ({m.currency}; {publisher})")
            continue
        extra = [m.currency] + ([f"{format_usd(m.usd_today)} today"] if m.usd_today is not None else [])
        if publisher:
            extra.append(publisher)
        lines.append(f"{m.label} ≈ {format_usd(m.usd_at_published)} at the time ({'; '.join(extra)})")
    return lines


def metadata_pairs(story: Story, bookmark: BookmarkInfo | None = None) -> list[tuple[str, str]]:
    """What an exported story shows above its text, as (label, text) pairs."""
    s = story
    pairs = [("Source", s.source_name), ("Published", s.published_at.strftime("%Y-%m-%d %H:%M UTC"))]
    if s.author:
        pairs.append(("Author", s.author))
    if s.url:
        pairs.append(("Original", s.url))
    if s.countries:
        pairs.append(("Countries", ", ".join(s.countries)))
    if s.mentioned_countries:
        pairs.append(("Also mentioned", ", ".join(s.mentioned_countries)))
    if s.sections:
        pairs.append(("Sections", ", ".join(s.sections)))
    if bookmark is not None:
        if bookmark.note:
            pairs.append(("Note", bookmark.note))
        if bookmark.tags:
            pairs.append(("Tags", ", ".join(bookmark.tags)))
    if s.is_sample:
        pairs.append(("Sample", SAMPLE_NOTE))
    return pairs


def money_html(money: Sequence[MoneyContext], published: dt.datetime) -> str:
    """The "Currency context" block: each amount (a range on one row) with its US-dollar value
    then and today, and the publisher's own dollar figure beside ours where the story states one.
    The headers name the date of the rates used ("at the rate of 29 Sep 2026"), which is the
    newest stored on or before the story's date, not the story's date itself."""
    story_day = _day(published.astimezone(dt.UTC).date())
    groups = _rows(money)
    then_days = _rate_days([m.rate_date for m in money if not m.misread and m.usd_at_published is not None])
    now_days = _rate_days([m.today_rate_date for m in money if not m.misread and m.usd_today is not None])
    then_head = "US$ at the time" + (_rate_of(then_days[0]) if len(then_days) == 1 else "")
    now_head = "US$ today" + (_rate_of(now_days[0]) if len(now_days) == 1 else "")
    rows = "".join(
        f"<tr><td>{html.escape(label)}</td>"
        f'<td align="right">{_usd_then(group, len(then_days) > 1)}</td>'
        f'<td align="right">{_usd_today(group, len(now_days) > 1)}</td></tr>'
        for label, group in groups
    )
    notes = [
        f"At stored market rates (exchange-api): the story is of {story_day}, each amount is "
        "valued at the newest rate stored on or before it, and at the newest rate stored. "
        "Dollar amounts are left as written."
    ]
    if any(m.misread for m in money):
        notes.append(
            "Where our reading and the publisher's own dollar figure differ more than tenfold, "
            "only the publisher's figure is shown."
        )
    return (
        '<hr/><div class="money"><p class="money-head">Currency context · added by Steppe Reader, '
        "not part of the story</p>"
        '<table class="money-table" cellspacing="0" cellpadding="3">'
        f'<tr><th align="left">In the story</th><th>{then_head}</th><th>{now_head}</th></tr>{rows}</table>'
        f'<p class="money-note">{" ".join(notes)}</p>'
        "</div>"
    )


def _day(day: dt.date) -> str:
    return day.strftime("%d %b %Y")


def _rate_of(day: str) -> str:
    return f'<br/><span class="rate-date">at the rate of {day}</span>'


def _rate_days(days: Sequence[dt.date | None]) -> list[str]:
    """The distinct rate dates, formatted, oldest first."""
    return [_day(d) for d in sorted({d for d in days if d is not None})]


def _rows(money: Sequence[MoneyContext]) -> list[tuple[str, list[MoneyContext]]]:
    """One row per amount, and one per range ("5 and 6 billion tenge": its two ends together)."""
    rows: list[tuple[str, list[MoneyContext]]] = []
    for m in money:
        if rows and m.range_text and rows[-1][1][-1].range_text == m.range_text and len(rows[-1][1]) == 1:
            rows[-1][1].append(m)
        else:
            rows.append((m.range_text or m.text, [m]))
    return rows


def _usd_then(group: Sequence[MoneyContext], dated: bool = False) -> str:
    texts = [m.publisher_text for m in group if m.publisher_text]
    publisher = f"publisher: {html.escape(' – '.join(texts))}" if texts else ""
    if any(m.misread for m in group):
        return f'<span class="publisher">{publisher}</span>'
    ours = _usd([m.usd_at_published for m in group]) + (_dated(group[0].rate_date) if dated else "")
    return f'{ours} <span class="publisher">({publisher})</span>' if publisher else ours


def _usd_today(group: Sequence[MoneyContext], dated: bool = False) -> str:
    if any(m.misread for m in group):
        return "—"
    return _usd([m.usd_today for m in group]) + (_dated(group[0].today_rate_date) if dated else "")


def _dated(day: dt.date | None) -> str:
    """A cell's own rate date, where the rows' dates differ."""
    return f' <span class="publisher">(rate of {_day(day)})</span>' if day is not None else ""


def _usd(values: Sequence[float | None]) -> str:
    """ "≈ $5.3 million", or a range "≈ $11.2 million – $13.5 million"."""
    if any(v is None for v in values):
        return "no rate stored"
    return "≈ " + html.escape(" – ".join(format_usd(v) for v in values if v is not None))


def _original(story: Story) -> str:
    """The link to the original, only when it is http(s), even from a cache older than that rule;
    empty otherwise."""
    link = web_url(story.url)
    if not link:
        return ""
    e = html.escape
    return f'<p class="original"><a href="{e(link, quote=True)}">Read the original at {e(story.source_name)}</a></p>'


def pane_html(
    story: Story, money: Sequence[MoneyContext] = (), highlight: str = "", *, full: bool = True
) -> str:
    """The article pane's HTML (QTextBrowser's subset; styled by resources/css/article.css). With
    `highlight` (the list's search text), what it matched is marked in the title and body, as
    written there. The body is the full article when there is one and `full`, else the feed's."""
    e = html.escape
    parts: list[str] = []
    if story.is_sample:
        parts.append(f'<p class="sample">Sample story {SAMPLE_NOTE}.</p>')
    parts.append(f"<h1>{highlight_plain(story.title, highlight, story.language)}</h1>")
    body = story.full_html if full and story.full_html else story.content_html
    author = story.author or (story.full_author if body is story.full_html else None)
    byline = [f"By {e(author)}"] if author else []
    byline += [story.published_at.astimezone().strftime("%d %B %Y, %H:%M"), e(story.source_name)]
    parts.append(f'<p class="byline">{" · ".join(byline)}</p>')
    tags = [COUNTRY_NAMES.get(c, c) for c in story.countries] + list(story.sections)
    if tags:
        parts.append(f'<p class="tags">{e(" · ".join(tags))}</p>')
    if story.mentioned_countries:
        also = ", ".join(sorted(COUNTRY_NAMES.get(c, c) for c in story.mentioned_countries))
        parts.append(f'<p class="mentioned">Also mentioned: {e(also)}</p>')
    # Images come from the offline cache.
    parts.append(highlight_story_html(sanitize_html(body), highlight, story.language))
    if money:
        parts.append(money_html(money, story.published_at))
    if original := _original(story):
        parts.append(original)
    return "\n".join(parts)


def document_html(
    story: Story,
    money: Sequence[MoneyContext],
    bookmark: BookmarkInfo | None,
    image_src: ImageSource,
    xhtml: bool = False,
    heading: str = "h1",
) -> str:
    """An exported story (HTML, PDF, EPUB): title, metadata, lead image, body, currency context."""
    s = story
    e = html.escape
    parts = [f'<article class="story" id="story-{s.id}">', f"<{heading}>{e(s.title)}</{heading}>"]
    byline = [f"By {e(s.author)}"] if s.author else []
    byline += [s.published_at.strftime("%d %B %Y"), e(s.source_name)]
    parts.append(f'<p class="byline">{" · ".join(byline)}</p>')
    rows = []
    for label, value in metadata_pairs(s, bookmark):
        value_html = f'<a href="{e(value, quote=True)}">{e(value)}</a>' if label == "Original" else e(value)
        rows.append(f"<tr><th>{e(label)}</th><td>{value_html}</td></tr>")
    parts.append(f'<table class="meta">{"".join(rows)}</table>')
    parts.append(f'<div class="body">{rewrite_images(story_body(s), image_src, xhtml)}</div>')
    lines = money_lines(money)
    if lines:
        items = "".join(f"<li>{e(line)}</li>" for line in lines)
        parts.append(f'<div class="money"><p><strong>Currency context</strong></p><ul>{items}</ul></div>')
    if original := _original(s):
        parts.append(original)
    parts.append("</article>")
    out = "\n".join(parts)
    if xhtml:
        out = out.replace("<br>", "<br />").replace("<hr>", "<hr />")
    return out
