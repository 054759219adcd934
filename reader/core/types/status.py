"""The cache's one status: when stories were last synced, the rates' date and last check, and
whether the last attempts reached anything. The window's status bar, its dialogs and `steppe
status` all say it with these same sentences (Library.status())."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reader.core.types.rates import provider_name


def _when(moment: dt.datetime) -> str:
    """A moment in local time: "02 Dec 18:40"."""
    return moment.astimezone().strftime("%d %b %H:%M")


@dataclass(frozen=True)
class LibraryStatus:
    last_sync_at: dt.datetime | None  # the newest successful fetch of a source (not the seed)
    last_sync_attempt_at: dt.datetime | None  # the newest fetch tried, whatever came of it
    sync_offline: bool  # at their last try, every enabled source failed: nothing could be reached
    rates_as_of: dt.date | None  # the market series' newest date
    rates_provider: str | None  # the market provider's key
    rates_checked_at: dt.datetime | None  # its last successful fetch
    rates_attempt_at: dt.datetime | None  # its last try
    rates_offline: bool  # its last try failed

    @property
    def offline(self) -> bool:
        """Neither the sources nor the rates could be reached at their last try."""
        return self.sync_offline and self.rates_offline

    def sync_text(self) -> str:
        """ "Last sync 02 Dec 18:40", "Offline since 02 Dec 19:02 · last sync 02 Dec 18:40",
        "Not synced yet"."""
        last, tried = self.last_sync_at, self.last_sync_attempt_at
        if self.sync_offline and tried is not None:
            since = f"Offline since {_when(tried)}"
            return f"{since} · last sync {_when(last)}" if last else f"{since} · not synced yet"
        if last is not None:
            return f"Last sync {_when(last)}"
        return "Not synced yet"

    def rates_text(self) -> str:
        """ "Rates of 29 Sep 2026, checked 02 Dec 18:41", "Rates of 29 Sep 2026 · offline since
        02 Dec 19:02", "No rates stored"."""
        if self.rates_as_of is None:
            return "No rates stored"
        text = f"Rates of {self.rates_as_of:%d %b %Y}"
        if self.rates_offline and self.rates_attempt_at is not None:
            who = provider_name(self.rates_provider) if self.rates_provider else "the provider"
            return f"{text} · {who.split(' (')[0]} offline since {_when(self.rates_attempt_at)}"
        if self.rates_checked_at is not None:
            return f"{text}, checked {_when(self.rates_checked_at)}"
        return text

    def line(self) -> str:
        return f"{self.sync_text()} · {self.rates_text()}"
