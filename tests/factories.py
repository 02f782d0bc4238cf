"""Test data builders. Documents are real PDFs, built by reviews.pdf_writer."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from reviews.models import (
    CASE_TYPE_FIELDS,
    Agency,
    AgencyResponder,
    Membership,
    Nation,
    Partnership,
    Recommendation,
    Review,
    ReviewDocument,
    Sector,
    Theme,
)
from reviews.pdf_writer import make_text_pdf
from support.models import Helpline, InformationPage, Notice, OpeningHours, StrategyDocument


def pdf_file(pages=1, text="Test document", name="upload.pdf"):
    return ContentFile(make_text_pdf([[f"{text}, page {n + 1}"] for n in range(pages)]), name=name)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Area {n} Community Safety Partnership")
    short_name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    nation = Nation.ENGLAND


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


def case_types(*codes):
    """ReviewFactory's fields for the case types `codes` (each a flag of its own)."""
    return dict.fromkeys((CASE_TYPE_FIELDS[code] for code in codes), True)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    lead_partnership = factory.SubFactory(PartnershipFactory)
    pseudonym = factory.Sequence(lambda n: f"Adult {n}")
    slug = factory.Sequence(lambda n: f"review-{n}")
    review_type = Review.ReviewType.DHR
    published_on = factory.Sequence(lambda n: datetime.date(2015, 1, 1) + datetime.timedelta(n))
    status = Review.Status.PUBLISHED

    class Params:
        draft = factory.Trait(status=Review.Status.DRAFT)
        withdrawn = factory.Trait(
            status=Review.Status.WITHDRAWN, withdrawn_at=factory.LazyFunction(timezone.now)
        )


def add_joint_partners(review, *partnerships, confirmed=True):
    """Name `partnerships` on a joint review, as confirmed by their publishers unless
    `confirmed` is False (then the public sees the review under its lead only)."""
    review.partnerships.add(
        *partnerships, through_defaults={"confirmed_at": timezone.now() if confirmed else None}
    )


def partnerships_with_reviews(count, most_frequent=10):
    """`count` partnerships, "Area 0" to "Area {count - 1}" (slugs area-0...), each the lead of
    one published review; the last `most_frequent` of them lead two more each, so that they
    have the most reviews and are not the first alphabetically. Returns their slugs in order."""
    partnerships = [
        PartnershipFactory(
            slug=f"area-{n}", name=f"Area {n} Community Safety Partnership", short_name=f"Area {n}"
        )
        for n in range(count)
    ]
    for partnership in partnerships:
        ReviewFactory(lead_partnership=partnership)
    for partnership in partnerships[count - most_frequent :]:
        ReviewFactory.create_batch(2, lead_partnership=partnership)
    return [partnership.slug for partnership in partnerships]


class ReviewDocumentFactory(factory.django.DjangoModelFactory):
    """Saved the way an upload is: judged by full_clean(), which records size, pages and hash."""

    class Meta:
        model = ReviewDocument

    review = factory.SubFactory(ReviewFactory)
    kind = ReviewDocument.Kind.EXECUTIVE_SUMMARY
    file = factory.LazyFunction(lambda: pdf_file(pages=2))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document.full_clean(exclude=["slug"])
        document.save()
        return document


def ready_draft(partnership, **fields):
    """A draft that may be published as it is: approved by the panel, with its executive
    summary, its family told, its documents confirmed anonymised, and no month of publication
    yet (publishing sets it)."""
    review = ReviewFactory(
        lead_partnership=partnership,
        draft=True,
        published_on=None,
        qa_panel_approved_on=datetime.date(2026, 11, 2),
        family_told_on=datetime.date(2026, 11, 9),
        **fields,
    )
    ReviewDocumentFactory(review=review)
    confirm_anonymised(review)
    return review


def confirm_anonymised(review, by=None):
    """Record that the review's documents, as they are now, were confirmed anonymised."""
    review.anonymisation_confirmed_at = timezone.now()
    review.anonymisation_confirmed_by = by
    review.save(update_fields=["anonymisation_confirmed_at", "anonymisation_confirmed_by"])
    return review


class OfficerFactory(factory.django.DjangoModelFactory):
    """A staff user who belongs to the given partnerships, as a publisher unless `role` says
    otherwise (`OfficerFactory(partnerships=[p], role="editor")`)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"officer{n}")
    is_staff = True
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if create and extracted:
            self.partnerships.add(*extracted, through_defaults={"role": self._role})

    @classmethod
    def _create(cls, model_class, *args, role=Membership.Role.PUBLISHER, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        user._role = role
        return user


def sign_in(client, user):
    """Sign a test client in as an officer who has passed both sign-in steps (password and
    authenticator code), as the admin requires. `client.force_login` alone is only the first."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return user


class HelplineFactory(factory.django.DjangoModelFactory):
    """A national line for everyone, open 24 hours; pass `hours` for opening-hours rows:
    [(weekday, "09:00", "17:00"), ...]."""

    class Meta:
        model = Helpline
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Helpline {n}")
    phone = factory.Sequence(lambda n: f"0808 {100 + n % 900:03d} {n % 10000:04d}")
    open_24_hours = True
    free_to_call = True
    details_checked_on = factory.LazyFunction(datetime.date.today)

    class Params:
        local = factory.Trait(
            area=Helpline.Area.LOCAL, partnership=factory.SubFactory(PartnershipFactory)
        )

    @factory.post_generation
    def hours(self, create, extracted, **kwargs):
        if create and extracted:
            for weekday, opens, closes in extracted:
                OpeningHours.objects.create(
                    helpline=self,
                    weekday=weekday,
                    opens=datetime.time.fromisoformat(opens),
                    closes=datetime.time.fromisoformat(closes),
                )


class StrategyDocumentFactory(factory.django.DjangoModelFactory):
    """Saved the way an upload is: judged by full_clean(), which records size, pages and hash."""

    class Meta:
        model = StrategyDocument

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Domestic Abuse Strategy {n}")
    slug = factory.Sequence(lambda n: f"strategy-{n}")
    kind = StrategyDocument.Kind.STRATEGY
    status = StrategyDocument.Status.FINAL
    published_on = factory.Sequence(lambda n: datetime.date(2018, 1, 1) + datetime.timedelta(n))
    is_published = True
    file = factory.LazyFunction(lambda: pdf_file(pages=3))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document.full_clean()
        document.save()
        return document


class InformationPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationPage

    title = factory.Sequence(lambda n: f"Information page {n}")
    slug = factory.Sequence(lambda n: f"information-{n}")
    summary = "A page about getting help."
    body = "Some text.\n\n## A heading\n\n- a point"
    is_published = True


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    title = factory.Sequence(lambda n: f"Notice {n}")
    body = "Something partnerships want people to know."
    is_published = True


class AgencyFactory(factory.django.DjangoModelFactory):
    """A national agency; `AgencyFactory(partnership=p)` is a local one of that partnership."""

    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")
    slug = factory.Sequence(lambda n: f"agency-{n}")
    sector = Sector.POLICE
    scope = factory.LazyAttribute(
        lambda agency: Agency.Scope.LOCAL if agency.partnership else Agency.Scope.NATIONAL
    )
    partnership = None


class RecommendationFactory(factory.django.DjangoModelFactory):
    """A recommendation of a published review, addressed to the `agencies` given (or to a new
    national agency)."""

    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    review = factory.SubFactory(ReviewFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    text = factory.Sequence(lambda n: f"Agencies should share what they know, number {n}.")

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        if create:
            self.agencies.set(extracted if extracted is not None else [AgencyFactory()])


def make_responder(agency, **fields):
    """A staff user who reports for `agency` and belongs to no partnership."""
    user = OfficerFactory(**fields)
    AgencyResponder.objects.create(user=user, agency=agency)
    return user
