"""`steppe rates`, `rates history`, `rates sync` and `steppe convert`."""

from __future__ import annotations

import argparse
import math
import sys
from typing import TYPE_CHECKING, Any

from reader.cli.common import EXIT_FAILED, EXIT_OK, date_arg, print_json
from reader.core.errors import ReaderError
from reader.core.types import (
    MARKET_PROVIDER,
    RATES_INTERVAL,
    RATES_PROVIDERS,
    TICKER_CURRENCIES,
    RateQuote,
    provider_name,
)
from reader.core.types.words import plural

if TYPE_CHECKING:
    from reader.core.library import Library

PROVIDERS = RATES_PROVIDERS.choices  # every provider's key, in the default order


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
    rates_commands = rates.add_subparsers(dest="rates_command", metavar="history|sync|settings")
    history = rates_commands.add_parser("history", help="the stored history of one currency")
    history.add_argument("currency", metavar="CUR")
    history.add_argument("--since", type=date_arg, metavar="DATE")
    history.add_argument("--until", type=date_arg, metavar="DATE")
    history.add_argument("--json", action="store_true")
    history.set_defaults(handler=cmd_history)
    sync = rates_commands.add_parser(
        "sync", help="fetch the latest rates from the providers and back-fill missing dates"
    )
    sync.add_argument(
        "--provider",
        action="append",
        default=[],
        metavar="NAME",
        help=f"one of {', '.join(PROVIDERS)}; repeatable (default: every enabled provider)",
    )
    sync.add_argument(
        "--url",
        metavar="TEMPLATE",
        help="URL template for this run (one provider; default exchange-api), {date} = latest or YYYY-MM-DD (also {iso} {dmy} {dmy_slash} "
        "{dmy_compact} {year})",
    )
    sync.add_argument("--since", type=date_arg, metavar="DATE", help="back-fill missing dates from DATE")
    sync.add_argument("--json", action="store_true")
    sync.set_defaults(handler=cmd_sync)

    settings = rates_commands.add_parser(
        "settings", help="show or change the providers' URL templates, which are asked, and the interval"
    )
    settings.add_argument(
        "--provider", metavar="NAME", choices=list(PROVIDERS), help="the provider --url is for"
    )
    settings.add_argument(
        "--url", metavar="TEMPLATE", help='store the URL template of --provider ("default" restores its own)'
    )
    settings.add_argument(
        "--enable", metavar="NAMES", help="comma-separated providers a refresh asks, in order"
    )
    settings.add_argument(
        "--interval", type=int, metavar="MINUTES", help="background refresh interval (5 or more)"
    )
    settings.add_argument("--json", action="store_true")
    settings.set_defaults(handler=cmd_settings)

    convert = commands.add_parser("convert", help="convert an amount between two stored currencies")
    convert.add_argument("amount", metavar="AMOUNT")
    convert.add_argument("from_currency", metavar="FROM")
    convert.add_argument("to_currency", metavar="TO")
    convert.add_argument(
        "--date", type=date_arg, metavar="DATE", help="at the rates of DATE (default: newest)"
    )
    convert.add_argument("--json", action="store_true")
    convert.set_defaults(handler=cmd_convert)


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
        "provider_name": provider_name(quote.provider),
    }


def cmd_rates(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    currencies = [c.upper() for c in args.currency] or list(TICKER_CURRENCIES)
    quotes = library.rates.latest(currencies, args.date)
    if args.json:
        print_json([quote_json(q) for q in quotes])
        return EXIT_OK
    for q in quotes:
        print(f"{q.ticker:<28} {q.inverse}")
    providers = sorted({provider_name(q.provider) for q in quotes})
    print(f"As of {max(q.as_of for q in quotes).isoformat()} · {', '.join(providers)}")
    return EXIT_OK


def cmd_history(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    series = library.rates.series(args.currency, args.since, args.until)
    points = list(zip(series.dates, series.units_per_usd, strict=True))
    if args.json:
        print_json(
            {
                "currency": series.currency,
                "provider": series.provider,
                "provider_name": provider_name(series.provider),
                "points": [{"date": d.isoformat(), "units_per_usd": v} for d, v in points],
            }
        )
        return EXIT_OK
    for d, v in points:
        print(
            f"{d.isoformat()}  {v:>14.4f} {series.currency} per USD  ({1 / v:.5f} USD per {series.currency})"
        )
    print(f"{plural(len(points), 'point')} from {provider_name(series.provider)}", file=sys.stderr)
    return EXIT_OK


def cmd_sync(library: Library, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    providers = list(args.provider)
    if args.url and len(providers) > 1:
        parser.error("--url stands in for one provider's URL: give a single --provider with it")
    if args.url and not providers:
        providers = [MARKET_PROVIDER]
    unknown = [p for p in providers if p not in PROVIDERS]
    if unknown:
        parser.error(f"unknown rates provider {unknown[0]!r}; use one of {', '.join(PROVIDERS)}")
    progress = None if args.json else (lambda text: print(f"  … {text}", file=sys.stderr))
    report = library.rates.refresh(providers or None, url=args.url, since=args.since, progress=progress)
    results = report.results
    if args.json:
        print_json(
            [
                {
                    "provider": r.provider,
                    "ok": r.ok,
                    "new_points": r.new_points,
                    "rates_date": r.rates_date.isoformat() if r.rates_date else None,
                    "url": r.url,
                    "error": r.error,
                    "backfilled": [d.isoformat() for d in r.backfilled],
                    "notes": list(r.notes),
                    "peg": {code: value for code, value in r.peg},
                }
                for r in results
            ]
        )
    else:
        for r in results:
            name = provider_name(r.provider)
            if r.ok:
                extra = f", {plural(len(r.backfilled), 'past date')}" if r.backfilled else ""
                print(
                    f"{name}: rates of {r.rates_date}, {plural(r.new_points, 'new point')}{extra} ({r.url})"
                )
            else:
                print(f"{name}: FAILED: {r.error}")
            for code, value in r.peg:
                print(f"    {code} stands at its legal peg of {value:g} per US dollar (not a refresh)")
            for note in r.notes[:10]:
                print(f"    {note}")
        print(report.summary())  # the same line the window's status bar shows
    return EXIT_OK if any(r.ok for r in results) else EXIT_FAILED


def cmd_convert(library: Library, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    try:
        amount = library.rates.parse_amount(args.amount)
    except ValueError:
        parser.error(f"argument AMOUNT: not an amount: {args.amount!r}")
    if amount < 0:
        parser.error("argument AMOUNT: the amount must not be negative")
    if not math.isfinite(amount):
        parser.error(f"argument AMOUNT: the amount is too large: {args.amount[:40]!r}")
    result = library.rates.convert(amount, args.from_currency, args.to_currency, args.date)
    if args.json:
        print_json(
            {
                "amount": result.amount,
                "from": result.from_currency,
                "to": result.to_currency,
                "result": result.result,
                "rate": result.rate,
                "as_of": result.as_of.isoformat() if result.as_of else None,
            }
        )
        return EXIT_OK
    as_of = f" (rates of {result.as_of.isoformat()})" if result.as_of else ""
    print(f"{result.amount:,.2f} {result.from_currency} = {result.result:,.2f} {result.to_currency}{as_of}")
    return EXIT_OK


def cmd_settings(library: Library, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    try:
        if args.url is not None:
            if args.provider is None:
                parser.error("--url needs --provider NAME")
            library.rates.set_url(args.provider, None if args.url == "default" else [args.url])
        if args.enable is not None:
            library.settings.set_text(RATES_PROVIDERS.name, args.enable)
        if args.interval is not None:
            library.settings.set(RATES_INTERVAL, args.interval)
    except ReaderError as exc:
        parser.error(str(exc))
    providers = library.rates.providers()
    rows: list[dict[str, Any]] = [
        {
            "provider": p.key,
            "name": p.name,
            "enabled": p.enabled,
            "urls": list(p.urls),
            "last_success_at": p.status.last_success_at.isoformat()
            if p.status and p.status.last_success_at
            else None,
            "rates_date": p.status.rates_date.isoformat() if p.status and p.status.rates_date else None,
            "last_error": p.status.last_error if p.status else None,
        }
        for p in providers
    ]
    interval = library.settings.get(RATES_INTERVAL)
    if args.json:
        print_json({"refresh_minutes": interval, "providers": rows})
        return EXIT_OK
    print(f"Background refresh every {plural(interval, 'minute')}")
    for row in rows:
        state = "on " if row["enabled"] else "off"
        health = (
            f"error: {row['last_error']}"
            if row["last_error"]
            else (f"rates of {row['rates_date']}" if row["rates_date"] else "never fetched")
        )
        print(f"[{state}] {row['provider']:<13} {row['name']} — {health}")
        for url in row["urls"]:
            print(f"      {url}")
    return EXIT_OK
