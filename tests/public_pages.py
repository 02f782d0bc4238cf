"""Every public page type, in English and in Welsh, for the validator and browser checks.

The paths assume the demo data (`load_demo_data`) plus one withdrawn review made by
`add_withdrawn_review()`, so that the 410 pages are checked too, and one review with
recommendations, agencies and updates made by `add_review_with_recommendations()`.
`public_patterns()` lists every URL pattern outside the admin, for the checks that sweep
every pattern.
"""

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from reviews.models import Review

STRATEGY = "wiltshire-domestic-abuse-strategy-draft-2021"

PAGE_TYPES = [
    "/",
    "/reviews/",
    "/reviews/?q=coercive+control",
    "/reviews/?partnership=wiltshire&year=2017&sort=oldest",
    "/reviews/?q=placeholder&type=dhr&nation=wales",
    "/reviews/?q=zzzz-no-match",
    "/reviews/filters/partnership/",
    "/reviews/filters/theme/?q=coercive+control&partnership=wiltshire",
    "/reviews/ellie/",
    "/reviews/lesley/",
    "/reviews/lesley/documents/executive-summary-cy/text/",
    "/reviews/ellie/documents/overview-report/text/",
    "/reviews/withdrawn-review/",
    "/reviews/withdrawn-review/documents/executive-summary/text/",
    "/partnerships/",
    "/partnerships/wiltshire/",
    "/partnerships/powys/",
    "/themes/",
    "/themes/coercive-control/",
    "/recommendations/",
    "/recommendations/?q=training&status=in-progress",
    "/agencies/",
    "/agencies/checked-police/",
    "/reviews/review-with-recommendations/",
    "/data/",
    "/insights/",
    "/insights/?q=coercive+control&nation=wales",
    "/about/reviews/",
    "/about/domestic-abuse/",
    "/about/wiltshire-local-help/",
    "/help/",
    "/help/?who=men&where=wiltshire",
    "/safety/",
    "/strategies/",
    "/strategies/?kind=strategy",
    f"/strategies/{STRATEGY}/",
    f"/strategies/{STRATEGY}/document/text/",
    "/accessibility/",
    "/no-such-page/",
]

# Both languages of every page type.
PUBLIC_PAGES = PAGE_TYPES + ["/cy" + path for path in PAGE_TYPES]


def add_withdrawn_review():
    """A review the public once saw and that is now withdrawn, with its document."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from reviews.models import ReviewDocument
    from reviews.pdf_writer import make_text_pdf

    ellie = Review.objects.get(slug="ellie")
    review = Review.objects.create(
        lead_partnership=ellie.lead_partnership,
        pseudonym="Adult W",
        slug="withdrawn-review",
        status=Review.Status.WITHDRAWN,
        withdrawn_at=timezone.now(),
        withdrawal_reason="Withdrawn at the family's request.",
    )
    document = ReviewDocument(review=review, kind=ReviewDocument.Kind.EXECUTIVE_SUMMARY)
    document.file = ContentFile(make_text_pdf([["Withdrawn text"]]), name="upload.pdf")
    document.full_clean(exclude=["slug"])
    document.save()
    return review


def add_review_with_recommendations():
    """A published review whose recommendations have agencies, updates and evidence."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile

    from reviews.models import Agency, Recommendation, ReviewDocument, Sector
    from reviews.pdf_writer import make_text_pdf
    from reviews.recommendations.updates import record_update

    ellie = Review.objects.get(slug="ellie")
    review = Review.objects.create(
        lead_partnership=ellie.lead_partnership,
        pseudonym="Adult K",
        slug="review-with-recommendations",
        status=Review.Status.PUBLISHED,
        published_on=datetime.date(2022, 3, 1),
    )
    document = ReviewDocument(review=review, kind=ReviewDocument.Kind.OVERVIEW_REPORT)
    document.file = ContentFile(
        make_text_pdf([["Report"], ["Recommendations: training"]]), name="upload.pdf"
    )
    document.full_clean(exclude=["slug"])
    document.save()
    police = Agency.objects.create(
        name="Checked Police",
        slug="checked-police",
        sector=Sector.POLICE,
        scope=Agency.Scope.LOCAL,
        partnership=ellie.lead_partnership,
    )
    office = Agency.objects.create(
        name="Checked Department",
        slug="checked-department",
        sector=Sector.NATIONAL_BODY,
        scope=Agency.Scope.NATIONAL,
    )
    officer = get_user_model().objects.create(username="page-checker")
    first = Recommendation.objects.create(
        review=review,
        number="1",
        text="Give every call handler training.",
        document=document,
        page=2,
        due_on=datetime.date(2021, 1, 1),
    )
    first.agencies.set([police])
    second = Recommendation.objects.create(
        review=review,
        number="2",
        text="Publish national guidance.",
        level="national",
        position=1,
    )
    second.agencies.set([office, police])
    record_update(
        first,
        status="in-progress",
        recorded_by=officer,
        note="A course is written.",
        agency=police,
        reported_by_agency=True,
        evidence_url="https://example.org/",
        evidence_file=ContentFile(make_text_pdf([["Evidence"]]), name="evidence.pdf"),
    )
    record_update(second, status="implemented", recorded_by=officer)
    return review


def public_patterns(patterns=None, prefix="", namespace=""):
    """(view name, route) of every URL pattern outside the admin."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(settings.DHR_ADMIN_PATH):
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += public_patterns(entry.url_patterns, route, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((namespace + entry.name, route))
    return found
