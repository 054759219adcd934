"""The grammar of an amount of money, read over the tokens of `tokens.tokenize`.

    amount   := prefix value [range-tail] | [opener] value [joiner [prefix] value] suffix
    value    := term (["and"|"и"] term)*          each term of a smaller scale: "2 billion 350 million"
    term     := number [scale] | number-word scale | "half a" scale | "полмиллиарда"
    prefix   := symbol | code                     "$", "US$", "₸", "KZT" (glued or not: "KZT4.1trln")
    suffix   := [adjective] currency-word ["." ] ["США"] | code
    joiner   := "-" | "–" | "to" | "до" (after "от"/"с") | "and" (after "between")

Then what is not money is taken out: exchange rates ("3.5 manats per dollar", "the dollar traded
at 12,900 soums", "$1 cost 12,700 soums"), years that look like a range's head ("in 2023 – 412.5
million manats"), numbered things ("No. 245") and old currencies. Last, a dollar amount stated
right beside another ("20.6 billion tenge (about $38 million)") is kept as the publisher's own
conversion of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reader.core.money import lexicon as lx
from reader.core.money.tokens import Kind, Token, looks_like_year, number_value, tokenize

_AZERBAIJAN = re.compile(r"Azerbaijan|Азербайджан|\bBaku\b|\bБаку\b")
_STRONG_LINKS = frozenset({"(", "[", "or", "или", "equivalent", "equal", "equals", "эквивалентно",
                           "эквивалент", "≈", "~", "i.e", "равно", "составляет"})  # fmt: skip
# Linking words left out of the publisher's figure as shown: "(about $38 million)" shows
# "about $38 million", ", or $58 млрд" shows "$58 млрд".
_STATED_LEAD = frozenset({".", "(", "[", ",", "—", "–", "-", "/", "or", "или", "i.e", "that", "is", "то",
                          "есть", "equivalent", "equal", "to", "эквивалентно", "что", "составляет", "равно"})  # fmt: skip
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset({"тыс", "млн", "млрд", "трлн", "mln", "bln", "mlrd", "trln", "тг", "руб", "долл",
                            "ths", "thsd", "ҳаз"})  # fmt: skip
_WINDOW = 10  # tokens looked at before an amount for the cues of a rate
_UNIT_WINDOW = 5  # …and for the unit it is quoted against: "the dollar was bought at 87.3 soms"
_CLAUSE_JOINERS = frozenset({"and", "but", "while", "whereas", "и", "а", "но", "тогда"})


@dataclass(frozen=True)
class Amount:
    """An amount as the text states it, with its character offsets in that text.

    `stated_usd` is the publisher's own dollar figure for it, when the story gives one right
    beside the amount ("(about $38 million)"); `stated_usd_text` is how it was written."""

    text: str
    currency: str  # ISO 4217
    amount: float
    start: int
    end: int
    stated_usd: float | None = None
    stated_usd_text: str | None = None
    range_text: str | None = None  # both ends of a range carry the whole range: "5 and 6 billion tenge"

    @property
    def is_usd(self) -> bool:
        return self.currency == lx.USD


@dataclass(frozen=True)
class _Term:
    raw: str | None  # the number token's text, None for a number word
    word_value: float  # for number words
    scale: float
    first: int
    last: int


@dataclass(frozen=True)
class _Value:
    terms: tuple[_Term, ...]
    first: int
    last: int

    @property
    def scale(self) -> float:
        return self.terms[0].scale

    @property
    def scaled(self) -> bool:
        return self.terms[0].scale > 1

    def value(self, comma_decimal: bool, inherited_scale: float = 1.0) -> float:
        total = 0.0
        for term in self.terms:
            scaled = term.scale > 1 or inherited_scale > 1
            number = (
                term.word_value
                if term.raw is None
                else number_value(term.raw, scaled=scaled, comma_decimal=comma_decimal)
            )
            total += number * (term.scale if term.scale > 1 else inherited_scale)
        return total


@dataclass(frozen=True)
class _Currency:
    code: str
    first: int
    last: int
    cyrillic_or_uzbek: bool = False


@dataclass
class _Found:
    """One amount before it is turned into an Amount: its tokens, value and group."""

    currency: str
    value: float
    first: int
    last: int
    scale: float
    group: int  # amounts of one range share a group
    head: bool = False  # the lower end of a range
    stated: _Found | None = None
    stated_first: int = 0


class _Reader:
    def __init__(self, text: str, countries: Sequence[str]) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.countries = {c.upper() for c in countries}
        self.azerbaijan = "TM" not in self.countries and bool(_AZERBAIJAN.search(text))
        self.boundaries = self._clause_starts()

    # -- token helpers ---------------------------------------------------------------------

    def tok(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def is_mark(self, i: int, *marks: str) -> bool:
        t = self.tok(i)
        return t is not None and t.kind is Kind.MARK and t.text in marks

    def word(self, i: int) -> str | None:
        t = self.tok(i)
        return t.norm if t is not None and t.kind is Kind.WORD else None

    def _clause_starts(self) -> list[int]:
        """For each token, the index of the first token of its clause (sentence or ";" part)."""
        starts: list[int] = []
        current = 0
        for i, t in enumerate(self.tokens):
            if t.newline:
                current = i
            starts.append(current)
            if t.kind is Kind.MARK and t.text in ".!?;" and self._ends_clause(i):
                current = i + 1
        return starts

    def _ends_clause(self, i: int) -> bool:
        if self.tokens[i].text != ".":
            return True
        nxt = self.tok(i + 1)
        if nxt is None or nxt.newline:
            return True
        prev = self.tok(i - 1)
        if prev is not None and prev.kind is Kind.WORD and prev.norm in _ABBREVIATIONS:
            # "1,5 млрд тг. (около 3 млн долл. США)": an abbreviation's full stop, not a sentence's.
            return nxt.kind is Kind.WORD and nxt.text[:1].isupper() and nxt.norm not in lx.CURRENCY_TAILS
        # "млн. сомов", "тыс.тенге": an abbreviation's full stop before a lower-case word.
        return nxt.spaced and (nxt.text[:1].isupper() or nxt.kind is not Kind.WORD)

    # -- the grammar -----------------------------------------------------------------------

    def scale_at(self, i: int) -> tuple[float, int] | None:
        """(factor, index of its last token) for a scale word at i."""
        t = self.tok(i)
        if t is None or t.kind is not Kind.WORD or t.norm not in lx.SCALES:
            return None
        if t.norm in lx.GLUED_ONLY_SCALES and t.spaced:
            return None
        return lx.SCALES[t.norm], i

    def skip_abbreviation_dot(self, i: int) -> int:
        """The index after an abbreviation's full stop at i ("млн. сомов"), else i."""
        prev = self.tok(i - 1)
        if self.is_mark(i, ".") and prev is not None and prev.kind is Kind.WORD and len(prev.norm) <= 5:
            return i + 1
        return i

    def glued_hyphen(self, i: int) -> bool:
        """A hyphen with no space on either side: "1.5-billion", "trillion-soum"."""
        nxt = self.tok(i + 1)
        return self.is_mark(i, "-") and not self.tokens[i].spaced and nxt is not None and not nxt.spaced

    def skip_spelled_out(self, i: int) -> int:
        """The index after "(два миллиона)", a number spelled out in brackets, else i."""
        if not self.is_mark(i, "("):
            return i
        j = i + 1
        while self.word(j) is not None and (self.word(j) in lx.NUMBER_WORDS or self.word(j) in lx.SCALES):
            j += 1
        return j + 1 if j > i + 1 and self.is_mark(j, ")") else i

    def term_at(self, i: int) -> _Term | None:
        t = self.tok(i)
        if t is None:
            return None
        if t.kind is Kind.NUMBER:
            j = i + 1
            if self.is_mark(j, "-") and self.word(j + 1) in lx.NUMERAL_ENDINGS and not self.tokens[j].spaced:
                j += 2  # "2-х млрд"
            elif self.glued_hyphen(j) and self.word(j + 1) in lx.SCALES:
                j += 1  # "a $1.5-billion plant"
            scale = self.scale_at(j)
            if scale is None:
                return _Term(t.text, 0.0, 1.0, i, i)
            return _Term(t.text, 0.0, scale[0], i, scale[1])
        if t.kind is not Kind.WORD:
            return None
        if t.norm in lx.HALF_SCALES:
            return _Term(None, 0.5, lx.HALF_SCALES[t.norm] * 2, i, i)
        if t.norm == "half" and self.word(i + 1) in ("a", "an"):
            scale = self.scale_at(i + 2)
            return _Term(None, 0.5, scale[0], i, scale[1]) if scale else None
        words = self.number_words_at(i)
        if words is None:
            return None
        value, j = words
        scale = self.scale_at(j)
        if scale is None:
            return None
        return _Term(None, value, scale[0], i, scale[1])

    def number_words_at(self, i: int) -> tuple[float, int] | None:
        """ "two hundred", "one and a half", "сто пятьдесят": (value, index after the words)."""
        word = self.word(i)
        if word is None or word not in lx.NUMBER_WORDS:
            return None
        value, j = lx.NUMBER_WORDS[word], i + 1
        if word in ("a", "an"):
            return (value, j) if self.scale_at(j) is not None else None
        while (nxt := self.word(j)) is not None:
            if nxt == lx.HUNDRED:
                value *= 100
            elif nxt in lx.NUMBER_WORDS and nxt not in ("a", "an") and lx.NUMBER_WORDS[nxt] < value:
                value += lx.NUMBER_WORDS[nxt]
            elif nxt == "and" and self.word(j + 1) in ("a", "an") and self.word(j + 2) == "half":
                value, j = value + 0.5, j + 2
            else:
                break
            j += 1
        return value, j

    def value_at(self, i: int) -> _Value | None:
        first = self.term_at(i)
        if first is None:
            return None
        terms = [first]
        while terms[-1].scale > 1:
            j = self.skip_abbreviation_dot(terms[-1].last + 1)
            if self.word(j) in ("and", "и"):
                j += 1
            nxt = self.term_at(j)
            if nxt is None or nxt.raw is None or not (1 < nxt.scale < terms[-1].scale):
                break
            terms.append(nxt)
        return _Value(tuple(terms), terms[0].first, terms[-1].last)

    def prefix_at(self, i: int) -> _Currency | None:
        t = self.tok(i)
        if t is None:
            return None
        if t.kind is Kind.SYMBOL:
            return _Currency(lx.SYMBOLS[t.norm], i, i)
        if t.kind is Kind.WORD and t.text in lx.CODES:
            return _Currency(t.text, i, i)
        return None

    def suffix_at(self, i: int) -> tuple[_Currency, str | None] | None:
        """The currency after a value, and the hint of an adjective before it ("Uzbek som")."""
        i = self.skip_abbreviation_dot(i)
        i = self.skip_spelled_out(i)
        if self.glued_hyphen(i) and self.word(i + 1) in lx.CURRENCY_WORDS:
            i += 1  # "a 3.5-trillion-soum programme"
        hint: str | None = None
        t = self.tok(i)
        if t is not None and t.kind is Kind.SYMBOL and t.norm in ("$", "€", "₸", "₽"):
            return _Currency(lx.SYMBOLS[t.norm], i, i), None
        start = i
        for _ in range(2):
            word = self.word(i)
            if word in lx.OLD_CURRENCY:
                return None
            if word is not None and word in lx.ADJECTIVES and word not in lx.CURRENCY_WORDS:
                hint = lx.ADJECTIVES[word] or hint
                i += 1
                if self.is_mark(i, ".") and word == "u.s":
                    i += 1
        t = self.tok(i)
        if t is None or t.kind is not Kind.WORD:
            return None
        if t.text in lx.CODES:
            return _Currency(t.text, start, i), hint
        cw = lx.CURRENCY_WORDS.get(t.norm)
        if cw is None:
            return None
        last = i
        if (
            self.is_mark(i + 1, ".")
            and t.norm in ("руб", "долл", "тг")
            and self.word(i + 2) in lx.CURRENCY_TAILS
        ):
            last = i + 2
        elif self.word(i + 1) in ("сша",):
            last = i + 1
        code = self.resolve(cw, hint)
        uzbek = t.cyrillic or t.norm.startswith("so'm")
        return _Currency(code, start, last, uzbek), hint

    def resolve(self, cw: lx.CurrencyWord, hint: str | None) -> str:
        if cw.currency in ("KGS", "UZS") and hint in ("KGS", "UZS"):
            return hint
        if cw.currency == "TMT" and (hint == "AZN" or (hint is None and self.azerbaijan)):
            return "AZN"
        if not cw.ambiguous:
            return cw.currency
        kyrgyz, uzbek = "KG" in self.countries, "UZ" in self.countries
        if kyrgyz != uzbek:  # the story's one country decides: "soums" in Bishkek are soms
            return "KGS" if kyrgyz else "UZS"
        return cw.currency

    def comma_decimal(self, first: int, last: int, currency: _Currency | None) -> bool:
        """Russian or Uzbek: a comma is a decimal comma there ("3,25 млрд сомов")."""
        if currency is not None and currency.cyrillic_or_uzbek:
            return True
        for k in range(first, min(last + 1, len(self.tokens))):
            t = self.tokens[k]
            if t.kind is Kind.WORD and (t.cyrillic or t.norm in lx.COMMA_DECIMAL_SCALES):
                return True
        before = [t for t in self.tokens[max(0, first - 8) : first] if t.kind is Kind.WORD]
        return bool(before) and sum(t.cyrillic for t in before) * 2 > len(before)

    def is_joiner(self, i: int, opener: str | None) -> bool:
        t = self.tok(i)
        if t is None:
            return False
        if t.kind is Kind.MARK:
            return t.text in ("-", "–", "—", "‒", "−", "…")
        if t.norm == "to":
            return True
        if t.norm == "до":
            return opener in ("от", "с", "со")
        if t.norm in ("and", "и"):
            return opener in ("between", "между")
        return False

    def year_like(self, value: _Value) -> bool:
        """A four-digit year standing where a range's head would be: "in 2023 – 412.5 million"."""
        term = value.terms[0]
        if value.scaled or term.raw is None or not looks_like_year(term.raw):
            return False
        return self.word(value.first - 1) in lx.YEAR_CONTEXT or self.word(value.last + 1) in lx.YEAR_CONTEXT

    def numbered(self, first: int) -> bool:
        """ "No. 245", "№ 12", "Article 174": a number that names a thing."""
        k = first - 1
        if self.is_mark(k, "."):
            k -= 1
        t = self.tok(k)
        return t is not None and (t.norm in lx.NUMBER_SIGNS or t.text in lx.NUMBER_SIGNS)

    def amounts_at(self, i: int, group: int) -> tuple[list[_Found], int] | None:
        """The amounts starting at token i (two for a range), and the index after them."""
        opener = self.word(i) if self.word(i) in lx.RANGE_OPENERS else None
        start = i + 1 if opener else i
        prefix = self.prefix_at(start)
        head = self.value_at(prefix.last + 1 if prefix else start)
        if head is None or self.numbered(head.first):
            return None
        after_head = self.skip_abbreviation_dot(head.last + 1) if head.scaled else head.last + 1
        if self.is_joiner(after_head, opener) and not self.is_mark(after_head + 1, "%"):
            tail_prefix = self.prefix_at(after_head + 1)
            tail = self.value_at(tail_prefix.last + 1 if tail_prefix else after_head + 1)
            if tail is not None:
                suffix = None if (prefix or tail_prefix) else self.suffix_at(tail.last + 1)
                currency = prefix or tail_prefix or (suffix[0] if suffix else None)
                found = self._range(head, tail, prefix, tail_prefix, currency, opener, group)
                if found is not None:
                    end = suffix[0].last + 1 if suffix else tail.last + 1
                    return found, end
        if prefix is not None:
            if opener and self.word(i) in ("a", "an"):
                return None
            first = prefix.first
            value = head.value(self.comma_decimal(first, head.last + 2, None))
            return [_Found(prefix.code, value, first, head.last, head.scale, group)], head.last + 1
        suffix = self.suffix_at(head.last + 1)
        if suffix is None:
            return None
        currency = suffix[0]
        if not head.scaled and self.year_like(head) and self.word(head.first - 1) in lx.YEAR_CONTEXT:
            return None  # "in 2024 tenge deposits…"
        value = head.value(self.comma_decimal(head.first, currency.last, currency))
        return [_Found(currency.code, value, head.first, currency.last, head.scale, group)], currency.last + 1

    def _range(
        self,
        head: _Value,
        tail: _Value,
        prefix: _Currency | None,
        tail_prefix: _Currency | None,
        currency: _Currency | None,
        opener: str | None,
        group: int,
    ) -> list[_Found] | None:
        if currency is None or self.year_like(head):
            return None
        last = currency.last if currency.last > tail.last else tail.last
        decimal = self.comma_decimal(head.first, last, currency)
        inherited = 1.0 if head.scaled else tail.scale
        low = head.value(decimal, inherited)
        high = tail.value(decimal)
        descending_ok = opener in ("from", "от", "с", "со")
        if high <= 0 or (low > high and not descending_ok) or low > high * 100:
            return None
        head_first = prefix.first if prefix else head.first
        tail_first = tail_prefix.first if tail_prefix else tail.first
        tail_last = currency.last if currency is not prefix and currency is not tail_prefix else tail.last
        return [
            _Found(
                currency.code,
                low,
                head_first,
                head.last,
                head.scale if head.scaled else tail.scale,
                group,
                True,
            ),
            _Found(currency.code, high, tail_first, tail_last, tail.scale, group),
        ]

    # -- what is not money --------------------------------------------------------------------

    def rate_after(self, found: _Found) -> bool:
        """ "87 сомов за доллар", "3.5 manats per US dollar", "1.1 soms for a rouble"."""
        i = found.last + 1
        if self.is_mark(i, ","):
            i += 1
        t = self.tok(i)
        if t is None or not (t.norm in lx.RATE_LINKS or t.text in lx.RATE_LINKS):
            return False
        i += 1
        for _ in range(3):
            if self.word(i) in lx.RATE_UNIT_FILLERS or (
                self.tok(i) is not None and self.tokens[i].text == "1"
            ):
                i += 1
        return self._foreign_unit(i, found.currency)

    def _foreign_unit(self, i: int, currency: str) -> bool:
        t = self.tok(i)
        if t is None:
            return False
        if t.kind is Kind.SYMBOL:
            nxt = self.tok(i + 1)
            unit = lx.SYMBOLS[t.norm]
            return _family(unit) != _family(currency) and (
                nxt is None or nxt.kind is not Kind.NUMBER or nxt.text == "1"
            )
        if t.kind is not Kind.WORD:
            return False
        code = t.text if t.text in lx.CODES else None
        if code is None and t.norm in lx.CURRENCY_WORDS:
            code = lx.CURRENCY_WORDS[t.norm].currency
        return code is not None and _family(code) != _family(currency)

    def rate_before(self, found: _Found, floor: int) -> bool:
        """The clause before names the rate ("курс доллара составил 470,5 тенге", "the official
        rate was 3.5 manats") or, just before, a unit of a major currency that the local one is
        quoted against ("the dollar traded at 12,900 soums", "One dollar equals 10.9 somoni")."""
        if found.scale >= 1e6 or found.currency == lx.USD:
            return False  # no exchange rate is stated in millions, nor quoted in dollars here
        start = max(self.boundaries[found.first], floor, found.first - _WINDOW)
        for k in range(start, found.first):
            t = self.tokens[k]
            if (
                t.kind is Kind.WORD
                and t.norm in lx.RATE_CUES
                and self.word(k - 1) not in lx.RATE_CUE_BLOCKERS
            ):
                return True
        for k in range(found.first - 1, max(start, found.first - _UNIT_WINDOW) - 1, -1):
            t = self.tokens[k]
            if t.text == "," or t.norm in _CLAUSE_JOINERS:
                break
            unit = lx.SINGULAR_UNITS.get(t.norm) if t.kind is Kind.WORD else None
            if t.kind is Kind.WORD and t.text in lx.CODES:
                unit = t.text
            if unit in lx.QUOTE_UNITS and _family(unit) != _family(found.currency):
                return True
        return False

    def unit_of_rate(self, previous: _Found, found: _Found) -> bool:
        """ "$1 cost 12,700 soums", "1 USD = 12 650 сум": one unit of a currency, then its price."""
        return (
            previous.value == 1
            and previous.scale == 1
            and _family(previous.currency) != _family(found.currency)
            and found.first - previous.last <= 5
            and self.boundaries[found.first] <= previous.first
        )

    def old_currency(self, found: _Found) -> bool:
        return self.word(found.first - 1) in lx.OLD_CURRENCY

    # -- the publisher's own conversion -------------------------------------------------------

    def stated_link(self, a: _Found, b: _Found) -> bool:
        """Only linking words stand between a and b: "(about", ", or", ", equivalent to"."""
        gap = self.tokens[a.last + 1 : b.first]
        if gap and gap[0].text == "." and self.tokens[a.last].norm in _ABBREVIATIONS:
            gap = gap[1:]  # "1,5 млрд тг. (около 3 млн долл. США)"
        if len(gap) > 8 or self.boundaries[b.first] > a.first:
            return False
        strong = False
        for t in gap:
            key = t.text if t.kind is not Kind.WORD else t.norm
            if key not in lx.STATED_LINKERS:
                return False
            strong = strong or key in _STRONG_LINKS
        return strong

    # -- all of it ----------------------------------------------------------------------------

    def read(self) -> list[Amount]:
        found: list[_Found] = []
        i = 0
        group = 0
        floor = 0
        n = len(self.tokens)
        while i < n:
            t = self.tokens[i]
            if t.kind not in (Kind.NUMBER, Kind.SYMBOL, Kind.WORD):
                i += 1
                continue
            parsed = self.amounts_at(i, group)
            if parsed is None:
                i += 1
                continue
            items, end = parsed
            group += 1
            previous = found[-1] if found else None
            rate = any(self.rate_after(f) or self.rate_before(f, floor) for f in items)
            if not rate and previous is not None and self.unit_of_rate(previous, items[0]):
                found.pop()  # the unit goes with its price
                rate = True
            if not rate and not any(self.old_currency(f) for f in items):
                found.extend(items)
            floor = end
            i = end
        self._link_stated(found)
        ranges: dict[int, tuple[int, int]] = {}
        for f in found:
            first, last = ranges.get(f.group, (f.first, f.last))
            ranges[f.group] = (min(first, f.first), max(last, f.last))
        amounts = []
        for f in found:
            amount = self._amount(f)
            first, last = ranges[f.group]
            if (first, last) != (f.first, f.last):
                start, end = self.tokens[first].start, self.tokens[last].end
                amount = replace(amount, range_text=self.text[start:end])
            amounts.append(amount)
        return amounts

    def _link_stated(self, found: list[_Found]) -> None:
        for k in range(len(found) - 1):
            a, b = found[k], found[k + 1]
            if (a.currency == lx.USD) != (b.currency == lx.USD) and self.stated_link(a, b):
                local, usd = (b, a) if a.currency == lx.USD else (a, b)
                if local.stated is None:
                    local.stated = usd
                    local.stated_first = a.last + 1 if usd is b else usd.first
        # Ranges: "5-6 billion tenge ($10-12 million)" pairs the heads and the tails.
        for k in range(len(found) - 3):
            lo, hi, usd_lo, usd_hi = found[k : k + 4]
            if (
                lo.head
                and usd_lo.head
                and lo.group == hi.group
                and usd_lo.group == usd_hi.group
                and hi.stated is usd_lo
            ):
                lo.stated, hi.stated = usd_lo, usd_hi
                lo.stated_first = hi.stated_first
                hi.stated_first = usd_hi.first

    def _amount(self, f: _Found) -> Amount:
        start, end = self.tokens[f.first].start, self.tokens[f.last].end
        amount = Amount(self.text[start:end], f.currency, f.value, start, end)
        if f.stated is not None:
            first = f.stated_first
            while first < f.stated.first and self.tokens[first].norm in _STATED_LEAD:
                first += 1
            s_start, s_end = self.tokens[first].start, self.tokens[f.stated.last].end
            amount = replace(amount, stated_usd=f.stated.value, stated_usd_text=self.text[s_start:s_end])
        return amount


def _family(code: str) -> str:
    return "SOM" if code in ("KGS", "UZS") else code


def find_amounts(text: str, countries: Sequence[str] = ()) -> list[Amount]:
    """Every amount of money in `text`, in order, dollars included; `countries` (ISO codes, the
    story's own) resolve the English som/soum spellings."""
    return _Reader(text, countries).read()
