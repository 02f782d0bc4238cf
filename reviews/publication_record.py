"""The publication record: what a partnership records before a statutory review is published.

One list of items, built by `publication_record(review)`, serves the checklist page in the
admin and the rule that refuses to publish (`reviews.publishing.publication_problems`: every
required item that is missing). To add an item, write here a function of the review that
returns a `RecordItem` (or None where it does not apply) and decorate it with `@record_item`;
the page and the rule pick it up, in the order the functions are defined.

Local learning reviews do not go to the Home Office panel: none of these items applies to them.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import ReviewDocument
from .personal_data import findings_summary


@dataclass(frozen=True)
class RecordItem:
    """One line of the checklist.

    `required`: publishing is refused while it is missing. `url`: where an officer enters it
    (`publisher_only`: only a publisher may). `recorded`: what was recorded, shown when it is
    done. `to_do`: what to do, shown when it is missing (and, for a required item, the reason
    publishing is refused).
    """

    label: str
    done: bool
    required: bool
    url: str
    recorded: str = ""
    to_do: str = ""
    publisher_only: bool = False

    @property
    def blocks_publishing(self):
        return self.required and not self.done


ITEMS = []


def record_item(build):
    """Add `build(review) -> RecordItem | None` to the publication record."""
    ITEMS.append(build)
    return build


def publication_record(review):
    """The publication record's items for this review, in the order the checklist shows them."""
    return [item for build in ITEMS if (item := build(review)) is not None]


def missing_required(review):
    """The required items not done yet: what must happen before the review is published."""
    return [item for item in publication_record(review) if item.blocks_publishing]


def _field_url(review, field):
    """The review's change page, at the field where the item is entered."""
    return reverse("admin:reviews_review_change", args=[review.pk]) + f"#id_{field}"


def _documents_url(review):
    return reverse("admin:reviews_review_change", args=[review.pk]) + "#documents-group"


def _day(day):
    return formats.date_format(day, "j F Y")


def _date_item(review, field, *, label, required, to_do):
    day = getattr(review, field)
    return RecordItem(
        label=label,
        done=day is not None,
        required=required,
        url=_field_url(review, field),
        recorded=_day(day) if day else "",
        to_do=to_do,
    )


@record_item
def qa_panel_approval(review):
    if not review.is_statutory:
        return None
    return _date_item(
        review,
        "qa_panel_approved_on",
        label=_("The Home Office Quality Assurance Panel approved the report"),
        required=True,
        to_do=_(
            "Enter the date the Home Office Quality Assurance Panel approved the report "
            "(under “Publication record”)."
        ),
    )


@record_item
def qa_panel_letter(review):
    if not review.is_statutory:
        return None
    published = review.qa_panel_letter_published
    url = _field_url(review, "qa_panel_letter_published")
    if published is None:
        return RecordItem(
            label=_("Whether the panel's letter is published"),
            done=False,
            required=False,
            url=url,
            to_do=_("Say whether the panel's letter is published with the review."),
        )
    if not published:
        return RecordItem(
            label=_("Whether the panel's letter is published"),
            done=True,
            required=False,
            url=url,
            recorded=_("No, it is not published."),
        )
    uploaded = any(d.kind == ReviewDocument.Kind.PANEL_LETTER for d in review.documents.all())
    return RecordItem(
        label=_("Whether the panel's letter is published"),
        done=uploaded,
        required=False,
        url=url if uploaded else _documents_url(review),
        recorded=_("Yes, it is published with the review."),
        to_do=_(
            "You said the panel's letter is published: upload it as a “Home Office panel "
            "letter” document."
        ),
    )


@record_item
def executive_summary(review):
    if not review.is_statutory:
        return None
    uploaded = any(d.kind == ReviewDocument.Kind.EXECUTIVE_SUMMARY for d in review.documents.all())
    return RecordItem(
        label=_("The executive summary is uploaded"),
        done=uploaded,
        required=True,
        url=_documents_url(review),
        recorded=_("Uploaded.") if uploaded else "",
        to_do=_("Upload the executive summary."),
    )


def anonymisation_covers_documents(review):
    """Whether the anonymisation confirmation covers the documents as they are now: none was
    uploaded or replaced after it. A file's fingerprint (SHA-256) is kept in the documents'
    history, so a file the confirmation saw is one whose fingerprint was there by then."""
    confirmed_at = review.anonymisation_confirmed_at
    if confirmed_at is None:
        return False
    now = {d.sha256 for d in review.documents.all()}
    seen = set(
        ReviewDocument.history.filter(
            review_id=review.pk, history_date__lte=confirmed_at
        ).values_list("sha256", flat=True)
    )
    return now <= seen


def confirmer_name(review):
    user = review.anonymisation_confirmed_by
    if user is None:
        return _("an officer no longer on the site")
    return user.get_full_name() or user.get_username()


@record_item
def anonymisation(review):
    if not review.is_statutory:
        return None
    confirmed_at = review.anonymisation_confirmed_at
    covers = anonymisation_covers_documents(review)
    if confirmed_at and not covers:
        to_do = _(
            "A document was uploaded or replaced after the anonymisation was confirmed: check "
            "it, then confirm again (on the publication record checklist)."
        )
    else:
        to_do = _(
            "A publisher confirms that the documents to be published are anonymised (on the "
            "publication record checklist)."
        )
    return RecordItem(
        label=_("A publisher confirmed the documents are anonymised"),
        done=covers,
        required=True,
        url=reverse("admin:reviews_review_anonymisation", args=[review.pk]),
        publisher_only=True,
        recorded=(
            _("Confirmed by %(user)s on %(when)s.")
            % {
                "user": confirmer_name(review),
                "when": formats.date_format(timezone.localtime(confirmed_at), "j F Y, H:i"),
            }
            if confirmed_at
            else ""
        ),
        to_do=to_do,
    )


@record_item
def family_told(review):
    if not review.is_statutory:
        return None
    return _date_item(
        review,
        "family_told_on",
        label=_("The family was told the publication date"),
        required=True,
        to_do=_(
            "Enter the date the family was told when the review will be published (under "
            "“Publication record”): the family must not learn of it from the news."
        ),
    )


@record_item
def personal_data_reviewed(review):
    """Findings are warnings, never a reason to refuse: the item shows what is left to check."""
    if not review.is_statutory:
        return None
    summary = findings_summary(review)
    url = reverse("admin:reviews_review_personal_data", args=[review.pk])
    if not summary.found:
        recorded = _("Nothing was found in the documents' text.")
    else:
        recorded = ngettext(
            "The %(found)s finding has been checked.",
            "All %(found)s findings have been checked.",
            summary.found,
        ) % {"found": summary.found}
    return RecordItem(
        label=_("Personal data found in the documents is checked"),
        done=summary.reviewed == summary.found,
        required=False,
        url=url,
        recorded=recorded,
        to_do=_(
            "%(reviewed)s of %(found)s findings checked: open each page, take out what must "
            "not be published, and mark the finding as checked."
        )
        % {"reviewed": summary.reviewed, "found": summary.found},
    )


@record_item
def home_office_copy(review):
    if not review.is_statutory:
        return None
    return _date_item(
        review,
        "home_office_copy_sent_on",
        label=_("A copy was sent to the Home Office"),
        required=False,
        to_do=_(
            "Enter the date a copy was sent to the Home Office. Optional until the duty in the "
            "Victims and Prisoners Act 2024 is in force."
        ),
    )


@record_item
def commissioner_copy(review):
    if not review.is_statutory:
        return None
    return _date_item(
        review,
        "commissioner_copy_sent_on",
        label=_("A copy was sent to the Domestic Abuse Commissioner"),
        required=False,
        to_do=_(
            "Enter the date a copy was sent to the Domestic Abuse Commissioner. Optional until "
            "the duty in the Victims and Prisoners Act 2024 is in force."
        ),
    )
