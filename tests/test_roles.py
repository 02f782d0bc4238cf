"""The role matrix: site administrator, partnership publisher, partnership editor and an officer
of another partnership, against create, change, upload, publish, withdraw and preview of
reviews, and against seeing, changing, deleting and making public the help content."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews import roles
from reviews.models import Review, ReviewDocument
from reviews.pdf_writer import make_text_pdf
from support.models import Notice

from .admin_forms import review_form
from .factories import (
    NoticeFactory,
    OfficerFactory,
    PartnershipFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    sign_in,
)

pytestmark = pytest.mark.django_db


def make_user(role, own):
    if role == "administrator":
        return OfficerFactory(is_superuser=True)
    if role == "stranger":
        return OfficerFactory(partnerships=[PartnershipFactory()], role="publisher")
    return OfficerFactory(partnerships=[own], role=role)


def ready_draft(own):
    """A draft that meets every publication rule, so only the role decides."""
    review = ReviewFactory(
        lead_partnership=own, draft=True, qa_panel_approved_on=datetime.date(2026, 1, 5)
    )
    ReviewDocumentFactory(review=review)
    return review


def create(client, own):
    client.post(reverse("admin:reviews_review_add"), review_form(own))
    return Review.objects.filter(slug="adult-z").exists()


def change(client, own):
    review = ready_draft(own)
    client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        review_form(own, pseudonym="Renamed", slug=review.slug),
    )
    review.refresh_from_db()
    return review.pseudonym == "Renamed"


def upload(client, own):
    review = ready_draft(own)
    client.post(
        reverse("admin:reviews_reviewdocument_add"),
        {
            "review": str(review.pk),
            "kind": "overview-report",
            "language": "en",
            "title": "",
            "file": SimpleUploadedFile("r.pdf", make_text_pdf([["x"]])),
        },
    )
    return review.documents.filter(kind="overview-report").exists()


def publish(client, own):
    review = ready_draft(own)
    client.post(
        reverse("admin:reviews_review_publication", args=[review.pk]),
        {"when": "now", "publish": "Publish"},
    )
    review.refresh_from_db()
    return review.status == Review.Status.PUBLISHED


def withdraw(client, own):
    review = ReviewFactory(lead_partnership=own)
    client.post(reverse("admin:reviews_review_withdraw", args=[review.pk]), {"reason": ""})
    review.refresh_from_db()
    return review.status == Review.Status.WITHDRAWN


def preview(client, own):
    review = ready_draft(own)
    response = client.get(reverse("admin:reviews_review_preview", args=[review.pk]))
    return response.status_code == 200 and review.pseudonym in response.content.decode()


ACTIONS = {
    "create": create,
    "change": change,
    "upload": upload,
    "publish": publish,
    "withdraw": withdraw,
    "preview": preview,
}
ALLOWED = {
    "administrator": set(ACTIONS),
    "publisher": set(ACTIONS),
    "editor": {"create", "change", "upload", "preview"},
    "stranger": set(),
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", list(ALLOWED))
def test_role_matrix(client, own, role, action):
    sign_in(client, make_user(role, own))

    assert ACTIONS[action](client, own) is (action in ALLOWED[role])


def test_editor_cannot_change_a_published_review_nor_its_documents(client, own):
    sign_in(client, make_user("editor", own))
    review = ReviewFactory(lead_partnership=own, pseudonym="Adult P")
    document = ReviewDocumentFactory(review=review)

    page = client.get(reverse("admin:reviews_review_change", args=[review.pk]))
    changed = client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        review_form(own, pseudonym="Renamed", slug=review.slug, status="draft"),
    )
    deleted = client.post(
        reverse("admin:reviews_reviewdocument_delete", args=[document.pk]), {"post": "yes"}
    )

    assert page.status_code == 200  # they may look at it
    assert "Publish or schedule" not in page.content.decode()
    assert changed.status_code == 403
    assert deleted.status_code == 403
    review.refresh_from_db()
    assert (review.pseudonym, review.status) == ("Adult P", Review.Status.PUBLISHED)
    assert ReviewDocument.objects.filter(pk=document.pk).exists()


def test_editor_is_not_offered_and_cannot_use_the_publish_action(client, own):
    sign_in(client, make_user("editor", own))
    review = ready_draft(own)
    url = reverse("admin:reviews_review_changelist")

    listing = client.get(url).content.decode()
    client.post(url, {"action": "publish", "_selected_action": [review.pk]})

    assert 'value="publish"' not in listing
    review.refresh_from_db()
    assert review.status == Review.Status.DRAFT


def test_a_status_posted_in_the_form_is_ignored(client, own):
    sign_in(client, make_user("editor", own))

    client.post(reverse("admin:reviews_review_add"), review_form(own, status="published"))

    assert Review.objects.get(slug="adult-z").status == Review.Status.DRAFT


def test_a_stranger_cannot_reach_the_preview_or_its_documents(client, own):
    review = ready_draft(own)
    document = review.documents.get()
    urls = [
        reverse("admin:reviews_review_preview", args=[review.pk]),
        reverse("admin:reviews_review_preview_document", args=[review.pk, document.slug]),
        reverse("admin:reviews_review_preview_cover", args=[review.pk, document.slug]),
    ]

    anonymous = [client.get(url) for url in urls]
    sign_in(client, make_user("stranger", own))
    stranger = [client.get(url) for url in urls]

    for response in anonymous:
        assert response.status_code == 302 and "/login/" in response["Location"]
    for response in stranger:
        assert response.status_code == 404
        assert b"%PDF" not in response.content and review.pseudonym.encode() not in response.content


# Help content: notices stand for the four kinds (helplines, strategy documents, information
# pages, notices), which share one admin and one set of rules.


def notice_form(partnership, **fields):
    data = {
        "title": "Drop-in sessions",
        "published_on": "2026-11-01",
        "body": "Every Tuesday.",
        "title_cy": "",
        "body_cy": "",
        "link_url": "",
        "link_text": "",
        "partnership": str(partnership.pk) if partnership else "",
    }
    data.update(fields)
    return data


def see_content(client, own):
    NoticeFactory(title="Own notice", partnership=own, is_published=False)
    listing = client.get(reverse("admin:support_notice_changelist"))
    return listing.status_code == 200 and "Own notice" in listing.content.decode()


def change_hidden_content(client, own):
    notice = NoticeFactory(partnership=own, is_published=False)
    client.post(
        reverse("admin:support_notice_change", args=[notice.pk]),
        notice_form(own, title="Renamed"),
    )
    notice.refresh_from_db()
    return notice.title == "Renamed"


def change_public_content(client, own):
    notice = NoticeFactory(partnership=own, is_published=True)
    client.post(
        reverse("admin:support_notice_change", args=[notice.pk]),
        notice_form(own, title="Renamed", is_published="on"),
    )
    notice.refresh_from_db()
    return notice.title == "Renamed"


def delete_hidden_content(client, own):
    notice = NoticeFactory(partnership=own, is_published=False)
    client.post(reverse("admin:support_notice_delete", args=[notice.pk]), {"post": "yes"})
    return not Notice.objects.filter(pk=notice.pk).exists()


def delete_public_content(client, own):
    notice = NoticeFactory(partnership=own, is_published=True)
    client.post(reverse("admin:support_notice_delete", args=[notice.pk]), {"post": "yes"})
    return not Notice.objects.filter(pk=notice.pk).exists()


def make_content_public(client, own):
    client.post(reverse("admin:support_notice_add"), notice_form(own, is_published="on"))
    return Notice.objects.filter(title="Drop-in sessions", is_published=True).exists()


def change_national_content(client, own):
    notice = NoticeFactory(partnership=None, is_published=False)
    client.post(
        reverse("admin:support_notice_change", args=[notice.pk]),
        notice_form(None, title="Renamed"),
    )
    notice.refresh_from_db()
    return notice.title == "Renamed"


CONTENT_ACTIONS = {
    "see": see_content,
    "change-hidden": change_hidden_content,
    "change-public": change_public_content,
    "delete-hidden": delete_hidden_content,
    "delete-public": delete_public_content,
    "make-public": make_content_public,
    "change-national": change_national_content,
}
CONTENT_ALLOWED = {
    "administrator": set(CONTENT_ACTIONS),
    "publisher": set(CONTENT_ACTIONS) - {"change-national"},
    "editor": {"see", "change-hidden", "delete-hidden"},
    "stranger": set(),
}


@pytest.mark.parametrize("action", list(CONTENT_ACTIONS))
@pytest.mark.parametrize("role", list(CONTENT_ALLOWED))
def test_help_content_role_matrix(client, own, role, action):
    sign_in(client, make_user(role, own))

    assert CONTENT_ACTIONS[action](client, own) is (action in CONTENT_ALLOWED[role])


def test_an_editor_is_not_offered_the_visibility_switch_and_a_public_record_is_read_only(
    client, own
):
    sign_in(client, make_user("editor", own))
    public = NoticeFactory(title="Already public", partnership=own, is_published=True)

    add_page = client.get(reverse("admin:support_notice_add")).content.decode()
    change_page = client.get(reverse("admin:support_notice_change", args=[public.pk]))
    posted = client.post(
        reverse("admin:support_notice_change", args=[public.pk]),
        notice_form(own, title="Renamed", is_published=""),
    )

    assert 'name="title"' in add_page and 'name="is_published"' not in add_page
    assert change_page.status_code == 200 and 'name="title"' not in change_page.content.decode()
    assert posted.status_code == 403
    public.refresh_from_db()
    assert (public.title, public.is_published) == ("Already public", True)


def test_a_publisher_elsewhere_cannot_make_their_editing_partnerships_record_public(client, own):
    # Offered the switch (they publish for another partnership), but only that one's records
    # become public when they tick it.
    elsewhere = PartnershipFactory()
    officer = OfficerFactory(partnerships=[elsewhere], role="publisher")
    officer.partnerships.add(own, through_defaults={"role": "editor"})
    sign_in(client, officer)

    page = client.get(reverse("admin:support_notice_add")).content.decode()
    here = client.post(
        reverse("admin:support_notice_add"), notice_form(own, title="Here", is_published="on")
    )
    there = client.post(
        reverse("admin:support_notice_add"),
        notice_form(elsewhere, title="There", is_published="on"),
    )

    assert 'name="is_published"' in page
    assert here.status_code == there.status_code == 302
    assert Notice.objects.get(title="Here").is_published is False
    assert Notice.objects.get(title="There").is_published is True


def select(html, name):
    """The <select> element for the field `name` in a page."""
    start = html.index(f'<select name="{name}"')
    return html[start : html.index("</select>", start)]


def test_an_officer_chooses_only_their_own_partnerships_and_reviews_they_may_change(client, own):
    elsewhere, strangers = PartnershipFactory(), PartnershipFactory(name="Strangers CSP")
    officer = OfficerFactory(partnerships=[own], role="publisher")
    officer.partnerships.add(elsewhere, through_defaults={"role": "editor"})
    sign_in(client, officer)
    ReviewFactory(lead_partnership=own, pseudonym="Own published")
    ReviewFactory(lead_partnership=own, pseudonym="Own draft", draft=True)
    ReviewFactory(lead_partnership=elsewhere, pseudonym="Edited draft", draft=True)
    ReviewFactory(lead_partnership=elsewhere, pseudonym="Edited published")
    ReviewFactory(lead_partnership=strangers, pseudonym="Strangers draft", draft=True)

    review_add = client.get(reverse("admin:reviews_review_add")).content.decode()
    document_add = client.get(reverse("admin:reviews_reviewdocument_add")).content.decode()

    lead = select(review_add, "lead_partnership")
    assert own.name in lead and elsewhere.name in lead
    assert "Strangers CSP" not in lead
    document_add = select(document_add, "review")
    for offered in ("Own published", "Own draft", "Edited draft"):
        assert offered in document_add
    for refused in ("Edited published", "Strangers draft"):
        assert refused not in document_add
    assert set(roles.editable_reviews(officer).values_list("pseudonym", flat=True)) == {
        "Own published",
        "Own draft",
        "Edited draft",
    }
    assert set(roles.officer_partnerships(officer)) == {own, elsewhere}


@pytest.mark.parametrize(
    ("role", "manages", "publishes", "national"),
    [
        ("administrator", True, True, True),
        ("publisher", True, True, False),
        ("editor", True, False, False),
        ("stranger", False, False, False),
    ],
)
def test_who_manages_and_who_publishes_for_a_partnership(own, role, manages, publishes, national):
    user = make_user(role, own)

    assert roles.may_manage_partnership(user, own.pk) is manages
    assert roles.publishes_for(user, own.pk) is publishes
    # National records (of no partnership) are the administrator's alone.
    assert roles.may_manage_national(user) is national
    assert roles.publishes_for(user, None) is national


@pytest.mark.parametrize("change", ["inactive", "not-staff"])
def test_membership_alone_gives_no_rights_to_an_inactive_or_non_staff_user(own, change):
    user = make_user("publisher", own)
    if change == "inactive":
        user.is_active = False
    else:
        user.is_staff = False
    review = ReviewFactory(lead_partnership=own, draft=True)
    notice = NoticeFactory(partnership=own, is_published=False)

    assert roles.partnership_ids(user) == {own.pk}  # still a member
    assert not roles.is_officer(user) and not roles.may_use_admin(user)
    assert not roles.may_manage_partnership(user, own.pk)
    assert not roles.publishes_for(user, own.pk)
    assert not roles.may_edit(user, review)
    assert not roles.may_change_content(user, notice)
    assert not roles.editable_reviews(user).exists()
    assert not roles.officer_partnerships(user).exists()
