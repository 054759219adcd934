"""`steppe rates` and `steppe rates history`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reader.cli.common import EXIT_OK, date_arg, print_json
from reader.core import rates as rates_mod
from reader.core.library import Library
from reader.core.types import RateQuote


def register(commands: Any) -> None:
    rates = commands.add_parser("rates", help="latest currency rates against the US dollar")
    rates.add_argument(
        "--date", type=date_arg, metavar="DATE", help="the rates as of DATE instead of the latest"
    )
    rates.add_argument(
        "--currency",
        action="append",
        default=[],
        metavar="CUR",
        help="currency code; repeatable (default: KGS KZT TJS UZS TMT)",
    )
    rates.add_argument("--json", action="store_true")
    rates.set_defaults(handler=cmd_rates)
    rates_commands = rates.add_subparsers(dest="rates_command", metavar="history")
    history = rates_commands.add_parser("history", help="the stored history of one currency")
    history.add_argument("currency", metavar="CUR")
    history.add_argument("--since", type=date_arg, metavar="DATE")
    history.add_argument("--until", type=date_arg, metavar="DATE")
    history.add_argument("--json", action="store_true")
    history.set_defaults(handler=cmd_history)


def quote_json(quote: RateQuote) -> dict[str, Any]:
    change = quote.change_pct
    return {
        "currency": quote.currency,
        "name": quote.name,
        "units_per_usd": quote.units_per_usd,
        "usd_per_unit": quote.usd_per_unit,
        "change_pct": None if change is None else round(change, 6),
        "previous_as_of": quote.previous_as_of.isoformat() if quote.previous_as_of else None,
        "as_of": quote.as_of.isoformat(),
        "provider": quote.provider,
        "provider_name": rates_mod.provider_name(quote.provider),
    }


def cmd_rates(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    currencies = [c.upper() for c in args.currency] or list(rates_mod.TICKER_CURRENCIES)
    quotes = library.latest_rates(currencies, args.date)
    if args.json:
        print_json([quote_json(q) for q in quotes])
        return EXIT_OK
    for q in quotes:
        print(f"{rates_mod.format_ticker(q):<28} {rates_mod.format_inverse(q)}")
    providers = sorted({rates_mod.provider_name(q.provider) for q in quotes})
    print(f"As of {max(q.as_of for q in quotes).isoformat()} · {', '.join(providers)}")
    return EXIT_OK


def cmd_history(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    series = library.rate_series(args.currency, args.since, args.until)
    points = list(zip(series.dates, series.units_per_usd, strict=True))
    if args.json:
        print_json(
            {
                "currency": series.currency,
                "provider": series.provider,
                "provider_name": rates_mod.provider_name(series.provider),
                "points": [{"date": d.isoformat(), "units_per_usd": v} for d, v in points],
            }
        )
        return EXIT_OK
    for d, v in points:
        print(
            f"{d.isoformat()}  {v:>14.4f} {series.currency} per USD  ({1 / v:.5f} USD per {series.currency})"
        )
    print(f"{len(points)} points from {rates_mod.provider_name(series.provider)}", file=sys.stderr)
    return EXIT_OK
