"""Signing in to the admin: a password, then a code from an authenticator app; lockout after
repeated failures; sessions that end; an admin address that can be moved."""

import datetime
import importlib
import re

import pytest
from axes.models import AccessAttempt
from django.urls import clear_url_caches, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .factories import OfficerFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def code_for(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def signed_out_officer():
    """An officer who has not signed in yet (the shared `officer` fixture is signed in)."""
    return OfficerFactory(username="wiltshire-officer", partnerships=[PartnershipFactory()])


def sign_in_with_password(client, username="wiltshire-officer", password=PASSWORD):
    return client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
    )


def test_the_right_password_without_a_second_factor_does_not_reach_the_admin(
    client, signed_out_officer
):
    TOTPDevice.objects.create(user=signed_out_officer, name="App", confirmed=True)

    sign_in_with_password(client)
    index = client.get(reverse("admin:index"), follow=True)
    reviews = client.get(reverse("admin:reviews_review_changelist"))

    html = index.content.decode()
    assert index.redirect_chain[-1][0].startswith(reverse("admin:second_factor"))
    assert "Enter your sign-in code" in html
    assert "Publish and manage your partnership" not in html
    assert reviews.status_code == 302
    assert reverse("admin:reviews_review_changelist") not in reviews["Location"].split("?")[0]


def test_an_officer_with_a_device_signs_in_with_its_code(client, signed_out_officer):
    device = TOTPDevice.objects.create(user=signed_out_officer, name="App", confirmed=True)

    sign_in_with_password(client)
    response = client.post(
        reverse("admin:second_factor"), {"code": code_for(device), "next": "/admin/"}, follow=True
    )

    assert response.status_code == 200
    assert "Publish and manage your partnership" in response.content.decode()


def test_a_wrong_code_is_refused_with_a_clear_message(client, signed_out_officer):
    TOTPDevice.objects.create(user=signed_out_officer, name="App", confirmed=True)

    sign_in_with_password(client)
    response = client.post(reverse("admin:second_factor"), {"code": "000000"})

    assert "That code is not right." in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_new_officer_sets_up_an_authenticator_app_on_first_sign_in(client, signed_out_officer):
    sign_in_with_password(client)
    page = client.get(reverse("admin:second_factor")).content.decode()
    qr = client.get(reverse("admin:second_factor_qr"))
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1)
    device = TOTPDevice.objects.get(user=signed_out_officer)

    response = client.post(
        reverse("admin:second_factor"), {"code": code_for(device), "next": "/admin/"}, follow=True
    )

    assert "Set up your second sign-in step" in page
    assert key.replace(" ", "") and len(key.replace(" ", "")) == 32
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    assert "Publish and manage your partnership" in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    # Once set up, the key and QR code are never shown again.
    assert client.get(reverse("admin:second_factor_qr")).status_code == 404


def test_the_sixth_wrong_password_is_refused_with_429_and_a_clear_message(
    client, signed_out_officer
):
    answers = [sign_in_with_password(client, password="wrong-password") for _ in range(6)]

    for response in answers[:4]:
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    sixth = answers[5]
    assert sixth.status_code == 429
    html = sixth.content.decode()
    assert "Signing in is paused" in html
    assert "5 times" in html and "15 minutes" in html
    # Locked out even with the right password, until the cool-off ends.
    assert sign_in_with_password(client).status_code == 429


def test_lockout_is_per_username_and_ends_after_fifteen_minutes(client, signed_out_officer):
    OfficerFactory(username="powys-officer")
    for _ in range(5):
        sign_in_with_password(client, password="wrong-password")

    other_user = sign_in_with_password(client, username="powys-officer")
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    after_cool_off = sign_in_with_password(client)

    assert other_user.status_code == 302
    assert after_cool_off.status_code == 302


@pytest.mark.parametrize(
    ("proxies", "separate"), [("127.0.0.1", True), ("192.0.2.10", False)], ids=["us", "another"]
)
def test_behind_a_trusted_proxy_the_lockout_is_per_visitor_not_per_proxy(
    client, signed_out_officer, settings, proxies, separate
):
    """Every request comes from the proxy (here 127.0.0.1); the visitor's address is the one
    the proxy appended to X-Forwarded-For, believed only from a proxy gunicorn is told of."""
    settings.DHR_TRUSTED_PROXIES = proxies
    attacker = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _ in range(6):
        client.post(
            reverse("admin:login") + "?next=/admin/",
            {"username": "wiltshire-officer", "password": "wrong", "next": "/admin/"},
            **attacker,
        )
    officer_elsewhere = client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": "wiltshire-officer", "password": PASSWORD, "next": "/admin/"},
        HTTP_X_FORWARDED_FOR="made-up, 198.51.100.20",
    )

    assert officer_elsewhere.status_code == (302 if separate else 429)
    expected = "203.0.113.7" if separate else "127.0.0.1"
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {expected}


def test_admin_sessions_end_after_eight_hours_and_when_the_browser_closes(
    client, signed_out_officer
):
    response = sign_in_with_password(client)

    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    assert cookie["path"] == "/admin/"
    assert client.session.get_expiry_age() == 8 * 60 * 60


def test_public_pages_set_no_cookie_and_ignore_a_signed_in_session(client, signed_out_officer):
    sign_in_with_password(client)

    for url in ("/", "/reviews/", "/partnerships/"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")


def test_the_admin_address_can_be_moved(client, settings):
    import dhrsite.urls

    settings.DHR_ADMIN_PATH = "officers/"
    try:
        importlib.reload(dhrsite.urls)
        clear_url_caches()
        assert client.get("/officers/login/").status_code == 200
        assert client.get("/admin/login/").status_code == 404
    finally:
        settings.DHR_ADMIN_PATH = "admin/"
        importlib.reload(dhrsite.urls)
        clear_url_caches()


def test_the_session_key_changes_when_the_second_factor_is_passed(client, signed_out_officer):
    device = TOTPDevice.objects.create(user=signed_out_officer, name="App", confirmed=True)
    sign_in_with_password(client)
    after_password = client.session.session_key

    client.post(reverse("admin:second_factor"), {"code": code_for(device), "next": "/admin/"})

    assert client.session.session_key != after_password
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize("unsafe", ["https://example.org/", "//example.org/", "/\\example.org"])
def test_an_unsafe_next_on_the_sign_in_page_leads_to_the_admin(client, signed_out_officer, unsafe):
    device = TOTPDevice.objects.create(user=signed_out_officer, name="App", confirmed=True)

    response = client.post(
        reverse("admin:login") + "?next=" + unsafe,
        {"username": "wiltshire-officer", "password": PASSWORD, "next": unsafe},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:index"))
    assert "example.org" not in response["Location"]
    final = client.post(
        reverse("admin:second_factor"), {"code": code_for(device), "next": unsafe}, follow=True
    )
    assert final.status_code == 200
    assert "Publish and manage your partnership" in final.content.decode()
