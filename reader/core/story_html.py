"""The one rendering of a story: the article pane, `steppe show` and every export use it.

A story is its title, a byline, its tags or metadata, its body (sanitised again here, since this
is where it would hurt), the currency context added beside it (never into it) and the link to
the original. The pane and the exported documents differ only in what surrounds that.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence

from reader.core.pane_words import SAMPLE_NOTE, PaneWords
from reader.core.search.service import highlight_plain, highlight_story_html
from reader.core.types import BookmarkInfo, MoneyContext, Story, format_usd

# Given an image URL, the src to use, or None to leave the image out (an export: its alt text).
ImageSource = Callable[[str], str | None]


ENGLISH = PaneWords()


def _fill(template: str, value: str) -> str:
    return template.replace("%1", value)


def story_body(story: Story) -> str:
    """The sanitised body, with the lead image first when the body does not show it."""
    from reader.core.html import sanitize_html  # nh3: loaded with the first story, off the GUI thread

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


def money_html(money: Sequence[MoneyContext], published: dt.datetime, w: PaneWords = ENGLISH) -> str:
    """The "Currency context" block: each amount (a range on one row) with its US-dollar value
    then and today, and the publisher's own dollar figure beside ours where the story states one.
    The headers name the date of the rates used ("at the rate of 29 Sep 2026"), which is the
    newest stored on or before the story's date, not the story's date itself."""
    e = html.escape
    story_day = w.day(published.astimezone(dt.UTC).date())
    groups = _rows(money)
    then_days = _rate_days(
        [m.rate_date for m in money if not m.misread and m.usd_at_published is not None], w
    )
    now_days = _rate_days([m.today_rate_date for m in money if not m.misread and m.usd_today is not None], w)
    then_head = e(w.usd_then) + (_rate_of(then_days[0], w) if len(then_days) == 1 else "")
    now_head = e(w.usd_today) + (_rate_of(now_days[0], w) if len(now_days) == 1 else "")
    rows = "".join(
        f"<tr><td>{e(label)}</td>"
        f'<td align="right">{_usd_then(group, w, len(then_days) > 1)}</td>'
        f'<td align="right">{_usd_today(group, w, len(now_days) > 1)}</td></tr>'
        for label, group in groups
    )
    notes = [_fill(w.rates_note, story_day)]
    if any(m.misread for m in money):
        notes.append(w.misread_note)
    return (
        f'<hr/><div class="money"><p class="money-head">{e(w.money_head)}</p>'
        '<table class="money-table" cellspacing="0" cellpadding="3">'
        f'<tr><th align="left">{e(w.in_story)}</th><th>{then_head}</th><th>{now_head}</th></tr>{rows}</table>'
        f'<p class="money-note">{e(" ".join(notes), quote=False)}</p>'
        "</div>"
    )


def _rate_of(day: str, w: PaneWords) -> str:
    return f'<br/><span class="rate-date">{html.escape(_fill(w.rate_of, day))}</span>'


def _rate_days(days: Sequence[dt.date | None], w: PaneWords) -> list[str]:
    """The distinct rate dates, formatted, oldest first."""
    return [w.day(d) for d in sorted({d for d in days if d is not None})]


def _rows(money: Sequence[MoneyContext]) -> list[tuple[str, list[MoneyContext]]]:
    """One row per amount, and one per range ("5 and 6 billion tenge": its two ends together)."""
    rows: list[tuple[str, list[MoneyContext]]] = []
    for m in money:
        if rows and m.range_text and rows[-1][1][-1].range_text == m.range_text and len(rows[-1][1]) == 1:
            rows[-1][1].append(m)
        else:
            rows.append((m.range_text or m.text, [m]))
    return rows


def _usd_then(group: Sequence[MoneyContext], w: PaneWords, dated: bool = False) -> str:
    texts = [m.publisher_text for m in group if m.publisher_text]
    publisher = html.escape(_fill(w.publisher, " – ".join(texts))) if texts else ""
    if any(m.misread for m in group):
        return f'<span class="publisher">{publisher}</span>'
    ours = _usd([m.usd_at_published for m in group], w) + (_dated(group[0].rate_date, w) if dated else "")
    return f'{ours} <span class="publisher">({publisher})</span>' if publisher else ours


def _usd_today(group: Sequence[MoneyContext], w: PaneWords, dated: bool = False) -> str:
    if any(m.misread for m in group):
        return "—"
    return _usd([m.usd_today for m in group], w) + (_dated(group[0].today_rate_date, w) if dated else "")


def _dated(day: dt.date | None, w: PaneWords) -> str:
    """A cell's own rate date, where the rows' dates differ."""
    if day is None:
        return ""
    return f' <span class="publisher">{html.escape(_fill(w.cell_rate_of, w.day(day)))}</span>'


def _usd(values: Sequence[float | None], w: PaneWords) -> str:
    """ "≈ $5.3 million", or a range "≈ $11.2 million – $13.5 million"."""
    if any(v is None for v in values):
        return html.escape(w.no_rate)
    return "≈ " + html.escape(" – ".join(w.usd(v) for v in values if v is not None))


def _original(story: Story, w: PaneWords = ENGLISH) -> str:
    """The link to the original, only when it is http(s), even from a cache older than that rule;
    empty otherwise."""
    from reader.core.text import web_url

    link = web_url(story.url)
    if not link:
        return ""
    e = html.escape
    text = e(_fill(w.original, story.source_name))
    return f'<p class="original"><a href="{e(link, quote=True)}">{text}</a></p>'


def pane_html(
    story: Story,
    money: Sequence[MoneyContext] = (),
    highlight: str = "",
    *,
    full: bool = True,
    words: PaneWords = ENGLISH,
) -> str:
    """The article pane's HTML (QTextBrowser's subset; styled by resources/css/article.css). With
    `highlight` (the list's search text), what it matched is marked in the title and body, as
    written there. The body is the full article when there is one and `full`, else the feed's.
    What it says around the story is in `words`' language; the story's own text is as written."""
    e = html.escape
    w = words
    parts: list[str] = []
    if story.is_sample:
        parts.append(f'<p class="sample">{e(w.sample)}</p>')
    parts.append(f"<h1>{highlight_plain(story.title, highlight, story.language)}</h1>")
    body = story.full_html if full and story.full_html else story.content_html
    author = story.author or (story.full_author if body is story.full_html else None)
    byline = [e(_fill(w.by, author))] if author else []
    byline += [e(w.stamp(story.published_at)), e(story.source_name)]
    parts.append(f'<p class="byline">{" · ".join(byline)}</p>')
    tags = [w.country(c) for c in story.countries] + [w.section(name) for name in story.sections]
    if tags:
        parts.append(f'<p class="tags">{e(" · ".join(tags))}</p>')
    if story.mentioned_countries:
        also = ", ".join(sorted(w.country(c) for c in story.mentioned_countries))
        parts.append(f'<p class="mentioned">{e(_fill(w.also_mentioned, also))}</p>')
    # Images come from the offline cache.
    from reader.core.html import sanitize_html

    parts.append(highlight_story_html(sanitize_html(body), highlight, story.language))
    if money:
        parts.append(money_html(money, story.published_at, w))
    if original := _original(story, w):
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
    from reader.core.html import rewrite_images

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
