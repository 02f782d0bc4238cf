"""What a report prints at the edges of its pages, taken off before its recommendations are read.

Page numbers ("Page 12 of 40", "12 of 40", "- 12 -", "Tudalen 12", or a lone "12"),
protective markings ("OFFICIAL", "OFFICIAL-SENSITIVE") and running headers or footers: a line
at the top or bottom of many pages once its digits are set aside, such as the report's title or
"Adult P overview report, page 7". With them gone, text that runs over a page break reads on.
"""

import re
from collections import Counter

EDGE_LINES = 2  # lines at each end of a page where running headers and footers are looked for
REPEATED_SHARE = 0.4  # share of the pages an edge line must be on to be a running header
MAX_HEADER_CHARS = 120  # a longer line is prose, never a running header

_PAGE_LABEL = re.compile(
    r"(?i)^(?:(?:page|tudalen)\s{0,3}\|?\s{0,3}\d{1,4}(?:\s{0,3}(?:of|o|/)\s{0,3}\d{1,4})?"
    r"|\d{1,4}\s{0,3}(?:of|o|/)\s{0,3}\d{1,4}|[-–—]\s{0,3}\d{1,4}\s{0,3}[-–—]"
    r"|\d{1,4}\s{0,3}\|\s{0,3}(?:page|tudalen))$"
)
_LONE_NUMBER = re.compile(r"^\d{1,4}$")
_MARKING = re.compile(
    r"(?i)^(?:official|swyddogol|restricted|confidential|not protectively marked)"
    r"(?:\s{0,3}[-–—:]?\s{0,3}(?:sensitive|sensitif|personal|cyfrinachol))?$"
)
_DIGITS = re.compile(r"\d+")


def strip_page_edges(pages, *, keep):
    """[(page number, line)] for every non-blank line of `pages` (`(number, text)` pairs), in
    order, with the page furniture at each page's edges taken off.

    `keep(line)` says a line is part of the report's structure (a heading, a numbered item) and
    is never a running header, however often it recurs. A lone number at an edge is a page
    number only if it differs from the PDF's page number as most such numbers do, so a table
    row numbered "4" at the top of a page stays.
    """
    pages = [
        (number, [line for line in (raw.strip() for raw in (text or "").splitlines()) if line])
        for number, text in pages
    ]
    offset = _page_number_offset(pages)

    def furniture(number, line):
        if _LONE_NUMBER.match(line):
            return int(line) - number == offset
        return bool(_PAGE_LABEL.match(line) or _MARKING.match(line))

    pages = [(number, _trim(lines, number, furniture)) for number, lines in pages]
    seen = Counter()
    for _, lines in pages:
        seen.update({_key(line) for line in _edges(lines) if _may_repeat(line, keep)})
    needed = max(2, REPEATED_SHARE * len(pages))
    repeated = {key for key, count in seen.items() if count >= needed}

    def noise(number, line):
        return furniture(number, line) or (_may_repeat(line, keep) and _key(line) in repeated)

    return [(number, line) for number, lines in pages for line in _trim(lines, number, noise)]


def _key(line):
    return _DIGITS.sub("#", " ".join(line.lower().split()))


def _edges(lines):
    return lines[:EDGE_LINES] + lines[-EDGE_LINES:]


def _may_repeat(line, keep):
    return len(line) <= MAX_HEADER_CHARS and not keep(line)


def _trim(lines, number, noise):
    """`lines` without the noise at either end (at most twice EDGE_LINES lines each end)."""
    start, end = 0, len(lines)
    while start < end and start < 2 * EDGE_LINES and noise(number, lines[start]):
        start += 1
    while end > start and len(lines) - end < 2 * EDGE_LINES and noise(number, lines[end - 1]):
        end -= 1
    return lines[start:end]


def _page_number_offset(pages):
    """How the printed page numbers differ from the PDF's: the commonest difference found."""
    offsets = Counter(
        int(line) - number
        for number, lines in pages
        for line in _edges(lines)
        if _LONE_NUMBER.match(line)
    )
    return offsets.most_common(1)[0][0] if offsets else None
