"""Headless Chromium against a live server: on a draft review's admin page, an officer sees the
theme its report suggests with the pages that mention it, and accepts it with the button beside
it, which posts the decision and not the review's own form."""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from reviews.models import ThemeSuggestion
from reviews.pdf_writer import make_text_pdf

from .browser_checks import sign_in_in_the_browser
from .factories import OfficerFactory, ReviewDocumentFactory, ReviewFactory, ThemeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_accepts_a_suggested_theme_from_the_reviews_page(page, live_server, wiltshire):
    officer = OfficerFactory(username="wiltshire-officer", partnerships=[wiltshire])
    TOTPDevice.objects.create(user=officer, name="Test app", confirmed=True)
    stalking = ThemeFactory(name="Stalking", slug="stalking", search_terms="stalked")
    review = ReviewFactory(lead_partnership=wiltshire, pseudonym="Adult S", draft=True)
    pages = [["Adult S (fictional test data)."], ["He stalked her."], ["The stalking went on."]]
    ReviewDocumentFactory(
        review=review,
        kind="overview-report",
        file=ContentFile(make_text_pdf(pages), name="report.pdf"),
    )
    sign_in_in_the_browser(page, live_server.url, officer, "a-long-test-password")

    page.goto(live_server.url + reverse("admin:reviews_review_change", args=[review.pk]))
    section = page.locator("#theme-suggestions")
    page.fill("#id_pseudonym", "Changed but not saved")

    assert "Overview report, 2 mentions:" in section.inner_text()
    href = section.get_by_role("link", name="page 3").get_attribute("href")
    pdf = page.request.get(live_server.url + href.partition("#")[0])
    assert href.endswith(".pdf#page=3")
    assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")

    # The theme's name, hidden but for screen readers, tells the buttons apart.
    section.get_by_role("button", name=re.compile(r"^Accept\W+Stalking$")).click()

    assert (
        "“Stalking” was added to the review's themes." in page.locator(".messagelist").inner_text()
    )
    assert page.locator("#theme-suggestions").count() == 0
    review.refresh_from_db()
    assert list(review.themes.all()) == [stalking]
    assert review.pseudonym == "Adult S"  # the review's own form was not sent
    assert ThemeSuggestion.objects.get().decided_by == officer
