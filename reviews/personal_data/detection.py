"""What the check looks for in a page's text: the details an anonymised report must not hold.

Each kind is a pattern written to miss what reports are full of for good reason:

- a date is a date of birth only beside a word that says so ("born", "DOB", "d.o.b.", "date of
  birth", and the Welsh "dyddiad geni", "ganwyd", "ganed"): within 40 characters before the
  date, or 20 after it ("12/03/1984 (date of birth)"), in the same sentence. A chronology is a
  list of full dates, and those are not flagged;
- a phone number is one a person may have: a landline (01, 02) or a mobile (07), written with
  0 or +44. Freephone and organisations' numbers (080, 03, 08, 09) and the short ones (999,
  101, 111, 116 123) are not a person's, and the help lines a report may print are allowed;
- a National Insurance number follows HMRC's letters (neither prefix letter D, F, I, Q, U or
  V, the second not O, none of the prefixes never issued), so the specimen QQ 12 34 56 C is
  not flagged;
- an NHS number is 10 digits (as 3-3-4 or together) whose last is its modulus-11 check digit,
  so a random reference number is flagged only by a 1 in 11 chance;
- postcodes and National Insurance numbers in capitals, as they are written;
- each listed name as a whole word, in any case.

Pure functions of text, so the bulk import's dry run uses them before anything is stored.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import PersonalDataFinding

Kind = PersonalDataFinding.Kind

CONTEXT_CHARACTERS = 40
BEFORE_DATE, AFTER_DATE = 40, 20

# Help lines a report may print for its readers (digits as dialled in the UK), not a person's.
HELP_LINES = {
    "01225712880",  # Wiltshire's out-of-hours helpline
    "07860077333",  # Live Fear Free, by text
    "08082000247",  # National Domestic Abuse Helpline
    "08088010800",  # Live Fear Free
    "08088010327",  # Men's Advice Line
    "08088024040",  # Respect Phoneline
    "08009995428",  # Galop
    "08005999247",  # Karma Nirvana
    "08088020300",  # National Stalking Helpline
}

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr)"
    r"\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|af|il|ydd|fed|ed)?"
DATE = re.compile(
    rf"(?<![\w/-])(?:"
    rf"{_DAY}(?:\s+of)?\s+{_MONTHS},?\s+(?:19|20)\d\d"
    rf"|{_MONTHS}\s+{_DAY},?\s+(?:19|20)\d\d"
    rf"|(?:[12]\d|3[01]|0?[1-9])([/.-])(?:1[0-2]|0?[1-9])\1(?:(?:19|20)\d\d|\d\d)"
    rf"|(?:19|20)\d\d-(?:1[0-2]|0[1-9])-(?:[12]\d|3[01]|0[1-9])"
    rf")(?![\w/-]|\.\d)",
    re.IGNORECASE,
)
BIRTH_WORD = re.compile(
    r"\b(?:date\s+of\s+birth|birth\s*date|d\.?\s?o\.?\s?b\b\.?|born\b|dyddiad\s+geni|ganwyd|ganed)",
    re.IGNORECASE,
)
# Where a sentence (or a list's item) ends: a date beyond one is not the word's.
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z])|;|\n\s*\n")

POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:[A-HK-Y]\d[A-Z\d]?|\d[A-Z\d]?) ?\d[ABD-HJLNP-UW-Z]{2})\b"
)
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)([127](?:[\s)-]{0,2}\d){8,9})(?!\w)")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
NI_NUMBER = re.compile(
    r"\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\d\d ?\d\d ?\d\d ?[A-D]\b",
)
NEVER_ISSUED_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
NHS_NUMBER = re.compile(r"(?<![\w/.-])\d{3}([ -]?)\d{3}\1\d{4}(?![\w/-]|\.\d)")


@dataclass(frozen=True)
class Found:
    kind: str
    page: int
    start: int
    end: int
    matched: str
    context: str

    @property
    def kind_label(self):
        return Kind(self.kind).label

    def describe(self):
        """One line for a list of what to check: "Page 12: Postcode “SN1 2AB” (…)"."""
        return _("Page %(page)d: %(kind)s “%(found)s” (%(context)s)") % {
            "page": self.page,
            "kind": self.kind_label,
            "found": self.matched,
            "context": self.context,
        }


def _single_spaced(text):
    return re.sub(r"\s+", " ", text).strip()


def _context(text, start, end):
    before = max(0, start - CONTEXT_CHARACTERS)
    after = min(len(text), end + CONTEXT_CHARACTERS)
    words = _single_spaced(text[before:after])
    return ("…" if before else "") + words + ("…" if after < len(text) else "")


def nhs_check_digit_holds(digits):
    """The NHS number's modulus-11 check: weights 10 to 2 on the first nine digits."""
    weights = range(10, 1, -1)
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], weights, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _dates_of_birth(text):
    words = list(BIRTH_WORD.finditer(text))
    if not words:
        return
    for date in DATE.finditer(text):
        for word in words:
            if word.end() <= date.start():
                gap = text[word.end() : date.start()]
                if len(gap) <= BEFORE_DATE and not SENTENCE_END.search(gap):
                    yield word.start(), date.end()
                    break
            elif word.start() >= date.end():
                gap = text[date.end() : word.start()]
                if len(gap) <= AFTER_DATE and not SENTENCE_END.search(gap):
                    yield date.start(), word.end()
                    break


def _phones(text):
    for match in PHONE.finditer(text):
        digits = "0" + re.sub(r"\D", "", match.group(1))
        if digits not in HELP_LINES:
            yield match.start(), match.end()


def _ni_numbers(text):
    for match in NI_NUMBER.finditer(text):
        if match.group(1) not in NEVER_ISSUED_PREFIXES:
            yield match.start(), match.end()


def _nhs_numbers(text):
    for match in NHS_NUMBER.finditer(text):
        if nhs_check_digit_holds(re.sub(r"\D", "", match.group())):
            yield match.start(), match.end()


def _spans(pattern):
    return lambda text: ((match.start(), match.end()) for match in pattern.finditer(text))


# In this order, a span that overlaps one found before it is not found again as another kind
# (a date of birth's digits are not also a phone number).
FINDERS = [
    (Kind.EMAIL, _spans(EMAIL)),
    (Kind.DATE_OF_BIRTH, _dates_of_birth),
    (Kind.NI_NUMBER, _ni_numbers),
    (Kind.PHONE, _phones),
    (Kind.NHS_NUMBER, _nhs_numbers),
    (Kind.POSTCODE, _spans(POSTCODE)),
]


def name_pattern(name):
    """A listed name as a whole word in any case; its spaces match any spacing, and a straight
    or curly apostrophe either."""
    parts = [re.escape(part) for part in name.split()]
    written = re.sub("['’]", "['’]", r"\s+".join(parts))
    return re.compile(rf"(?<!\w){written}(?!\w)", re.IGNORECASE)


def find_in_page(number, text, name_patterns=()):
    """What page `number`, whose text is `text`, holds: Found records in reading order."""
    spans = []
    for kind, finder in FINDERS:
        for start, end in finder(text):
            if not any(start < last and first < end for _kind, first, last in spans):
                spans.append((kind, start, end))
    # A listed name is always reported, even inside an email address.
    for pattern in name_patterns:
        spans.extend((Kind.NAME, match.start(), match.end()) for match in pattern.finditer(text))
    return [
        Found(
            kind=kind,
            page=number,
            start=start,
            end=end,
            matched=_single_spaced(text[start:end])[:200],
            context=_context(text, start, end)[:400],
        )
        for kind, start, end in sorted(spans, key=lambda span: (span[1], span[2]))
    ]


def find_personal_data(pages, names=()):
    """Everything found in `pages`, (page number, text) pairs, looking for `names` too."""
    patterns = [name_pattern(name) for name in names]
    return [found for number, text in pages for found in find_in_page(number, text, patterns)]
