"""Finding the themes a report deals with from its page texts: which themes' terms occur, on
which pages and how often.

The rules, each kept deliberately simple so that an officer can predict what is counted:

* **Terms** are a theme's name and its search terms (`Theme.terms()`), matched in any case.
* **Whole words and phrases only.** A term counts only where no letter or digit touches either
  end: "NFS" is not found in "NFSX", nor "stalking" in "unstalkingly", nor "choked" in
  "chokedamp". Hyphens do not join words, so "anti-stalking" does contain "stalking".
* **Spacing and hyphens** inside a phrase do not matter: "non-fatal strangulation" finds
  "non fatal strangulation", "Non-fatal\\nstrangulation" (a phrase broken over two lines) and
  "non- fatal" (a word hyphenated at the end of a line). Straight and curly apostrophes are the
  same. A word split by a hyphen at a line end without a space ("strang-\\nulation") is not
  found.
* **No inflections are guessed.** "stalking" does not find "stalked" or "stalker": a theme
  lists each form it should find among its search terms. Where one term lies inside another
  ("strangulation" in "non-fatal strangulation"), an occurrence of the longer counts once for
  every theme of either.
* **Negated mentions do not count.** A mention is negated when a negating word stands in the
  same clause within the six words before it: "no", "not", "never", "without", "nor",
  "neither", "none", "nothing", "deny", "denies", "denied", "denying", any "...n't" ("didn't"),
  and in Welsh "dim", "heb", "nid" and "erioed". So "no evidence of stalking", "there was no
  indication of strangulation", "she did not disclose coercive control", "he denied any
  stalking" and "no history of drug use" are not counted. The clause ends at a full stop,
  question or exclamation mark, semicolon, colon, a blank line, or "but", "however",
  "although", "though", "whereas", "while": so in "There was no evidence of stalking. He
  stalked her for months." or "no evidence of stalking, but she was strangled" the later
  mention counts. "not only", "whether or not", "no doubt" and Welsh "dim ond" ("only") do not
  negate. A negation never reaches across a page break. The rule errs towards leaving a mention
  out ("the GP did not ask about the stalking she reported" is not counted): the officer still
  sees every other mention, and decides.

Speed: every term of every theme is compiled into one regular expression, shaped as a tree of
the terms' letters so that each position of the text is tried against one branch rather than
every term. A 200-page report against 40 themes of 5 terms, with some 8,000 mentions, takes
about a quarter of a second, most of it checking each mention for a negation (bench/themes.py).
"""

import re
from collections import defaultdict
from dataclasses import dataclass

# What may stand between two words of a phrase: any run of spaces, line breaks and hyphens.
_SEPARATORS = "\\s\\-\u2010\u2011"
_SEPARATOR_RUN = re.compile(f"[{_SEPARATORS}]+")
_APOSTROPHES = "'\u2019"
_SEPARATOR = object()  # the trie's key for a separator between two words

NEGATION_WINDOW = 6  # words before a mention in which a negating word negates it
NEGATING_WORDS = frozenset(
    ["no", "not", "never", "without", "nor", "neither", "none", "nothing"]
    + ["deny", "denies", "denied", "denying"]
    + ["dim", "heb", "nid", "erioed"]  # Welsh: no/not, without, not, never
)
# Negating words that, in these pairs, do not negate: (word before, word, word after).
NOT_NEGATING = frozenset(
    [("", "not", "only"), ("or", "not", ""), ("", "no", "doubt"), ("", "dim", "ond")]
)
# Where a clause ends (looking back from a mention): punctuation, a blank line, or a word that
# turns the sentence around.
_CLAUSE_END = re.compile(
    r"[.!?;:]|\n\s*\n|\b(?:but|however|although|though|whereas|while)\b", re.IGNORECASE
)
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_LOOK_BACK = 200  # characters before a mention read for its clause


def term_key(text):
    """The form a term and a matched mention share: lower case, single spaces for any spacing
    or hyphens, straight apostrophes."""
    return _SEPARATOR_RUN.sub(" ", text).strip().lower().replace("\u2019", "'")


def _term_tokens(term):
    """A term as the trie reads it: its characters (lower case), with one separator token for
    each run of spacing or hyphens."""
    tokens = []
    for index, word in enumerate(term_key(term).split(" ")):
        if index:
            tokens.append(_SEPARATOR)
        tokens.extend(word)
    return tokens


def _trie_pattern(node):
    """The regular expression for a node of the terms' trie: its branches, the longest first,
    and the empty branch last where a term ends here."""
    branches = []
    for token, child in sorted(node.items(), key=lambda item: str(item[0])):
        if token is None:
            continue
        if token is _SEPARATOR:
            head = f"[{_SEPARATORS}]+"
        elif token in _APOSTROPHES:
            head = f"[{_APOSTROPHES}]"
        else:
            head = re.escape(token)
        branches.append(head + _trie_pattern(child))
    if None in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


@dataclass(frozen=True)
class ThemeFound:
    """Where one theme's terms occur in a document: `pages` is {page number: count}."""

    theme: object
    pages: dict

    @property
    def count(self):
        return sum(self.pages.values())


class Vocabulary:
    """Themes' terms, compiled once to be found in any number of texts.

    `terms_by_theme` is {theme: [term, ...]}, the theme being anything hashable (a Theme, its
    primary key, a name).
    """

    def __init__(self, terms_by_theme):
        self.themes_of = defaultdict(set)  # term key -> themes it counts for
        for theme, terms in terms_by_theme.items():
            for term in terms:
                key = term_key(term)
                if key:
                    self.themes_of[key].add(theme)
        # A longer term that contains a shorter one at word boundaries counts for its themes.
        keys = list(self.themes_of)
        self.credited = {
            key: set().union(
                *(self.themes_of[other] for other in keys if f" {other} " in f" {key} ")
            )
            for key in keys
        }
        trie = {}
        for key in keys:
            node = trie
            for token in _term_tokens(key):
                node = node.setdefault(token, {})
            node[None] = {}
        self.pattern = (
            re.compile(r"(?<!\w)" + _trie_pattern(trie) + r"(?!\w)", re.IGNORECASE)
            if trie
            else None
        )

    def mentions(self, text):
        """Each (start, themes) of a term in `text` that is not negated."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            themes = self.credited.get(term_key(match.group()))
            if themes and not is_negated(text, match.start()):
                yield match.start(), themes

    def find(self, pages):
        """[ThemeFound] for `pages`, an iterable of (page number, text): each theme whose terms
        occur, with the pages they occur on and how often, most mentioned first."""
        counts = defaultdict(lambda: defaultdict(int))
        for number, text in pages:
            for _start, themes in self.mentions(text or ""):
                for theme in themes:
                    counts[theme][number] += 1
        found = [ThemeFound(theme, dict(sorted(pages.items()))) for theme, pages in counts.items()]
        return sorted(found, key=lambda item: (-item.count, str(item.theme)))


def find_themes(pages, terms_by_theme):
    """The themes of `terms_by_theme` ({theme: [term, ...]}) that `pages` deal with:
    [ThemeFound], most mentioned first."""
    return Vocabulary(terms_by_theme).find(pages)


def is_negated(text, start):
    """Whether a negating word stands before `start` in the same clause, within
    NEGATION_WINDOW words (the rule is the module's docstring)."""
    before = text[max(0, start - _LOOK_BACK) : start]
    ends = list(_CLAUSE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    words = [word.lower().replace("\u2019", "'") for word in _WORD.findall(before)]
    window = words[-NEGATION_WINDOW:]
    offset = len(words) - len(window)
    for index, word in enumerate(window):
        if word not in NEGATING_WORDS and not word.endswith("n't"):
            continue
        position = offset + index
        previous = words[position - 1] if position else ""
        following = words[position + 1] if position + 1 < len(words) else ""
        if ("", word, following) in NOT_NEGATING or (previous, word, "") in NOT_NEGATING:
            continue
        return True
    return False
