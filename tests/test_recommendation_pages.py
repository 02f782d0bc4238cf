"""The learning register's public pages: a review's recommendations and their histories, the
agencies' pages, evidence PDFs and the sitemap. Nothing of a draft or withdrawn review shows."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import Sector, Suggestion
from reviews.pdf_writer import make_text_pdf

from .factories import PartnershipFactory, ReviewDocumentFactory, ReviewFactory
from .recommendation_records import agency, recommendation, update

pytestmark = pytest.mark.django_db

PAST = datetime.date(2020, 1, 31)


@pytest.fixture
def ellie(wiltshire):
    return ReviewFactory(lead_partnership=wiltshire, slug="ellie", pseudonym="Ellie")


@pytest.fixture
def local_police(wiltshire):
    return agency("Wiltshire Police", "wiltshire-police", Sector.POLICE, wiltshire)


@pytest.fixture
def stated(ellie, local_police):
    document = ReviewDocumentFactory(review=ellie, kind="overview-report")
    made = recommendation(
        ellie,
        "4.2",
        "Train every call handler to recognise coercive control.",
        [local_police],
        document=document,
        page=2,
        due_on=PAST,
        text_cy="Hyfforddi pob triniwr galwadau i adnabod rheolaeth drwy orfodaeth.",
    )
    update(
        made,
        "in-progress",
        recorded_on=datetime.date(2021, 3, 4),
        note="A course has been written.",
        agency=local_police,
        reported_by_agency=True,
        evidence_url="https://example.org/course",
    )
    update(made, "partly-implemented", recorded_on=datetime.date(2022, 5, 6), note="Half done.")
    return made


def test_the_review_page_lists_its_recommendations_with_their_history(client, stated):
    html = client.get("/reviews/ellie/").content.decode()
    assert f'id="recommendation-{stated.pk}"' in html
    assert "Recommendation 4.2" in html
    assert "Train every call handler to recognise coercive control." in html
    assert 'href="/agencies/wiltshire-police/">Wiltshire Police</a>' in html
    assert "Partly implemented, last updated 6 May 2022" in html
    assert "Overdue" in html
    assert "31 January 2020" in html
    assert "/reviews/ellie/documents/overview-report.pdf#page=2" in html
    assert "/reviews/ellie/documents/overview-report/text/#page-2" in html
    assert "Page 2 of the " in html
    # The history, newest first, with who reported it.
    assert html.index("6 May 2022") < html.index("4 March 2021")
    assert "Half done." in html and "A course has been written." in html
    assert "reported by Wiltshire Police" in html
    assert 'href="https://example.org/course"' in html


def test_the_welsh_page_shows_the_welsh_text_or_says_it_is_missing(client, stated, local_police):
    html = client.get("/cy/reviews/ellie/").content.decode()
    assert "Hyfforddi pob triniwr galwadau" in html
    assert "Argymhelliad 4.2" in html
    # The notes have no Welsh: the English shows, with the note that says so.
    assert "Half done." in html
    assert "Nid yw'r testun hwn ar gael yn Gymraeg eto." in html


def test_a_review_without_recommendations_has_no_such_section(client, ellie):
    html = client.get("/reviews/ellie/").content.decode()
    assert 'id="recommendations"' not in html


def test_a_closed_recommendation_is_not_overdue(client, ellie, local_police):
    made = recommendation(ellie, "1", "Write a policy.", [local_police], due_on=PAST)
    update(made, "implemented")
    html = client.get("/reviews/ellie/").content.decode()
    assert "Implemented" in html
    assert "Overdue" not in html


def _history(review, local_police, count):
    report = ReviewDocumentFactory(review=review, kind="overview-report")
    for number in range(count):
        made = recommendation(review, str(number + 1), f"Do thing {number}.", [local_police])
        made.document, made.page = report, 1  # each one links to its page of the report
        made.save()
        evidence = ContentFile(make_text_pdf([["Evidence"]]), name="evidence.pdf")
        update(made, "in-progress", agency=local_police, note="Started.", evidence_file=evidence)
        update(made, "implemented", reported_by_agency=True, agency=local_police)


def test_the_number_of_queries_does_not_grow_with_recommendations(
    client, settings, wiltshire, local_police
):
    settings.DHR_PAGE_CACHE_SECONDS = 0  # every request renders the page
    one = ReviewFactory(lead_partnership=wiltshire, slug="one")
    fifteen = ReviewFactory(lead_partnership=wiltshire, slug="fifteen")
    _history(one, local_police, 1)
    _history(fifteen, local_police, 15)
    counts = []
    for slug in ["one", "fifteen"]:
        client.get(f"/reviews/{slug}/")  # anything made once (the generation) is made
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/reviews/{slug}/")
        assert response.content.decode().count('class="dhr-recommendation"') == (
            1 if slug == "one" else 15
        )
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] > 5  # the page was rendered, not served from the cache


def test_the_evidence_pdf_is_served_while_the_review_is_published(client, ellie, local_police):
    made = recommendation(ellie, "1", "Do it.", [local_police])
    pdf = make_text_pdf([["What we did"]])
    done = update(made, "implemented", evidence_file=ContentFile(pdf, name="e.pdf"))
    html = client.get("/reviews/ellie/").content.decode()
    address = f"/recommendations/updates/{done.pk}/evidence.pdf"
    assert address in html
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    ellie.status = ellie.Status.DRAFT
    ellie.save()
    assert client.get(address).status_code == 404
    assert client.get("/recommendations/updates/99999/evidence.pdf").status_code == 404


def test_agency_list_groups_by_sector_with_counts(client, stated, wiltshire):
    health = agency("Wiltshire Health", "wiltshire-health", Sector.HEALTH, wiltshire)
    recommendation(stated.review, "5", "See people sooner.", [health])
    agency("Unasked Agency", "unasked", Sector.HOUSING)
    html = client.get("/agencies/").content.decode()
    assert html.index(">Police</h2>") < html.index(">Health</h2>")  # the sectors' order
    assert 'href="/agencies/wiltshire-police/">Wiltshire Police</a>' in html
    assert "(1 recommendation, 1 overdue)" in html
    assert "Unasked Agency" not in html
    assert client.get("/cy/agencies/").status_code == 200


def test_an_agency_page_counts_by_status_overdue_first(client, stated, local_police, ellie):
    later = recommendation(ellie, "9", "A later one, not overdue.", [local_police], position=9)
    update(later, "implemented")
    first_listed = recommendation(ellie, "0", "Listed first in the review.", [local_police])
    response = client.get("/agencies/wiltshire-police/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Published reviews have made 3 recommendations to this agency." in html
    assert "1 is overdue." in html
    # The overdue one (4.2) comes before the others.
    assert html.index("Recommendation 4.2 of Ellie") < html.index("Recommendation 0 of Ellie")
    assert html.index("Recommendation 4.2 of Ellie") < html.index("Recommendation 9 of Ellie")
    assert f"#recommendation-{first_listed.pk}" in html
    assert client.get("/cy/agencies/wiltshire-police/").status_code == 200


def test_an_unknown_agency_is_not_found(client):
    assert client.get("/agencies/no-such-agency/").status_code == 404
    assert client.get("/cy/agencies/no-such-agency/").status_code == 404


def test_drafts_and_withdrawn_reviews_and_suggestions_show_nowhere(client, wiltshire, local_police):
    draft = ReviewFactory(lead_partnership=wiltshire, slug="draft", draft=True)
    withdrawn = ReviewFactory(lead_partnership=wiltshire, slug="gone", withdrawn=True)
    recommendation(draft, "1", "Secret draft recommendation.", [local_police])
    recommendation(withdrawn, "1", "Withdrawn recommendation.", [local_police])
    published = ReviewFactory(lead_partnership=wiltshire, slug="public")
    document = ReviewDocumentFactory(review=published, kind="overview-report")
    Suggestion.objects.create(document=document, number="7", text="Unaccepted suggestion.", page=1)
    pages = [
        "/recommendations/",
        "/recommendations/?q=secret",
        "/agencies/",
        "/agencies/wiltshire-police/",
        "/reviews/public/",
        "/data/",
    ]
    for path in pages:
        html = client.get(path).content.decode()
        for text in ["Secret draft", "Withdrawn recommendation", "Unaccepted suggestion"]:
            assert text not in html, (path, text)
    assert "Wiltshire Police" not in client.get("/agencies/").content.decode()
    assert "0 recommendations" in client.get("/recommendations/").content.decode()
    assert "wiltshire-police" not in client.get("/sitemap.xml").content.decode()


def test_the_sitemap_lists_the_register_and_asked_agencies(client, stated):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/recommendations/</loc>" in xml
    assert "/agencies/</loc>" in xml
    assert "/agencies/wiltshire-police/</loc>" in xml
    assert "/cy/agencies/wiltshire-police/" in xml


def test_fictional_records_say_so_everywhere(client):
    sample = PartnershipFactory(slug="sample", name="Sample CSP (fictional)", fictional=True)
    review = ReviewFactory(lead_partnership=sample, slug="sample-review")
    local = agency("Sample Police", "sample-police", Sector.POLICE, sample)
    recommendation(review, "1", "An invented recommendation.", [local])
    for path in ["/reviews/sample-review/", "/recommendations/", "/agencies/sample-police/"]:
        html = client.get(path).content.decode()
        assert "Fictional sample" in html or "fictional sample data" in html, path
    assert "Fictional sample" in client.get("/recommendations/").content.decode()
    assert "Fictional sample" in client.get("/agencies/").content.decode()
    assert "fictional sample data" in client.get("/reviews/sample-review/").content.decode()


def test_the_register_is_in_the_navigation_and_on_the_home_page(client):
    html = client.get("/").content.decode()
    assert html.count('href="/recommendations/"') >= 2
    assert 'href="/cy/recommendations/"' in client.get("/cy/").content.decode()


def test_the_officers_preview_of_a_draft_lists_its_recommendations(
    client, officer, wiltshire, local_police
):
    draft = ReviewFactory(lead_partnership=wiltshire, slug="draft", status="draft")
    document = ReviewDocumentFactory(review=draft, kind="overview-report")
    recommendation(
        draft, "3", "Ask about safety at every visit.", [local_police], document=document, page=7
    )

    html = client.get(f"/admin/reviews/review/{draft.pk}/preview/").content.decode()

    assert "Recommendation 3" in html and "Ask about safety at every visit." in html
    # The page it is stated on opens the officer's copy: the public one does not exist yet.
    assert f"/admin/reviews/review/{draft.pk}/preview/documents/overview-report.pdf#page=7" in html
    assert "/reviews/draft/documents/" not in html
    assert client.get("/reviews/draft/").status_code == 404
