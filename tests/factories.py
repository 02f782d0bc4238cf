"""Test data builders. Documents are real PDFs, built by reviews.pdf_writer."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from reviews.models import Nation, Partnership, Review, ReviewDocument, Theme
from reviews.pdf_writer import make_text_pdf


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
        withdrawn = factory.Trait(status=Review.Status.WITHDRAWN)


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


class OfficerFactory(factory.django.DjangoModelFactory):
    """A staff user who belongs to the given partnerships."""

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
            self.partnerships.add(*extracted)
