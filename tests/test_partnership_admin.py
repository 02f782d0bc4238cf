"""Officers keep their own partnership's details current, including its logo, and work with
the other partnerships named on their joint reviews."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from reviews.joint_partnerships import confirm_joint_partnership

from .admin_forms import review_form, with_joint_partnerships
from .conftest import stored_files
from .factories import (
    OfficerFactory,
    PartnershipFactory,
    ReviewFactory,
    add_joint_partners,
    sign_in,
)

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


# Joint reviews: a review led by Wiltshire that names Powys.


def joint_review(wiltshire, powys, confirmed_by=None):
    review = ReviewFactory(pseudonym="Adult J", slug="adult-j", lead_partnership=wiltshire)
    add_joint_partners(review, powys, confirmed=False)
    link = review.partnership_links.get()
    if confirmed_by is not None:
        confirm_joint_partnership(link, by=confirmed_by)
    return review, link


def change_url(review):
    return reverse("admin:reviews_review_change", args=[review.pk])


def test_the_lead_sees_which_joint_partnerships_have_confirmed_and_which_await(
    client, wiltshire, powys
):
    confirmer = OfficerFactory(username="powys-publisher", partnerships=[powys])
    review, _link = joint_review(wiltshire, powys, confirmed_by=confirmer)
    add_joint_partners(review, PartnershipFactory(name="Elsewhere CSP"), confirmed=False)
    sign_in(client, OfficerFactory(partnerships=[wiltshire], role="editor"))

    page = client.get(change_url(review)).content.decode()

    assert "Confirmed by powys-publisher on " in page
    assert "Awaiting confirmation by a publisher of Elsewhere CSP" in page


def test_a_joint_publisher_confirms_from_the_review_page_and_is_told_what_it_means(
    client, wiltshire, powys
):
    review, link = joint_review(wiltshire, powys)
    publisher = sign_in(client, OfficerFactory(partnerships=[powys]))
    confirm_url = reverse("admin:reviews_review_confirm_joint", args=[review.pk, link.pk])

    review_page = client.get(change_url(review)).content.decode()
    asked = client.get(confirm_url).content.decode()
    confirmed = client.post(confirm_url, follow=True)

    assert f'href="{confirm_url}"' in review_page
    assert "names Powys as a joint partnership" in review_page
    assert "Confirm the review" in asked and "Cancel" in asked
    assert confirmed.redirect_chain[-1][0] == change_url(review)
    assert (
        "Confirmed: “Adult J” now shows on the pages of Powys Community Safety Partnership"
        in confirmed.content.decode()
    )
    link.refresh_from_db()
    assert link.confirmed_by == publisher and link.confirmed_at is not None
    assert f'href="{confirm_url}"' not in confirmed.content.decode()  # nothing left to confirm


def test_a_joint_publisher_who_takes_their_partnership_off_no_longer_sees_the_review(
    client, wiltshire, powys
):
    review, link = joint_review(wiltshire, powys, confirmed_by=OfficerFactory(partnerships=[powys]))
    sign_in(client, OfficerFactory(partnerships=[powys]))
    remove_url = reverse("admin:reviews_review_remove_joint", args=[review.pk, link.pk])

    removed = client.post(remove_url, follow=True)

    assert removed.redirect_chain[-1][0] == reverse("admin:reviews_review_changelist")
    assert "Powys Community Safety Partnership was taken off “Adult J”" in removed.content.decode()
    assert client.get(change_url(review)).status_code == 302  # as if it did not exist
    assert "Adult J" not in client.get("/partnerships/powys/").content.decode()


def test_the_lead_names_a_partnership_which_awaits_its_confirmation(client, wiltshire, powys):
    review = ReviewFactory(lead_partnership=wiltshire, slug="adult-z", draft=True)
    editor = sign_in(client, OfficerFactory(partnerships=[wiltshire], role="editor"))

    response = client.post(
        change_url(review),
        with_joint_partnerships(review_form(wiltshire, _continue="1"), review, add=[powys]),
        follow=True,
    )

    link = review.partnership_links.get()
    assert response.status_code == 200
    assert link.partnership == powys and not link.is_confirmed
    assert link.history.get().history_user == editor
    assert "Awaiting confirmation by a publisher of Powys" in response.content.decode()


def test_the_lead_partnership_cannot_be_named_as_its_own_joint_partner(client, wiltshire):
    review = ReviewFactory(lead_partnership=wiltshire, slug="adult-z", draft=True)
    sign_in(client, OfficerFactory(partnerships=[wiltshire]))

    response = client.post(
        change_url(review), with_joint_partnerships(review_form(wiltshire), review, add=[wiltshire])
    )

    assert response.status_code == 200
    assert "This is the review&#x27;s lead partnership: choose another one." in (
        response.content.decode()
    )
    assert not review.partnership_links.exists()


def test_confirming_again_says_it_is_done_already(client, wiltshire, powys):
    review, link = joint_review(wiltshire, powys)
    sign_in(client, OfficerFactory(partnerships=[powys]))
    confirm_url = reverse("admin:reviews_review_confirm_joint", args=[review.pk, link.pk])

    client.post(confirm_url)
    again = client.post(confirm_url, follow=True)

    assert again.redirect_chain[-1][0] == change_url(review)
    assert "has already confirmed “Adult J”" in again.content.decode()


def test_a_joint_publisher_finds_the_reviews_waiting_for_them_in_the_list(client, wiltshire, powys):
    waiting, _link = joint_review(wiltshire, powys)
    done = ReviewFactory(pseudonym="Adult K", lead_partnership=wiltshire)
    add_joint_partners(done, powys)
    ReviewFactory(pseudonym="Adult W", lead_partnership=wiltshire)  # Wiltshire's alone
    sign_in(client, OfficerFactory(partnerships=[powys]))
    url = reverse("admin:reviews_review_changelist")

    everything = client.get(url).content.decode()
    awaiting = client.get(url, {"joint": "awaiting"}).content.decode()
    confirmed = client.get(url, {"joint": "confirmed"}).content.decode()

    assert "Adult J" in everything and "Adult K" in everything
    assert "Adult W" not in everything  # names no partnership of theirs
    assert "Adult J" in awaiting and "Adult K" not in awaiting
    assert "Adult K" in confirmed and "Adult J" not in confirmed
