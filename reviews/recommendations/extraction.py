"""Recommendations found in a report's page texts, offered to an officer as suggestions.

`find_recommendations(pages)` takes the stored page texts of one document (`(number, text)` in
page order, as `reviews/documents/text.py` extracted them) and returns each recommendation it
finds as a `Found`: its number as the report writes it, its whole text and the page it starts
on. Nothing here is public or saved; the pipeline turns what it finds into suggestions.

How a report is read:

1. Page edges. Page numbers ("12", "Page 12 of 40", "- 12 -"), protective markings
   ("OFFICIAL", "OFFICIAL-SENSITIVE") and running headers or footers (a line found at the top or
   bottom of many pages, digits aside, such as the report's title) are taken off each page, so
   a recommendation that runs over a page break is read as one text.
2. The lines of all pages are then read as one stream. A "Recommendations" heading ("8.
   Recommendations", "Local recommendations", "Argymhellion") opens a section, which ends at
   the next top-level heading (Conclusions, Appendix, Glossary, Action plan and the like, or the
   section's own number plus one) or at the end of the document. Inside a section the first
   numbered line sets the style ("1.", "1)", "4.1", "R1") and only lines of that style whose
   numbers follow on (up to five on, so "40." starting a wrapped line is not one) start new
   items; other lines continue the current one, except a short sub-heading between two items
   ("National"). A first item that only introduces the rest ("8.1 The panel makes the
   following recommendations:") is dropped. Outside a section only the explicit
   "Recommendation 3" / "Argymhelliad 3" form counts (not "as Recommendation 3 above"), and its
   text ends at the end of its paragraph (a line clearly shorter than the document's usual
   line that ends a sentence) or at the next numbered paragraph. No text runs past MAX_TEXT.
3. An action plan table, as pypdf extracts one (each cell's lines in turn: the number, the
   recommendation's lines, then the scope, action, lead agency, date ... cells), is recognised
   by its header (a "Recommendation" column beside "Scope", "Action", "Lead agency" ...). A row
   starts at its number; its recommendation is the lines after it up to the first line that
   ends a sentence, or up to a line that is plainly another column's value (a scope such as
   "Local", a date, a status). A recommendation cell without a full stop therefore takes in the
   next cell when that is neither of those: a known limit.
4. A contents page ("1. Introduction .... 3") is skipped; the same recommendation stated twice
   (an executive summary and an overview report, or a report and its action plan: the same
   number and the same first words) is kept once, as first stated.

Not found: items marked only with bullets, lettered or roman sub-items (they stay in their
item's text), and tables whose cells pypdf interleaves line by line. A heading the finder does
not know that follows the last item ("Next steps") is read as part of that item.

Every pattern is either anchored at the start of a line, with bounded repeats, or (the few that
are searched for) settled within a few characters of where each try starts; each line is looked
at a fixed number of times. So the time grows linearly with the text, whatever the text.
"""

import re
from dataclasses import dataclass

from .page_edges import strip_page_edges

MAX_TEXT = 2_000  # characters; a section that never ends must not swallow the report
HEADING_CHARS = 120  # a longer line is prose, never a heading
SHORT_LINE = 0.8  # a line this much shorter than usual, ending a sentence, ends a paragraph

_DIGITS = re.compile(r"\d+")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_LEADERS = re.compile(r"(?:\.\s?){4,}|…{2,}|_{4,}")
_TRAILING_PAGE = re.compile(r"\D\s\d{1,3}$")
_SENTENCE_END = re.compile(r"[.!?;][\"'”’)]?$")
_TERMINAL = re.compile(r"[.!?;:,]$")

_NUMBER = r"\d{1,3}(?:\.\d{1,3}){0,3}"
# "Recommendation 3", "Recommendation 3:", "Recommendation R7 -", "8.2 Recommendation 4.1 ..."
_EXPLICIT = re.compile(
    rf"(?i)^(?:{_NUMBER}\.?\s{{1,3}})?(?:recommendation|argymhelliad)\s{{1,3}}(?:no\.?\s{{0,3}})?"
    rf"(R?{_NUMBER}[a-z]?)(?!\.?\d)(.*)$"
)
_R_ITEM = re.compile(rf"^(R{_NUMBER})(?:[.:)]|\s{{0,3}}[-–—])?(?:\s+(.*))?$")
_NESTED_ITEM = re.compile(r"^(\d{1,2}(?:\.\d{1,3}){1,3})\.?(?:\s+(.*))?$")
_DOT_ITEM = re.compile(r"^(\d{1,2})\.(?:\s+(.*))?$")
_PAREN_ITEM = re.compile(r"^\(?(\d{1,2})\)(?:\s+(.*))?$")
_BARE_ITEM = re.compile(r"^(\d{1,2})(?:\s+(.*))?$")  # a table's number cell
_STYLES = (("R", _R_ITEM), ("nested", _NESTED_ITEM), ("dot", _DOT_ITEM), ("paren", _PAREN_ITEM))
# In a section, "1 The police should ..." too (not a page edge's "12 Overview report")
_SECTION_STYLES = (*_STYLES, ("bare", re.compile(r"^(\d{1,2})\s{1,3}([A-Z].*)$")))

_HEADING_NUMBER = (
    r"(?:(?:section|part|chapter|rhan|adran)\s{1,3})?(?:(\d{1,2})(?:\.\d{1,2})?\.?\s{1,3})?"
)
_RECOMMENDATIONS_HEADING = re.compile(
    rf"(?i)^{_HEADING_NUMBER}"
    r"(?:(?:summary of|list of|the|key|local|national|regional|single[- ]agency|multi[- ]agency"
    r"|agency|panel|review|dhr|overview report|further|additional|other|conclusions and"
    r"|lessons learned and|learning and|findings and|casgliadau ac?)\s{1,3}){0,3}"
    r"(?:recommendations|argymhellion)"
    r"(?:\s{1,3}(?:lleol|cenedlaethol|rhanbarthol|local|national|regional))?"
    r"(?:\s{1,3}(?:for|to|made to|made by|and|i|ar gyfer)\s{1,3}[\w'’-]{1,30}"
    r"(?:\s{1,3}[\w'’-]{1,30}){0,3})?\s{0,3}:?$"
)
_END_WORDS = (
    r"conclusions?|summary and conclusions|appendix|appendices|annex(?:e|es)?|glossary|references"
    r"|bibliography|sources|introduction|background|chronology|analysis|findings|key findings"
    r"|lessons learn[et]d?|learning|good practice|terms of reference|methodology|summary"
    r"|executive summary|overview|equality and diversity|dissemination|contents|action plan"
    r"|acknowledgements|acronyms|abbreviations|endnotes|footnotes|casgliad(?:au)?|atodiad(?:au)?"
    r"|geirfa|cyflwyniad|cefndir|cronoleg|dadansoddiad|canfyddiadau|dysgu|cynllun gweithredu"
    r"|cyfeiriadau|cynnwys"
)
_END_HEADING = re.compile(
    rf"(?i)^{_HEADING_NUMBER}(?:[A-Z]\.?\s{{1,3}})?(?:{_END_WORDS})"
    r"(?:\s{0,3}(?:\d{1,3}|[A-Z])?\s{0,3}(?:[:\-–—]\s{0,3}[^.;]{0,60})?)?$"
)
_CONTENTS_HEADING = re.compile(r"(?i)^(?:table of )?contents$|^cynnwys$")
_NUMBERED_TITLE = re.compile(r"^(\d{1,2})\.?\s{1,3}([A-Z][^.:;!?]{0,60})$")

# An action plan's column headings (a heading may wrap: "Lead" / "agency", "Target" / "date")
_RECOMMENDATION_COLUMN = re.compile(r"(?i)^(?:recommendations?(?: text)?|argymhelli(?:ad|on))$")
_OTHER_COLUMN = re.compile(
    r"(?i)^(?:no\.?|ref\.?|number|rec\.?|scope|level|local/regional/national|key actions?"
    r"|actions?(?: to take| required)?|lead(?: agency| agencies| officer)?|agency|agencies|officer"
    r"|responsible(?: agency)?|target(?: date)?|dates?|timescales?|completion(?: date)?"
    r"|date completed|(?:desired |expected )?outcomes?|progress|status|evidence|rag"
    r"|cwmpas|lefel|camau(?: gweithredu)?|gweithredu|asiantaeth(?: arweiniol)?|arweiniol"
    r"|dyddiad(?: targed)?|targed|canlyniad|cynnydd|statws)$"
)
_COLUMN_VALUE = re.compile(
    r"(?i)^(?:local|regional|national|local (?:and|&) national|national (?:and|&) local"
    r"|local/national|sub-regional|county[- ]wide|all agencies|lleol|cenedlaethol|rhanbarthol"
    r"|(?:\d{1,2}(?:st|nd|rd|th)?\s{1,3})?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]{0,6}\.?\s{1,3}\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}(?:/\d{2,4})?"
    r"|(?:q[1-4]|quarter [1-4])\s{1,3}\d{4}(?:/\d{2,4})?|(?:spring|summer|autumn|winter)\s\d{4}"
    r"|\d{1,2}\s{1,3}(?:weeks?|months?|years?)|ongoing|complete|completed|in progress"
    r"|not started|immediate|immediately)$"
)
# A hyphen at a line's end is kept after these prefixes ("multi-agency", "co-ordinated")
_KEEP_HYPHEN = re.compile(
    r"(?i)^(?:multi|non|cross|self|co|ex|anti|well|part|full|long|short|pan)$"
)
_PREAMBLE = re.compile(r"(?i)recommendation|argymhell")
_PREAMBLE_CUE = re.compile(r"(?i):$|following|below|as follows|canlynol|isod")


@dataclass(frozen=True)
class Found:
    """A recommendation as the report states it: its number, whole text and first page."""

    number: str
    text: str
    page: int


def find_recommendations(pages):
    """The recommendations in a document's page texts, in document order, each once."""
    lines = strip_page_edges(pages, keep=_is_structure)
    lengths = sorted(len(text) for _, text in lines)
    typical = lengths[len(lengths) * 4 // 5] if lengths else 0
    reader = _Reader(lines, typical)
    for index in range(len(lines)):
        reader.read(index)
    reader.close_item()
    return reader.found


def _is_structure(line):
    """A line that says something about the report's structure, never a running header."""
    return bool(
        _EXPLICIT.match(line)
        or _RECOMMENDATIONS_HEADING.match(line)
        or _END_HEADING.match(line)
        or _column_name(line)
        or any(pattern.match(line) for _, pattern in _STYLES)
    )


def _column_name(line):
    name = line.rstrip(":").strip()
    if _RECOMMENDATION_COLUMN.match(name):
        return "recommendation"
    return "other" if _OTHER_COLUMN.match(name) else None


def _is_table_header(index, lines):
    """Whether line `index` is the "Recommendation" column of a table's header row."""
    text = lines[index][1]
    words = text.lower().replace("|", " ").split()
    if 3 <= len(words) <= 16 and any(w.startswith(("recommendation", "argymhell")) for w in words):
        # the whole header row on one line: "No. Recommendation Scope Action Lead agency ..."
        return sum(bool(_column_name(word)) for word in words) >= 0.8 * len(words)
    if _column_name(text) != "recommendation":
        return False
    near = lines[max(0, index - 3) : index] + lines[index + 1 : index + 5]
    return any(_column_name(other) == "other" for _, other in near)


def _numbers(number):
    return tuple(int(part) for part in _DIGITS.findall(number))


def _follows(previous, number):
    """Whether an item numbered `number` can come next after one numbered `previous`."""
    new = _numbers(number)
    if not new:
        return False
    if previous is None:
        return 0 < new[-1] <= 60
    old = _numbers(previous)
    if len(new) != len(old):
        return False
    if new[:-1] == old[:-1]:
        return 0 < new[-1] - old[-1] <= 5
    return new > old and new[-1] <= 3


def _explicit(line):
    """(number, rest) for the explicit "Recommendation 3" form, or None."""
    match = _EXPLICIT.match(line)
    if not match:
        return None
    number, rest = match.group(1), match.group(2).strip()
    if rest[:1] in (":", ".", "-", "–", "—", ")"):
        return number.rstrip("."), rest[1:].strip()
    if not rest or rest[0].isupper() or rest[0] in "\"'“‘":
        return number.rstrip("."), rest
    return None  # "... as set out in Recommendation 3 above": a reference, not the statement


def _join(parts):
    text = ""
    for part in parts:
        if not text:
            text = part
        elif text.endswith("-") and text[-2:-1].isalpha() and part[:1].islower():
            word = text.rsplit(None, 1)[-1][:-1]
            text = text + part if _KEEP_HYPHEN.match(word) else text[:-1] + part
        else:
            text = f"{text} {part}"
    return _SPACES.sub(" ", text).strip()


def _cap(text):
    if len(text) <= MAX_TEXT:
        return text
    cut = text[:MAX_TEXT]
    end = max(cut.rfind(". "), cut.rfind("; "))
    return cut[: end + 1] if end > 0 else cut.rsplit(" ", 1)[0]


def _same(first, second):
    def words(found):
        return " ".join(_PUNCTUATION.sub("", found.text[:200].lower()).split()[:8])

    return first.number == second.number and (
        words(first) == words(second)
        or first.text.startswith(second.text)
        or second.text.startswith(first.text)
    )


class _Reader:
    """The state of one pass over a document's lines."""

    def __init__(self, lines, typical):
        self.lines = lines
        self.typical = typical
        self.found = []
        self.mode = None  # None (narrative), "section", "table" or "contents"
        self.section_number = None
        self.style = None  # the section's numbering: "explicit", "R", "nested", "dot", "paren"
        self.previous = None  # the number of the section's last item
        self.item = None  # [number, page, parts, first of its section, explicit]
        self.section_start = 0  # where the current section's items begin in `found`
        self.last_page = None

    # -- items ----------------------------------------------------------------------------

    def start_item(self, number, page, rest, *, first=False, explicit=False):
        self.close_item()
        self.item = [number, page, [rest] if rest else [], first, explicit]
        self.previous = number

    def close_item(self):
        if self.item is None:
            return
        number, page, parts, first, explicit = self.item
        self.item = None
        if explicit and len(parts) > 1 and _is_title(parts[0]) and len(parts[0].split()) <= 6:
            # "Recommendation 1 - Training" over its text: the title leads the text
            parts = [f"{parts[0]}:", *parts[1:]] if parts[1][:1].isupper() else parts
        text = _cap(_join(parts))
        if first and _PREAMBLE.search(text) and _PREAMBLE_CUE.search(text):
            # "8.1 The panel makes the following recommendations:" introduces, it is not one
            self.style = self.previous = None
            return
        if not text:
            return
        found = Found(number=number, text=text, page=page)
        if not any(_same(found, earlier) for earlier in self.found):
            self.found.append(found)

    def open_section(self, mode, number=None):
        self.close_item()
        self.mode, self.section_number = mode, number
        self.style = self.previous = None
        self.section_start = len(self.found)

    # -- one line -------------------------------------------------------------------------

    def read(self, index):
        page, text = self.lines[index]
        new_page = page != self.last_page
        self.last_page = page
        if self.mode == "contents":
            if new_page and not _is_contents_line(text):
                self.mode = None
            elif _is_contents_line(text) or _is_title(text):
                return
            else:
                self.mode = None
        if _LEADERS.search(text):
            return
        if self.heading(index, text):
            return
        explicit = _explicit(text)
        if explicit:
            if self.mode == "section" and self.style != "explicit":
                # "Recommendation 1" outranks plain numbering: in "9. Conclusions and
                # recommendations" the numbered paragraphs before it were the conclusions
                self.item = None
                del self.found[self.section_start :]
                self.style = "explicit"
            self.start_item(explicit[0], page, explicit[1], explicit=True)
            if self.mode == "table":
                self.close_row_if_done(text)
            elif self.mode is None and explicit[1]:
                self.close_paragraph_if_done(text)
            return
        if self.mode == "section":
            self.read_section(index, page, text)
        elif self.mode == "table":
            self.read_table(page, text)
        elif self.item is not None:
            self.read_narrative(text)

    def heading(self, index, text):
        """Open or close a section at a heading; whether the line was one."""
        if len(text) > HEADING_CHARS:
            return False
        if _CONTENTS_HEADING.match(text):
            self.open_section("contents")
            return True
        if self.mode == "table" and _column_name(text) and not _COLUMN_VALUE.match(text):
            return True  # the header row again, at the top of a new page
        if _is_table_header(index, self.lines):
            self.open_section("table")
            return True
        match = _RECOMMENDATIONS_HEADING.match(text)
        if match and _starts_capital(text):
            self.open_section("section", match.group(1) and int(match.group(1)))
            return True
        if _END_HEADING.match(text) and _starts_capital(text):
            self.open_section(None)
            return True
        if self.mode in ("section", "table") and self.section_number:
            title = _NUMBERED_TITLE.match(text)
            if (
                title
                and int(title.group(1)) == self.section_number + 1
                and (self.style not in ("dot", "paren") or len(title.group(2).split()) <= 6)
            ):
                self.open_section(None)
                return True
        return False

    def read_section(self, index, page, text):
        for style, pattern in _SECTION_STYLES:
            match = pattern.match(text)
            if not match or self.style not in (None, style):
                continue
            if _follows(self.previous, match.group(1)):
                first = self.style is None
                self.style = style
                self.start_item(match.group(1), page, match.group(2) or "", first=first)
                return
        if self.item is None:
            return
        parts = self.item[2]
        following = self.lines[index + 1][1] if index + 1 < len(self.lines) else ""
        if (
            parts
            and _SENTENCE_END.search(parts[-1])
            and _is_title(text)
            and len(text.split()) <= 6
            and (_is_structure(following) or not following)
        ):
            return  # a sub-heading ("National", "Wiltshire Police") before an item or heading
        parts.append(text)

    def read_table(self, page, text):
        if _COLUMN_VALUE.match(text):
            self.close_item()  # another column's value ("Local", "March 2025", "6 months")
            return
        match = _BARE_ITEM.match(text) or next(
            (m for _, p in _STYLES if (m := p.match(text))), None
        )
        if match and _follows(self.previous, match.group(1)):
            self.start_item(match.group(1), page, match.group(2) or "")
            self.close_row_if_done(text)
            return
        if self.item is None:
            return
        self.item[2].append(text)
        self.close_row_if_done(text)

    def close_row_if_done(self, text):
        if self.item is not None and self.item[2] and _SENTENCE_END.search(text):
            self.close_item()

    def read_narrative(self, text):
        if any(pattern.match(text) for _, pattern in _STYLES):
            self.close_item()  # the next numbered paragraph
            return
        self.item[2].append(text)
        self.close_paragraph_if_done(text)

    def close_paragraph_if_done(self, text):
        if _SENTENCE_END.search(text) and len(text) < SHORT_LINE * self.typical:
            self.close_item()  # a short line that ends a sentence ends its paragraph


def _starts_capital(text):
    for character in text:
        if character.isalpha():
            return character.isupper()
    return False


def _is_title(text):
    """A short line with no closing punctuation, as a heading or a contents entry is."""
    return len(text) <= HEADING_CHARS and len(text.split()) <= 10 and not _TERMINAL.search(text)


def _is_contents_line(text):
    return bool(
        _LEADERS.search(text) or (len(text) <= HEADING_CHARS and _TRAILING_PAGE.search(text))
    )
