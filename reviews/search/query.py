"""What people type into the search box, turned into terms that no engine can misread.

`parse_query` makes a `ParsedQuery` of terms built only from letters and digits: words (every
word must match), "quoted phrases" (the words together, in order, on one page or in one field)
and `-word` or `-"a phrase"` to exclude. Nothing else has a meaning, so `* ( ) : ^ NEAR AND OR
NOT` are plain words or are ignored. Each backend builds its own engine query from this
structure; what a person typed never reaches FTS5's MATCH or PostgreSQL's to_tsquery.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 1000  # longer input is cut short, not refused
MAX_TERMS = 10
MAX_PHRASE_WORDS = 10
MAX_WORD_LENGTH = 60

# PostgreSQL's English stop words (the Snowball list). Both engines ignore them as single words
# so that the same query means the same thing on either; inside a phrase they are kept.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against between
    into through during before after above below to from up down in out on off over under again
    further then once here there when where why how all any both each few more most other some
    such no nor not only own same so than too very s t can will just don should now""".split()  # noqa: SIM905
)

_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'(?P<dashes>-*)"(?P<phrase>[^"]*)"?|(?P<chunk>[^\s"]+)')


def words_of(text):
    """The searchable words of a text: runs of letters and digits, case-folded."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


@dataclass(frozen=True)
class Term:
    """A word, or a phrase of several words in order; `exclude` for a `-term`."""

    words: tuple
    exclude: bool = False

    @property
    def is_phrase(self):
        return len(self.words) > 1

    def __str__(self):
        text = " ".join(self.words)
        text = f'"{text}"' if self.is_phrase else text
        return f"-{text}" if self.exclude else text


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple = ()
    ignored: tuple = ()  # stop words left out, to tell the reader

    def __bool__(self):
        return bool(self.terms)

    def __str__(self):
        return " ".join(str(term) for term in self.terms)

    @property
    def included(self):
        return [term for term in self.terms if not term.exclude]

    @property
    def excluded(self):
        return [term for term in self.terms if term.exclude]

    @property
    def required_words(self):
        """Every word that a matching review must contain, phrases' words included."""
        seen = []
        for term in self.included:
            for word in term.words:
                if word not in STOP_WORDS and word not in seen:
                    seen.append(word)
        return seen

    @property
    def highlight_words(self):
        return {word for term in self.included for word in term.words if word not in STOP_WORDS}


def parse_query(text):
    """Parse a search box's text into a ParsedQuery. Never raises, whatever it is given."""
    text = unicodedata.normalize("NFKC", str(text or ""))[:MAX_QUERY_LENGTH]
    terms, ignored = [], []
    for match in _TOKEN.finditer(text):
        if match.group("chunk") is not None:
            chunk = match.group("chunk")
            exclude = chunk.startswith("-")
            words = words_of(chunk)
        else:
            exclude = bool(match.group("dashes"))
            words = words_of(match.group("phrase"))
        words = tuple(word for word in words if len(word) <= MAX_WORD_LENGTH)[:MAX_PHRASE_WORDS]
        if not words:
            continue
        if all(word in STOP_WORDS for word in words):
            ignored.extend(word for word in words if word not in ignored)
            continue
        term = Term(words=words, exclude=exclude)
        if term not in terms and Term(words=words, exclude=not exclude) not in terms:
            terms.append(term)
        if len(terms) == MAX_TERMS:
            break
    return ParsedQuery(terms=tuple(terms), ignored=tuple(ignored))
