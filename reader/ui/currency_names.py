"""Currency names in the interface's language.

The stored names are the rate providers' English ("Kazakhstani Tenge"); the window shows the
region's currencies (those the samples and the default providers carry) by their names in the
interface's language, and any other by its stored name.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

NAMES = {
    "USD": QT_TRANSLATE_NOOP("CurrencyNames", "US Dollar"),
    "EUR": QT_TRANSLATE_NOOP("CurrencyNames", "Euro"),
    "GBP": QT_TRANSLATE_NOOP("CurrencyNames", "British Pound"),
    "CHF": QT_TRANSLATE_NOOP("CurrencyNames", "Swiss Franc"),
    "JPY": QT_TRANSLATE_NOOP("CurrencyNames", "Japanese Yen"),
    "CNY": QT_TRANSLATE_NOOP("CurrencyNames", "Chinese Yuan Renminbi"),
    "RUB": QT_TRANSLATE_NOOP("CurrencyNames", "Russian Ruble"),
    "BYN": QT_TRANSLATE_NOOP("CurrencyNames", "Belarusian Ruble"),
    "UAH": QT_TRANSLATE_NOOP("CurrencyNames", "Ukrainian Hryvnia"),
    "KZT": QT_TRANSLATE_NOOP("CurrencyNames", "Kazakhstani Tenge"),
    "UZS": QT_TRANSLATE_NOOP("CurrencyNames", "Uzbekistani Som"),
    "KGS": QT_TRANSLATE_NOOP("CurrencyNames", "Kyrgyzstani Som"),
    "TJS": QT_TRANSLATE_NOOP("CurrencyNames", "Tajikistani Somoni"),
    "TMT": QT_TRANSLATE_NOOP("CurrencyNames", "Turkmenistani Manat"),
    "AZN": QT_TRANSLATE_NOOP("CurrencyNames", "Azerbaijan Manat"),
    "AMD": QT_TRANSLATE_NOOP("CurrencyNames", "Armenian Dram"),
    "GEL": QT_TRANSLATE_NOOP("CurrencyNames", "Georgian Lari"),
    "MNT": QT_TRANSLATE_NOOP("CurrencyNames", "Mongolian Tughrik"),
    "AFN": QT_TRANSLATE_NOOP("CurrencyNames", "Afghan Afghani"),
    "IRR": QT_TRANSLATE_NOOP("CurrencyNames", "Iranian Rial"),
    "PKR": QT_TRANSLATE_NOOP("CurrencyNames", "Pakistani Rupee"),
    "INR": QT_TRANSLATE_NOOP("CurrencyNames", "Indian Rupee"),
    "TRY": QT_TRANSLATE_NOOP("CurrencyNames", "Turkish Lira"),
    "AED": QT_TRANSLATE_NOOP("CurrencyNames", "Emirati Dirham"),
    "XAU": QT_TRANSLATE_NOOP("CurrencyNames", "Gold Ounce"),
}


def currency_name(code: str, stored: str) -> str:
    """`code`'s name in the interface's language; `stored` (the provider's) for one not in NAMES."""
    words = NAMES.get(code.upper())
    return QCoreApplication.translate("CurrencyNames", str(words)) if words else stored
