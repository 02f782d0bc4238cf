"""Reports laid out the ways reviews state their recommendations, as PDFs, for the
recommendation finder's tests (tests/test_recommendation_extraction.py).

Each layout is a function returning `(pages, expected)`: the pages for `make_text_pdf` and the
recommendations a careful reader would list, as `(number, start of text, end of text, page)`.
Every report, partnership and person here is invented.
"""

from reviews.pdf_writer import Table

TITLE = "Domestic Homicide Review: Adult K (fictional)"


def numbered_section():
    """A numbered "Recommendations" section with "1." items between narrative sections."""
    pages = [
        [
            TITLE,
            "7. Analysis",
            "7.1 The GP saw Adult K four times in the last year of her life and did not once ask "
            "whether she was safe at home.",
            "7.2 Housing officers visited the flat twice about repairs and noticed a broken door.",
            "8. Recommendations",
            "The panel asks the following of the agencies involved.",
            "1. Wiltshire Police should make sure that every call from an address with a history "
            "of domestic abuse is flagged to the officer who attends.",
            "2. The GP practice should ask every patient who presents with unexplained injuries "
            "about their safety at home, and record the answer.",
            "3. The Community Safety Partnership should share the learning from this review with "
            "all its member agencies within six months.",
        ],
        [
            TITLE,
            "9. Conclusions",
            "9.1 Adult K's death could not have been predicted, but there were chances to help "
            "her.",
            "1. This numbered point closes the report and is not a recommendation.",
        ],
    ]
    expected = [
        ("1", "Wiltshire Police should make sure", "to the officer who attends.", 1),
        ("2", "The GP practice should ask", "and record the answer.", 1),
        ("3", "The Community Safety Partnership should share", "within six months.", 1),
    ]
    return pages, expected


def explicit_throughout():
    """ "Recommendation 1:", "Recommendation 2 -" and "Recommendation 3" among the analysis."""
    pages = [
        [
            "5. Analysis",
            "5.1 Agencies did not share what they knew about the perpetrator's earlier convictions "
            "for violence against two former partners.",
            "Recommendation 1: Agencies should agree one route for sharing information about "
            "known perpetrators before any case conference.",
            "5.2 The housing provider had no policy on domestic abuse and its staff had no "
            "training in recognising it.",
            "Recommendation 2 - The housing provider should adopt a domestic abuse policy and "
            "train every member of its front-line staff in it.",
            "The panel heard that housing staff were often the only professionals who saw the "
            "family at home.",
        ],
        [
            "5.3 The mental health trust discharged the perpetrator without asking who he lived "
            "with.",
            "Recommendation 3",
            "The mental health trust should review how it plans a discharge for a patient who "
            "lives with a partner they have been violent towards.",
            "6. Conclusions",
            "6.1 The review found missed chances in three agencies.",
        ],
    ]
    expected = [
        ("1", "Agencies should agree one route", "before any case conference.", 1),
        ("2", "The housing provider should adopt", "front-line staff in it.", 1),
        ("3", "The mental health trust should review", "been violent towards.", 2),
    ]
    return pages, expected


def r_items():
    """ "R1.", "R2:", "R3 -" items in a "Recommendations" section, a glossary after."""
    pages = [
        [
            "Recommendations",
            "R1. Adult social care should offer a carer's assessment to every person caring for a "
            "partner with dementia, and ask about abuse as part of it.",
            "R2: The Safeguarding Adults Board should audit how often domestic abuse is recorded "
            "as a concern in safeguarding referrals about older people.",
            "R3 - The Community Safety Partnership should publish this review in Welsh and "
            "English.",
            "Glossary",
            "DASH: the Domestic Abuse, Stalking and Harassment risk checklist.",
            "R4 this line after the glossary heading is not a recommendation.",
        ]
    ]
    expected = [
        ("R1", "Adult social care should offer", "ask about abuse as part of it.", 1),
        ("R2", "The Safeguarding Adults Board should audit", "about older people.", 1),
        ("R3", "The Community Safety Partnership should publish", "in Welsh and English.", 1),
    ]
    return pages, expected


def nested_with_contents():
    """A contents page, numbered narrative paragraphs and "4.2"-style recommendations."""
    pages = [
        [
            "Contents",
            "1. Introduction .......... 2",
            "2. The facts .......... 2",
            "3. Analysis .......... 3",
            "4. Recommendations .......... 3",
            "5. Appendix: terms of reference .......... 4",
        ],
        [
            "1. Introduction",
            "1.1 The review began in March 2021, after the death of Adult K in her home.",
            "1.2 The panel met six times and heard from eleven agencies.",
            "2. The facts",
            "2.1 Adult K lived with her partner and their two children.",
            "2.2 She had called the police three times in the year before she died.",
        ],
        [
            "3. Analysis",
            "3.1 No agency asked Adult K about coercive control.",
            "4. Recommendations",
            "4.1 The review panel makes the following recommendations:",
            "4.2 The police should use the DASH risk checklist at every domestic abuse incident, "
            "including those where no offence is recorded.",
            "4.3 Children's services should hear from children in a household where abuse is "
            "reported, and not only from their parents.",
            "4.4 The Community Safety Partnership should check, a year from now, that these "
            "recommendations have been carried out.",
        ],
        [
            "5. Appendix: terms of reference",
            "5.1 The review will consider the contact agencies had with Adult K from 2018.",
        ],
    ]
    expected = [
        ("4.2", "The police should use the DASH", "where no offence is recorded.", 3),
        ("4.3", "Children's services should hear", "not only from their parents.", 3),
        ("4.4", "The Community Safety Partnership should check", "have been carried out.", 3),
    ]
    return pages, expected


def local_and_national():
    """ "Local recommendations" and "National recommendations", each numbered "1)" afresh."""
    pages = [
        [
            "Local recommendations",
            "1) The hospital trust should place a domestic abuse adviser in its emergency "
            "department.",
            "2) The council should make its housing allocation policy give priority to victims "
            "who must leave home.",
            "National recommendations",
            "1) The Home Office should ask every police force to record non-fatal strangulation "
            "as a specific risk factor.",
            "Appendix",
            "1) The panel members and their agencies.",
        ]
    ]
    expected = [
        ("1", "The hospital trust should place", "in its emergency department.", 1),
        ("2", "The council should make", "who must leave home.", 1),
        ("1", "The Home Office should ask", "as a specific risk factor.", 1),
    ]
    return pages, expected


def welsh():
    """A Welsh report: "Argymhellion" as its heading and "Argymhelliad 1" as its items."""
    pages = [
        [
            "Adolygiad Dynladdiad Domestig: Oedolyn T (ffuglennol)",
            "5. Dadansoddiad",
            "5.1 Ni ofynnodd unrhyw asiantaeth i Oedolyn T a oedd hi'n ddiogel gartref.",
            "6. Argymhellion",
            "Argymhelliad 1: Dylai Heddlu Dyfed-Powys sicrhau bod swyddogion yn gofyn am hanes "
            "cam-drin domestig ym mhob galwad i'r cyfeiriad.",
            "Argymhelliad 2: Dylai'r bwrdd iechyd hyfforddi meddygon teulu i holi am gam-drin "
            "domestig.",
            "Argymhelliad 3: Dylai'r Bartneriaeth Diogelwch Cymunedol rannu'r dysgu o'r "
            "adolygiad hwn gyda phob asiantaeth.",
            "7. Casgliadau",
            "7.1 Roedd cyfleoedd i helpu Oedolyn T.",
        ]
    ]
    expected = [
        ("1", "Dylai Heddlu Dyfed-Powys sicrhau", "ym mhob galwad i'r cyfeiriad.", 1),
        ("2", "Dylai'r bwrdd iechyd hyfforddi", "i holi am gam-drin domestig.", 1),
        ("3", "Dylai'r Bartneriaeth Diogelwch Cymunedol", "gyda phob asiantaeth.", 1),
    ]
    return pages, expected


ACTION_PLAN_COLUMNS = ("No.", "Recommendation", "Scope", "Action", "Lead agency", "Target date")
ACTION_PLAN_WIDTHS = (3, 28, 8, 18, 12, 9)


def action_plan():
    """An action plan table over two pages, its header row repeated on the second."""
    header = ACTION_PLAN_COLUMNS
    pages = [
        [
            "Action plan",
            Table(
                ACTION_PLAN_WIDTHS,
                (
                    header,
                    (
                        "1",
                        "The police should review how call handlers record repeat calls from the "
                        "same address.",
                        "Local",
                        "Audit of call records and a briefing for all call handlers.",
                        "Wiltshire Police",
                        "March 2025",
                    ),
                    (
                        "2",
                        "GPs should ask routinely about domestic abuse when a patient presents "
                        "with anxiety.",
                        "Regional",
                        "Training through the primary care network.",
                        "NHS Wiltshire",
                        "June 2025",
                    ),
                ),
            ),
        ],
        [
            Table(
                ACTION_PLAN_WIDTHS,
                (
                    header,
                    (
                        "3",
                        "The probation service should check with the police before it approves "
                        "a new address",
                        "Local",
                        "A new step in the address check procedure.",
                        "Probation Service",
                        "April 2025",
                    ),
                    (
                        "4",
                        "The Home Office should make specialist training on coercive control "
                        "part of every new officer's course.",
                        "National",
                        "Letter to the Home Office from the partnership's chair.",
                        "Community Safety Partnership",
                        "December 2025",
                    ),
                ),
            ),
        ],
    ]
    expected = [
        ("1", "The police should review", "from the same address.", 1),
        ("2", "GPs should ask routinely", "presents with anxiety.", 1),
        ("3", "The probation service should check", "approves a new address", 2),
        ("4", "The Home Office should make", "every new officer's course.", 2),
    ]
    return pages, expected


def across_a_page_break():
    """A recommendation that runs on to the next page, past a marking, a title and a footer."""
    pages = [
        [
            "OFFICIAL",
            "Adult L overview report",
            "10. Recommendations",
            "10.1 Adult social care should include domestic abuse in every review of a care "
            "package for an older couple.",
            "10.2 The council should commission a specialist service for older victims of "
            "domestic abuse, so that",
            "Page 1 of 2",
        ],
        [
            "OFFICIAL",
            "Adult L overview report",
            "people over sixty-five can be referred to it directly by any professional.",
            "10.3 The partnership should review its progress on these recommendations in a year.",
            "11. Conclusions",
            "Page 2 of 2",
        ],
    ]
    expected = [
        ("10.1", "Adult social care should include", "care package for an older couple.", 1),
        ("10.2", "The council should commission", "directly by any professional.", 1),
        ("10.3", "The partnership should review", "recommendations in a year.", 2),
    ]
    return pages, expected


def no_recommendations():
    """A learning briefing with a contents page and numbered paragraphs but no recommendations."""
    pages = [
        [
            "Contents",
            "1. Introduction .......... 2",
            "2. What we learned .......... 2",
        ],
        [
            "1. Introduction",
            "1.1 This briefing helps professionals recognise coercive control.",
            "2. What we learned",
            "2.1 Coercive control can be aimed at a professional as well as at a partner.",
            "2.2 The panel's recommendations are in the overview report, not in this briefing.",
            "3. Conclusions",
            "3.1 Curiosity saves lives.",
        ],
    ]
    return pages, []


def summary_then_report():
    """An executive summary that lists the recommendations, then the report that states them
    again with their sub-points, then a heading the finder does not know ("Next steps")."""
    pages = [
        [
            "Executive summary",
            "The review found that agencies worked in isolation.",
            "Recommendations",
            "1. Agencies should use one shared record of domestic abuse incidents.",
            "2. The partnership should fund an independent domestic violence adviser for the "
            "county's rural areas.",
        ],
        [
            "Overview report",
            "12. Recommendations",
            "1. Agencies should use one shared record of domestic abuse incidents.",
            "a) The record should be open to the police, health and housing.",
            "b) It should show every referral to a MARAC.",
            "2. The partnership should fund an independent domestic violence adviser for the "
            "county's rural areas.",
            "Next steps",
            "The chair will present the report to the partnership's board in the spring.",
        ],
    ]
    expected = [
        ("1", "Agencies should use one shared record", "of domestic abuse incidents.", 1),
        ("2", "The partnership should fund", "for the county's rural areas.", 1),
    ]
    return pages, expected


def action_plan_without_scope():
    """An action plan whose recommendation column is followed directly by the action."""
    widths = (3, 30, 24, 14, 10)
    pages = [
        [
            "Action plan",
            Table(
                widths,
                (
                    ("Ref", "Recommendation", "Action", "Lead agency", "Target date"),
                    (
                        "1",
                        "Schools should teach pupils about healthy relationships from year 7.",
                        "A lesson plan for every secondary school",
                        "Education",
                        "September 2025",
                    ),
                    (
                        "2",
                        "Substance use services should screen every new client for domestic abuse",
                        "Add the screening questions to the assessment form.",
                        "Turning Point",
                        "May 2025",
                    ),
                ),
            ),
        ]
    ]
    expected = [
        ("1", "Schools should teach pupils", "relationships from year 7.", 1),
        ("2", "Substance use services should screen", "for domestic abuse", 1),
    ]
    return pages, expected


LAYOUTS = {
    "numbered section": numbered_section,
    "Recommendation N: throughout": explicit_throughout,
    "R1 items": r_items,
    "4.1 nested, contents page": nested_with_contents,
    "local and national, 1) items": local_and_national,
    "Welsh": welsh,
    "action plan table": action_plan,
    "across a page break": across_a_page_break,
    "no recommendations": no_recommendations,
    "summary, then report": summary_then_report,
    "action plan without a scope column": action_plan_without_scope,
}
