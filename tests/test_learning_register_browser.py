"""The learning register walked in a real browser on the demo site, as its "done when" reads: a
reader finds the fictional sample's overdue recommendation from /recommendations/ in two clicks,
sees its history and downloads the register; an agency responder reports on a recommendation
and the review's page shows it; an officer uploads an overview report, accepts what the site
found in it, and nothing of the draft shows until it is published."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model

from reviews.models import Agency, Partnership, Recommendation, Review, Sector
from reviews.pdf_writer import make_text_pdf

from . import recommendation_reports
from .browser_checks import sign_in_in_the_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # noqa: S105 - test account


def with_password(username):
    user = get_user_model().objects.get(username=username)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_reader_reaches_the_overdue_recommendation_in_two_clicks(page, demo, live_server):
    page.goto(live_server.url + "/recommendations/")

    page.get_by_role("link", name="Overdue: 1 recommendation").click()  # first click
    assert "1 recommendation" in page.locator("#results").inner_text()
    listed = page.locator(".dhr-review-list__item")
    assert listed.count() == 1
    listed.get_by_role("link", name="Recommendation 2 of Adult S (fictional)").click()  # second

    overdue = Recommendation.objects.get(review__slug="sample-adult-s", number="2")
    assert page.url.endswith(f"/reviews/sample-adult-s/#recommendation-{overdue.pk}")
    shown = page.locator(f"#recommendation-{overdue.pk}")
    assert shown.is_visible()
    text = shown.inner_text()
    assert "Overdue" in text and "(overdue)" in text
    assert "What has been reported" in text
    assert "In progress" in text and "emergency department's assessment form" in text
    assert "Fictional" in page.locator("main").inner_text()


def test_a_reader_downloads_the_register_as_csv(page, demo, live_server):
    page.goto(live_server.url + "/recommendations/")
    with page.expect_download() as started:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = started.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as downloaded:
        rows = list(csv.DictReader(io.StringIO(downloaded.read())))
    published = Recommendation.objects.published()
    assert len(rows) == published.count() > 0
    assert {row["review_slug"] for row in rows} >= {"sample-adult-s", "sample-adult-t"}


def test_a_responders_update_appears_on_the_reviews_page(page, demo, live_server):
    responder = with_password("sample-police-responder")
    waiting = Recommendation.objects.get(review__slug="sample-adult-s", number="4")
    assert not waiting.updates.exists()

    sign_in_in_the_browser(page, live_server.url, responder, PASSWORD)
    page.goto(live_server.url + "/admin/reviews/recommendation/")
    page.fill("#searchbar", "tenant at risk")
    with page.expect_navigation():
        page.press("#searchbar", "Enter")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    rows.get_by_role("link", name="Adult S (fictional)").click()
    page.get_by_role("link", name="Record an update…").click()
    page.select_option("#id_status", "in-progress")
    page.fill("#id_note", "Housing and police have drafted a shared referral form.")
    page.click("input[type=submit][value='Record the update']")
    assert "recorded" in page.locator(".messagelist").inner_text()

    public = page.context.browser.new_context().new_page()
    public.goto(live_server.url + "/reviews/sample-adult-s/")
    shown = public.locator(f"#recommendation-{waiting.pk}").inner_text()
    assert "Housing and police have drafted a shared referral form." in shown
    assert "reported by Sample Police (fictional)" in shown
    assert "In progress" in shown
    public.context.close()


def test_an_officer_accepts_the_recommendations_found_in_an_upload(
    page, demo, live_server, tmp_path
):
    officer = with_password("wiltshire-officer")
    wiltshire = Partnership.objects.get(slug="wiltshire")
    Agency.objects.create(
        name="Wiltshire Police (test)",
        slug="wiltshire-police-test",
        sector=Sector.POLICE,
        scope=Agency.Scope.LOCAL,
        partnership=wiltshire,
    )
    pages, expected = recommendation_reports.numbered_section()
    report = tmp_path / "overview.pdf"
    report.write_bytes(make_text_pdf(pages))
    public = page.context.browser.new_context().new_page()

    sign_in_in_the_browser(page, live_server.url, officer, PASSWORD)
    page.goto(live_server.url + "/admin/reviews/review/add/")
    page.locator("#id_pseudonym").press_sequentially("Adult W")
    page.select_option("#id_lead_partnership", label="Wiltshire Community Safety Partnership")
    page.select_option("#id_review_type", "local-learning")
    page.click("#documents-group .add-row a")
    page.select_option("#id_documents-0-kind", "overview-report")
    page.set_input_files("#id_documents-0-file", str(report))
    page.click("input[name=_continue]")
    messages = page.locator(".messagelist").inner_text()
    assert f"{len(expected)} recommendations found in the overview report" in messages

    suggested = page.locator("#suggestions tbody tr")
    assert suggested.count() == len(expected)
    assert "page 1" in suggested.first.inner_text()
    for number, start, _end, _page in expected[:2]:
        page.get_by_role("link", name=f"Accept or discard {number}…").click()
        assert start in page.input_value("#id_text")
        page.select_option("#id_agencies", label="Wiltshire Police (test)")
        page.click("input[name=accept]")
        assert "was added" in page.locator(".messagelist .success").inner_text()
    last = expected[2][0]
    page.get_by_role("link", name=f"Accept or discard {last}…").click()
    page.click("input[name=discard]")
    assert (
        f"Suggested recommendation {last} was discarded."
        in page.locator(".messagelist").inner_text()
    )
    assert page.locator("#suggestions").count() == 0

    review = Review.objects.get(slug="adult-w")
    assert review.recommendations.count() == 2
    accepted_text = expected[0][1]
    # A draft's recommendations are nowhere public.
    assert public.goto(live_server.url + "/reviews/adult-w/").status == 404
    public.goto(live_server.url + "/recommendations/?q=flagged")
    assert "Adult W" not in public.content()
    csv_text = public.request.get(live_server.url + "/data/recommendations.csv").text()
    assert accepted_text not in csv_text and "adult-w" not in csv_text

    page.goto(live_server.url + "/admin/reviews/review/")
    page.check(f"input[name=_selected_action][value='{review.pk}']")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    assert "1 review published" in page.locator(".messagelist .success").inner_text()

    public.goto(live_server.url + "/reviews/adult-w/")
    listed = public.locator(".dhr-recommendation")
    assert listed.count() == 2
    assert accepted_text in listed.first.inner_text()
    assert "Nothing has been reported about this recommendation yet." in listed.first.inner_text()
    csv_text = public.request.get(live_server.url + "/data/recommendations.csv").text()
    assert "adult-w" in csv_text
    public.context.close()
