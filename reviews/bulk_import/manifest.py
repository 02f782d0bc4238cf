"""`manifest.csv`: its columns, how each cell is read, and the template officers download.

A row is one document. Kinds, review types and languages may be written as the admin shows
them ("Executive summary", in English or Welsh) or as stored ("executive-summary"), in any
case; the month published as `2019-03`.
"""

import csv
import datetime
import io
import re

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Review, ReviewDocument

PSEUDONYM, REFERENCE, REVIEW_TYPE, MONTH = (
    "pseudonym",
    "reference",
    "review type",
    "month published",
)
KIND, LANGUAGE, FILE_NAME = "document kind", "language", "file name"
# In the template's order; the first row of manifest.csv names them.
COLUMNS = (PSEUDONYM, REFERENCE, REVIEW_TYPE, MONTH, KIND, LANGUAGE, FILE_NAME)
REQUIRED = (PSEUDONYM, REVIEW_TYPE, KIND, FILE_NAME)


def _key(text):
    """Case, spaces, hyphens and underscores aside."""
    return re.sub(r"[\s_-]+", " ", str(text)).strip().casefold()


def _choices(choices):
    """{key: stored value} for the stored values and the labels in both languages."""
    found = {}
    for value, label in choices:
        found[_key(value)] = value
        for language in ("en", "cy"):
            with translation.override(language):
                found[_key(label)] = value
    return found


def review_types():
    return _choices(Review.ReviewType.choices)


def kinds():
    return _choices(ReviewDocument.Kind.choices)


def languages():
    return _choices(ReviewDocument.Language.choices)


def read_rows(data):
    """(columns found, [(row number, {column: text})]) from manifest.csv's bytes; row numbers
    are as a spreadsheet shows them (the header is row 1). Raises ValueError with a message."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ValueError(
                _("manifest.csv cannot be read as text. Save it as “CSV UTF-8”.")
            ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader, None)
        rows = list(reader)
    except csv.Error as error:
        raise ValueError(
            _("manifest.csv is not a CSV file (%(reason)s).") % {"reason": str(error)[:120]}
        ) from error
    if not header or not any(cell.strip() for cell in header):
        raise ValueError(_("manifest.csv is empty: it has no rows."))
    columns = [_key(cell) for cell in header]
    unknown = [
        cell for cell, key in zip(header, columns, strict=True) if key and key not in COLUMNS
    ]
    if unknown:
        raise ValueError(
            _("manifest.csv has columns this import does not read: %(columns)s. Use: %(known)s.")
            % {"columns": ", ".join(unknown), "known": ", ".join(COLUMNS)}
        )
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        raise ValueError(
            _("manifest.csv has no “%(columns)s” column. Its first row must name: %(known)s.")
            % {"columns": "”, “".join(missing), "known": ", ".join(COLUMNS)}
        )
    found = []
    for number, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = dict.fromkeys(COLUMNS, "")
        for column, cell in zip(columns, cells, strict=False):
            if column:
                values[column] = cell.strip()
        found.append((number, values))
    if not found:
        raise ValueError(_("manifest.csv is empty: it names no documents."))
    return found


def read_month(text):
    """The first day of a month written `2019-03` (or `2019-03-01`); None when blank. Raises
    ValueError for anything else, or a month still to come."""
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", text)
    try:
        if not match:
            raise ValueError
        day = datetime.date(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise ValueError(
            _("“%(month)s” is not a month: write the year and month, for example 2019-03.")
            % {"month": text}
        ) from None
    if day > timezone.localdate() or day.year < 2000:
        raise ValueError(
            _("“%(month)s” cannot be the month this review was published.") % {"month": text}
        )
    return day


def manifest_template():
    """The manifest officers download: the columns, and two example rows for one review."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(
        ["Adult A", "005_DHR", "DHR", "2015-08", "Executive summary", "English", "adult-a-es.pdf"]
    )
    writer.writerow(
        ["Adult A", "005_DHR", "DHR", "2015-08", "Overview report", "English", "adult-a-or.pdf"]
    )
    return out.getvalue()
