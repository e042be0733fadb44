"""Publication dates: from metadata values or a wire-style dateline, normalised to ISO 8601.

A date is only ever read, never guessed: a value that does not name a day, a month and a year
(or names an impossible one, such as 2025-13-45) stays unknown (""). A dateline without a year
("PARIS, March 3 (AFP) —") takes its year from other metadata when some gives one, and
otherwise stays unknown.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass

from rag.question.cues import MONTH_ALT

_EARLIEST, _LATEST = 1800, 2200
_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
_URL_YEAR = re.compile(r"/(1[89]\d\d|2[01]\d\d)/(?:\d{1,2}/)?")
# A full date in a URL's path, as news sites file stories: /2022/05/09/, /2022-05-09/.
_URL_DAY = re.compile(r"/((?:19|20)\d\d)(?:/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])|-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])|"
                      r"(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))(?=[/?#_.]|-(?!\d)|T\d|$)")
_MONTH_NAMES = MONTH_ALT  # every month name and short form the question tables know
# A day and month in either order, with an optional year: "March 3", "3 March 2025", "Mar. 3, 2025"
# (also what tells a date from a figure in an answer sentence).
DAY_MONTH = re.compile(
    rf"(?:\b(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_NAMES})\.?(?:,?\s+\d{{4}})?)\b",
    re.IGNORECASE,
)
_UPPER = "A-ZÀ-ÖØ-Þ"
# PLACE[, extra][, date] [(Outlet)] — : the opening of a wire story. The place is in capitals
# ("WASHINGTON", "SÃO PAULO", "NEW YORK"); the dash may be an em dash, an en dash, "--" or " - ".
_DATELINE = re.compile(
    rf"(?P<place>[{_UPPER}][{_UPPER} .'’\-]{{1,40}}?)"
    r"(?:,\s*(?P<rest>[^()\n—–]{1,60}?))?"
    r"\s*(?:\((?P<outlet>[A-Za-z][\w .&'’-]{0,40})\))?"
    r"\s*(?:—|–|--|-(?=\s))\s*"
)
_DATELINE_LINES = 3  # a dateline opens one of the first few paragraphs, or it is not a dateline


@dataclass(frozen=True)
class Dateline:
    """What a wire-style dateline says: where, when (ISO date or ""), and which outlet."""

    place: str
    date: str
    outlet: str
    text: str


def parse_date(value: object, *, year: int | None = None) -> str:
    """`value` (a string, date or datetime) as `YYYY-MM-DD`, or "" when it names no full, valid date.

    `year` completes a value that gives only a day and month ("March 3").
    """
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return _checked(value.date())
    if isinstance(value, dt.date):
        return _checked(value)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    text = str(value).strip()
    if not text or len(text) > 100:
        return ""
    iso = _ISO_DAY.match(text)
    if iso:  # ISO forms are read exactly: a bad one is unknown, not reinterpreted
        try:
            return _checked(dt.date(*map(int, iso.groups())))
        except ValueError:
            return ""
    if year is not None and not _YEAR.search(text):
        text = f"{text} {year}"
    parsed = _parse(text)
    return _checked(parsed.date()) if parsed else ""


def year_hint(*values: object) -> int | None:
    """A year named by any of `values` (a partial date such as "March 2025", a date, a URL)."""
    for value in values:
        if isinstance(value, (dt.date, dt.datetime)):
            return value.year
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            continue
        text = str(value)
        match = _URL_YEAR.search(text) if "/" in text else _YEAR.search(text)
        if match:
            return int(match.group(1))
    return None


def url_date(url: str) -> str:
    """The day a URL's path files its story under ("…/2022/05/09/…" → "2022-05-09"), or ""."""
    match = _URL_DAY.search(url or "")
    if not match:
        return ""
    try:
        month, day = next((match.group(m), match.group(d)) for m, d in ((2, 3), (4, 5), (6, 7)) if match.group(m))
        return _checked(dt.date(int(match.group(1)), int(month), int(day)))
    except ValueError:
        return ""


def find_dateline(text: str, *, year: int | None = None) -> Dateline | None:
    """The dateline opening one of the first paragraphs of `text`, if there is one."""
    lines = [line for line in text.split("\n", 20)[:20] if line.strip()][:_DATELINE_LINES]
    for line in lines:
        match = _DATELINE.match(line.strip()[:200])
        if not match or not (match.group("rest") or match.group("outlet")):
            continue
        place = match.group("place").strip(" .-'’")
        if len(place.replace(" ", "")) < 2:
            continue
        date = ""
        rest = match.group("rest") or ""
        found = DAY_MONTH.search(rest)
        if found:
            date = parse_date(found.group(0), year=year)
        elif rest and not match.group("outlet"):
            continue  # "PLACE, something —" with neither a date nor an outlet is not a dateline
        outlet = (match.group("outlet") or "").strip()
        return Dateline(place=place, date=date, outlet=outlet, text=match.group(0).strip())
    return None


def strip_dateline(sentence: str) -> str:
    """`sentence` without the wire dateline that opens it ("LISBON, May 3 (Wire) — …", or a bare
    "PHOENIX — …"), if any."""
    return split_dateline(sentence)[1]


def split_dateline(sentence: str) -> tuple[str, str]:
    """(the place of the wire dateline opening `sentence`, the sentence after it); ("", `sentence`)
    when none opens it."""
    match = _DATELINE.match(sentence)
    place = match.group("place").strip(" .-'’") if match else ""
    if len(place.replace(" ", "")) < 2:
        return "", sentence
    rest, body = match.group("rest"), sentence[match.end():]
    if rest and not match.group("outlet") and not DAY_MONTH.search(rest):
        return "", sentence  # "PLACE, something —" with neither a date nor an outlet is not a dateline
    if not rest and not match.group("outlet") and not body[:1].isupper():
        return "", sentence  # "UN - the agency …": a bare place opens a sentence of its own
    return place, body


def _checked(day: dt.date) -> str:
    return day.isoformat() if _EARLIEST <= day.year <= _LATEST else ""


_SETTINGS = {
    # Only absolute dates: "yesterday" in a metadata field says nothing about when it was written.
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    # Every part must be in the text itself; dateparser would otherwise fill them in from today.
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def _parse(text: str) -> dt.datetime | None:
    """English first (fast, and most metadata is); other languages only for non-ASCII words."""
    try:
        rfc = email.utils.parsedate_to_datetime(text)  # RSS pubDate: "Mon, 03 Mar 2025 23:30:00 -0500"
        if rfc:
            return rfc
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser

    try:
        found = dateparser.parse(text, languages=["en"], settings=_SETTINGS)
        if found is None and not text.isascii():
            found = dateparser.parse(text, settings=_SETTINGS)
        return found
    except (ValueError, OverflowError, TypeError, AttributeError, LookupError):
        return None
