import datetime

import pytest
from django.utils import timezone

from reviews.models import Review
from reviews.roles import within_partnerships

from .factories import OfficerFactory, PartnershipFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_published_returns_only_published_reviews():
    published = ReviewFactory()
    ReviewFactory(draft=True)
    ReviewFactory(withdrawn=True)

    assert list(Review.objects.published()) == [published]


def test_not_published_is_everything_published_leaves_out():
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    for status in Review.Status.values:
        for publish_at in (None, now - hour, now, now + hour):
            ReviewFactory(status=status, publish_at=publish_at)

    published = set(Review.objects.published(now))
    hidden = set(Review.objects.not_published(now))

    assert published.isdisjoint(hidden)
    assert published | hidden == set(Review.objects.all())
    # Published with no moment, a moment past or now; the one scheduled for later is hidden.
    assert len(published) == 3


def test_reviews_are_newest_first_with_undated_reviews_last():
    undated = ReviewFactory(published_on=None)
    older = ReviewFactory(published_on="2014-01-01")
    newer = ReviewFactory(published_on="2021-11-01")

    assert list(Review.objects.published()) == [newer, older, undated]


def test_officer_manages_only_their_partnerships_reviews():
    wiltshire, powys = PartnershipFactory(), PartnershipFactory()
    own = ReviewFactory(lead_partnership=wiltshire, draft=True)
    ReviewFactory(lead_partnership=powys)
    officer = OfficerFactory(partnerships=[wiltshire])

    assert list(within_partnerships(Review.objects.all(), officer, "lead_partnership")) == [own]


def test_superuser_manages_every_review():
    ReviewFactory.create_batch(3)
    admin = OfficerFactory(is_superuser=True)

    assert within_partnerships(Review.objects.all(), admin, "lead_partnership").count() == 3
