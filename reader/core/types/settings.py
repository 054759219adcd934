"""The one declared table of user settings: name, type, default, allowed values, description.

The window, `steppe settings` and the core read and write settings through these options only,
so a value is checked in one place and a bad one is refused with a sentence saying what fits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from reader.core.errors import InvalidSetting
from reader.core.types.rates import PROVIDER_NAMES, TICKER_CURRENCIES

T = TypeVar("T")
_CODE = re.compile(r"^[A-Z]{3}$")
STORED_PREFIX = "setting."  # an option's key in the cache's meta table is this and its name


@dataclass(frozen=True)
class Option(Generic[T]):
    """One setting. `check` turns a stored or given value into T or raises InvalidSetting."""

    name: str
    default: T
    description: str

    @property
    def kind(self) -> str:
        """What a value looks like, for messages and `steppe settings list`."""
        raise NotImplementedError

    def check(self, value: object) -> T:
        raise NotImplementedError

    def from_stored(self, raw: str | None) -> T:
        """The value of the JSON stored for this option, or the default when none is stored or
        the stored one no longer fits (written by hand or by an older version: not ours to crash on)."""
        if raw is None:
            return self.default
        try:
            return self.check(json.loads(raw))
        except ValueError:  # InvalidSetting is one, and so is bad JSON
            return self.default

    def parse(self, text: str) -> T:
        """A value typed on the command line."""
        raise NotImplementedError

    def show(self, value: T) -> str:
        return str(value)

    def to_json(self, value: T) -> object:
        return value

    def _refuse(self, value: object) -> InvalidSetting:
        return InvalidSetting(f"{self.name} must be {self.kind} (got {value!r})")


@dataclass(frozen=True)
class IntOption(Option[int]):
    minimum: int = 0
    maximum: int = 1_000_000

    @property
    def kind(self) -> str:
        return f"a whole number from {self.minimum} to {self.maximum}"

    def check(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._refuse(value)
        if not self.minimum <= value <= self.maximum:
            raise self._refuse(value)
        return value

    def parse(self, text: str) -> int:
        try:
            number = int(text.strip())
        except ValueError:
            raise self._refuse(text) from None
        return self.check(number)


@dataclass(frozen=True)
class BoolOption(Option[bool]):
    @property
    def kind(self) -> str:
        return "yes or no"

    def check(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise self._refuse(value)
        return value

    def parse(self, text: str) -> bool:
        word = text.strip().lower()
        if word in ("yes", "true", "on", "1"):
            return True
        if word in ("no", "false", "off", "0"):
            return False
        raise self._refuse(text)

    def show(self, value: bool) -> str:
        return "yes" if value else "no"


@dataclass(frozen=True)
class ChoiceOption(Option[str]):
    """One name out of `choices`."""

    choices: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return f"one of {', '.join(self.choices)}"

    def check(self, value: object) -> str:
        if not isinstance(value, str) or value.strip().lower() not in self.choices:
            raise self._refuse(value)
        return value.strip().lower()

    def parse(self, text: str) -> str:
        return self.check(text)


@dataclass(frozen=True)
class ListOption(Option[tuple[str, ...]]):
    """A list of names in order: currency codes (any three letters), or names from `choices`."""

    choices: tuple[str, ...] = ()
    codes: bool = False  # ISO 4217 currency codes, upper-cased
    allow_empty: bool = False

    @property
    def kind(self) -> str:
        if self.choices:
            return f"a comma-separated list of {', '.join(self.choices)}"
        return "a comma-separated list of currency codes (three letters)" if self.codes else "a list"

    def check(self, value: object) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise self._refuse(value)
        items = tuple(
            dict.fromkeys(v.strip().upper() if self.codes else v.strip() for v in value if v.strip())
        )
        if not items and not self.allow_empty:
            raise self._refuse(value)
        wrong = [
            v
            for v in items
            if (self.choices and v not in self.choices) or (self.codes and not _CODE.match(v))
        ]
        if wrong:
            raise self._refuse(", ".join(wrong))
        return items

    def parse(self, text: str) -> tuple[str, ...]:
        return self.check(text.split(","))

    def show(self, value: tuple[str, ...]) -> str:
        return ", ".join(value) or "(none)"

    def to_json(self, value: tuple[str, ...]) -> object:
        return list(value)


@dataclass(frozen=True)
class UrlOption(ListOption):
    """URL templates tried in order; empty means the provider's own."""

    @property
    def kind(self) -> str:
        return "one or more http(s) URL templates, separated by spaces"

    def check(self, value: object) -> tuple[str, ...]:
        if value is None:
            return ()
        items = super().check(value)
        wrong = [u for u in items if not u.startswith(("http://", "https://"))]
        if wrong:
            raise self._refuse(", ".join(wrong))
        return items

    def parse(self, text: str) -> tuple[str, ...]:
        return self.check(text.split())

    def show(self, value: tuple[str, ...]) -> str:
        return " ".join(value) or "(the provider's own)"


SYNC_INTERVAL = IntOption(
    "sync.interval_minutes", 60, "Sync the sources every N minutes while the window is open (0: only on F5)",
    minimum=0, maximum=24 * 60,
)  # fmt: skip
RETENTION_DAYS = IntOption(
    "sync.retention_days", 365,
    "Keep stories for N days (0: forever); bookmarked and sample stories are always kept",
    minimum=0, maximum=100 * 365,
)  # fmt: skip
RATES_INTERVAL = IntOption(
    "rates.refresh_minutes", 60, "Refresh the rates every N minutes while the window is open",
    minimum=5, maximum=24 * 60,
)  # fmt: skip
RATES_PROVIDERS = ListOption(
    "rates.providers", tuple(PROVIDER_NAMES), "The rates providers a refresh asks, in order",
    choices=tuple(PROVIDER_NAMES),
)  # fmt: skip
SIDEBAR_CURRENCIES = ListOption(
    "rates.sidebar_currencies", TICKER_CURRENCIES, "The currencies the rates sidebar lists, in order",
    codes=True,
)  # fmt: skip
SIDEBAR_INVERSE = BoolOption(
    "rates.sidebar_inverse", False, 'Show the sidebar as "1 USD = … units" instead of "CUR/USD = …"'
)
SYNC_NOTIFY = BoolOption("sync.notify", False, "Show a desktop notification when a sync brings new stories")
UI_THEME = ChoiceOption(
    "ui.theme", "system", "The window's colours: follow the system, or always light or dark",
    choices=("system", "light", "dark"),
)  # fmt: skip
UI_LANGUAGE = ChoiceOption(
    "ui.language", "system",
    "The window's language: the system's (Russian or English), or always English (en) or Russian (ru)",
    choices=("system", "en", "ru"),
)  # fmt: skip
_URL_DESCRIPTION = (
    "URL templates replacing {provider}'s own, tried in order ({{date}} is latest or YYYY-MM-DD; "
    "also {{iso}} {{dmy}} {{dmy_slash}} {{dmy_compact}} {{year}})"
)
PROVIDER_URLS: dict[str, UrlOption] = {
    key: UrlOption(f"rates.url.{key}", (), _URL_DESCRIPTION.format(provider=key), allow_empty=True)
    for key in PROVIDER_NAMES
}

OPTIONS: tuple[Option[Any], ...] = (
    SYNC_INTERVAL,
    RETENTION_DAYS,
    RATES_INTERVAL,
    RATES_PROVIDERS,
    SIDEBAR_CURRENCIES,
    SIDEBAR_INVERSE,
    SYNC_NOTIFY,
    UI_THEME,
    UI_LANGUAGE,
    *PROVIDER_URLS.values(),
)


def option_named(name: str) -> Option[Any]:
    """The option called `name`, or InvalidSetting listing the names there are."""
    for option in OPTIONS:
        if option.name == name.strip():
            return option
    raise InvalidSetting(f"No setting named {name!r}; see `steppe settings list`")


__all__: Sequence[str] = (
    "OPTIONS",
    "PROVIDER_URLS",
    "RATES_INTERVAL",
    "RATES_PROVIDERS",
    "RETENTION_DAYS",
    "SIDEBAR_CURRENCIES",
    "SIDEBAR_INVERSE",
    "SYNC_INTERVAL",
    "SYNC_NOTIFY",
    "BoolOption",
    "IntOption",
    "ListOption",
    "Option",
    "UrlOption",
    "option_named",
)
