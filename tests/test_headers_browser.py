"""The Content Security Policy in a real browser: no page, admin included, breaks it.

Unlike the other browser tests, these pages are opened with the policy enforced (no
`bypass_csp`), and every violation the browser reports is collected: from the console and from
the `securitypolicyviolation` event.
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from reviews.models import Review

from .browser_checks import sign_in_in_the_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # noqa: S105 - test account

WATCH_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') +
                    ':' + e.lineNumber);
});
"""


@pytest.fixture
def strict_page(browser):
    context = browser.new_context()  # the policy is enforced
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.console_violations = []
    page.on(
        "console",
        lambda message: (
            page.console_violations.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    yield page
    context.close()


def violations(page):
    return page.console_violations + page.evaluate("window.__csp || []")


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("load")
    return response


def admin_urls():
    """Each registered model's list, add form and first record's change form and history."""
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    for model in admin.site._registry:
        meta = model._meta
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        urls.append(reverse(f"{prefix}_changelist"))
        urls.append(reverse(f"{prefix}_add"))
        first = model._default_manager.first()
        if first is not None:
            urls.append(reverse(f"{prefix}_change", args=[first.pk]))
            urls.append(reverse(f"{prefix}_history", args=[first.pk]))
    review = Review.objects.get(slug="ellie")
    urls += [
        reverse("admin:reviews_review_publication", args=[review.pk]),
        reverse("admin:reviews_review_withdraw", args=[review.pk]),
        reverse("admin:reviews_review_preview", args=[review.pk]),
        reverse("admin:reviews_review_changelist") + "?status__exact=published",
    ]
    return urls


def test_public_pages_keep_the_policy(strict_page, demo_site):
    for path in ("/", "/reviews/", "/reviews/ellie/", "/help/", "/safety/", "/cy/", "/x/"):
        visit(strict_page, demo_site.url + path)
    assert violations(strict_page) == []


def test_every_admin_page_keeps_the_policy(strict_page, demo_site):
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    TOTPDevice.objects.create(user=superuser, name="app", confirmed=True)
    sign_in_in_the_browser(strict_page, demo_site.url, superuser, PASSWORD)

    checked = []
    for url in admin_urls():
        response = visit(strict_page, demo_site.url + url)
        assert response.status < 500, url
        found = violations(strict_page)
        assert found == [], (url, found)
        checked.append(url)
    assert len(checked) > 20


def test_second_factor_setup_with_its_qr_code_keeps_the_policy(strict_page, demo_site):
    user = get_user_model().objects.create_user(
        "new-officer", "new@example.org", PASSWORD, is_staff=True
    )

    sign_in_in_the_browser(strict_page, demo_site.url, user, PASSWORD)

    assert "/second-factor/" in strict_page.url
    image = strict_page.locator("img[src$='qr.svg']")
    assert image.count() == 1
    qr = strict_page.context.request.get(demo_site.url + image.get_attribute("src"))
    assert (qr.status, qr.headers["content-type"]) == (200, "image/svg+xml"), qr.status
    # The QR code was drawn (an image blocked by the policy has no natural width).
    # Wait for the image itself (img.decode()): Playwright's wait_for_function re-evaluates a
    # string, which the page's policy (no eval) refuses when the image is not loaded at once.
    image.evaluate("img => img.decode().catch(() => null)")
    assert strict_page.evaluate("document.querySelector(\"img[src$='qr.svg']\").naturalWidth") > 0
    assert violations(strict_page) == []
