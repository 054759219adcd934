"""Build a realistic Steppe cache for benchmarks: N generated stories that `steppe --data-dir DIR` opens.

    python bench/generate.py --stories 100000 --data-dir /tmp/steppe-100k [--seed 1]

What it makes: 20 sources (12 English, 8 Russian), stories spread over three years (newest
2026-11-30) and inserted roughly in date order, as syncs would; bodies of 180-480 words in
paragraphs, each about one country, naming its places, people, institutions and currency in
the spellings the region's press uses (Tashkent / Toshkent, Токаев in every case, Ашхабад /
Ashgabat …); country and section tags; ~70 % read, ~3 % bookmarked (some with notes and tags);
the bundled rates. The text is ours: templated sentences over small vocabularies, English and
Russian, written for this generator — not copied prose. The same seed gives the same cache.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NEWEST = dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC)
SPAN = dt.timedelta(days=3 * 365)
BATCH = 2000

# -- English ------------------------------------------------------------------------------

EN_PLACES = {
    "KZ": ["Astana", "Almaty", "Shymkent", "Karaganda", "Aktobe", "Atyrau", "Aktau", "Pavlodar",
           "Oskemen", "Ust-Kamenogorsk", "Semey", "Kostanay", "Qostanay", "Kyzylorda", "Taraz", "Nur-Sultan"],
    "KG": ["Bishkek", "Osh", "Jalal-Abad", "Karakol", "Naryn", "Talas", "Batken", "Tokmok", "Cholpon-Ata"],
    "TJ": ["Dushanbe", "Khujand", "Khodjent", "Bokhtar", "Kulob", "Kulyab", "Khorog", "Istaravshan", "Panjakent"],
    "TM": ["Ashgabat", "Ashkhabad", "Turkmenabat", "Dashoguz", "Mary", "Balkanabat", "Turkmenbashi", "Awaza"],
    "UZ": ["Tashkent", "Toshkent", "Samarkand", "Samarqand", "Bukhara", "Namangan", "Andijan", "Fergana",
           "Nukus", "Qarshi", "Karshi", "Termez", "Khiva", "Navoi", "Urgench"],
}  # fmt: skip
EN_COUNTRY = {
    "KZ": ["Kazakhstan", "Kazakhstan", "Kazakhstan", "Qazaqstan"],
    "KG": ["Kyrgyzstan", "Kyrgyzstan", "the Kyrgyz Republic"],
    "TJ": ["Tajikistan"],
    "TM": ["Turkmenistan", "Turkmenistan", "Türkmenistan"],
    "UZ": ["Uzbekistan", "Uzbekistan", "Oʻzbekiston", "O‘zbekiston"],
}
EN_DEMONYM = {"KZ": "Kazakh", "KG": "Kyrgyz", "TJ": "Tajik", "TM": "Turkmen", "UZ": "Uzbek"}
EN_PEOPLE = {
    "KZ": ["President Kassym-Jomart Tokayev", "Tokayev", "Prime Minister Olzhas Bektenov", "Toqaev"],
    "KG": ["President Sadyr Japarov", "Japarov", "Zhaparov", "Adylbek Kasymaliev"],
    "TJ": ["President Emomali Rahmon", "Rahmon", "Prime Minister Kohir Rasulzoda", "Rakhmon"],
    "TM": ["President Serdar Berdimuhamedov", "Berdimuhamedov", "Berdymukhamedov", "Rashid Meredov"],
    "UZ": ["President Shavkat Mirziyoyev", "Mirziyoyev", "Prime Minister Abdulla Aripov"],
}
EN_BANK = {
    "KZ": ["the National Bank of Kazakhstan", "the NBK"],
    "KG": ["the National Bank of the Kyrgyz Republic", "the NBKR"],
    "TJ": ["the National Bank of Tajikistan"],
    "TM": ["the Central Bank of Turkmenistan"],
    "UZ": ["the Central Bank of Uzbekistan", "the CBU"],
}
EN_CURRENCY = {"KZ": ["tenge", "tenges"], "KG": ["som", "soms"], "TJ": ["somoni"], "TM": ["manats"],
               "UZ": ["soums", "sum", "so'm"]}  # fmt: skip
EN_TOPIC = {
    "economy": (["inflation", "budget", "trade", "exports", "imports", "investment", "wages", "prices",
                 "the exchange rate", "the base rate", "lending", "remittances", "tax revenue"],
                ["rose", "fell", "slowed", "accelerated", "stabilised", "doubled", "recovered"]),
    "mining-energy": (["gold output", "the copper mine", "uranium production", "the pipeline", "gas exports",
                       "the power plant", "the hydropower station", "coal mining", "the new mines",
                       "oil production", "electricity tariffs", "the pipelines"],
                      ["expanded", "stalled", "resumed", "grew", "was commissioned", "was delayed"]),
    "transport": (["the railway", "the airport", "freight traffic", "the new highway", "transit cargo",
                   "the logistics hub", "flights", "the rail corridor", "border crossings"],
                  ["opened", "reopened", "grew", "was upgraded", "was extended", "slowed"]),
    "environment": (["water levels", "the glaciers", "air pollution", "the drought", "the irrigation canal",
                     "the Aral Sea basin", "snowfall", "river flows", "the reservoirs"],
                    ["dropped", "worsened", "improved", "shrank", "recovered", "were monitored"]),
    "politics": (["parliament", "the government", "the reform bill", "the election", "the cabinet",
                  "the constitutional court", "the ministry", "the regional governor", "the opposition"],
                 ["approved", "debated", "rejected", "announced", "postponed", "backed"]),
    "society-culture": (["the festival", "the university", "school enrolment", "the hospital", "the museum",
                         "the theatre", "youth unemployment", "the national team", "public health"],
                        ["drew crowds", "expanded", "reopened", "won praise", "faced criticism", "grew"]),
}  # fmt: skip
EN_TEMPLATES = (
    "{Topic} in {place} {verb} by {pct} percent in {month}, officials in {country} said.",
    "{person} said on {weekday} that {topic} would remain a priority for {country} this year.",
    "{bank} kept its base rate at {pct} percent, citing {topic} and the outlook for the {currency}.",
    "Analysts in {place} expect {topic} to improve next year as the {demonym} economy adjusts.",
    "The ministry said {num} million {currency} had been set aside for {topic} in {place}.",
    "Residents of {place} told reporters that {topic} had changed little since last year.",
    "According to {bank}, the {currency} traded near {num} per dollar at the end of {month}.",
    "{person} met regional leaders in {place} to discuss {topic} and new investment.",
    "A delegation from {country} visited {place} to sign agreements on {topic}.",
    "The {demonym} government plans to spend {num} billion {currency} on {topic} over three years.",
    "Local businesses in {place} said {topic} {verb} after the new rules took effect.",
    "Experts warned that {topic} could weigh on growth across Central Asia.",
    "Figures published in {month} showed that {topic} {verb} for the second quarter in a row.",
    "The project near {place} is expected to employ {num} workers when it is finished.",
    "Officials said the decision on {topic} followed months of consultations with investors.",
    "Inflation in {country} was {pct} percent year on year, the statistics agency said.",
    "Prices for bread and fuel in {place} rose faster than wages, a survey found.",
    "The new mines and pipelines are part of a plan to double exports by the end of the decade.",
    "Banks in {place} reported strong demand for loans in {currency} during {month}.",
)
EN_TITLES = (
    "{Topic} {verb} in {place}",
    "{country}: {topic} {verb} as {bank} holds rates",
    "{person} sets out plans for {topic}",
    "{place} prepares for changes in {topic}",
    "{demonym} {topicword} {verb} in {month}",
    "What {topic} means for {country}",
    "{country} and its neighbours weigh {topic}",
)

# -- Russian ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ru:
    """A Russian name in the cases the templates need: nominative, genitive, prepositional."""

    nom: str
    gen: str
    loc: str


def _ru(*forms: str) -> Ru:
    return Ru(*forms)


RU_PLACES = {
    "KZ": [_ru("Астана", "Астаны", "Астане"), _ru("Алматы", "Алматы", "Алматы"),
           _ru("Шымкент", "Шымкента", "Шымкенте"), _ru("Караганда", "Караганды", "Караганде"),
           _ru("Актобе", "Актобе", "Актобе"), _ru("Атырау", "Атырау", "Атырау"),
           _ru("Павлодар", "Павлодара", "Павлодаре"), _ru("Усть-Каменогорск", "Усть-Каменогорска", "Усть-Каменогорске"),
           _ru("Костанай", "Костаная", "Костанае")],
    "KG": [_ru("Бишкек", "Бишкека", "Бишкеке"), _ru("Ош", "Оша", "Оше"), _ru("Каракол", "Каракола", "Караколе"),
           _ru("Джалал-Абад", "Джалал-Абада", "Джалал-Абаде"), _ru("Нарын", "Нарына", "Нарыне")],
    "TJ": [_ru("Душанбе", "Душанбе", "Душанбе"), _ru("Худжанд", "Худжанда", "Худжанде"),
           _ru("Бохтар", "Бохтара", "Бохтаре"), _ru("Куляб", "Куляба", "Кулябе"), _ru("Хорог", "Хорога", "Хороге")],
    "TM": [_ru("Ашхабад", "Ашхабада", "Ашхабаде"), _ru("Туркменабат", "Туркменабата", "Туркменабате"),
           _ru("Дашогуз", "Дашогуза", "Дашогузе"), _ru("Балканабат", "Балканабата", "Балканабате")],
    "UZ": [_ru("Ташкент", "Ташкента", "Ташкенте"), _ru("Самарканд", "Самарканда", "Самарканде"),
           _ru("Бухара", "Бухары", "Бухаре"), _ru("Наманган", "Намангана", "Намангане"),
           _ru("Андижан", "Андижана", "Андижане"), _ru("Нукус", "Нукуса", "Нукусе"), _ru("Фергана", "Ферганы", "Фергане")],
}  # fmt: skip
RU_COUNTRY = {
    "KZ": [_ru("Казахстан", "Казахстана", "Казахстане")],
    "KG": [_ru("Кыргызстан", "Кыргызстана", "Кыргызстане"), _ru("Киргизия", "Киргизии", "Киргизии")],
    "TJ": [_ru("Таджикистан", "Таджикистана", "Таджикистане")],
    "TM": [_ru("Туркменистан", "Туркменистана", "Туркменистане"), _ru("Туркмения", "Туркмении", "Туркмении")],
    "UZ": [_ru("Узбекистан", "Узбекистана", "Узбекистане")],
}
RU_PEOPLE = {
    "KZ": [_ru("Касым-Жомарт Токаев", "Касым-Жомарта Токаева", "Касым-Жомарте Токаеве"), _ru("Токаев", "Токаева", "Токаеве")],
    "KG": [_ru("Садыр Жапаров", "Садыра Жапарова", "Садыре Жапарове"), _ru("Жапаров", "Жапарова", "Жапарове")],
    "TJ": [_ru("Эмомали Рахмон", "Эмомали Рахмона", "Эмомали Рахмоне"), _ru("Рахмон", "Рахмона", "Рахмоне")],
    "TM": [_ru("Сердар Бердымухамедов", "Сердара Бердымухамедова", "Сердаре Бердымухамедове")],
    "UZ": [_ru("Шавкат Мирзиёев", "Шавката Мирзиёева", "Шавкате Мирзиёеве"), _ru("Мирзиеев", "Мирзиеева", "Мирзиееве")],
}  # fmt: skip
RU_BANK = {
    "KZ": [_ru("Национальный банк Казахстана", "Национального банка Казахстана", "Национальном банке Казахстана"),
           _ru("Нацбанк РК", "Нацбанка РК", "Нацбанке РК")],
    "KG": [_ru("Национальный банк Кыргызской Республики", "Национального банка Кыргызской Республики",
               "Национальном банке Кыргызской Республики"), _ru("НБКР", "НБКР", "НБКР")],
    "TJ": [_ru("Национальный банк Таджикистана", "Национального банка Таджикистана", "Национальном банке Таджикистана")],
    "TM": [_ru("Центральный банк Туркменистана", "Центрального банка Туркменистана", "Центральном банке Туркменистана")],
    "UZ": [_ru("Центральный банк Узбекистана", "Центрального банка Узбекистана", "Центральном банке Узбекистана"),
           _ru("ЦБ РУз", "ЦБ РУз", "ЦБ РУз")],
}  # fmt: skip
RU_CURRENCY = {"KZ": ["тенге"], "KG": ["сомов"], "TJ": ["сомони"], "TM": ["манатов"], "UZ": ["сумов"]}
RU_TOPIC = {
    "economy": ["инфляции", "бюджета", "торговли", "экспорта", "инвестиций", "зарплат", "цен",
                "обменного курса", "базовой ставки", "кредитования", "денежных переводов"],
    "mining-energy": ["добычи золота", "урановой отрасли", "газопровода", "электростанции",
                      "экспорта газа", "угольной отрасли", "тарифов на электроэнергию", "нефтедобычи",
                      "строительства ГЭС", "новых рудников"],
    "transport": ["железной дороги", "аэропорта", "грузоперевозок", "транзита", "логистического центра",
                  "пунктов пропуска", "авиасообщения"],
    "environment": ["водных ресурсов", "ледников", "загрязнения воздуха", "засухи", "ирригации",
                    "бассейна Арала", "паводков"],
    "politics": ["парламента", "правительства", "законопроекта", "выборов", "реформы",
                 "конституционного суда", "министерства"],
    "society-culture": ["фестиваля", "университета", "школьного образования", "здравоохранения",
                        "музея", "театра", "занятости молодёжи", "спорта"],
}  # fmt: skip
RU_TEMPLATES = (
    "В {place_loc} обсудили вопросы {topic}, сообщили в правительстве {country_gen}.",
    "{person} заявил, что развитие {topic} остаётся приоритетом для {country_gen}.",
    "{bank} сохранил базовую ставку на уровне {pct} процента, сославшись на динамику {topic}.",
    "По данным {bank_gen}, курс составил {num} {currency} за доллар в конце {month_gen}.",
    "Инфляция в {country_loc} в {month_loc} составила {pct} процента в годовом выражении.",
    "Эксперты из {place_gen} ожидают улучшения {topic} уже в следующем году.",
    "На развитие {topic} в {place_loc} выделено {num} млн {currency}.",
    "Жители {place_gen} рассказали журналистам, что ситуация с {topic_short} почти не изменилась.",
    "Делегация {country_gen} посетила {place_nom} для подписания соглашений в сфере {topic}.",
    "В {month_loc} объём {topic} вырос на {pct} процента по сравнению с прошлым годом.",
    "Строительство электростанции вблизи {place_gen} планируется завершить через три года.",
    "Представители банка заявили, что спрос на кредиты в {place_loc} остаётся высоким.",
    "Цены на хлеб и топливо в {place_loc} росли быстрее доходов, показал опрос.",
    "Аналитики отмечают, что изменения {topic} затронут всю Центральную Азию.",
    "Встреча с {person_short} прошла в {place_loc}, где обсуждались инвестиции и торговля.",
)
RU_TITLES = (
    "{Place_nom}: обсуждение {topic}",
    "{bank} и перспективы {topic}",
    "{person} о развитии {topic}",
    "В {country_loc} растёт интерес к теме {topic}",
    "Что изменится для {country_gen} после реформы {topic}",
)

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")  # fmt: skip
MONTHS_RU_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                 "октября", "ноября", "декабря")  # fmt: skip
MONTHS_RU_LOC = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре",
                 "октябре", "ноябре", "декабре")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
# Words of very low frequency, one in a few thousand stories: the "rare word" of the benchmark.
RARE_EN = ("saxaul", "dombra", "kumis", "yurt-makers", "tulpar", "barsuk")
RARE_RU = ("саксаул", "домбра", "кумыс", "беркутчи")
SOURCES = [(f"Steppe Wire {i}", "en") for i in range(1, 13)] + [
    (f"Степной вестник {i}", "ru") for i in range(1, 9)
]
AUTHORS_EN = ("Aigerim Sadykova", "Timur Akhmetov", "Dilnoza Yusupova", "Bakyt Osmonov", "Farrukh Nazarov")
AUTHORS_RU = ("Айгерим Садыкова", "Тимур Ахметов", "Дильноза Юсупова", "Бакыт Осмонов", "Фаррух Назаров")


@dataclass
class Generated:
    title: str
    html: str
    summary: str
    language: str
    countries: list[str]
    section: str
    author: str


def _en_story(rng: random.Random, month: int) -> Generated:
    country = rng.choice(list(EN_PLACES))
    section = rng.choice(list(EN_TOPIC))
    topics, verbs = EN_TOPIC[section]

    def fill(template: str) -> str:
        topic = rng.choice(topics)
        values = {
            "place": rng.choice(EN_PLACES[country]),
            "country": rng.choice(EN_COUNTRY[country]),
            "demonym": EN_DEMONYM[country],
            "person": rng.choice(EN_PEOPLE[country]),
            "bank": rng.choice(EN_BANK[country]),
            "currency": rng.choice(EN_CURRENCY[country]),
            "topic": topic,
            "Topic": topic[0].upper() + topic[1:],
            "topicword": topic.split()[-1],
            "verb": rng.choice(verbs),
            "pct": f"{rng.uniform(0.5, 19):.1f}",
            "num": f"{rng.randint(2, 980)}",
            "month": MONTHS_EN[(month + rng.randint(-2, 0)) % 12],
            "weekday": rng.choice(WEEKDAYS),
        }
        text = template.format(**values)
        return text[0].upper() + text[1:]

    title = fill(rng.choice(EN_TITLES))
    paragraphs = _paragraphs(rng, lambda: fill(rng.choice(EN_TEMPLATES)), RARE_EN)
    return _story(title, paragraphs, "en", country, section, rng.choice(AUTHORS_EN))


def _ru_story(rng: random.Random, month: int) -> Generated:
    country = rng.choice(list(RU_PLACES))
    section = rng.choice(list(RU_TOPIC))

    def fill(template: str) -> str:
        place, land, person = (rng.choice(RU_PLACES[country]), rng.choice(RU_COUNTRY[country]),
                               rng.choice(RU_PEOPLE[country]))  # fmt: skip
        bank, topic = rng.choice(RU_BANK[country]), rng.choice(RU_TOPIC[section])
        values = {
            "place_nom": place.nom, "Place_nom": place.nom, "place_gen": place.gen, "place_loc": place.loc,
            "country_gen": land.gen, "country_loc": land.loc, "person": person.nom,
            "person_short": person.gen.split()[-1][:-1] + "ым", "bank": bank.nom, "bank_gen": bank.gen,
            "currency": rng.choice(RU_CURRENCY[country]), "topic": topic, "topic_short": topic.split()[-1],
            "pct": f"{rng.uniform(0.5, 19):.1f}".replace(".", ","), "num": f"{rng.randint(2, 980)}",
            "month_gen": MONTHS_RU_GEN[month % 12], "month_loc": MONTHS_RU_LOC[(month + rng.randint(-2, 0)) % 12],
        }  # fmt: skip
        return template.format(**values)

    title = fill(rng.choice(RU_TITLES))
    paragraphs = _paragraphs(rng, lambda: fill(rng.choice(RU_TEMPLATES)), RARE_RU)
    return _story(title, paragraphs, "ru", country, section, rng.choice(AUTHORS_RU))


def _paragraphs(rng: random.Random, sentence: object, rare: tuple[str, ...]) -> list[str]:
    make = sentence  # a callable returning one sentence
    count = rng.randint(12, 32)  # ~15 words each: 180-480 words
    sentences = [make() for _ in range(count)]  # type: ignore[operator]
    if rng.random() < 0.0005:
        sentences.insert(rng.randrange(len(sentences)), f"({rng.choice(rare)})")
    out: list[str] = []
    while sentences:
        take = rng.randint(3, 5)
        out.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    return out


def _story(
    title: str, paragraphs: list[str], language: str, country: str, section: str, author: str
) -> Generated:
    import html

    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return Generated(title, body, paragraphs[0].split(". ")[0], language, [country], section, author)


def stories(n: int, seed: int) -> Iterator[tuple[dt.datetime, int, Generated]]:
    """(published, source index, story), oldest first with a few days' jitter."""
    rng = random.Random(seed)
    step = SPAN / max(n, 1)
    for k in range(n):
        published = NEWEST - SPAN + step * k + dt.timedelta(hours=rng.uniform(-72, 72))
        source = rng.randrange(len(SOURCES))
        maker = _en_story if SOURCES[source][1] == "en" else _ru_story
        yield min(published, NEWEST), source, maker(rng, published.month - 1)


def build(n: int, data_dir: Path, seed: int = 1) -> None:
    from sqlalchemy import select
    from sqlalchemy.dialects.sqlite import insert

    from reader.core import search
    from reader.core.html import html_to_text, sanitize_html
    from reader.core.library import Library
    from reader.core.models import Bookmark, BookmarkTag, Section, Source, Story, story_country, story_section

    data_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 1)
    now = dt.datetime.now(dt.UTC)
    started = time.perf_counter()
    with Library(data_dir) as library:
        with library._storage._engine.begin() as conn:  # bulk set-up, not timed
            sections = dict(conn.execute(select(Section.slug, Section.id)).all())
            source_ids = [
                conn.execute(
                    insert(Source)
                    .values(name=name, feed_url=f"https://bench.invalid/{k}/feed/", site_url=f"https://bench.invalid/{k}/",
                            kind="rss", enabled=False, is_sample=False, created_at=now)
                    .returning(Source.id)
                ).scalar_one()
                for k, (name, _language) in enumerate(SOURCES)
            ]  # fmt: skip
        rows: list[dict[str, object]] = []
        tags: list[Generated] = []

        def flush() -> None:
            with library._storage._engine.begin() as conn:  # bulk set-up, not timed
                ids = (
                    conn.execute(insert(Story).returning(Story.id, sort_by_parameter_order=True), rows)
                    .scalars()
                    .all()
                )
                conn.execute(
                    insert(story_country),
                    [
                        {"story_id": i, "country_code": c}
                        for i, g in zip(ids, tags, strict=True)
                        for c in g.countries
                    ],
                )
                conn.execute(
                    insert(story_section),
                    [
                        {"story_id": i, "section_id": sections[g.section]}
                        for i, g in zip(ids, tags, strict=True)
                    ],
                )
                for story_id in ids:
                    if rng.random() < 0.03:
                        bookmark_id = conn.execute(
                            insert(Bookmark)
                            .values(story_id=story_id, created_at=now,
                                    note="Follow up" if rng.random() < 0.3 else None)
                            .returning(Bookmark.id)
                        ).scalar_one()  # fmt: skip
                        if rng.random() < 0.5:
                            conn.execute(insert(BookmarkTag).values(bookmark_id=bookmark_id, tag="bench"))
                search.reindex_stories(conn, list(ids))
            rows.clear()
            tags.clear()

        for k, (published, source, story) in enumerate(stories(n, seed)):
            body = sanitize_html(story.html)
            rows.append(
                {
                    "source_id": source_ids[source], "guid": f"bench-{k}", "url": f"https://bench.invalid/s/{k}",
                    "title": story.title, "author": story.author, "published_at": published, "fetched_at": now,
                    "summary": story.summary, "content_html": body, "content_text": html_to_text(body),
                    "read_at": published if rng.random() < 0.7 else None, "language": story.language,
                }
            )  # fmt: skip
            tags.append(story)
            if len(rows) >= BATCH:
                flush()
                print(f"\r{k + 1:,} / {n:,} stories", end="", file=sys.stderr, flush=True)
        if rows:
            flush()
    print(f"\r{n:,} stories in {data_dir} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, required=True, metavar="N")
    parser.add_argument("--data-dir", type=Path, required=True, metavar="DIR")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if (args.data_dir / "steppe.sqlite3").exists():
        parser.error(f"{args.data_dir} already holds a cache; choose an empty folder")
    build(args.stories, args.data_dir, args.seed)


if __name__ == "__main__":
    main()
