"""`make bench` (themes): themes suggested from a 200-page report's text (issue 15).

The report is the recommendation benchmark's synthetic 200-page report (bench/recommendations.py:
about 500 words a page, drawn from bench/vocabulary.py, whose words include many themes'
terms, "not" and "no" among them), with three sentences planted on known pages to check the
answer. It is written as a PDF and its page texts read back once, as the pipeline stores them.
The vocabulary is the site's own (reviews/theme_vocabulary.py: 40 themes in the Home Office
library's groups, with their words, phrases, synonyms and abbreviations). What is timed is all
the work `suggest_from` does besides the database: compiling every term into one expression
and finding every theme's mentions, with the negation check, on every page. The script prints the
median of several runs against the budget of 1 second.

Run with `make bench` (or `python bench/themes.py`; `--runs 11` for more runs).
"""

import argparse
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.budget import judge, run_times  # noqa: E402
from bench.recommendations import build_report  # noqa: E402 (sets Django up)
from reviews.documents import extract_page_texts  # noqa: E402
from reviews.pdf_writer import make_text_pdf  # noqa: E402
from reviews.theme_suggestions import Vocabulary  # noqa: E402
from reviews.theme_vocabulary import VOCABULARY  # noqa: E402

BUDGET_SECONDS = 1.0

# The site's own vocabulary, as `suggest_from` reads it from the themes an administrator keeps.
THEMES = {entry.name: entry.terms for entry in VOCABULARY}
HONOUR = "Honour-based abuse and forced marriage"

# Planted (page, sentence) and what the finder must report for the honour-based abuse theme:
# a term broken over two lines, one denied, and one written without its hyphen beside a plural
# of another term ("forced marriages" is another word than "forced marriage").
PLANTED = [
    (120, "Her family spoke of honour-based\nabuse when she left."),
    (121, "There was no evidence of honour-based abuse in the police records."),
    (150, "A neighbour spoke of honour based abuse and of forced marriages in the family."),
]
EXPECTED_HONOUR_PAGES = {120: 1, 150: 1}


def report_texts():
    pages, _ = build_report()
    for page, sentence in PLANTED:
        pages[page - 1].insert(-1, sentence)
    return list(extract_page_texts(io.BytesIO(make_text_pdf(pages))))


def suggest(texts):
    return Vocabulary(THEMES).find(texts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    texts = report_texts()
    words = sum(len(text.split()) for _, text in texts)
    terms = sum(len(terms) for terms in THEMES.values())
    found = {item.theme: item for item in suggest(texts)}
    honour = found.get(HONOUR)
    if honour is None or honour.pages != EXPECTED_HONOUR_PAGES:
        print(f"WRONG ANSWER: honour-based abuse on {honour and honour.pages}")
        sys.exit(1)

    times = run_times(lambda: suggest(texts), runs)
    mentions = sum(item.count for item in found.values())
    print(f"Theme suggestion (budget {BUDGET_SECONDS:.0f} s for {len(texts)} pages)")
    print(
        f"{len(texts)} pages, {words:,} words; {len(THEMES)} themes of {terms} terms; "
        f"{len(found)} themes suggested from {mentions:,} mentions; the planted ones found, "
        f"on the right pages, the negated one left out"
    )
    judge(times, BUDGET_SECONDS)


if __name__ == "__main__":
    main()
