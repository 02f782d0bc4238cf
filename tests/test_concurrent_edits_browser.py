"""No lost edits in the real admin: two officers, each signed in in a browser session of their
own, open the same review; the second to save is told who changed what, keeps their input, and
saves again."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from reviews.models import Review

from .factories import OfficerFactory, RecommendationFactory, ReviewFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def officer_in_browser(browser, base_url, partnership, username, **names):
    """A browser session of its own, signed in with a password and an authenticator's code."""
    user = OfficerFactory(username=username, partnerships=[partnership], **names)
    user.set_password(PASSWORD)
    user.save()
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.fill("#id_code", f"{code:06d}")
    page.click("input[type=submit]")
    assert "Publish and manage your partnership" in page.content()
    return context, page


def test_two_officers_save_the_same_review_and_the_second_is_told_and_keeps_their_input(
    browser, live_server, wiltshire
):
    review = ReviewFactory(
        lead_partnership=wiltshire, pseudonym="Adult Q", draft=True, summary="The first."
    )
    RecommendationFactory(review=review, number="1", text="Share records.")
    sam_context, sam = officer_in_browser(
        browser, live_server.url, wiltshire, "sam", first_name="Sam", last_name="Jones"
    )
    my_context, me = officer_in_browser(browser, live_server.url, wiltshire, "alex")
    url = f"{live_server.url}/admin/reviews/review/{review.pk}/change/"
    try:
        sam.goto(url)
        me.goto(url)

        sam.fill("#id_summary", "Sam's better summary.")
        sam.fill("#id_recommendations-0-text", "Share records within a week.")
        sam.click("input[name=_save]")
        assert "was changed successfully" in sam.locator(".messagelist .success").inner_text()

        me.fill("#id_reference", "WILTS-7")
        me.click("input[name=_save]")

        told = me.locator(".errorlist.nonfield").inner_text()
        assert "Sam Jones saved changes here after you opened this page." in told
        assert "Summary: now “Sam's better summary.”" in told
        assert "Recommendation 1 of Adult Q, text: now “Share records within a week.”" in told
        assert me.input_value("#id_reference") == "WILTS-7"  # my input is still there
        review.refresh_from_db()
        assert (review.summary, review.reference) == ("Sam's better summary.", "")

        # Having read it, I keep her summary and her recommendation, and save again.
        me.fill("#id_summary", "Sam's better summary.")
        me.fill("#id_recommendations-0-text", "Share records within a week.")
        me.click("input[name=_save]")
        assert "was changed successfully" in me.locator(".messagelist .success").inner_text()
        saved = Review.objects.get(pk=review.pk)
        assert (saved.summary, saved.reference) == ("Sam's better summary.", "WILTS-7")
        assert saved.recommendations.get().text == "Share records within a week."
    finally:
        sam_context.close()
        my_context.close()
