"""Officers keep their own partnership's details current, including its logo."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from .conftest import stored_files
from .factories import OfficerFactory, PartnershipFactory, sign_in

pytestmark = pytest.mark.django_db


def partnership_form(partnership, **fields):
    data = {
        "short_name": partnership.short_name,
        "nation": partnership.nation,
        "area": "",
        "website": "",
        "about": "",
        "members": "",
        "logo_alt": "",
    }
    data.update(fields)
    return data


def png(name="logo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "purple").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_officer_updates_their_partnership_and_its_logo_is_shown(client, media_root):
    partnership = PartnershipFactory(slug="wiltshire")
    sign_in(client, OfficerFactory(partnerships=[partnership]))

    response = client.post(
        reverse("admin:reviews_partnership_change", args=[partnership.pk]),
        partnership_form(
            partnership,
            about="We publish our reviews here.",
            logo=png("My Logo.jpg"),
            logo_alt="Wiltshire CSP logo",
        ),
    )
    client.logout()

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.logo.name.startswith("logos/") and partnership.logo.name.endswith(".png")
    page = client.get("/partnerships/wiltshire/").content.decode()
    assert 'alt="Wiltshire CSP logo"' in page
    logo = client.get("/partnerships/wiltshire/logo/")
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/png"
    assert b"".join(logo.streaming_content).startswith(b"\x89PNG")


def test_logo_must_be_an_image_and_have_alt_text(client, media_root):
    partnership = PartnershipFactory()
    sign_in(client, OfficerFactory(partnerships=[partnership]))
    url = reverse("admin:reviews_partnership_change", args=[partnership.pk])

    not_image = client.post(
        url, partnership_form(partnership, logo=SimpleUploadedFile("l.png", b"%PDF-1.4 nope"))
    )
    no_alt = client.post(url, partnership_form(partnership, logo=png()))

    assert "Upload a valid image" in not_image.content.decode()
    assert "Give the logo a text alternative" in no_alt.content.decode()
    assert stored_files(media_root) == []


def test_officer_cannot_open_another_partnership_or_change_officers(client):
    own, other = PartnershipFactory(), PartnershipFactory()
    sign_in(client, OfficerFactory(partnerships=[own]))

    other_page = client.get(reverse("admin:reviews_partnership_change", args=[other.pk]))
    own_page = client.get(reverse("admin:reviews_partnership_change", args=[own.pk]))

    assert other_page.status_code == 302
    assert own_page.status_code == 200
    assert 'name="officers"' not in own_page.content.decode()
    assert client.get(reverse("admin:reviews_partnership_add")).status_code == 403


def test_partnership_without_a_logo_has_no_logo_url(client):
    PartnershipFactory(slug="plain")

    assert client.get("/partnerships/plain/logo/").status_code == 404
