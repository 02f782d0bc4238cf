import io
import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from pypdf import PdfReader

from reviews.models import Partnership, Review, ReviewDocument

pytestmark = pytest.mark.django_db


def load():
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def test_demo_data_has_the_nine_real_reviews_in_publication_order(client):
    load()

    html = client.get("/reviews/").content.decode()
    order = [
        "Ellie",
        "Adult P",
        "Adult B",
        "Adult A",
        "Adult M",
        "Adult C",
        "Adult Y",
        "Mrs A and Mr B",
        "Lesley",
    ]
    positions = [html.index(f">{name}</a>") for name in order]
    assert positions == sorted(positions)
    # The nine reviews, and Wiltshire's "Adult R" local learning review (support/demo.py),
    # besides the fictional sample's two (tests/test_sample_data.py).
    real = Review.objects.published().filter(lead_partnership__fictional=False)
    assert real.exclude(review_type="local-learning").count() == 9
    assert set(Partnership.objects.values_list("slug", flat=True)) >= {"wiltshire", "powys"}


def test_demo_reviews_keep_their_real_facts():
    load()

    adult_a = Review.objects.get(pseudonym="Adult A")
    mrs_a = Review.objects.get(pseudonym="Mrs A and Mr B")
    lesley = Review.objects.get(pseudonym="Lesley")
    assert adult_a.review_type == Review.ReviewType.JOINT_DHR_MHHI
    assert adult_a.reference == "005_DHR"
    assert mrs_a.published_month == "January 2014"
    assert lesley.published_on is None
    assert lesley.lead_partnership.nation == "wales"
    # Nothing the sources do not state is invented.
    real = Review.objects.exclude(lead_partnership__fictional=True)
    assert real.exists()
    assert all(not review.case_types() for review in real)
    assert all(not review.stated_characteristics() for review in real)
    assert Review.objects.filter(year_of_death__isnull=False).count() == 0


def test_placeholder_documents_say_so_on_their_first_page(client):
    load()
    ellie = Review.objects.get(slug="ellie")

    response = client.get("/reviews/ellie/documents/overview-report.pdf")

    text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    assert response.status_code == 200
    assert "PLACEHOLDER DOCUMENT" in text
    assert "not the real overview report" in text
    assert sorted(ellie.documents.values_list("kind", flat=True)) == [
        "executive-summary",
        "overview-report",
    ]


def test_loading_twice_changes_nothing_and_prints_passwords_once():
    first = load()
    counts = (Partnership.objects.count(), Review.objects.count(), ReviewDocument.objects.count())
    hashes = sorted(ReviewDocument.objects.values_list("sha256", flat=True))

    second = load()

    assert counts == (
        Partnership.objects.count(),
        Review.objects.count(),
        ReviewDocument.objects.count(),
    )
    assert hashes == sorted(ReviewDocument.objects.values_list("sha256", flat=True))
    passwords = dict(re.findall(r"username (\S+)\s+password (\S+)", first))
    assert set(passwords) == {
        "wiltshire-officer",
        "wiltshire-editor",
        "powys-officer",
        "sample-police-responder",
    }
    assert not re.findall(r"username \S+\s+password \S+", second)
    # Sign-in counts failures per request (django-axes), so authentication needs one.
    officer = authenticate(
        RequestFactory().post("/admin/login/"),
        username="wiltshire-officer",
        password=passwords["wiltshire-officer"],
    )
    assert officer is not None and officer.is_staff and not officer.is_superuser
    assert list(officer.partnerships.values_list("slug", flat=True)) == ["wiltshire"]
