"""Marking what a search matched, in the text as it is written: snippets for the list, and the
article's HTML for the reading pane. The words are read as the index reads them (textnorm), so
`инфляция` marks "инфляции", `Bishkek` marks "Бишкек" and `Oʻzbekiston` marks "O‘zbekiston"."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from html.parser import HTMLParser

from reader.core import textnorm
from reader.core.search.index import name_keys
from reader.core.search.query import Matcher

SNIPPET_WORDS = 14
HIT_OPEN, HIT_CLOSE = "<b>", "</b>"
HIT_BACKGROUND = "#ffe58a"  # the article pane finds its hits by this colour (ArticleView.hit_positions)
MARK_OPEN = f'<span class="hit" style="background-color: {HIT_BACKGROUND}; color: #1a1a1a;">'
MARK_CLOSE = "</span>"


class _Scanner:
    """Reads a text's words lazily and tells which ones the query matched."""

    def __init__(self, text: str, matcher: Matcher, language: str | None) -> None:
        self.text, self.matcher, self.language = text, matcher, language
        self.words: list[textnorm.Token] = []
        self.hits: list[bool] = []
        self._stems: list[str] = []
        self._source = textnorm.tokens(text)
        self._unstemmed = textnorm.is_unstemmed(language)
        self._longest = max((len(s) for s in matcher.sequences), default=1)
        # Sequences by what their first word may be (its normal form or its stem).
        self._starts: dict[str, list[tuple[tuple[str, str], ...]]] = {}
        for sequence in matcher.sequences:
            norm, stem = sequence[0]
            self._starts.setdefault(norm, []).append(sequence)
            if stem != norm:
                self._starts.setdefault(stem, []).append(sequence)
        self._done = False

    def more(self, count: int = 16) -> bool:
        """Read up to `count` more words; False when there were none left."""
        if self._done:
            return False
        before = len(self.words)
        for token in self._source:
            self.words.append(token)
            self._stems.append(token.norm if self._unstemmed else textnorm.stem(token.norm))
            self.hits.append(False)
            if len(self.words) - before >= count:
                return True
        self._done = True
        return len(self.words) > before

    def scan(self, until_hits: int | None = None, then_words: int = 0) -> None:
        """Mark the hits word by word; with `until_hits`, stop `then_words` words after that many."""
        found = 0
        stop_at: int | None = None
        i = 0
        while True:
            while i + self._longest > len(self.words) and self.more():
                pass
            if i >= len(self.words) or (stop_at is not None and i > stop_at):
                return
            if self._single(i):
                self.hits[i] = True
            if self._starts:
                word, stem = self.words[i].norm, self._stems[i]
                for sequence in {*self._starts.get(word, ()), *self._starts.get(stem, ())}:
                    self._sequence(i, sequence)
            if self.hits[i]:
                found += 1
                if until_hits is not None and found >= until_hits and stop_at is None:
                    stop_at = i + then_words
            i += 1

    def _single(self, i: int) -> bool:
        word, matcher = self.words[i], self.matcher
        norm = word.norm
        if norm in matcher.exact or self._stems[i] in matcher.stems:
            return True
        if matcher.prefixes and any(norm.startswith(p) for p in matcher.prefixes):
            return True
        return bool(
            matcher.keys and self.text[word.start].isupper() and not matcher.keys.isdisjoint(name_keys(norm))
        )

    def _sequence(self, i: int, sequence: tuple[tuple[str, str], ...]) -> None:
        n = len(sequence)
        if i + n > len(self.words):
            return
        if all(
            self.words[i + k].norm == norm or self._stems[i + k] == stem
            for k, (norm, stem) in enumerate(sequence)
        ):
            for k in range(n):
                self.hits[i + k] = True

    def spans(self) -> list[tuple[int, int]]:
        return _merged(
            [(w.start, w.end) for w, hit in zip(self.words, self.hits, strict=True) if hit], self.text
        )


def _merged(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Adjacent matched words separated only by a space or a hyphen become one mark."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and text[out[-1][1] : start] in (" ", "-", "\u00a0"):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def matches(text: str, matcher: Matcher, language: str | None = None) -> list[tuple[int, int]]:
    """[start, end) of every word (or run of words) of `text` the query matched, in order."""
    scanner = _Scanner(text, matcher, language)
    scanner.scan()
    return scanner.spans()


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
    """A passage of about `words` words around the first matches, as HTML with the matches in
    <b></b> and "…" where it was cut; None when nothing in `text` matched. The text is read only
    as far as the passage, so a long story costs no more than a short one."""
    candidate = _first_candidate(text, matcher)
    scanner: _Scanner | None = None
    offset = 0
    if candidate:  # start a little before the first place a match can be: most of a story is skipped
        offset = text.rfind(" ", 0, max(0, candidate - 120)) + 1
        scanner = _Scanner(text[offset:], matcher, language)
        scanner.scan(until_hits=1, then_words=words)
        if not any(scanner.hits):
            scanner = None
    if scanner is None:
        offset = 0
        scanner = _Scanner(text, matcher, language)
        scanner.scan(until_hits=1, then_words=words)
    hit_index = [i for i, hit in enumerate(scanner.hits) if hit]
    if not hit_index:
        return None
    text = scanner.text
    tokens = scanner.words
    first = max(0, hit_index[0] - 2)
    last = min(len(tokens), first + words) - 1
    if last - first + 1 < words and first > 0:  # near the end: take the words before instead
        first = max(0, last - words + 1)
    begin, end = tokens[first].start, tokens[last].end
    shown = [(s - begin, e - begin) for s, e in scanner.spans() if s >= begin and e <= end]
    body = mark_text(text[begin:end].replace("\n", " "), shown, HIT_OPEN, HIT_CLOSE)
    cut = last < len(tokens) - 1 or scanner.more(1)
    return ("…" if first > 0 or offset > 0 else "") + body + ("…" if cut else "")


# In a needle, е also matches ё and the apostrophe any apostrophe-like character, so the text
# itself need not be normalised first.
_NEEDLE_CHARS = {"е": "[её]", textnorm.APOSTROPHE: f"[{re.escape(textnorm.APOSTROPHE_LIKE)}]"}


def _first_candidate(text: str, matcher: Matcher) -> int | None:
    """Where the first match can start, found cheaply: the query's forms as substrings of the
    lower-cased text, or a capitalised word with one of its name keys. None: not found this way
    (a match through folded diacritics, say): the caller reads the text word by word."""
    found: list[int] = []
    needles = _needles(
        frozenset(
            matcher.exact
            | matcher.stems
            | matcher.prefixes
            | {s[0][k] for s in matcher.sequences for k in (0, 1)}
        )
    )
    if needles is not None and (hit := needles.search(text.lower())):
        found.append(hit.start())
    if matcher.keys:
        limit = found[0] if found else len(text)
        for match in textnorm.iter_words(text, limit):
            written = match.group()
            if written[0].isupper() and any(
                not matcher.keys.isdisjoint(name_keys(form)) for form in textnorm.word_forms(written)
            ):
                found.append(match.start())
                break
    return min(found) if found else None


@functools.lru_cache(maxsize=256)
def _needles(forms: frozenset[str]) -> re.Pattern[str] | None:
    usable = sorted((f for f in forms if f), key=len, reverse=True)
    if not usable:
        return None
    return re.compile("|".join("".join(_NEEDLE_CHARS.get(c) or re.escape(c) for c in f) for f in usable))


def opening(text: str, words: int = SNIPPET_WORDS) -> str:
    """The first `words` words of `text`, HTML-escaped (a snippet when only the tags matched)."""
    tokens = list(textnorm.tokens(text))
    if not tokens:
        return ""
    last = tokens[min(words, len(tokens)) - 1]
    return html.escape(text[: last.end].replace("\n", " "), quote=False) + (
        "…" if len(tokens) > words else ""
    )


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
