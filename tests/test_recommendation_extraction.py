"""The recommendation finder (issue 14): the suggestions offered to an officer from the page text
of an uploaded report.

The reports in tests/recommendation_reports.py are built as PDFs and read back the way the
pipeline reads them (`extract_page_texts`). Over those layouts the finder does this (a
recommendation is "found" when its number, page and text are right; "text wrong" when its
number and page are right but its text is not; "false" is something found that is not one):

| layout                             | found | text wrong | missed | false |
|------------------------------------|------:|-----------:|-------:|------:|
| numbered section                   |     3 |          0 |      0 |     0 |
| Recommendation N: throughout       |     3 |          0 |      0 |     0 |
| R1 items                           |     3 |          0 |      0 |     0 |
| 4.1 nested, contents page          |     3 |          0 |      0 |     0 |
| local and national, 1) items       |     3 |          0 |      0 |     0 |
| Welsh                              |     3 |          0 |      0 |     0 |
| action plan table                  |     4 |          0 |      0 |     0 |
| across a page break                |     3 |          0 |      0 |     0 |
| no recommendations                 |     0 |          0 |      0 |     0 |
| summary, then report               |     2 |          0 |      0 |     0 |
| action plan without a scope column |     1 |          1 |      0 |     0 |
| all                                |    28 |          1 |      0 |     0 |

The one wrong text is a known limit: an action plan's recommendation cell that has no full stop
and is followed by the action cell (no scope column between) takes in the action's text, since
pypdf gives a table's cells as lines one after another with nothing between them.
"""

import io
import re
import time

import pytest

from reviews.documents.text import extract_page_texts
from reviews.pdf_writer import make_text_pdf
from reviews.recommendations.extraction import MAX_TEXT, Found, find_recommendations

from .recommendation_reports import LAYOUTS, across_a_page_break, action_plan_without_scope

KNOWN_LIMITS = {"action plan without a scope column"}


def page_texts(pages):
    """The page texts the pipeline stores for a PDF of `pages`."""
    return list(extract_page_texts(io.BytesIO(make_text_pdf(pages))))


def found_in(layout):
    pages, expected = layout()
    return find_recommendations(page_texts(pages)), expected


def matches(found, expected):
    number, start, end, page = expected
    return (found.number, found.page) == (number, page) and (
        found.text.startswith(start) and found.text.endswith(end)
    )


def tally(found, expected):
    """{"found", "text wrong", "missed", "false"} for one layout."""
    counts = dict.fromkeys(("found", "text wrong", "missed", "false"), 0)
    unmatched = list(found)
    for item in expected:
        exact = next((f for f in unmatched if matches(f, item)), None)
        placed = exact or next(
            (f for f in unmatched if (f.number, f.page) == (item[0], item[3])), None
        )
        if placed is None:
            counts["missed"] += 1
            continue
        unmatched.remove(placed)
        counts["found" if exact else "text wrong"] += 1
    counts["false"] = len(unmatched)
    return counts


# ---------------------------------------------------------------------------------------------
# The layouts, from PDFs
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(set(LAYOUTS) - KNOWN_LIMITS))
def test_each_layout_gives_its_recommendations_with_numbers_texts_and_pages(name):
    found, expected = found_in(LAYOUTS[name])

    assert [(f.number, f.page) for f in found] == [(e[0], e[3]) for e in expected]
    for item, wanted in zip(found, expected, strict=True):
        assert item.text.startswith(wanted[1]), item.text
        assert item.text.endswith(wanted[2]), item.text


def test_the_counts_in_the_module_docstring_are_what_the_finder_does():
    rows = re.findall(r"^\| ([^|]+?) +\| +(\d+) \| +(\d+) \| +(\d+) \| +(\d+) \|$", __doc__, re.M)
    claimed = {name: tuple(map(int, counts)) for name, *counts in rows}
    measured = {name: tuple(tally(*found_in(layout)).values()) for name, layout in LAYOUTS.items()}
    measured["all"] = tuple(map(sum, zip(*measured.values(), strict=True)))

    assert claimed == measured


def test_a_recommendation_over_a_page_break_is_one_text_without_the_page_furniture():
    found, _ = found_in(across_a_page_break)

    assert found[1] == Found(
        number="10.2",
        text="The council should commission a specialist service for older victims of domestic "
        "abuse, so that people over sixty-five can be referred to it directly by any "
        "professional.",
        page=1,
    )
    assert not any("OFFICIAL" in f.text or "Adult L" in f.text or "Page" in f.text for f in found)


def test_an_action_plan_row_gives_the_recommendation_not_the_other_columns():
    found, _ = found_in(LAYOUTS["action plan table"])

    assert [f.text for f in found] == [
        "The police should review how call handlers record repeat calls from the same address.",
        "GPs should ask routinely about domestic abuse when a patient presents with anxiety.",
        "The probation service should check with the police before it approves a new address",
        "The Home Office should make specialist training on coercive control part of every new "
        "officer's course.",
    ]


def test_an_action_plan_cell_without_a_full_stop_takes_in_the_action_after_it():
    # The known limit the module docstring counts: nothing in pypdf's text marks the cell's end.
    found, _ = found_in(action_plan_without_scope)

    assert found[1].text == (
        "Substance use services should screen every new client for domestic abuse "
        "Add the screening questions to the assessment form."
    )


def test_a_header_row_on_one_line_starts_a_table_and_a_timescale_is_not_a_row():
    pages = [
        (
            1,
            "Action plan\nNo. Recommendation Scope Action Lead agency Target date\n"
            "1\nThe council should fund an adviser.\nLocal\nFund the post\nCouncil\n6 months\n"
            "2\nThe police should train call handlers.\nLocal\nA course\nPolice\nMay 2025",
        )
    ]

    assert find_recommendations(pages) == [
        Found("1", "The council should fund an adviser.", 1),
        Found("2", "The police should train call handlers.", 1),
    ]


def test_a_recommendation_that_names_columns_is_not_taken_for_a_table_header():
    pages = [(1, "Recommendation 1: The lead agency should set a target date.")]

    assert find_recommendations(pages) == [
        Found("1", "The lead agency should set a target date.", 1)
    ]


def test_contents_entries_and_narrative_paragraphs_are_not_found():
    found, _ = found_in(LAYOUTS["4.1 nested, contents page"])

    assert [f.number for f in found] == ["4.2", "4.3", "4.4"]
    assert not any("Introduction" in f.text or "review began" in f.text for f in found)


# ---------------------------------------------------------------------------------------------
# Page texts given as strings: the edge cases
# ---------------------------------------------------------------------------------------------


def test_a_hyphen_at_a_line_break_joins_the_word_but_a_prefix_keeps_it():
    pages = [
        (
            1,
            "Recommendations\n1. Agencies should share infor-\nmation at every multi-\nagency "
            "meeting -\nand record it.",
        )
    ]

    assert find_recommendations(pages) == [
        Found(
            "1",
            "Agencies should share information at every multi-agency meeting - and record it.",
            1,
        )
    ]


@pytest.mark.parametrize("footer", ["Page 12 of 40", "12", "- 12 -", "12 of 40", "Tudalen 12"])
def test_a_page_number_footer_is_not_part_of_a_text(footer):
    # The footer is on one page of four, so it is the page-number rule that takes it off, not
    # the one for running footers.
    pages = [
        (12, f"Recommendations\n1. The police should flag repeat calls to\n{footer}"),
        (13, "officers who attend.\n2. The GP should ask about safety."),
        (14, "3. The council should fund an adviser."),
        (15, "Appendix"),
    ]

    assert [f.text for f in find_recommendations(pages)] == [
        "The police should flag repeat calls to officers who attend.",
        "The GP should ask about safety.",
        "The council should fund an adviser.",
    ]


def test_a_footer_on_every_page_is_not_part_of_a_text():
    pages = [
        (1, "Recommendations\n1. The police should flag repeat calls to\nPage 1 of 2"),
        (2, "officers who attend.\n2. The GP should ask about safety.\nPage 2 of 2"),
    ]

    assert [f.text for f in find_recommendations(pages)] == [
        "The police should flag repeat calls to officers who attend.",
        "The GP should ask about safety.",
    ]


@pytest.mark.parametrize(
    ("heading", "leaders"),
    [("Contents\n", ""), ("Contents\n", " ........"), ("", " ........")],
    ids=["page numbers", "leaders", "a second contents page"],
)
def test_a_contents_page_that_lists_the_recommendations_gives_none_of_them(heading, leaders):
    pages = [
        (
            2,
            f"{heading}1. Introduction{leaders} 3\n2. Recommendations{leaders} 14\n"
            f"Recommendation 1: Information sharing{leaders} 14\n"
            f"Recommendation 2: Training{leaders} 15\n3. Conclusions{leaders} 16",
        ),
        (3, "1. Introduction\n1.1 The review began in 2021 after the death of Adult K at home."),
    ]

    assert find_recommendations(pages) == []


def test_a_lone_number_at_the_top_of_a_page_that_is_not_its_page_number_stays():
    pages = [
        (5, "No.\nRecommendation\nScope\n1\nThe council should fund an adviser.\nLocal\n5"),
        (6, "2\nThe police should train call handlers.\nLocal\n6"),
    ]

    assert [(f.number, f.page) for f in find_recommendations(pages)] == [("1", 5), ("2", 6)]


def test_running_headers_and_footers_are_not_part_of_the_texts():
    header = "OFFICIAL-SENSITIVE\nDomestic Homicide Review into the death of Adult P"
    footer = "Adult P overview report, page {n}"
    pages = [
        (1, f"{header}\n1. Introduction\n1.1 The review began.\n{footer.format(n=1)}"),
        (
            2,
            f"{header}\n2. Recommendations\n2.1 Housing should ask about abuse when\n"
            f"{footer.format(n=2)}",
        ),
        (
            3,
            f"{header}\na tenant reports damage.\n2.2 Probation should check addresses.\n"
            f"{footer.format(n=3)}",
        ),
    ]

    assert [f.text for f in find_recommendations(pages)] == [
        "Housing should ask about abuse when a tenant reports damage.",
        "Probation should check addresses.",
    ]


def test_the_explicit_form_counts_outside_a_section_and_ends_with_its_paragraph():
    pages = [
        (
            1,
            "3.4 The panel found that the agencies involved did not share what they knew, and\n"
            "so the risk to the family was never assessed by anyone who could have acted on it.\n"
            "Recommendation 5: The police should share risk information with the health board\n"
            "and the council.\n"
            "The panel was told this has begun, and that the first results are promising for\n"
            "the area.\n"
            "3.5 The next point.",
        )
    ]

    assert find_recommendations(pages) == [
        Found(
            "5",
            "The police should share risk information with the health board and the council.",
            1,
        )
    ]


def test_a_one_line_explicit_recommendation_ends_at_its_line_when_that_ends_a_paragraph():
    pages = [
        (
            1,
            "3.4 The panel found that the agencies involved did not share what they knew, and\n"
            "so the risk to the family was never assessed by anyone who could have acted on it.\n"
            "Recommendation 6: The council should fund an adviser.\n"
            "The panel was told this has begun, and that the first results are promising for\n"
            "the area.",
        )
    ]

    assert find_recommendations(pages) == [Found("6", "The council should fund an adviser.", 1)]


def test_in_conclusions_and_recommendations_only_the_recommendations_are_found():
    pages = [
        (
            1,
            "9. Conclusions and recommendations\n9.1 The review found gaps in what was shared.\n"
            "9.2 No single agency held the whole picture.\n"
            "Recommendation 1: The police should share incident logs with health.\n"
            "Recommendation 2: The council should fund an adviser.\n10. Appendix",
        )
    ]

    assert find_recommendations(pages) == [
        Found("1", "The police should share incident logs with health.", 1),
        Found("2", "The council should fund an adviser.", 1),
    ]


def test_a_title_on_the_recommendation_line_leads_its_text():
    pages = [(1, "Recommendation 1 – Training\nThe police should train call handlers.")]

    assert find_recommendations(pages) == [
        Found("1", "Training: The police should train call handlers.", 1)
    ]


def test_a_section_may_number_its_items_without_a_stop_under_a_capitalised_heading():
    pages = [
        (
            1,
            "RECOMMENDATIONS\n1 The police should train staff.\n2 The council should act.\n"
            "APPENDIX\n3 The panel's members.",
        )
    ]

    assert find_recommendations(pages) == [
        Found("1", "The police should train staff.", 1),
        Found("2", "The council should act.", 1),
    ]


def test_a_reference_to_a_recommendation_is_not_a_recommendation():
    pages = [
        (
            1,
            "4.1 The police accepted the finding, as\nRecommendation 3 above sets out, and\n"
            "Recommendations 1 and 2 were accepted too.",
        )
    ]

    assert find_recommendations(pages) == []


def test_a_recommendation_stated_twice_is_found_once():
    statement = "1. The partnership should fund an adviser."
    pages = [(1, f"Recommendations\n{statement}"), (9, f"Recommendations\n{statement}")]

    assert find_recommendations(pages) == [Found("1", "The partnership should fund an adviser.", 1)]


def test_a_sub_heading_between_items_is_left_out():
    pages = [
        (1, "Recommendations\n1. The council should act.\nNational\n2. The Home Office should act.")
    ]

    assert [f.text for f in find_recommendations(pages)] == [
        "The council should act.",
        "The Home Office should act.",
    ]


def test_a_numbered_line_whose_number_does_not_follow_on_continues_the_item():
    pages = [(1, "Recommendations\n1. The council should review its\n40. homes for refugees.")]

    assert find_recommendations(pages) == [
        Found("1", "The council should review its 40. homes for refugees.", 1)
    ]


def test_a_section_that_never_ends_does_not_swallow_the_report():
    narrative = "\n".join("The panel heard a great deal more about the family." for _ in range(400))
    pages = [(1, f"Recommendations\n1. The council should act.\n{narrative}")]

    (found,) = find_recommendations(pages)
    assert len(found.text) <= MAX_TEXT
    assert found.text.startswith("The council should act.")
    assert found.text.endswith(".")


@pytest.mark.parametrize("pages", [[], [(1, "")], [(1, "\n\n"), (2, "OFFICIAL")]])
def test_no_text_gives_no_recommendations(pages):
    assert find_recommendations(pages) == []


def test_long_hostile_lines_are_read_in_linear_time():
    size = 200_000
    hostile = [
        "1." * (size // 2),
        "Recommendation " * (size // 15),
        "Recommendations for " + "the agency " * (size // 11),
        ". " * (size // 2),
        "R1" + "1" * size,
        "9 " * (size // 2),
        "Appendix - " + "a" * size,
        "Page " + " " * size + "1",
    ]
    pages = [(1, "Recommendations\n1. The council should act.\n" + "\n".join(hostile))]

    started = time.perf_counter()
    find_recommendations(pages)
    assert time.perf_counter() - started < 2.0
