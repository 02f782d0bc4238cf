"""Whether help content is public (support/publishing.py): only a publisher of the record's
partnership, or the site administrator for a national record, makes it public; an editor's save
keeps it hidden."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from support.models import Helpline, Notice
from support.publishing import Saved, save_content

from .factories import HelplineFactory, NoticeFactory, OfficerFactory, PartnershipFactory, sign_in

pytestmark = pytest.mark.django_db


def notice(partnership, **fields):
    return Notice(
        title="Drop-in sessions", body="Every Tuesday.", partnership=partnership, **fields
    )


def test_an_editors_save_of_a_public_record_keeps_it_hidden(own):
    editor = OfficerFactory(partnerships=[own], role="editor")
    record = notice(own, is_published=True)

    outcome = save_content(record, by=editor)

    assert outcome is Saved.HELD_BACK
    assert Notice.objects.get(pk=record.pk).is_published is False


def test_a_publishers_save_is_public_and_a_hidden_record_stays_hidden(own):
    publisher = OfficerFactory(partnerships=[own], role="publisher")
    public, hidden = notice(own, is_published=True), notice(own, is_published=False)

    assert save_content(public, by=publisher) is Saved.PUBLIC
    assert save_content(hidden, by=publisher) is Saved.HIDDEN
    assert Notice.objects.get(pk=public.pk).is_published is True
    assert Notice.objects.get(pk=hidden.pk).is_published is False


def test_a_helpline_is_public_by_its_active_field(own):
    editor = OfficerFactory(partnerships=[own], role="editor")
    line = HelplineFactory.build(local=True, partnership=own, active=True)

    assert save_content(line, by=editor) is Saved.HELD_BACK
    assert Helpline.objects.get(pk=line.pk).active is False


def test_publishing_elsewhere_does_not_make_this_partnerships_record_public(own):
    elsewhere = PartnershipFactory()
    officer = OfficerFactory(partnerships=[elsewhere], role="publisher")
    officer.partnerships.add(own, through_defaults={"role": "editor"})

    assert save_content(notice(own, is_published=True), by=officer) is Saved.HELD_BACK
    assert save_content(notice(elsewhere, is_published=True), by=officer) is Saved.PUBLIC


def test_a_national_record_is_the_administrators_alone(own):
    publisher = OfficerFactory(partnerships=[own], role="publisher")
    administrator = OfficerFactory(is_superuser=True)

    with pytest.raises(PermissionDenied):
        save_content(notice(None, is_published=True), by=publisher)
    assert not Notice.objects.exists()
    assert save_content(notice(None, is_published=True), by=administrator) is Saved.PUBLIC


def test_no_one_saves_another_partnerships_record(own):
    stranger = OfficerFactory(partnerships=[PartnershipFactory()], role="publisher")
    existing = NoticeFactory(partnership=own, is_published=False, title="Theirs")

    with pytest.raises(PermissionDenied):
        save_content(notice(own, is_published=False), by=stranger)
    existing.title = "Taken over"
    with pytest.raises(PermissionDenied):
        save_content(existing, by=stranger)
    assert Notice.objects.get().title == "Theirs"


def test_an_editor_cannot_change_or_hide_a_record_already_public(own):
    editor = OfficerFactory(partnerships=[own], role="editor")
    public = NoticeFactory(partnership=own, is_published=True, title="Already public")
    public.title, public.is_published = "Renamed", False

    with pytest.raises(PermissionDenied):
        save_content(public, by=editor)
    assert Notice.objects.filter(title="Already public", is_published=True).exists()


def test_the_admin_tells_an_editor_their_record_awaits_a_publisher(client, own):
    # The editor publishes for another partnership, so is offered the switch and ticks it.
    officer = OfficerFactory(partnerships=[PartnershipFactory()], role="publisher")
    officer.partnerships.add(own, through_defaults={"role": "editor"})
    sign_in(client, officer)

    response = client.post(
        reverse("admin:support_notice_add"),
        {
            "title": "Drop-in sessions",
            "published_on": "2026-11-01",
            "body": "Every Tuesday.",
            "partnership": str(own.pk),
            "is_published": "on",
        },
        follow=True,
    )

    assert "Saved, but not shown on the public site" in response.content.decode()
    assert Notice.objects.get().is_published is False
