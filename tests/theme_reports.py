"""Invented report texts with a known answer, for the theme finder's tests
(tests/test_theme_finding.py) and the figures of how well it suggests themes.

`VOCABULARY` is a small test vocabulary ({theme name: terms}), not the demo's. Each report is
`(name, pages, themes)`: its page texts as the pipeline stores them ([(page number, text)]) and
the themes a careful reader would tag it with. The texts mix what the finder must count with
what it must not: negated mentions, terms inside other words, and two sentences written to
show the rule's known limits. Every report, place and person here is invented test data.
"""

VOCABULARY = {
    "Stalking": ["Stalking", "stalked", "stalker"],
    "Non-fatal strangulation": [
        "Non-fatal strangulation",
        "strangulation",
        "strangled",
        "choked",
        "NFS",
    ],
    "Coercive control": ["Coercive control", "controlling behaviour", "coercive and controlling"],
    "Economic abuse": ["Economic abuse", "financial abuse", "controlled her money"],
    "Alcohol": ["Alcohol", "drinking", "drunk"],
    "Housing": ["Housing", "tenancy", "eviction", "homeless"],
    "Risk assessment (DASH / MARAC)": ["Risk assessment (DASH / MARAC)", "DASH", "MARAC"],
    "Mental health": ["Mental health", "depression", "anxiety"],
}

REPORTS = [
    (
        "Overview report, Adult K (fictional)",
        [
            (
                1,
                "Domestic Homicide Review: Adult K (fictional test data)\n"
                "3.1 Over two years Mr L's coercive\ncontrol of Adult K grew: he read her "
                "messages, chose her clothes and controlled her money.",
            ),
            (
                2,
                "3.2 There was no evidence of strangulation. After the separation he stalked "
                "her, waiting outside her work. The police officer's dashboard camera recorded "
                "one of these visits.\n3.3 Her sister described the economic abuse as the worst "
                "of it.",
            ),
            (
                3,
                "3.4 Stalkers often escalate after a separation (a general remark, not about "
                "Mr L). Adult K's stalking was reported to the police twice.",
            ),
        ],
        {"Coercive control", "Economic abuse", "Stalking"},
    ),
    (
        "Executive summary, Adult M (fictional)",
        [
            (
                1,
                "Adult M (fictional test data) had lived with depression for many years, and "
                "her mental health worsened in the last year of her life. He denied any "
                "stalking. No history of financial abuse was disclosed.",
            ),
            (
                2,
                "Both drank heavily; on the night she died he was drunk. A DASH risk assessment "
                "was completed and the case was heard at MARAC.",
            ),
        ],
        {"Mental health", "Alcohol", "Risk assessment (DASH / MARAC)"},
    ),
    (
        "Overview report, Adult N (fictional)",
        [
            (
                1,
                "Adult N (fictional test data) told her GP that she had been strangled. The "
                "paramedic's notes record NFS. An NFSX form, used for something else entirely, "
                "was also filed.",
            ),
            (
                2,
                "She did not disclose coercive control to the housing officer who handled her "
                "tenancy. The panel found, however, that coercive control ran through the "
                "relationship. The eviction notice came a month before her death.",
            ),
        ],
        {"Non-fatal strangulation", "Housing", "Coercive control"},
    ),
    (
        "Learning briefing, Adult R (fictional)",
        [
            (
                1,
                "Learning briefing (fictional test data). This is not only about coercive "
                "control but about how professionals are drawn into it.",
            ),
            (
                2,
                "The GP did not ask about the stalking she had reported. At a routine enquiry "
                "the nurse asked whether she had ever been strangled; she said she had not.",
            ),
        ],
        {"Coercive control", "Stalking"},
    ),
]
