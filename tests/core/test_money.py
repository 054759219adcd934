"""Money amounts found in story text (English and Russian), and their dollar context."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.core.library import Library
from reader.core.money import find_amounts, parse_number
from reader.core.types import StoryQuery, format_usd
from tests.helpers import add_source, add_story

# (text, countries, [(matched text, currency, amount)]): at least 40 phrases.
PHRASES: list[tuple[str, tuple[str, ...], list[tuple[str, str, float]]]] = [
    # The bundled sample stories' forms.
    ("at over 20.6 billion tenge (about", (), [("20.6 billion tenge", "KZT", 20.6e9)]),
    ("in the region of KZT 5 trillion, a large", (), [("KZT 5 trillion", "KZT", 5e12)]),
    ("from about 17.9 billion KGS in the first half", (), [("17.9 billion KGS", "KGS", 17.9e9)]),
    ("(about $38 million).", (), [("$38 million", "USD", 38e6)]),
    ("costs from around 1,500 soms, more", ("KG",), [("1,500 soms", "KGS", 1500)]),
    ("roughly UZS 12.5 trillion at recent", ("UZ",), [("UZS 12.5 trillion", "UZS", 12.5e12)]),
    ("contract worth 300 million manats.", ("TM",), [("300 million manats", "TMT", 300e6)]),
    ("well over 2.4 billion somoni.", ("TJ",), [("2.4 billion somoni", "TJS", 2.4e9)]),
    ("can easily reach TJS 150 million or more", ("TJ",), [("TJS 150 million", "TJS", 150e6)]),
    ("can cost 45,000 tenge or more", ("KZ",), [("45,000 tenge", "KZT", 45000)]),
    ("an issue of 3.1 trillion soums would", ("UZ",), [("3.1 trillion soums", "UZS", 3.1e12)]),
    ("or more than KZT 20 trillion at", ("KZ",), [("KZT 20 trillion", "KZT", 20e12)]),
    ("roughly 410 billion soms, a very", ("KG", "UZ"), [("410 billion soms", "KGS", 410e9)]),
    ("about 35 billion manats at the official", ("TM",), [("35 billion manats", "TMT", 35e9)]),
    ("roughly 3.8 billion somoni, for the", ("TJ",), [("3.8 billion somoni", "TJS", 3.8e9)]),
    ("well under 3 soms per kilowatt-hour", ("KG",), [("3 soms", "KGS", 3)]),
    # Ranges share the currency (and the scale, when only the second number has one).
    (
        "about 150,000 to 300,000 soums, depending",
        ("UZ",),
        [("150,000", "UZS", 150_000), ("300,000 soums", "UZS", 300_000)],
    ),
    ("about 150 to 300 somoni.", ("TJ",), [("150", "TJS", 150), ("300 somoni", "TJS", 300)]),
    ("between 5 and 10 billion tenge", (), [("5", "KZT", 5e9), ("10 billion tenge", "KZT", 10e9)]),
    # Rates and old currencies are not amounts.
    ("kept the rate at 3.5 manats per US dollar since", ("TM",), []),
    ("in the region of 19 to 20 manats per dollar.", ("TM",), []),
    ("swapped 5,000 old manats for one new manat", ("TM",), []),
    ("около 87 сомов за доллар", ("KG",), []),
    # Number forms.
    ("1,234,567.89 tenge", (), [("1,234,567.89 tenge", "KZT", 1_234_567.89)]),
    ("₸45,000 a month", (), [("₸45,000", "KZT", 45000)]),
    ("a $38m loan", (), [("$38m", "USD", 38e6)]),
    ("US$1.2 billion", (), [("US$1.2 billion", "USD", 1.2e9)]),
    ("KZT 5bn in bonds", (), [("KZT 5bn", "KZT", 5e9)]),
    ("2 million US dollars", (), [("2 million US dollars", "USD", 2e6)]),
    ("1 billion Kazakh tenge", (), [("1 billion Kazakh tenge", "KZT", 1e9)]),
    ("500 Uzbek som", ("KG",), [("500 Uzbek som", "UZS", 500)]),
    ("12,000 so'm for bread", (), [("12,000 so'm", "UZS", 12000)]),
    ("12,000 soʻm for bread", (), [("12,000 soʻm", "UZS", 12000)]),
    ("a 100 sum note", ("UZ",), [("100 sum", "UZS", 100)]),
    ("fines of 5,000 som", ("UZ",), [("5,000 som", "UZS", 5000)]),  # Uzbekistan alone: the so'm
    ("fines of 5,000 som", ("KG", "UZ"), [("5,000 som", "KGS", 5000)]),
    ("500 rubles", (), [("500 rubles", "RUB", 500)]),
    ("RUB 3 billion", (), [("RUB 3 billion", "RUB", 3e9)]),
    ("TMT 12 million", (), [("TMT 12 million", "TMT", 12e6)]),
    ("about €40 million", (), [("€40 million", "EUR", 40e6)]),
    # Russian.
    ("20,6 млрд тенге", (), [("20,6 млрд тенге", "KZT", 20.6e9)]),
    ("12,5 трлн сумов", (), [("12,5 трлн сумов", "UZS", 12.5e12)]),
    ("1 500 сомов", (), [("1 500 сомов", "KGS", 1500)]),
    ("45\u00a0000 тенге", (), [("45\u00a0000 тенге", "KZT", 45000)]),
    ("300 млн манатов", (), [("300 млн манатов", "TMT", 300e6)]),
    ("2,4 млрд сомони", (), [("2,4 млрд сомони", "TJS", 2.4e9)]),
    ("5 тыс. руб.", (), [("5 тыс. руб", "RUB", 5000)]),
    ("7 миллиардов рублей", (), [("7 миллиардов рублей", "RUB", 7e9)]),
    ("100 теңге", (), [("100 теңге", "KZT", 100)]),
    ("10 млн долларов", (), [("10 млн долларов", "USD", 10e6)]),
    # Words that are not amounts.
    ("a zero-sum contest", ("UZ",), []),
    ("The sums involved can look enormous", ("UZ",), []),
    ("in 2024 500 tenge", (), [("500 tenge", "KZT", 500)]),
    ("CASA-1000 is meant", (), []),
]


@pytest.mark.parametrize(("text", "countries", "expected"), PHRASES, ids=[p[0][:40] for p in PHRASES])
def test_money_phrases(text: str, countries: tuple[str, ...], expected: list[tuple[str, str, float]]) -> None:
    found = find_amounts(text, countries)
    assert [(a.text, a.currency) for a in found] == [(t, c) for t, c, _ in expected]
    for amount, (_, _, value) in zip(found, expected, strict=True):
        assert amount.amount == pytest.approx(value)
        assert text[amount.start : amount.end] == amount.text


def test_there_are_at_least_forty_phrases() -> None:
    assert len(PHRASES) >= 40


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,500", 1500),
        ("1 500", 1500),
        ("12,5", 12.5),
        ("20.6", 20.6),
        ("0,1859", 0.1859),
        ("1,234,567.5", 1234567.5),
    ],
)
def test_numbers(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def test_format_usd() -> None:
    assert format_usd(38_100_000) == "$38.1 million"
    assert format_usd(2.5e9) == "$2.5 billion"
    assert format_usd(412.4) == "$412"
    assert format_usd(0.031) == "$0.03"
    assert format_usd(1.2e12) == "$1.2 trillion"  # one formatter: the exports say the same
    assert format_usd(None) == "no rate stored"


def test_every_sample_form_is_found_in_the_bundled_stories(library: Library) -> None:
    texts = []
    for summary in library.stories.iter(StoryQuery()):
        texts += [m.text for m in library.rates.money_context(summary.id)]
    for form in (
        "20.6 billion tenge",
        "KZT 5 trillion",
        "17.9 billion KGS",
        "1,500 soms",
        "UZS 12.5 trillion",
        "300 million manats",
        "2.4 billion somoni",
        "TJS 150 million",
        "45,000 tenge",
        "3.1 trillion soums",
    ):
        assert form in texts
    assert not any(t.startswith("$") for t in texts)  # dollar amounts get no context


def test_money_context_values_at_the_story_date_and_today(library: Library) -> None:
    source = add_source(library)
    story_id = add_story(
        library,
        source,
        "Budget",
        "<p>The plant cost 20.6 billion tenge (about $38 million) and 1,500 soms.</p>",
        published=dt.datetime(2025, 1, 15, 9, tzinfo=dt.UTC),
        countries=["KZ"],
    )
    money = library.rates.money_context(story_id)
    assert [(m.text, m.currency, m.amount) for m in money] == [
        ("20.6 billion tenge", "KZT", 20.6e9),
        ("1,500 soms", "KGS", 1500),
    ]
    (then,) = library.rates.latest(["KZT"], as_of=dt.date(2025, 1, 15))
    (now,) = library.rates.latest(["KZT"])
    assert money[0].usd_at_published == pytest.approx(20.6e9 / then.units_per_usd)
    assert money[0].usd_today == pytest.approx(20.6e9 / now.units_per_usd)
    assert money[0].usd_at_published != pytest.approx(money[0].usd_today)
    story = library.stories.get(story_id)
    assert story.content_text[money[0].start : money[0].end] == "20.6 billion tenge"


def test_money_context_without_a_rate_on_the_date(library: Library) -> None:
    source = add_source(library)
    story_id = add_story(
        library, source, "Old", "<p>It cost 100 tenge.</p>", published=dt.datetime(2001, 1, 1, tzinfo=dt.UTC)
    )
    (money,) = library.rates.money_context(story_id)
    assert money.usd_at_published is None
    assert money.usd_today is not None and money.usd_today > 0


def test_show_json_lists_the_money(data_dir) -> None:  # type: ignore[no-untyped-def]
    import json
    import subprocess
    import sys

    with Library(data_dir) as library:
        (summary,) = library.stories.page(StoryQuery(text='"KZT 5 trillion"'), limit=1).stories
        expected = library.rates.money_context(summary.id)
    run = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), "show", str(summary.id), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    money = json.loads(run.stdout)["money"]
    assert money == [
        {
            "text": m.text,
            "currency": m.currency,
            "amount": m.amount,
            "usd_at_published": m.usd_at_published,
            "usd_today": m.usd_today,
            "publisher_usd": m.publisher_usd,
            "publisher_text": m.publisher_text,
            "misread": m.misread,
            "rate_date": m.rate_date.isoformat() if m.rate_date else None,
            "today_rate_date": m.today_rate_date.isoformat() if m.today_rate_date else None,
        }
        for m in expected
    ]
    assert any(m["text"] == "KZT 5 trillion" and m["amount"] == 5e12 for m in money)
    assert all(m["currency"] != "USD" for m in money)


def test_the_publishers_dollar_figure_is_kept_beside_ours(library: Library) -> None:
    source = add_source(library)
    story_id = add_story(
        library,
        source,
        "Budget",
        "<p>The plant cost 20.6 billion tenge (about $38 million); the road 2 billion 350 million "
        "tenge (US$4.6 million, a figure the ministry gave).</p>",
        published=dt.datetime(2025, 1, 15, 9, tzinfo=dt.UTC),
        countries=["KZ"],
    )
    plant, road = library.rates.money_context(story_id)
    assert (plant.publisher_usd, plant.publisher_text, plant.misread) == (38e6, "about $38 million", False)
    assert plant.usd_at_published is not None and 30e6 < plant.usd_at_published < 50e6
    assert road.amount == 2.35e9 and road.publisher_usd == 4.6e6 and not road.misread


def test_a_reading_tenfold_off_the_publishers_figure_is_withheld(library: Library) -> None:
    source = add_source(library)
    # The publisher's figure is wrong on purpose here: 20.6 billion tenge is nowhere near $3 billion.
    story_id = add_story(
        library,
        source,
        "Off",
        "<p>The plant cost 20.6 billion tenge (about $3 billion).</p>",
        published=dt.datetime(2025, 1, 15, 9, tzinfo=dt.UTC),
    )
    (money,) = library.rates.money_context(story_id)
    assert money.misread and money.publisher_usd == 3e9
    assert money.usd_at_published is None and money.usd_today is None
