"""The import: a plan with no problems becomes draft reviews with their documents, every file
through the upload pipeline as the admin saves one, in one transaction. If any file is refused
or cannot be stored, nothing is left: no review, no document, no file."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .. import roles
from ..documents import DocumentStorageError, files_follow_transaction
from ..models import Review, ReviewDocument
from .package import Package
from .plan import Problem, plan_import


class ImportRefused(Exception):
    """Nothing was imported; `problems` says why, each with its row."""

    def __init__(self, problems, plan=None):
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems
        self.plan = plan


@dataclass
class ImportReport:
    """What an import created: the draft reviews, and their documents."""

    partnership: object
    reviews: list = field(default_factory=list)
    documents: list = field(default_factory=list)


def import_reviews(file, *, partnership, by=None, progress=None):
    """Import the ZIP file into `partnership` as drafts, or raise ImportRefused having created
    nothing. `by` is the officer (checked by reviews.roles; None for the command line);
    `progress(n, total, file_name)` is called before each file is processed."""
    steps = import_steps(file, partnership=partnership, by=by)
    while True:
        try:
            step = next(steps)
        except StopIteration as done:
            return done.value
        if progress:
            progress(*step)


def import_steps(file, *, partnership, by=None):
    """`import_reviews` as a generator, for a caller that shows progress as it goes (the
    admin's streamed page): yields (n, total, file_name) before each file and returns the
    ImportReport. The transaction stays open between steps; closing the generator early rolls
    it back and removes the files written."""
    if by is not None and not roles.may_import_reviews(by, partnership.pk):
        raise PermissionDenied(_("You may not add reviews to this partnership."))
    # The documents' own check (reviews.personal_data) runs as each one is stored.
    plan = plan_import(file, partnership=partnership, look_for_personal_data=False)
    if not plan.ok:
        raise ImportRefused(plan.problems, plan)
    report = ImportReport(partnership)
    total = len(plan.documents)
    package = Package(file)
    try:
        with files_follow_transaction():
            taken = set()
            for planned in plan.reviews:
                review = _create_review(planned, partnership, by, taken)
                report.reviews.append(review)
                for document in planned.documents:
                    yield len(report.documents) + 1, total, document.file_name
                    report.documents.append(_create_document(package, review, document, by))
    finally:
        package.close()
    return report


def _free_slug(pseudonym, partnership, taken):
    base = slugify(pseudonym)[:100] or "review"
    candidates = [base, f"{base}-{partnership.slug}"[:130]]
    number = 2
    while True:
        for slug in candidates:
            if slug not in taken and not Review.objects.filter(slug=slug).exists():
                taken.add(slug)
                return slug
        candidates = [f"{base}-{partnership.slug}-{number}"[:140]]
        number += 1


def _create_review(planned, partnership, by, taken):
    review = Review(
        lead_partnership=partnership,
        pseudonym=planned.pseudonym,
        reference=planned.reference,
        review_type=planned.review_type,
        published_on=planned.published_on,
        slug=_free_slug(planned.pseudonym, partnership, taken),
        status=Review.Status.DRAFT,
        created_by=by,
        updated_by=by,
    )
    try:
        review.full_clean()
    except ValidationError as error:
        raise ImportRefused([Problem(planned.row, " ".join(error.messages))]) from error
    review._history_user = by
    review._change_reason = "Imported from a ZIP file"
    review.save()
    return review


def _create_document(package, review, planned, by):
    document = ReviewDocument(
        review=review,
        kind=planned.kind,
        language=planned.language,
        file=ContentFile(package.read(planned.file_name), name=planned.file_name),
        uploaded_by=by,
    )
    try:
        # As the admin's form does: the pipeline judges and cleans the file here.
        document.full_clean(exclude=["slug"])
        document._history_user = by
        document.save()
    except ValidationError as error:
        raise ImportRefused(
            [Problem(planned.row, " ".join(error.messages), planned.file_name)]
        ) from error
    except DocumentStorageError as error:
        raise ImportRefused([Problem(planned.row, str(error), planned.file_name)]) from error
    return document
