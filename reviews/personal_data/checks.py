"""Keeping each review document's findings up to date, and what an officer does with them.

The check runs when a document's page texts are stored (a new upload, from the admin or the
bulk import: the pipeline's `page_texts_stored` signal), and again over all of a review's
documents when its list of names that must not appear is saved. A new file's findings start
unreviewed; a check run again over the same text keeps the marks of what it finds again.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.signals import post_save
from django.utils import timezone

from ..documents.signals import page_texts_stored
from ..models import PersonalDataFinding, ReviewDocument, WithheldNames
from ..models.personal_data import read_names
from .detection import find_personal_data


@dataclass(frozen=True)
class FindingsSummary:
    """How many findings a review's documents have, and how many an officer has reviewed."""

    found: int
    reviewed: int

    @property
    def waiting(self):
        return self.found - self.reviewed

    @property
    def all_reviewed(self):
        return self.reviewed == self.found


def findings_of(review):
    """A review's findings, document by document, in reading order."""
    return (
        PersonalDataFinding.objects.filter(document__review=review)
        .select_related("document", "reviewed_by")
        .order_by("document__kind", "document__language", "document_id", "page", "position", "pk")
    )


def findings_summary(review):
    """Counts for the publication checklist: "personal-data findings reviewed: 2 of 3"."""
    counts = PersonalDataFinding.objects.filter(document__review=review).aggregate(
        found=Count("pk"), reviewed=Count("pk", filter=Q(reviewed_at__isnull=False))
    )
    return FindingsSummary(found=counts["found"], reviewed=counts["reviewed"])


def by_document(review):
    """[(document, [its findings])] for each of the review's documents, those with nothing
    found too, for the review's page in the admin."""
    found = {}
    for finding in findings_of(review):
        found.setdefault(finding.document_id, []).append(finding)
    return [(document, found.get(document.pk, [])) for document in review.documents.all()]


def withheld_names(review):
    text = WithheldNames.objects.filter(review=review).values_list("names", flat=True).first()
    return read_names(text)


def _key(item):
    return (item.kind, item.page, item.matched, item.context)


@transaction.atomic
def check_document(document, *, names=None, fresh=False):
    """Make the document's findings what its stored page texts hold now, looking for `names`
    (by default its review's list). A finding found again keeps its reviewed mark, unless
    `fresh`: a new file, whose findings are all new."""
    if names is None:
        names = withheld_names(document.review_id)
    pages = document.pages.order_by("number").values_list("number", "text")
    found = find_personal_data(pages.iterator(), names)
    findings = document.personal_data_findings
    if fresh:
        findings.all().delete()
    earlier = {}
    for finding in findings.all():
        earlier.setdefault(_key(finding), []).append(finding)
    kept, new = set(), []
    for item in found:
        same = earlier.get(_key(item))
        if same:
            kept.add(same.pop(0).pk)
            continue
        new.append(
            PersonalDataFinding(
                document=document,
                kind=item.kind,
                page=item.page,
                matched=item.matched,
                context=item.context,
                position=item.start,
            )
        )
    findings.exclude(pk__in=kept).delete()
    PersonalDataFinding.objects.bulk_create(new)


def check_review(review):
    """Check every document of the review again, for its names as they are now."""
    names = withheld_names(review)
    for document in ReviewDocument.objects.filter(review=review):
        check_document(document, names=names)


@transaction.atomic
def record_reviewed(review, *, reviewed, by):
    """Mark the review's findings whose ids are in `reviewed` as reviewed by `by` (now, unless
    they already were), and the others as not reviewed. Returns how many changed."""
    findings = PersonalDataFinding.objects.filter(document__review=review)
    marked = findings.filter(pk__in=reviewed, reviewed_at=None).update(
        reviewed_at=timezone.now(), reviewed_by=by
    )
    unmarked = (
        findings.exclude(pk__in=reviewed)
        .exclude(reviewed_at=None)
        .update(reviewed_at=None, reviewed_by=None)
    )
    return marked + unmarked


def _document_texts_stored(sender, document, **kwargs):
    check_document(document, fresh=True)


def _names_saved(sender, instance, raw=False, **kwargs):
    # A restored archive brings its findings with it; only a change of the list re-checks.
    if not raw:
        check_review(instance.review)


def connect_signals():
    page_texts_stored.connect(
        _document_texts_stored, sender=ReviewDocument, dispatch_uid="personal-data-check"
    )
    post_save.connect(_names_saved, sender=WithheldNames, dispatch_uid="personal-data-names")
