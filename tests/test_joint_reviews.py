"""Joint reviews on the public site: a review shows under a partnership it names only once one
of that partnership's publishers has confirmed it, and leaves that partnership's pages the
moment either side takes the partnership off."""

import csv
import io
import json

import pytest

from reviews.joint_partnerships import (
    add_joint_partnership,
    confirm_joint_partnership,
    remove_joint_partnership,
)
from reviews.models import JointPartnership

from .factories import (
    OfficerFactory,
    PartnershipFactory,
    RecommendationFactory,
    ReviewFactory,
    add_joint_partners,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(wiltshire, powys):
    """A published review led by Wiltshire that names Powys, not yet confirmed."""
    review = ReviewFactory(pseudonym="Adult J", slug="adult-j", lead_partnership=wiltshire)
    RecommendationFactory(review=review, text="Joint recommendation about safety planning.")
    add_joint_partners(review, powys, confirmed=False)
    return review.partnership_links.get()


def csv_partnerships(client):
    body = b"".join(client.get("/data/reviews.csv").streaming_content).decode("utf-8-sig")
    return {row["pseudonym"]: row["partnerships"] for row in csv.DictReader(io.StringIO(body))}


def json_partnerships(client):
    body = b"".join(client.get("/data/reviews.json").streaming_content)
    return {
        record["pseudonym"]: [p["slug"] for p in record["partnerships"]]
        for record in json.loads(body)["reviews"]
    }


def shown_under_powys(client):
    """Where the public might meet the review under Powys: True for each place it appears."""
    return {
        "page": "Adult J" in client.get("/partnerships/powys/").content.decode(),
        "feed": "Adult J" in client.get("/partnerships/powys/feed.atom").content.decode(),
        "facet": "Adult J" in client.get("/reviews/?partnership=powys").content.decode(),
        "nation": "Adult J" in client.get("/reviews/?nation=wales").content.decode(),
        "review": 'href="/partnerships/powys/"' in client.get("/reviews/adult-j/").content.decode(),
        "csv": "Powys" in csv_partnerships(client)["Adult J"],
        "json": "powys" in json_partnerships(client)["Adult J"],
        "search": "Adult J" in client.get("/reviews/?q=Powys").content.decode(),
        "phrase": "Adult J"
        in client.get('/reviews/?q="Powys Community Safety Partnership"').content.decode(),
        "register": "Joint recommendation"
        in client.get("/recommendations/?partnership=powys").content.decode(),
    }


def test_a_named_partnership_shows_the_review_only_once_its_publisher_confirms(
    client, named, powys
):
    before = shown_under_powys(client)
    under_lead = "Adult J" in client.get("/partnerships/wiltshire/").content.decode()
    confirm_joint_partnership(named, by=OfficerFactory(partnerships=[powys]))
    after = shown_under_powys(client)

    assert under_lead
    assert not any(before.values()), before
    assert all(after.values()), after


@pytest.mark.parametrize("side", ["lead", "joint"])
def test_taking_a_partnership_off_removes_the_review_from_its_pages_at_once(
    client, named, wiltshire, powys, side
):
    confirm_joint_partnership(named, by=OfficerFactory(partnerships=[powys]))
    assert all(shown_under_powys(client).values())  # and the pages are now cached
    publisher = OfficerFactory(partnerships=[wiltshire if side == "lead" else powys])
    link_id = named.pk

    remove_joint_partnership(named, by=publisher)

    assert not any(shown_under_powys(client).values())
    assert "Adult J" in client.get("/partnerships/wiltshire/").content.decode()
    history = JointPartnership.history.filter(id=link_id).order_by("history_date")
    assert [(h.history_type, h.history_user) for h in history][-2:] == [
        ("~", named.confirmed_by),
        ("-", publisher),
    ]


def test_the_reviews_history_says_who_named_confirmed_and_took_off_a_partnership(wiltshire):
    long_name = "A Community Safety Partnership " + "with a long name " * 9
    long_named = PartnershipFactory(name=long_name)
    review = ReviewFactory(lead_partnership=wiltshire)
    lead = OfficerFactory(partnerships=[wiltshire])
    joint = OfficerFactory(partnerships=[long_named])

    link = add_joint_partnership(review, long_named, by=lead)
    confirm_joint_partnership(link, by=joint)
    remove_joint_partnership(link, by=joint)

    history = review.history.order_by("history_date")[1:]
    assert [(h.history_user, h.history_change_reason.split(":")[0]) for h in history] == [
        (lead, "Joint partnership named"),
        (joint, "Joint partnership confirmed"),
        (joint, "Joint partnership taken off"),
    ]
    assert all(long_name[:20] in h.history_change_reason for h in history)
