"""The demo site's reviews: real partnerships and reviews, placeholder documents, the themes
(their vocabulary is reviews/theme_vocabulary.py).

Only facts that the published sources state are used (see shared/DOMAIN.md). The real PDFs are
not available, so each document is a small placeholder PDF that says so on its first page.
Loading again changes nothing that is already there. `manage.py load_demo_data` (dhrsite)
loads this, then the support app's demo content, then the demo officers.
"""

import datetime

from django.core.files.base import ContentFile

from .models import Nation, Partnership, Review, ReviewDocument, Theme
from .pdf_writer import make_text_pdf
from .theme_vocabulary import load_vocabulary

Kind = ReviewDocument.Kind
ReviewType = Review.ReviewType

PARTNERSHIPS = [
    {
        "slug": "wiltshire",
        "name": "Wiltshire Community Safety Partnership",
        "short_name": "Wiltshire",
        "nation": Nation.ENGLAND,
        "area": "Wiltshire",
        "about": (
            "The partnership brings together the public services of Wiltshire to reduce crime "
            "and disorder. Its reviews are also hosted by the Wiltshire Safeguarding Adults "
            "Board."
        ),
        "members": "\n".join(
            [
                "Wiltshire Police",
                "Wiltshire Police Authority",
                "Wiltshire Fire and Rescue Service",
                "Wiltshire Probation Trust",
                "Youth Offending Service",
                "NHS Wiltshire",
                "Wiltshire Council",
            ]
        ),
    },
    {
        "slug": "powys",
        "name": "Powys Community Safety Partnership",
        "short_name": "Powys",
        "nation": Nation.WALES,
        "area": "Powys",
        "about": (
            "When the police tell the partnership in writing of a domestic homicide, the "
            "partnership decides whether to hold a review and sets up its panel. Besides "
            "reviews, its duties under section 17 of the Crime and Disorder Act 1998 cover "
            "crime and disorder, road safety, substance misuse and reducing reoffending. "
            "Further reviews are published here once they are complete."
        ),
        "members": "",
    },
]

# Welsh texts, written for this site from the facts in the English ones (none is an official
# translation by the partnership). They fill only fields that are still empty.
PARTNERSHIPS_IN_WELSH = {
    "powys": {
        "name_cy": "Partneriaeth Diogelwch Cymunedol Powys",
        "about_cy": (
            "Pan fydd yr heddlu'n rhoi gwybod i'r bartneriaeth yn ysgrifenedig am ddynladdiad "
            "domestig, mae'r bartneriaeth yn penderfynu a ddylid cynnal adolygiad ac yn sefydlu "
            "ei banel. Yn ogystal ag adolygiadau, mae ei dyletswyddau o dan adran 17 o Ddeddf "
            "Trosedd ac Anhrefn 1998 yn cynnwys trosedd ac anhrefn, diogelwch ar y ffyrdd, "
            "camddefnyddio sylweddau a lleihau aildroseddu. Cyhoeddir adolygiadau eraill yma "
            "unwaith y byddant wedi'u cwblhau."
        ),
    },
    "wiltshire": {"name_cy": "Partneriaeth Diogelwch Cymunedol Wiltshire"},
}

REVIEWS_IN_WELSH = {
    "lesley": (
        "Cyhoeddodd Partneriaeth Diogelwch Cymunedol Powys grynodeb gweithredol ac adroddiad "
        "trosolwg yr adolygiad hwn heb roi dyddiad cyhoeddi."
    ),
}

# Reviews that also have a Welsh executive summary (a placeholder, as the English ones are).
WELSH_DOCUMENTS = [("lesley", Kind.EXECUTIVE_SUMMARY)]

# (partnership, pseudonym, slug, review type, month published, reference, document kinds)
REVIEWS = [
    (
        "wiltshire",
        "Ellie",
        "ellie",
        ReviewType.DHR,
        (2021, 11),
        "",
        [Kind.EXECUTIVE_SUMMARY, Kind.OVERVIEW_REPORT],
    ),
    (
        "wiltshire",
        "Adult P",
        "wiltshire-adult-p",
        ReviewType.DHR,
        (2017, 10),
        "007_DHR",
        [Kind.EXECUTIVE_SUMMARY],
    ),
    (
        "wiltshire",
        "Adult B",
        "wiltshire-adult-b",
        ReviewType.DHR,
        (2017, 6),
        "006_DHR",
        [Kind.EXECUTIVE_SUMMARY],
    ),
    (
        "wiltshire",
        "Adult A",
        "wiltshire-adult-a",
        ReviewType.JOINT_DHR_MHHI,
        (2015, 8),
        "005_DHR",
        [Kind.EXECUTIVE_SUMMARY],
    ),
    (
        "wiltshire",
        "Adult M",
        "wiltshire-adult-m",
        ReviewType.DHR,
        (2015, 3),
        "004_DHR",
        [Kind.EXECUTIVE_SUMMARY],
    ),
    (
        "wiltshire",
        "Mrs A and Mr B",
        "wiltshire-mrs-a-and-mr-b",
        ReviewType.DHR,
        (2014, 1),
        "003_DHR",
        [Kind.EXECUTIVE_SUMMARY],
    ),
    (
        "wiltshire",
        "Adult C",
        "wiltshire-adult-c",
        ReviewType.DHR,
        (2014, 10),
        "002_DHR",
        [Kind.EXECUTIVE_SUMMARY],
    ),
    (
        "wiltshire",
        "Adult Y",
        "wiltshire-adult-y",
        ReviewType.DHR,
        (2014, 4),
        "001_DHR",
        [Kind.EXECUTIVE_SUMMARY],
    ),
    (
        "powys",
        "Lesley",
        "lesley",
        ReviewType.DHR,
        None,
        "",
        [Kind.EXECUTIVE_SUMMARY, Kind.OVERVIEW_REPORT],
    ),
]

# A local learning review whose learning briefing is its published document.
ADULT_R = {
    "slug": "wiltshire-adult-r",
    "pseudonym": "Adult R",
    "review_type": Review.ReviewType.LOCAL_LEARNING,
    "summary": (
        "A local learning review by Wiltshire Community Safety Partnership. Its learning "
        "briefing helps professionals recognise coercive control, including when a "
        "professional is the one being coerced or controlled by a person they work with."
    ),
    "status": Review.Status.PUBLISHED,
}
ADULT_R_THEMES = ["Coercive control"]


def summary_for(partnership, kinds, month):
    documents = " and ".join(str(kind.label).lower() for kind in kinds)
    when = f"in {datetime.date(*month, 1):%B %Y}" if month else "without giving a publication date"
    return f"{partnership.name} published the {documents} of this review {when}."


def welsh_placeholder_pdf(review):
    """A Welsh placeholder, as the English one says: not the real document."""
    partnership = review.lead_partnership.name_cy or review.lead_partnership.name
    return make_text_pdf(
        [
            [
                "DOGFEN DROS DRO",
                "Dogfen dros dro yw hon ar gopi arddangos o wefan yr Adolygiadau Dynladdiad "
                "Domestig. Nid hwn yw crynodeb gweithredol go iawn yr adolygiad "
                f"'{review.pseudonym}'.",
                f"Mae'r ddogfen go iawn yn cael ei chyhoeddi gan {partnership}. Nid oes unrhyw "
                "destun ohoni yn cael ei atgynhyrchu yma.",
            ],
            [
                "DOGFEN DROS DRO, TUDALEN 2",
                "Ail dudalen, fel y gellir gwirio nifer y tudalennau a ddangosir ar y wefan.",
            ],
        ],
        title=f"Dogfen dros dro: {review.pseudonym}, crynodeb gweithredol",
    )


def placeholder_document_pdf(title, publisher, kind):
    """A placeholder for a document the demo does not have: it says so on its first page."""
    return make_text_pdf(
        [
            [
                "PLACEHOLDER DOCUMENT",
                "This file is a placeholder on a demonstration copy of the Domestic Homicide "
                f"Reviews site. It is not the real {kind.lower()} '{title}'.",
                f"The real document is published by {publisher}. No text from it is "
                "reproduced here.",
            ],
            [
                "PLACEHOLDER DOCUMENT, PAGE 2",
                "A second page, so that the page count shown on the site can be checked.",
            ],
        ],
        title=f"Placeholder: {title}",
    )


def review_placeholder_pdf(review, kind):
    """The placeholder for one of a review's documents (`kind` in words)."""
    return placeholder_document_pdf(
        review.pseudonym, review.lead_partnership.name, f"{kind} of the review"
    )


def _load_partnerships():
    partnerships = {}
    for data in PARTNERSHIPS:
        fields = {key: value for key, value in data.items() if key != "slug"}
        partnerships[data["slug"]], _ = Partnership.objects.get_or_create(
            slug=data["slug"], defaults=fields
        )
    # Welsh texts fill only fields that are still empty, so an officer's own text is kept.
    for slug, texts in PARTNERSHIPS_IN_WELSH.items():
        for field, text in texts.items():
            Partnership.objects.filter(slug=slug, **{field: ""}).update(**{field: text})
    return partnerships


def add_document(review, kind, data, language=ReviewDocument.Language.ENGLISH):
    """Add a placeholder document unless the review has one of that kind and language.
    Returns 1 if it was added, else 0. The save runs it through the upload pipeline."""
    if review.documents.filter(kind=kind, language=language).exists():
        return 0
    document = ReviewDocument(review=review, kind=kind, language=language)
    document.file = ContentFile(data, name="placeholder.pdf")
    document.full_clean(exclude=["slug"])
    document.save()
    return 1


def _load_reviews(partnerships):
    added = 0
    for partner_slug, pseudonym, slug, review_type, month, reference, kinds in REVIEWS:
        partnership = partnerships[partner_slug]
        review, _ = Review.objects.get_or_create(
            slug=slug,
            defaults={
                "lead_partnership": partnership,
                "pseudonym": pseudonym,
                "review_type": review_type,
                "published_on": datetime.date(*month, 1) if month else None,
                "reference": reference,
                "summary": summary_for(partnership, kinds, month),
                "status": Review.Status.PUBLISHED,
            },
        )
        for kind in kinds:
            added += add_document(review, kind, review_placeholder_pdf(review, kind.label))
    for slug, summary_cy in REVIEWS_IN_WELSH.items():
        Review.objects.filter(slug=slug, summary_cy="").update(summary_cy=summary_cy)
    for slug, kind in WELSH_DOCUMENTS:
        review = Review.objects.get(slug=slug)
        added += add_document(
            review, kind, welsh_placeholder_pdf(review), ReviewDocument.Language.WELSH
        )
    return added


def _load_adult_r(wiltshire):
    adult_r, _ = Review.objects.get_or_create(
        slug=ADULT_R["slug"], defaults={**ADULT_R, "lead_partnership": wiltshire}
    )
    adult_r.themes.add(*Theme.objects.filter(name__in=ADULT_R_THEMES))
    data = review_placeholder_pdf(adult_r, ReviewDocument.Kind.LEARNING_BRIEFING.label)
    return add_document(adult_r, ReviewDocument.Kind.LEARNING_BRIEFING, data)


def load_review_demo_data():
    """Add the demo themes, partnerships, reviews and their placeholder documents.

    Returns (the partnerships by slug, a one-line summary for the command's output).
    """
    load_vocabulary()
    partnerships = _load_partnerships()
    added = _load_reviews(partnerships) + _load_adult_r(partnerships["wiltshire"])
    summary = (
        f"Demo data: {Partnership.objects.count()} partnerships, "
        f"{Review.objects.count()} reviews, {added} new placeholder documents."
    )
    return partnerships, summary
