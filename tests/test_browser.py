"""Headless Chromium against a live server: accessibility of every public page type, and the
officer's journey from upload to public download."""

import pytest

from reviews.models import Review

from . import hostile_pdfs
from .browser_checks import sign_in_in_the_browser
from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/reviews/",
    "/reviews/?partnership=wiltshire&year=2017",
    "/reviews/ellie/",
    "/partnerships/",
    "/partnerships/wiltshire/",
    "/partnerships/powys/",
    "/about/reviews/",
    "/help/",
    "/no-such-page/",
]


def test_every_public_page_type_has_no_axe_violations(page, demo_site):
    failures = {}
    for path in PUBLIC_PAGES:
        page.goto(demo_site.url + path)
        violations = axe_violations(page)
        if violations:
            failures[path] = violations

    assert failures == {}


def test_public_pages_load_the_sites_css_and_script(page, demo_site):
    responses = []
    page.on("response", lambda response: responses.append((response.url, response.status)))

    page.goto(demo_site.url + "/")

    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert page.locator(".govuk-exit-this-page__button").is_visible()
    failed = [(url, status) for url, status in responses if status >= 400]
    assert failed == []
    assert all(url.startswith(demo_site.url) for url, _ in responses)


def test_officer_uploads_publishes_and_the_public_downloads(page, demo_site, tmp_path):
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="wiltshire-officer")
    officer.set_password("correct horse battery staple")
    officer.save()
    report = tmp_path / "report.pdf"
    # The report's properties name its author and it carries an attachment.
    report.write_bytes(hostile_pdfs.with_everything(author="Jane Q. Officer"))

    # The password alone is not enough: the second step asks for the authenticator's code.
    sign_in_in_the_browser(page, demo_site.url, officer, "correct horse battery staple")
    assert "Publish and manage your partnership" in page.content()

    page.goto(demo_site.url + "/admin/reviews/review/add/")
    page.locator("#id_pseudonym").press_sequentially("Adult Z")
    assert page.input_value("#id_slug") == "adult-z"  # filled in from the pseudonym
    page.select_option("#id_lead_partnership", label="Wiltshire Community Safety Partnership")
    page.fill("#id_qa_panel_approved_on", "2026-01-05")
    page.fill("#id_family_told_on", "2026-01-12")
    page.click("#documents-group .add-row a")
    page.select_option("#id_documents-0-kind", "executive-summary")
    page.set_input_files("#id_documents-0-file", str(report))
    page.click("input[name=_save]")
    assert "was added successfully" in page.locator(".messagelist .success").inner_text()
    removed = page.locator(".messagelist .warning").inner_text()
    assert "document properties: author" in removed
    assert "1 embedded file (“panel-notes.docx”)" in removed

    anonymous = page.context.browser.new_context()
    public = anonymous.new_page()
    url = demo_site.url + "/reviews/adult-z/documents/executive-summary.pdf"
    assert public.request.get(url).status == 404
    assert public.goto(demo_site.url + "/reviews/adult-z/").status == 404

    # The publisher confirms the anonymisation from the review's publication record.
    adult_z = Review.objects.get(slug="adult-z")
    page.goto(f"{demo_site.url}/admin/reviews/review/{adult_z.pk}/change/")
    page.click(".object-tools a:text('Publication record')")
    page.click("a:has-text('Enter it: A publisher confirmed the documents are anonymised')")
    page.check("#id_confirmed")
    page.click("#content-main input[type=submit]")
    assert "are anonymised" in page.locator(".messagelist .success").inner_text()

    page.goto(demo_site.url + "/admin/reviews/review/")
    page.check(f"input[name=_selected_action][value='{adult_z.pk}']")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    assert "1 review published" in page.locator(".messagelist .success").inner_text()

    download = public.request.get(url)
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    body = download.body()
    assert body.startswith(b"%PDF-")
    assert b"Jane Q. Officer" not in body and b"/EmbeddedFile" not in body
    public.goto(demo_site.url + "/reviews/")
    assert "Adult Z" in public.content()
    anonymous.close()
