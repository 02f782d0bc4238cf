"""The role matrix: site administrator, partnership publisher, partnership editor, an officer
of another partnership and an agency responder, against create, change, upload, publish,
withdraw and preview of reviews, against seeing, changing, deleting and making public the help
content, and against preparing recommendations, recording updates, deciding on suggestions and
keeping agencies."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from reviews import roles
from reviews.models import Agency, Review, ReviewDocument, Status, Suggestion
from reviews.pdf_writer import make_text_pdf
from support.models import Notice

from .admin_forms import review_form, with_joint_partnerships
from .factories import (
    AgencyFactory,
    NoticeFactory,
    OfficerFactory,
    PartnershipFactory,
    RecommendationFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    add_joint_partners,
    make_responder,
    ready_draft,
    sign_in,
)

pytestmark = pytest.mark.django_db


def matrix_agency():
    """The agency the matrix's recommendations are addressed to, and its responder reports for."""
    return Agency.objects.filter(slug="matrix-police").first() or AgencyFactory(
        name="Matrix Police", slug="matrix-police"
    )


def make_user(role, own):
    if role == "administrator":
        return OfficerFactory(is_superuser=True)
    if role == "stranger":
        return OfficerFactory(partnerships=[PartnershipFactory()], role="publisher")
    if role == "responder":
        return make_responder(matrix_agency())
    return OfficerFactory(partnerships=[own], role=role)


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
    "responder": set(),
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", list(ALLOWED))
def test_role_matrix(client, own, role, action):
    sign_in(client, make_user(role, own))

    assert ACTIONS[action](client, own) is (action in ALLOWED[role])


# Joint reviews: the lead partnership (own, Wiltshire) names another (Powys). Its officers see
# the review; only its publishers confirm it; either side's publisher takes Powys off again.


def make_joint_user(role, own, joint):
    if role == "administrator":
        return OfficerFactory(is_superuser=True)
    if role == "stranger":
        return OfficerFactory(partnerships=[PartnershipFactory()], role="publisher")
    side, kind = role.split("-")
    return OfficerFactory(partnerships=[own if side == "lead" else joint], role=kind)


def joint_review(own, joint, **fields):
    """A published review led by `own` that names `joint`, not yet confirmed."""
    review = ReviewFactory(lead_partnership=own, pseudonym="Adult J", **fields)
    add_joint_partners(review, joint, confirmed=False)
    return review, review.partnership_links.get()


def see_joint(client, own, joint):
    review, _link = joint_review(own, joint)
    page = client.get(reverse("admin:reviews_review_change", args=[review.pk]))
    listing = client.get(reverse("admin:reviews_review_changelist"))
    return (
        page.status_code == 200
        and "Adult J" in page.content.decode()
        and "Adult J" in listing.content.decode()
    )


def change_joint(client, own, joint):
    review, link = joint_review(own, joint)
    client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        with_joint_partnerships(
            review_form(own, pseudonym="Renamed", slug=review.slug), review, keep=[link]
        ),
    )
    review.refresh_from_db()
    return review.pseudonym == "Renamed"


def name_joint(client, own, joint):
    """Name the other partnership on a draft of the lead's."""
    review = ReviewFactory(lead_partnership=own, draft=True)
    client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        with_joint_partnerships(review_form(own, slug=review.slug), review, add=[joint]),
    )
    return review.partnership_links.filter(partnership=joint).exists()


def confirm_joint(client, own, joint):
    review, link = joint_review(own, joint)
    client.post(reverse("admin:reviews_review_confirm_joint", args=[review.pk, link.pk]))
    link.refresh_from_db()
    return link.is_confirmed


def remove_joint(client, own, joint):
    review, link = joint_review(own, joint)
    client.post(reverse("admin:reviews_review_remove_joint", args=[review.pk, link.pk]))
    return not review.partnership_links.exists()


JOINT_ACTIONS = {
    "see": see_joint,
    "change": change_joint,
    "name": name_joint,
    "confirm": confirm_joint,
    "remove": remove_joint,
}
JOINT_ALLOWED = {
    "administrator": set(JOINT_ACTIONS),
    "lead-publisher": {"see", "change", "name", "remove"},
    "lead-editor": {"see", "name"},  # names partnerships on drafts; the review is published
    "joint-publisher": {"see", "confirm", "remove"},
    "joint-editor": {"see"},
    "stranger": set(),
}


@pytest.mark.parametrize("action", list(JOINT_ACTIONS))
@pytest.mark.parametrize("role", list(JOINT_ALLOWED))
def test_joint_review_role_matrix(client, own, powys, role, action):
    sign_in(client, make_joint_user(role, own, powys))

    assert JOINT_ACTIONS[action](client, own, powys) is (action in JOINT_ALLOWED[role])


def test_a_joint_partnerships_officer_sees_the_review_read_only_and_only_their_own_links(
    client, own, powys
):
    review, _link = joint_review(own, powys)
    add_joint_partners(review, PartnershipFactory(short_name="Elsewhere"), confirmed=False)
    sign_in(client, make_joint_user("joint-publisher", own, powys))

    page = client.get(reverse("admin:reviews_review_change", args=[review.pk])).content.decode()

    assert 'name="_save"' not in page  # read-only
    assert "Confirm for Powys…" in page and "Take Powys off…" in page
    assert "Elsewhere off" not in page and "Confirm for Elsewhere" not in page
    assert "Publish or schedule" not in page and "Withdraw…" not in page


def test_a_lead_editor_cannot_take_a_joint_partnership_off_a_published_review(client, own, powys):
    review, link = joint_review(own, powys)
    sign_in(client, make_joint_user("lead-editor", own, powys))

    page = client.get(reverse("admin:reviews_review_change", args=[review.pk])).content.decode()
    refused = client.post(reverse("admin:reviews_review_remove_joint", args=[review.pk, link.pk]))

    assert "Take Powys off" not in page
    assert refused.status_code == 403
    assert review.partnership_links.filter(pk=link.pk).exists()


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
    "responder": set(),
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


# Recommendations, their updates and suggestions, and agencies.


def addressed(review):
    return RecommendationFactory(review=review, agencies=[matrix_agency()])


def see_draft_recommendation(client, own):
    recommendation = addressed(ReviewFactory(lead_partnership=own, draft=True))
    listing = client.get(reverse("admin:reviews_recommendation_changelist"))
    return listing.status_code == 200 and recommendation.text in listing.content.decode()


def see_published_recommendation(client, own):
    recommendation = addressed(ReviewFactory(lead_partnership=own))
    listing = client.get(reverse("admin:reviews_recommendation_changelist"))
    return listing.status_code == 200 and recommendation.text in listing.content.decode()


def prepare_recommendation(client, own):
    review = ready_draft(own)
    data = review_form(own, pseudonym=review.pseudonym, slug=review.slug)
    data.update(
        {
            "recommendations-TOTAL_FORMS": "1",
            "recommendations-0-number": "1",
            "recommendations-0-position": "0",
            "recommendations-0-text": "Share what you know.",
            "recommendations-0-level": "local",
            "recommendations-0-agencies": [str(matrix_agency().pk)],
        }
    )
    client.post(reverse("admin:reviews_review_change", args=[review.pk]), data)
    return review.recommendations.exists()


def change_published_recommendation(client, own):
    recommendation = addressed(ReviewFactory(lead_partnership=own))
    client.post(
        reverse("admin:reviews_recommendation_change", args=[recommendation.pk]),
        {
            "number": recommendation.number,
            "position": "0",
            "text": "Rewritten.",
            "level": "local",
            "agencies": [str(matrix_agency().pk)],
            "updates-TOTAL_FORMS": "0",
            "updates-INITIAL_FORMS": "0",
        },
    )
    recommendation.refresh_from_db()
    return recommendation.text == "Rewritten."


def post_update(client, recommendation):
    client.post(
        reverse("admin:reviews_recommendation_record_update", args=[recommendation.pk]),
        {"status": "in-progress", "recorded_on": timezone.localdate().isoformat()},
    )
    recommendation.refresh_from_db()
    return recommendation.status == Status.IN_PROGRESS


def record_update(client, own):
    return post_update(client, addressed(ReviewFactory(lead_partnership=own)))


def record_update_on_draft(client, own):
    return post_update(client, addressed(ReviewFactory(lead_partnership=own, draft=True)))


def accept_suggestion(client, own):
    review = ready_draft(own)
    suggestion = Suggestion.objects.create(
        document=review.documents.get(), number="1", text="Share what you know.", page=1
    )
    client.post(
        reverse("admin:reviews_review_suggestion", args=[review.pk, suggestion.pk]),
        {
            "number": "1",
            "text": "Share what you know.",
            "level": "local",
            "agencies": [str(matrix_agency().pk)],
            "accept": "Accept",
        },
    )
    return review.recommendations.exists()


def agency_form(**fields):
    return {
        "name": "Selwood Housing",
        "slug": "selwood-housing",
        "sector": "housing",
        "scope": "local",
        "responders-TOTAL_FORMS": "0",
        "responders-INITIAL_FORMS": "0",
        **fields,
    }


def add_local_agency(client, own):
    client.post(reverse("admin:reviews_agency_add"), agency_form(partnership=str(own.pk)))
    return Agency.objects.filter(slug="selwood-housing").exists()


def change_national_agency(client, own):
    agency = matrix_agency()
    client.post(
        reverse("admin:reviews_agency_change", args=[agency.pk]),
        agency_form(name="Renamed", slug=agency.slug, scope="national", sector="police"),
    )
    agency.refresh_from_db()
    return agency.name == "Renamed"


REGISTER_ACTIONS = {
    "see-draft": see_draft_recommendation,
    "see-published": see_published_recommendation,
    "prepare": prepare_recommendation,
    "change-published": change_published_recommendation,
    "record-update": record_update,
    "record-update-on-draft": record_update_on_draft,
    "accept-suggestion": accept_suggestion,
    "add-local-agency": add_local_agency,
    "change-national-agency": change_national_agency,
}
REGISTER_ALLOWED = {
    # Nobody records an update on a draft: updates are for published recommendations.
    "administrator": set(REGISTER_ACTIONS) - {"record-update-on-draft"},
    "publisher": set(REGISTER_ACTIONS) - {"record-update-on-draft", "change-national-agency"},
    "editor": {"see-draft", "see-published", "prepare", "accept-suggestion", "add-local-agency"},
    "stranger": set(),
    "responder": {"see-published", "record-update"},
}


@pytest.mark.parametrize("action", list(REGISTER_ACTIONS))
@pytest.mark.parametrize("role", list(REGISTER_ALLOWED))
def test_learning_register_role_matrix(client, own, role, action):
    sign_in(client, make_user(role, own))

    assert REGISTER_ACTIONS[action](client, own) is (action in REGISTER_ALLOWED[role])


def test_a_responder_is_a_responder_only_while_active_and_staff(own):
    agency = matrix_agency()
    responder = make_responder(agency)
    recommendation = addressed(ReviewFactory(lead_partnership=own))

    assert roles.responder_agency(responder) == agency
    assert roles.may_use_admin(responder) and not roles.works_for_partnerships(responder)
    assert roles.may_record_update(responder, recommendation)
    responder.is_active = False
    assert roles.responder_agency(responder) is None
    assert not roles.may_use_admin(responder)
    assert not roles.may_record_update(responder, recommendation)
    assert not roles.visible_recommendations(responder).exists()


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
