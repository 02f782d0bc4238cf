"""The demo's fictional sample: one invented partnership whose two reviews show the learning
register working (recommendations, who they are for, updates, one overdue), and give every
filter and chart something to show (characteristics and themes in every group).

The real demo reviews get no recommendations: their reports are not on the demo site, and
nothing a source does not state is invented about them. Everything here is invented and says
so: the partnership is marked `fictional`, and its name, its agencies' names, its reviews'
pseudonyms and summaries and its placeholder reports all say "fictional".

The recommendations take the real path: each review's placeholder overview report goes
through the upload pipeline, the finder suggests what its "Recommendations" section states,
and `suggestions.accept` turns each suggestion into a recommendation; `record_update` records
the updates. Dates are counted back from the day the sample is first loaded, so exactly one
recommendation is overdue then. Loading again changes nothing: a review that already has
recommendations is left as it is. `manage.py load_demo_data` (dhrsite) calls `load_sample`
unless it is given `--no-sample`.
"""

import datetime

from django.utils import timezone

from ..demo import add_document
from ..models import Agency, Nation, Partnership, Review, ReviewDocument, Sector, Theme
from ..pdf_writer import make_text_pdf
from .suggestions import accept
from .updates import record_update

PARTNERSHIP = {
    "slug": "sample",
    "name": "Sample Community Safety Partnership (fictional)",
    "name_cy": "Partneriaeth Diogelwch Cymunedol Enghreifftiol (ffuglennol)",
    "short_name": "Sample (fictional)",
    "nation": Nation.ENGLAND,
    "area": "",
    "fictional": True,
    "about": (
        "This partnership is fictional. It was invented for the demonstration copy of this "
        "site, so that the learning register has recommendations, updates and an overdue "
        "recommendation to show. Its reviews, agencies, people and places do not exist, and "
        "nothing here describes a real case."
    ),
    "about_cy": (
        "Mae'r bartneriaeth hon yn ffuglennol. Fe'i dyfeisiwyd ar gyfer copi arddangos y wefan "
        "hon, fel bod gan y gofrestr ddysgu argymhellion, diweddariadau ac argymhelliad sy'n "
        "hwyr i'w dangos. Nid yw ei hadolygiadau, ei hasiantaethau, ei phobl na'i lleoedd yn "
        "bodoli, ac nid oes dim yma'n disgrifio achos go iawn."
    ),
}

# (slug, name, Welsh name, sector): local agencies of the sample partnership only, so that no
# invented recommendation is addressed to a real body.
AGENCIES = [
    ("sample-police", "Sample Police (fictional)", "Heddlu Enghreifftiol (ffuglennol)", "police"),
    (
        "sample-health-board",
        "Sample Health Board (fictional)",
        "Bwrdd Iechyd Enghreifftiol (ffuglennol)",
        "health",
    ),
    (
        "sample-housing-service",
        "Sample Housing Service (fictional)",
        "Gwasanaeth Tai Enghreifftiol (ffuglennol)",
        "housing",
    ),
    (
        "sample-community-safety-partnership",
        "Sample Community Safety Partnership (fictional)",
        "Partneriaeth Diogelwch Cymunedol Enghreifftiol (ffuglennol)",
        "community-safety-partnership",
    ),
]
RESPONDING_AGENCY = "sample-police"  # the demo's agency responder reports for it

FICTIONAL_NOTE = "Fictional sample update. "
FICTIONAL_NOTE_CY = "Diweddariad enghreifftiol ffuglennol. "

# Each review: its recommendations as the placeholder report states them, and for each, who it
# is for, its level, themes, due date and updates, as days after the review was published
# ("due": None for no due date). `published` is days before the sample is first loaded.
# Update: (days after publication, status, note, Welsh note, reported by the agency?).
REVIEWS = [
    {
        "slug": "sample-adult-s",
        "pseudonym": "Adult S (fictional)",
        "published": 540,
        # Invented, like everything here, so that every filter and chart has something to show.
        "characteristics": {
            "relationship": "former-partner",
            "victim_age": "35-44",
            "victim_sex": "female",
            "perpetrator_age": "35-44",
            "perpetrator_sex": "male",
            "case_intimate_partner": True,
            "case_children_present": True,
        },
        # The review's own themes (the public's theme pages, filter and chart), across groups.
        "themes": [
            "Non-fatal strangulation",
            "Coercive control",
            "Separation",
            "Children in the household",
            "Child contact arrangements",
            "Police contact",
            "Information sharing between agencies",
            "Record keeping",
        ],
        "summary": (
            "A fictional review, invented for the demonstration copy of this site to show how "
            "the learning register follows a review's recommendations. Adult S, the "
            "partnership and its agencies do not exist; no real case is described."
        ),
        "summary_cy": (
            "Adolygiad ffuglennol, a ddyfeisiwyd ar gyfer copi arddangos y wefan hon i ddangos "
            "sut mae'r gofrestr ddysgu'n dilyn argymhellion adolygiad. Nid yw Oedolyn S, y "
            "bartneriaeth na'i hasiantaethau'n bodoli; nid oes achos go iawn yn cael ei "
            "ddisgrifio."
        ),
        "recommendations": [
            {
                "text": (
                    "Sample Police (fictional) should flag every address with a history of calls "
                    "about domestic abuse, so that the officer who attends knows of the earlier "
                    "calls."
                ),
                "agencies": ["sample-police"],
                "level": "local",
                "themes": ["Information sharing between agencies"],
                "due": 180,
                "updates": [
                    (
                        90,
                        "in-progress",
                        "The flag has been added to the call-handling system and is being tested.",
                        "Mae'r faner wedi'i hychwanegu at y system trin galwadau ac mae'n cael "
                        "ei phrofi.",
                        False,
                    ),
                    (
                        200,
                        "implemented",
                        "Every attending officer now sees the earlier calls to an address.",
                        "Mae pob swyddog sy'n mynychu bellach yn gweld y galwadau blaenorol i "
                        "gyfeiriad.",
                        True,
                    ),
                ],
            },
            {
                "text": (
                    "Sample Health Board (fictional) should ask every patient who comes with "
                    "unexplained injuries whether they feel safe at home, and record the answer."
                ),
                "agencies": ["sample-health-board"],
                "level": "local",
                "themes": ["Professional curiosity", "Record keeping"],
                # Due a year after publication, still in progress: the sample's one overdue.
                "due": 365,
                "updates": [
                    (
                        120,
                        "in-progress",
                        "A question about safety at home is being added to the emergency "
                        "department's assessment form.",
                        "Mae cwestiwn am ddiogelwch gartref yn cael ei ychwanegu at ffurflen "
                        "asesu'r adran achosion brys.",
                        False,
                    ),
                ],
            },
            {
                "text": (
                    "Sample Community Safety Partnership (fictional) should share the learning "
                    "from this review with all its member agencies within six months of its "
                    "publication."
                ),
                "agencies": ["sample-community-safety-partnership"],
                "level": "local",
                "themes": ["Training"],
                "due": None,
                "updates": [
                    (
                        210,
                        "partly-implemented",
                        "Four of the six member agencies have held a learning session.",
                        "Mae pedair o'r chwe asiantaeth sy'n aelodau wedi cynnal sesiwn ddysgu.",
                        False,
                    ),
                ],
            },
            {
                "text": (
                    "Sample Housing Service (fictional) and Sample Police (fictional) should "
                    "agree one way of sharing what they know about a tenant at risk before a "
                    "case conference."
                ),
                "agencies": ["sample-housing-service", "sample-police"],
                "level": "local",
                "themes": ["Information sharing between agencies", "Housing"],
                "due": None,
                "updates": [],
            },
        ],
    },
    {
        "slug": "sample-adult-t",
        "pseudonym": "Adult T (fictional)",
        "published": 200,
        "characteristics": {
            "relationship": "son",
            "victim_age": "65-plus",
            "victim_sex": "female",
            "perpetrator_age": "25-34",
            "perpetrator_sex": "male",
            "case_familial": True,
            "case_parricide": True,
        },
        "themes": [
            "Older victims",
            "Mental health of the perpetrator",
            "Substance use by the perpetrator",
            "Mental health services",
            "Adult social care",
            "Family involvement in the review",
        ],
        "summary": (
            "A second fictional review, invented for the demonstration copy of this site. "
            "Adult T, the partnership and its agencies do not exist; no real case is "
            "described."
        ),
        "summary_cy": (
            "Ail adolygiad ffuglennol, a ddyfeisiwyd ar gyfer copi arddangos y wefan hon. Nid "
            "yw Oedolyn T, y bartneriaeth na'i hasiantaethau'n bodoli; nid oes achos go iawn "
            "yn cael ei ddisgrifio."
        ),
        "recommendations": [
            {
                "text": (
                    "Sample Health Board (fictional) should train its mental health staff to ask "
                    "about coercive control at every assessment."
                ),
                "agencies": ["sample-health-board"],
                "level": "regional",
                "themes": ["Coercive control", "Mental health", "Training"],
                "due": 730,
                "updates": [
                    (
                        60,
                        "in-progress",
                        "A training course has been written; the first sessions are booked.",
                        "Mae cwrs hyfforddi wedi'i ysgrifennu; mae'r sesiynau cyntaf wedi'u "
                        "trefnu.",
                        False,
                    ),
                ],
            },
            {
                "text": (
                    "Sample Police (fictional) should refer every case it assesses as high risk "
                    "to the multi-agency risk assessment conference without delay."
                ),
                "agencies": ["sample-police"],
                "level": "local",
                "themes": ["Risk assessment (DASH and MARAC)"],
                "due": 90,
                "updates": [
                    (
                        30,
                        "in-progress",
                        "Referrals are being checked each week by a supervisor.",
                        "Mae goruchwyliwr yn gwirio atgyfeiriadau bob wythnos.",
                        True,
                    ),
                    (
                        100,
                        "implemented",
                        "Every high-risk case in the last quarter was referred within a day.",
                        "Cafodd pob achos risg uchel yn y chwarter diwethaf ei atgyfeirio o "
                        "fewn diwrnod.",
                        True,
                    ),
                ],
            },
            {
                "text": (
                    "Sample Community Safety Partnership (fictional) should review how its "
                    "member agencies train new staff to recognise economic abuse."
                ),
                "agencies": ["sample-community-safety-partnership"],
                "level": "local",
                "themes": ["Economic abuse", "Training"],
                "due": None,
                "updates": [
                    (
                        150,
                        "no-longer-applicable",
                        "A regional training programme now covers this, so the partnership "
                        "closed the recommendation.",
                        "Mae rhaglen hyfforddi ranbarthol bellach yn ymdrin â hyn, felly "
                        "caeodd y bartneriaeth yr argymhelliad.",
                        False,
                    ),
                ],
            },
        ],
    },
]


def sample_report_pdf(spec):
    """The review's placeholder overview report: it says it is fictional, and its second page
    has the "Recommendations" section the site's finder reads."""
    pseudonym = spec["pseudonym"]
    items = [
        f"{number}. {recommendation['text']}"
        for number, recommendation in enumerate(spec["recommendations"], start=1)
    ]
    return make_text_pdf(
        [
            [
                "FICTIONAL PLACEHOLDER DOCUMENT",
                "This overview report is a fictional placeholder on a demonstration copy of the "
                f"Domestic Homicide Reviews site. The review '{pseudonym}', "
                f"{PARTNERSHIP['name']} and its agencies are invented, to show how the learning "
                "register works. No real person, place or case is described.",
            ],
            [
                "5. Recommendations",
                "The panel asks the following of the agencies involved.",
                *items,
                "6. Conclusions",
                "6.1 This fictional report ends here.",
            ],
        ],
        title=f"Fictional placeholder: {pseudonym}, overview report",
    )


def _partnership():
    fields = {key: value for key, value in PARTNERSHIP.items() if key != "slug"}
    partnership, _ = Partnership.objects.get_or_create(slug=PARTNERSHIP["slug"], defaults=fields)
    return partnership


def _agencies(partnership):
    agencies = {}
    for slug, name, name_cy, sector in AGENCIES:
        agencies[slug], _ = Agency.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_cy": name_cy,
                "sector": Sector(sector),
                "scope": Agency.Scope.LOCAL,
                "nation": partnership.nation,
                "partnership": partnership,
            },
        )
    return agencies


def _recommend(review, spec, agencies, responder):
    """Accept the suggestions the report produced, as the spec says, and record the updates."""
    document = review.documents.get(kind=ReviewDocument.Kind.OVERVIEW_REPORT)
    waiting = {suggestion.number: suggestion for suggestion in document.suggestions.all()}
    for number, wanted in enumerate(spec["recommendations"], start=1):
        suggestion = waiting.get(str(number))
        if suggestion is None:  # the finder missed it: the demo must not hide that
            raise RuntimeError(f"The finder did not suggest {review.slug} recommendation {number}")
        recommendation = accept(
            suggestion,
            agencies=[agencies[slug] for slug in wanted["agencies"]],
            level=wanted["level"],
            due_on=_after(review, wanted["due"]),
            themes=Theme.objects.filter(name__in=wanted["themes"]),
        )
        for days, status, note, note_cy, by_agency in wanted["updates"]:
            agency = agencies[RESPONDING_AGENCY] if by_agency else recommendation.agencies.first()
            record_update(
                recommendation,
                status=status,
                recorded_on=_after(review, days),
                note=FICTIONAL_NOTE + note,
                note_cy=FICTIONAL_NOTE_CY + note_cy,
                agency=agency,
                reported_by_agency=by_agency,
                recorded_by=responder if by_agency else None,
            )
    return len(spec["recommendations"])


def _after(review, days):
    return None if days is None else review.published_on + datetime.timedelta(days=days)


def load_sample(*, responder=None):
    """Add the fictional sample; `responder` is the demo user who reports for Sample Police.

    Returns (the agency the demo responder reports for, a one-line summary)."""
    partnership = _partnership()
    agencies = _agencies(partnership)
    today = timezone.localdate()
    added = 0
    for spec in REVIEWS:
        review, _ = Review.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "lead_partnership": partnership,
                "pseudonym": spec["pseudonym"],
                "review_type": Review.ReviewType.DHR,
                "published_on": today - datetime.timedelta(days=spec["published"]),
                "summary": spec["summary"],
                "summary_cy": spec["summary_cy"],
                "status": Review.Status.PUBLISHED,
                **spec["characteristics"],
            },
        )
        if not review.themes.exists():  # once: an officer's later choice of themes stays
            review.themes.add(*Theme.objects.filter(name__in=spec["themes"]))
        add_document(review, ReviewDocument.Kind.OVERVIEW_REPORT, sample_report_pdf(spec))
        if not review.recommendations.exists():
            added += _recommend(review, spec, agencies, responder)
    summary = (
        f"Fictional sample: {partnership.name}, {len(REVIEWS)} reviews, "
        f"{added} new recommendations."
    )
    return agencies[RESPONDING_AGENCY], summary
