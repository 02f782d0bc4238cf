"""`make bench` (recommendations): the recommendation finder on a 200-page report (issue 14).

The report is synthetic: a title page, a contents page, about 500 words a page of numbered
narrative paragraphs (sentences of words drawn with a Zipf-like distribution from
bench/vocabulary.py), a "Recommendations" section of 15 items near the end, the conclusions,
and an action plan table that states the 15 again, with a protective marking at the top of
every page and "Page N of 200" at the bottom. It is written as a PDF by `reviews.pdf_writer`
and its page texts are read back once with `extract_page_texts`, as the pipeline stores them;
only `find_recommendations` on those texts is timed (the text extraction has its own
benchmark, bench/pipeline.py). The script checks that the 15 are found, once each, on the right
pages, then prints the median of several runs against the budget of 1 second.

Run with `make bench` (or `python bench/recommendations.py`; `--runs 11` for more runs).
"""

import argparse
import io
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhrsite.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")

import django  # noqa: E402

django.setup()

from bench.budget import judge, run_times  # noqa: E402
from bench.vocabulary import DOMAIN_WORDS, FUNCTION_WORDS  # noqa: E402
from reviews.documents import extract_page_texts  # noqa: E402
from reviews.pdf_writer import Table, make_text_pdf  # noqa: E402
from reviews.recommendations.extraction import find_recommendations  # noqa: E402

BUDGET_SECONDS = 1.0
PAGES = 200
WORDS_PER_PAGE = 500
RECOMMENDATIONS = 15
SECTION = 14  # the number of the recommendations section
SEED = 14

AGENCIES = ["The police", "The council", "The health board", "Probation", "The partnership"]
TOPICS = [
    "record every repeat call from the same address",
    "ask about coercive control at each contact",
    "share risk information before a case conference",
    "train front-line staff in recognising economic abuse",
    "refer high-risk cases to MARAC without delay",
]


class Words:
    """Sentences of words drawn with a Zipf-like distribution from the benchmark vocabulary."""

    def __init__(self, seed):
        self.random = random.Random(seed)
        self.words = FUNCTION_WORDS + DOMAIN_WORDS
        self.weights = [1 / (rank + 1) for rank in range(len(self.words))]

    def sentence(self):
        count = self.random.randint(8, 22)
        words = self.random.choices(self.words, self.weights, k=count)
        return " ".join(words).capitalize() + "."

    def paragraph(self, words):
        sentences = []
        while sum(len(s.split()) for s in sentences) < words:
            sentences.append(self.sentence())
        return " ".join(sentences)


def recommendation_text(number):
    agency = AGENCIES[number % len(AGENCIES)]
    topic = TOPICS[number % len(TOPICS)]
    return (
        f"{agency} should {topic}, and report to the partnership on its progress within "
        f"{number + 2} months of this review's publication (recommendation {number} of "
        f"{RECOMMENDATIONS})."
    )


def build_report():
    """(pages for make_text_pdf, the page each recommendation should be found on)."""
    words = Words(SEED)
    chapters = SECTION - 1
    narrative_pages = PAGES - 2 - 4 - 2  # title and contents; recommendations; action plan
    pages = [
        ["Domestic Homicide Review: Adult B (a synthetic report)", "Overview report"],
        ["Contents"]
        + [f"{n}. Chapter {n} .......... {3 + (n - 1) * 14}" for n in range(1, chapters + 1)]
        + [f"{SECTION}. Recommendations .......... {PAGES - 5}", f"{SECTION + 1}. Conclusions"],
    ]
    per_chapter = narrative_pages // chapters
    for index in range(narrative_pages):
        chapter, page_in_chapter = divmod(index, per_chapter)
        if chapter >= chapters:  # the pages left over belong to the last chapter
            chapter, page_in_chapter = chapters - 1, index - (chapters - 1) * per_chapter
        chapter += 1
        page = [f"{chapter}. Chapter {chapter}"] if page_in_chapter == 0 else []
        for paragraph in range(5):
            number = page_in_chapter * 5 + paragraph + 1
            page.append(f"{chapter}.{number} {words.paragraph(WORDS_PER_PAGE // 5)}")
        pages.append(page)
    expected = {}
    lead_in = f"{SECTION}.1 The panel makes these recommendations:"
    section = [[f"{SECTION}. Recommendations", lead_in]]
    for number in range(1, RECOMMENDATIONS + 1):
        if len(section[-1]) >= 5:
            section.append([])
        section[-1].append(f"{SECTION}.{number + 1} {recommendation_text(number)}")
        expected[f"{SECTION}.{number + 1}"] = len(pages) + len(section)
    section[-1].append(f"{SECTION + 1}. Conclusions")
    section[-1].append(f"{SECTION + 1}.1 {words.paragraph(120)}")
    pages.extend(section)
    while len(pages) < PAGES - 2:
        pages.append([words.paragraph(WORDS_PER_PAGE)])
    header = ("No.", "Recommendation", "Scope", "Action", "Lead agency", "Target date")
    widths = (5, 28, 8, 16, 12, 9)
    rows = [
        (
            f"{SECTION}.{number + 1}",
            recommendation_text(number),
            "Local",
            "An audit and a briefing for staff.",
            AGENCIES[number % len(AGENCIES)],
            "March 2026",
        )
        for number in range(1, RECOMMENDATIONS + 1)
    ]
    half = len(rows) // 2
    pages.append(["Appendix A: Action plan", Table(widths, (header, *rows[:half]))])
    pages.append([Table(widths, (header, *rows[half:]))])
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        page.insert(0, "OFFICIAL")
        page.append(f"Page {number} of {total}")
    return pages, expected


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    pages, expected = build_report()
    texts = list(extract_page_texts(io.BytesIO(make_text_pdf(pages))))
    words = sum(len(text.split()) for _, text in texts)
    found = find_recommendations(texts)
    got = {item.number: item.page for item in found}
    if got != expected:
        print(f"WRONG ANSWER: expected {expected}, found {got}")
        sys.exit(1)

    times = run_times(lambda: find_recommendations(texts), runs)
    print(f"Recommendation finder (budget {BUDGET_SECONDS:.0f} s for {PAGES} pages)")
    print(
        f"{len(texts)} pages, {words:,} words; {len(found)} recommendations found, "
        f"each once, on the right pages"
    )
    judge(times, BUDGET_SECONDS)


if __name__ == "__main__":
    main()
