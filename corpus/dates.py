"""Dates as resolutions print them: "10 October 2018", "1er décembre 2000"."""

from __future__ import annotations

import datetime

__all__ = ["DATE", "MONTHS", "iso_date", "parse_iso"]

#: Month name (English, French, French without accents) → month number.
MONTHS = {
    month: number
    for months in (
        "january february march april may june july august september october november december",
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "- fevrier - - - - - aout - - - decembre",
    )
    for number, month in enumerate(months.split(), start=1)
    if month != "-"
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
#: A printed date; groups: day, month name, year.
DATE = rf"(\d{{1,2}})(?:er)?\s+((?i:{_MONTH}))\s+(\d{{4}})"


def iso_date(day: str, month: str, year: str) -> str:
    """Return a printed date's parts as ``YYYY-MM-DD``.

    >>> iso_date("1", "Décembre", "2000")
    '2000-12-01'
    """
    return f"{int(year):04d}-{MONTHS[month.lower()]:02d}-{int(day):02d}"


def parse_iso(text: str) -> datetime.date | None:
    """Return the date a ``YYYY-MM-DD`` string names, None for "" or a malformed one.

    >>> parse_iso("2000-12-04"), parse_iso("")
    (datetime.date(2000, 12, 4), None)
    """
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None
