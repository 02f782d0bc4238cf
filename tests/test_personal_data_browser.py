"""Headless Chromium against a live server: an officer finds what the personal-data check found
on page 12 of an upload, opens that page of the PDF, and marks a finding reviewed."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from reviews.pdf_writer import make_text_pdf

from .factories import OfficerFactory, ReviewDocumentFactory, ReviewFactory, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page, live_server, officer):
    """The browser page, signed in as `officer` (both steps), with the test client's session."""
    client = Client()
    sign_in(client, officer)
    name = settings.SESSION_COOKIE_NAME
    page.context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
    )
    return page


def test_an_officer_opens_page_12_of_the_pdf_and_marks_a_finding_reviewed(
    page, live_server, wiltshire
):
    officer = OfficerFactory(username="wiltshire-officer", partnerships=[wiltshire])
    review = ReviewFactory(lead_partnership=wiltshire, pseudonym="Adult P", draft=True)
    pages = [[f"Page {n} of the report."] for n in range(1, 12)]
    pages.append(["Adult P was born on 12 March 1984.", "She lived in Trowbridge, BA14 8AB."])
    ReviewDocumentFactory(review=review, file=ContentFile(make_text_pdf(pages), name="r.pdf"))
    signed_in(page, live_server, officer)

    page.goto(live_server.url + reverse("admin:reviews_review_change", args=[review.pk]))

    section = page.locator("#personal-data")
    assert "Reviewed so far: 0 of 2." in section.inner_text()
    links = section.get_by_role("link", name="page 12")
    assert links.count() == 2
    href = links.first.get_attribute("href")
    assert href.endswith(".pdf#page=12")
    pdf = page.request.get(live_server.url + href.partition("#")[0])
    assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")

    section.get_by_role("link", name="Mark findings as reviewed…").click()
    page.get_by_label("Reviewed: Postcode on page 12").check()
    page.get_by_role("button", name="Save what is reviewed").click()

    assert "1 finding changed. Reviewed: 1 of 2." in page.locator(".messagelist").inner_text()
    assert "wiltshire-officer, " in page.locator("#personal-data").inner_text()
