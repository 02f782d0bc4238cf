"""The officers' admin for help content: an officer manages their own partnership's helplines,
strategy documents, pages and notices, and nothing national or of another partnership."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import ReviewDocument
from reviews.pdf_writer import make_text_pdf
from support.models import Helpline, InformationPage, Notice, StrategyDocument

from .factories import (
    HelplineFactory,
    InformationPageFactory,
    NoticeFactory,
    OfficerFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    StrategyDocumentFactory,
    sign_in,
)

pytestmark = pytest.mark.django_db


def helpline_form(**fields):
    data = {
        "name": "Wiltshire evening line",
        "organisation": "",
        "description": "",
        "phone": "01225 712880",
        "text_number": "",
        "email": "",
        "website": "",
        "webchat": "",
        "audience": "everyone",
        "area": "local",
        "order": "100",
        "details_checked_on": "2026-01-05",
        "active": "on",
        "opening_hours-TOTAL_FORMS": "0",
        "opening_hours-INITIAL_FORMS": "0",
        "opening_hours-MIN_NUM_FORMS": "0",
        "opening_hours-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def test_officer_sees_only_their_own_partnerships_local_helplines(
    client, officer, wiltshire, powys
):
    HelplineFactory(name="Wiltshire line", local=True, partnership=wiltshire)
    HelplineFactory(name="Powys line", local=True, partnership=powys)
    national = HelplineFactory(name="National line")

    listing = client.get("/admin/support/helpline/").content.decode()
    national_page = client.get(f"/admin/support/helpline/{national.pk}/change/")

    assert "Wiltshire line" in listing
    assert "Powys line" not in listing
    assert "National line" not in listing
    assert national_page.status_code == 302  # "does not exist", as for another partnership's
    assert Helpline.objects.get(pk=national.pk).name == "National line"


def test_officer_adds_a_local_helpline_for_their_own_partnership(client, officer, wiltshire):
    response = client.post(
        "/admin/support/helpline/add/",
        helpline_form(
            partnership=str(wiltshire.pk),
            **{
                "opening_hours-TOTAL_FORMS": "1",
                "opening_hours-0-weekday": "0",
                "opening_hours-0-opens": "17:00",
                "opening_hours-0-closes": "08:00",
            },
        ),
    )

    assert response.status_code == 302
    helpline = Helpline.objects.get()
    assert (helpline.partnership, helpline.area, helpline.phone) == (
        wiltshire,
        "local",
        "01225712880",
    )
    assert helpline.hours_in_words() == ["Monday: 5pm to 8am the next day"]


def test_officer_cannot_add_a_helpline_for_another_partnership_or_the_whole_uk(
    client, officer, powys
):
    other = client.post(
        "/admin/support/helpline/add/", helpline_form(partnership=str(powys.pk))
    ).content.decode()
    national = client.post(
        "/admin/support/helpline/add/", helpline_form(area="uk", partnership="")
    ).content.decode()

    assert "Select a valid choice" in other
    assert "Select a valid choice" in national or "This field is required" in national
    assert not Helpline.objects.exists()


def test_superuser_adds_a_national_helpline_and_sees_everyones(client, wiltshire):
    admin_user = OfficerFactory(username="admin", is_superuser=True)
    sign_in(client, admin_user)
    HelplineFactory(name="Wiltshire line", local=True, partnership=wiltshire)

    response = client.post(
        "/admin/support/helpline/add/",
        helpline_form(name="National line", area="uk", open_24_hours="on", emergency="on"),
    )
    listing = client.get("/admin/support/helpline/").content.decode()

    assert response.status_code == 302
    assert Helpline.objects.get(name="National line").emergency
    assert "Wiltshire line" in listing and "National line" in listing


def test_a_local_line_must_name_its_partnership_and_a_national_one_must_not(wiltshire):
    local = Helpline(name="Local", phone="01225712880", area="local")
    national = Helpline(name="National", phone="08082000247", area="uk", partnership=wiltshire)

    with pytest.raises(Exception) as local_error:
        local.full_clean()
    with pytest.raises(Exception) as national_error:
        national.full_clean()

    assert "Choose the partnership" in str(local_error.value)
    assert "Only a local line belongs to a partnership" in str(national_error.value)


def test_a_24_hour_line_with_opening_hours_is_refused(client, officer, wiltshire):
    response = client.post(
        "/admin/support/helpline/add/",
        helpline_form(
            partnership=str(wiltshire.pk),
            open_24_hours="on",
            **{
                "opening_hours-TOTAL_FORMS": "1",
                "opening_hours-0-weekday": "0",
                "opening_hours-0-opens": "09:00",
                "opening_hours-0-closes": "17:00",
            },
        ),
    )

    assert "needs no opening hours" in response.content.decode()
    assert not Helpline.objects.exists()


def test_helplines_not_checked_for_six_months_are_flagged(client, officer, wiltshire):
    today = datetime.date.today()
    HelplineFactory(
        name="Checked last month",
        local=True,
        partnership=wiltshire,
        details_checked_on=today - datetime.timedelta(days=30),
    )
    HelplineFactory(
        name="Checked last year",
        local=True,
        partnership=wiltshire,
        details_checked_on=today - datetime.timedelta(days=200),
    )
    HelplineFactory(
        name="Never checked", local=True, partnership=wiltshire, details_checked_on=None
    )

    listing = client.get("/admin/support/helpline/").content.decode()
    overdue = client.get("/admin/support/helpline/?checked=overdue").content.decode()

    assert listing.count("check now") == 2
    assert "Never checked: check now" in listing
    assert "over six months ago, check now" in listing
    assert "Checked last year" in overdue and "Never checked" in overdue
    assert "Checked last month" not in overdue


def test_officer_uploads_a_strategy_document_for_their_partnership(client, officer, wiltshire):
    pdf = make_text_pdf([["Strategy, page 1"], ["Page 2"]])

    response = client.post(
        "/admin/support/strategydocument/add/",
        {
            "title": "Wiltshire Domestic Abuse Strategy",
            "slug": "wiltshire-strategy",
            "partnership": str(wiltshire.pk),
            "kind": "strategy",
            "status": "draft",
            "period": "",
            "published_on": "2021-10-01",
            "summary": "",
            "file": SimpleUploadedFile("strategy.pdf", pdf, content_type="application/pdf"),
            "is_published": "on",
        },
    )

    assert response.status_code == 302
    document = StrategyDocument.objects.get()
    assert (document.partnership, document.page_count, document.uploaded_by) == (
        wiltshire,
        2,
        officer,
    )
    assert document.is_published


def test_a_file_that_is_not_a_pdf_is_refused_with_the_review_documents_message(
    client, officer, wiltshire
):
    response = client.post(
        "/admin/support/strategydocument/add/",
        {
            "title": "Not a PDF",
            "slug": "not-a-pdf",
            "partnership": str(wiltshire.pk),
            "kind": "strategy",
            "status": "final",
            "file": SimpleUploadedFile("strategy.pdf", b"<html>hello</html>"),
        },
    )

    assert "This file is not a PDF" in response.content.decode()
    assert not StrategyDocument.objects.exists()


def test_officer_sees_only_their_own_strategy_documents_pages_and_notices(
    client, officer, wiltshire, powys
):
    StrategyDocumentFactory(title="Wiltshire strategy", partnership=wiltshire)
    StrategyDocumentFactory(title="Powys strategy", partnership=powys)
    InformationPageFactory(title="Wiltshire page", partnership=wiltshire)
    InformationPageFactory(title="National page")
    NoticeFactory(title="Wiltshire notice", partnership=wiltshire)
    NoticeFactory(title="Powys notice", partnership=powys)

    strategies = client.get("/admin/support/strategydocument/").content.decode()
    pages = client.get("/admin/support/informationpage/").content.decode()
    notices = client.get("/admin/support/notice/").content.decode()

    assert "Wiltshire strategy" in strategies and "Powys strategy" not in strategies
    assert "Wiltshire page" in pages and "National page" not in pages
    assert "Wiltshire notice" in notices and "Powys notice" not in notices


def test_an_editor_prepares_a_notice_but_only_a_publisher_makes_it_public(client, wiltshire):
    editor = OfficerFactory(username="editor", partnerships=[wiltshire], role="editor")
    sign_in(client, editor)
    form = {
        "title": "Drop-in sessions",
        "published_on": "2026-11-01",
        "body": "Every Tuesday.",
        "link_url": "",
        "link_text": "",
        "partnership": str(wiltshire.pk),
        "is_published": "on",
    }

    response = client.post("/admin/support/notice/add/", form)
    notice = Notice.objects.get()
    published = NoticeFactory(title="Already public", partnership=wiltshire)
    change_page = client.get(f"/admin/support/notice/{published.pk}/change/").content.decode()

    assert response.status_code == 302
    assert notice.is_published is False
    assert 'name="title"' not in change_page  # a public notice is read-only to an editor
    assert "Already public" in change_page


def test_information_page_cannot_take_the_reviews_pages_address():
    page = InformationPage(title="Reviews", slug="reviews", summary="s", body="b")

    with pytest.raises(Exception) as error:
        page.full_clean()

    assert "already used by another page" in str(error.value)


def test_strategy_and_review_documents_show_the_same_file_columns(client, officer, wiltshire):
    # What the upload checks removed, each item on its own line and escaped, and the month
    # published: the same columns in both admins.
    removed = "JavaScript (1 script)\n1 embedded file (“<notes>.docx”)"
    review = ReviewFactory(lead_partnership=wiltshire, draft=True, published_on=None)
    review_document = ReviewDocumentFactory(review=review)
    strategy = StrategyDocumentFactory(
        partnership=wiltshire, published_on=datetime.date(2021, 10, 1)
    )
    ReviewDocument.objects.filter(pk=review_document.pk).update(removed_content=removed)
    StrategyDocument.objects.filter(pk=strategy.pk).update(removed_content=removed)
    ReviewFactory(lead_partnership=wiltshire, published_on=datetime.date(2021, 10, 1))

    pages = {
        "review document": client.get(
            reverse("admin:reviews_reviewdocument_change", args=[review_document.pk])
        ),
        "review (its inline)": client.get(reverse("admin:reviews_review_change", args=[review.pk])),
        "strategy document": client.get(
            reverse("admin:support_strategydocument_change", args=[strategy.pk])
        ),
    }
    lists = [
        client.get(reverse(name)).content.decode()
        for name in ("admin:reviews_review_changelist", "admin:support_strategydocument_changelist")
    ]

    shown = "JavaScript (1 script)<br>1 embedded file (“&lt;notes&gt;.docx”)"
    for name, page in pages.items():
        assert page.status_code == 200, name
        assert shown in page.content.decode(), name
        assert "<notes>" not in page.content.decode(), name
    facts = f"SHA-256 {strategy.sha256[:12]}…"
    assert facts in pages["strategy document"].content.decode()
    for listing in lists:
        assert '<td class="field-month_published">October 2021</td>' in listing
