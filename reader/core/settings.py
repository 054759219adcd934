"""The settings part of the Library: typed values of the options declared in types/settings.py,
stored as JSON in the cache's meta table (no schema of their own)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.sqlite import insert

from reader.core.models import Meta
from reader.core.storage import Storage
from reader.core.types import Changes
from reader.core.types.settings import OPTIONS, STORED_PREFIX, Option, option_named

T = TypeVar("T")
_PREFIX = STORED_PREFIX


@dataclass(frozen=True)
class SettingValue:
    """An option with its current value, for `steppe settings list` and a settings dialog."""

    option: Option[Any]
    value: object
    is_default: bool

    @property
    def text(self) -> str:
        return self.option.show(self.value)


class Settings:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    def get(self, option: Option[T]) -> T:
        """The stored value, or the default when none is stored or the stored one no longer fits."""
        with self._storage.read() as conn:
            raw = conn.execute(
                select(Meta.value).where(Meta.key == _PREFIX + option.name)
            ).scalar_one_or_none()
        return option.from_stored(raw)

    def set(self, option: Option[T], value: T) -> Changes:
        """Store `value` after checking it; InvalidSetting says what the option allows."""
        checked = option.check(value)
        raw = json.dumps(option.to_json(checked))
        key = _PREFIX + option.name

        def store(conn: Connection) -> None:
            conn.execute(
                insert(Meta)
                .values(key=key, value=raw)
                .on_conflict_do_update(index_elements=[Meta.key], set_={"value": raw})
            )

        self._storage.write(store)
        return Changes.of_setting(option.name)

    def get_named(self, name: str) -> object:
        return self.get(option_named(name))

    def set_named(self, name: str, value: object) -> Changes:
        """Set the option called `name` (a JSON-like value: a number, a yes/no, a list)."""
        return self.set(option_named(name), value)

    def set_text(self, name: str, text: str) -> Changes:
        """Set the option called `name` from what was typed on the command line."""
        option = option_named(name)
        return self.set(option, option.parse(text))

    def reset(self, name: str) -> Changes:
        option = option_named(name)
        self._storage.write(lambda conn: conn.execute(delete(Meta).where(Meta.key == _PREFIX + option.name)))
        return Changes.of_setting(option.name)

    def value(self, name: str) -> SettingValue:
        option = option_named(name)
        value = self.get(option)
        return SettingValue(option, value, value == option.default)

    def all(self) -> list[SettingValue]:
        return [self.value(option.name) for option in OPTIONS]
