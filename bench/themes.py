"""`make bench` (themes): themes suggested from a 200-page report's text (issue 15).

The report is the recommendation benchmark's synthetic 200-page report (bench/recommendations.py:
about 500 words a page, drawn from bench/vocabulary.py, whose words include many themes'
terms, "not" and "no" among them), with three sentences planted on known pages to check the
answer. It is written as a PDF and its page texts read back once, as the pipeline stores them.
The vocabulary is this script's own: 40 themes of 5 terms each (the Home Office library's kind
of tags, with synonyms, abbreviations and phrases), not the demo's. What is timed is all the
work `suggest_from` does besides the database: compiling the 200 terms into one expression and
finding every theme's mentions, with the negation check, on every page. The script prints the
median of several runs against the budget of 1 second.

Run with `make bench` (or `python bench/themes.py`; `--runs 11` for more runs).
"""

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.recommendations import build_report  # noqa: E402 (sets Django up)
from reviews.documents import extract_page_texts  # noqa: E402
from reviews.pdf_writer import make_text_pdf  # noqa: E402
from reviews.theme_suggestions import Vocabulary  # noqa: E402

BUDGET_SECONDS = 1.0

THEMES = {
    "Coercive control": ["coercive", "controlling behaviour", "coercive and controlling"],
    "Economic abuse": ["financial abuse", "economic", "controlled her money", "debt"],
    "Stalking": ["stalked", "stalker", "harassment", "following her", "tracking"],
    "Separation": ["separated", "separating", "ex-partner", "left him", "leaving"],
    "Non-fatal strangulation": ["strangulation", "strangled", "choked", "NFS", "non-fatal"],
    "Honour-based abuse": ["so-called honour", "honour-based", "honour killing", "izzat", "shame"],
    "Forced marriage": ["forced marriage", "marriage abroad", "Forced Marriage Unit", "FMU"],
    "Mental health": ["depression", "anxiety", "psychosis", "mental illness", "CMHT"],
    "Self-harm and suicide": ["self-harm", "suicide", "overdose", "suicidal", "took her own life"],
    "Alcohol": ["drinking", "drunk", "alcohol misuse", "intoxicated", "alcoholic"],
    "Drug use": ["drugs", "drug misuse", "cannabis", "cocaine", "heroin"],
    "Substance misuse services": ["substance", "treatment service", "detox", "rehab", "methadone"],
    "Housing": ["tenancy", "eviction", "landlord", "homeless", "accommodation"],
    "Refuge": ["refuge", "safe house", "shelter", "sanctuary scheme", "outreach"],
    "Older victims": ["older", "elderly", "pensioner", "over 65", "retired"],
    "Dementia": ["dementia", "Alzheimer's", "memory clinic", "cognitive decline", "confused"],
    "Disability": ["disability", "disabled", "wheelchair", "learning disability", "impairment"],
    "Carers": ["carer", "caring", "care package", "carer's assessment", "cared for"],
    "Pregnancy": ["pregnancy", "pregnant", "antenatal", "midwife", "miscarriage"],
    "Children in the household": ["children", "child protection", "school", "nursery", "baby"],
    "Child contact": ["child contact", "contact centre", "family court", "CAFCASS", "custody"],
    "Adult safeguarding": ["safeguarding", "section 42", "adult at risk", "vulnerable", "SAB"],
    "Information sharing": ["information sharing", "sharing", "shared", "disclosure", "consent"],
    "Risk assessment (DASH and MARAC)": ["DASH", "MARAC", "risk assessment", "high risk", "RIC"],
    "Independent advocacy": ["IDVA", "advocate", "advocacy", "ISVA", "specialist support"],
    "Police response": ["arrest", "custody", "bail", "999 call", "officers attended"],
    "Criminal justice": ["court", "charge", "prosecution", "CPS", "conviction"],
    "Probation and offender management": ["probation", "licence", "MAPPA", "offender", "IOM"],
    "Domestic abuse disclosure scheme": ["Clare's Law", "DVDS", "right to know", "right to ask"],
    "Protective orders": ["non-molestation", "DVPO", "DVPN", "restraining order", "order"],
    "Health services": ["GP", "hospital", "emergency department", "A&E", "paramedic"],
    "Routine enquiry": ["routine enquiry", "asked about abuse", "selective enquiry", "screening"],
    "Professional curiosity": ["professional curiosity", "curiosity", "missed opportunity"],
    "Training": ["training", "trained", "e-learning", "awareness", "workshop"],
    "Record keeping": ["records", "record keeping", "recorded", "case notes", "chronology"],
    "Multi-agency working": ["multi-agency", "strategy meeting", "case conference", "MASH"],
    "Employment": ["employer", "workplace", "colleague", "job", "work"],
    "Immigration": ["immigration", "visa", "no recourse to public funds", "NRPF", "asylum"],
    "Language and interpreters": ["interpreter", "language", "translation", "English", "Welsh"],
    "Social isolation": ["isolation", "isolated", "lonely", "cut off", "no friends"],
}

# Planted (page, sentence) and what the finder must report for the "Honour-based abuse" theme.
PLANTED = [
    (120, "Her family spoke of so-called\nhonour when she left."),
    (121, "There was no evidence of so-called honour in the police records."),
    (150, "A neighbour said she had been shamed (so called honour) in the community."),
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
    honour = found.get("Honour-based abuse")
    # "shame" is a term too, but "shamed" is another word: only the planted phrases count.
    if honour is None or honour.pages != EXPECTED_HONOUR_PAGES:
        print(f"WRONG ANSWER: honour-based abuse on {honour and honour.pages}")
        sys.exit(1)

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        suggest(texts)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    mentions = sum(item.count for item in found.values())
    print(f"Theme suggestion (budget {BUDGET_SECONDS:.0f} s for {len(texts)} pages)")
    print(
        f"{len(texts)} pages, {words:,} words; {len(THEMES)} themes of {terms} terms; "
        f"{len(found)} themes suggested from {mentions:,} mentions; the planted ones found, "
        f"on the right pages, the negated one left out"
    )
    print(
        f"median of {runs} runs: {median * 1000:.1f} ms "
        f"(fastest {min(times) * 1000:.1f} ms, slowest {max(times) * 1000:.1f} ms)"
    )
    if median > BUDGET_SECONDS:
        print(f"OVER BUDGET: the median run took longer than {BUDGET_SECONDS:.0f} second.")
        sys.exit(1)
    print(f"within budget: {median:.3f} s of {BUDGET_SECONDS:.0f} s")


if __name__ == "__main__":
    main()
