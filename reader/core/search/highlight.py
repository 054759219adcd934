"""Marking what a search matched, in the text as it is written: snippets for the list, and the
article's HTML for the reading pane. The words are read as the index reads them (textnorm), so
`инфляция` marks "инфляции", `Bishkek` marks "Бишкек" and `Oʻzbekiston` marks "O‘zbekiston"."""

from __future__ import annotations

import html
from collections.abc import Sequence
from html.parser import HTMLParser

from reader.core import textnorm
from reader.core.search.index import name_keys
from reader.core.search.query import Matcher

SNIPPET_WORDS = 14
HIT_OPEN, HIT_CLOSE = "<b>", "</b>"
MARK_OPEN = '<span class="hit" style="background-color: #ffe58a; color: #1a1a1a;">'
MARK_CLOSE = "</span>"


def matches(text: str, matcher: Matcher, language: str | None = None) -> list[tuple[int, int]]:
    """[start, end) of every word of `text` the query matched, in order."""
    words = list(textnorm.tokens(text))
    hit = [False] * len(words)
    stems = [textnorm.stem(w.norm, language) for w in words]
    for i, word in enumerate(words):
        norm = word.norm
        if (
            norm in matcher.exact
            or stems[i] in matcher.stems
            or (matcher.prefixes and any(norm.startswith(p) for p in matcher.prefixes))
            or (matcher.keys and text[word.start].isupper() and not matcher.keys.isdisjoint(name_keys(norm)))
        ):
            hit[i] = True
    for sequence in matcher.sequences:
        n = len(sequence)
        for i in range(len(words) - n + 1):
            if all(
                words[i + k].norm == norm or stems[i + k] == stem for k, (norm, stem) in enumerate(sequence)
            ):
                for k in range(n):
                    hit[i + k] = True
    return [(w.start, w.end) for w, h in zip(words, hit, strict=True) if h]


def mark_text(
    text: str, spans: Sequence[tuple[int, int]], open_tag: str = MARK_OPEN, close_tag: str = MARK_CLOSE
) -> str:
    """`text` HTML-escaped, with each span wrapped in the tags."""
    out: list[str] = []
    at = 0
    for start, end in spans:
        out.append(html.escape(text[at:start], quote=False))
        out.append(open_tag + html.escape(text[start:end], quote=False) + close_tag)
        at = end
    out.append(html.escape(text[at:], quote=False))
    return "".join(out)


def snippet(
    text: str, matcher: Matcher, language: str | None = None, words: int = SNIPPET_WORDS
) -> str | None:
    """The passage of about `words` words with the most matched words, as HTML with the matches
    in <b></b> and "…" where it was cut; None when nothing in `text` matched."""
    spans = matches(text, matcher, language)
    if not spans:
        return None
    tokens = list(textnorm.tokens(text))
    starts = [t.start for t in tokens]
    hit_index = [i for i, t in enumerate(tokens) if (t.start, t.end) in set(spans)]
    best, best_score = 0, (-1, -1)
    for i in hit_index:
        first = max(0, min(i - 2, len(tokens) - words))
        inside = [tokens[j].norm for j in hit_index if first <= j < first + words]
        score = (len(set(inside)), len(inside))
        if score > best_score:
            best, best_score = first, score
    last = min(len(tokens), best + words) - 1
    begin, end = starts[best], tokens[last].end
    shown = [(s - begin, e - begin) for s, e in spans if s >= begin and e <= end]
    body = mark_text(text[begin:end], shown, HIT_OPEN, HIT_CLOSE)
    return ("…" if best > 0 else "") + body + ("…" if last < len(tokens) - 1 else "")


def opening(text: str, words: int = SNIPPET_WORDS) -> str:
    """The first `words` words of `text`, HTML-escaped (a snippet when only the tags matched)."""
    tokens = list(textnorm.tokens(text))
    if not tokens:
        return ""
    last = tokens[min(words, len(tokens)) - 1]
    return html.escape(text[: last.end], quote=False) + ("…" if len(tokens) > words else "")


class _Marker(HTMLParser):
    def __init__(self, matcher: Matcher, language: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.matcher, self.language = matcher, language
        self.out: list[str] = []
        self._skip = 0  # inside <script>/<style> (never there after sanitising, but cheap to respect)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in ("script", "style"):
            self._skip += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            self.out.append(data)
        else:
            self.out.append(mark_text(data, matches(data, self.matcher, self.language)))


def highlight_html(markup: str, matcher: Matcher, language: str | None = None) -> str:
    """Sanitised HTML with every matched word wrapped in a highlighting span; tags untouched."""
    marker = _Marker(matcher, language)
    marker.feed(markup)
    marker.close()
    return "".join(marker.out)
