"""The dry run: what an import would create, every problem that stops it, with its row, and
the possible personal data in each file for the officer to check (which does not stop it)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from ..documents import extract_page_texts, open_pdf
from ..models import Review, ReviewDocument
from ..personal_data import find_personal_data
from . import manifest as columns
from .package import MANIFEST_NAME, Package, PackageError, clean_name


@dataclass
class Problem:
    """One reason the import cannot go ahead: the manifest's row (None: the ZIP as a whole or a
    file no row names), the file, and what to do."""

    row: int | None
    message: str
    file_name: str = ""


@dataclass
class PlannedDocument:
    row: int
    file_name: str
    kind: str
    language: str

    @property
    def kind_label(self):
        return ReviewDocument.Kind(self.kind).label

    @property
    def language_label(self):
        return ReviewDocument.Language(self.language).label


@dataclass
class PlannedReview:
    row: int
    pseudonym: str
    reference: str
    review_type: str
    published_on: object
    documents: list = field(default_factory=list)

    @property
    def review_type_label(self):
        return Review.ReviewType(self.review_type).label


@dataclass
class ImportPlan:
    """`problems` stop the import; `to_check` (Problem records too) are what the personal-data
    check found in the files, warnings for the officer that do not."""

    partnership: object
    reviews: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    to_check: list = field(default_factory=list)
    look_for_personal_data: bool = True

    @property
    def documents(self):
        return [document for review in self.reviews for document in review.documents]

    @property
    def ok(self):
        return not self.problems

    def problem(self, row, message, file_name=""):
        self.problems.append(Problem(row, str(message), file_name))


def plan_import(file, *, partnership, look_for_personal_data=True):
    """Read the ZIP file (a path or an open file) and say what importing it into `partnership`
    would create and what stops it. Nothing is written. Each PDF is checked as an upload is
    (reviews.documents.open_pdf) and, unless `look_for_personal_data` is false, its text read
    for personal data (reviews.personal_data)."""
    plan = ImportPlan(partnership, look_for_personal_data=look_for_personal_data)
    try:
        package = Package(file)
    except PackageError as error:
        plan.problem(None, error)
        return plan
    try:
        _plan(plan, package)
    finally:
        package.close()
    plan.problems.sort(key=lambda problem: (problem.row is not None, problem.row or 0))
    return plan


def _plan(plan, package):
    try:
        rows = columns.read_rows(package.read_manifest())
    except (ValueError, PackageError) as error:
        plan.problem(1, error, MANIFEST_NAME)
        return
    choices = {
        columns.REVIEW_TYPE: columns.review_types(),
        columns.KIND: columns.kinds(),
        columns.LANGUAGE: columns.languages(),
    }
    named = {}
    reviews = {}
    for number, values in rows:
        document = _document(plan, package, number, values, choices, named)
        review = _review(plan, number, values, choices, reviews)
        if review is not None and document is not None:
            _add(plan, review, document)
    for name in sorted(set(package.files) - set(named)):
        plan.problem(None, _("No row of manifest.csv names this file."), name)
    plan.reviews = list(reviews.values())
    for review in plan.reviews:
        _check_not_there_already(plan, review)


def _choice(plan, number, values, column, choices, message):
    text = values[column]
    value = choices[column].get(columns._key(text))
    if value is None:
        plan.problem(number, message % {"value": text})
    return value


def _document(plan, package, number, values, choices, named):
    kind = _choice(
        plan,
        number,
        values,
        columns.KIND,
        choices,
        _("“%(value)s” is not a kind of document. Use, for example, Executive summary."),
    )
    language = ReviewDocument.Language.ENGLISH
    if values[columns.LANGUAGE]:
        language = _choice(
            plan,
            number,
            values,
            columns.LANGUAGE,
            choices,
            _("“%(value)s” is not a language of documents here: use English or Welsh."),
        )
    written = values[columns.FILE_NAME]
    name = clean_name(written)
    if not written:
        plan.problem(number, _("The row names no file."))
        return None
    if name is None:
        plan.problem(number, _("This file name points outside the ZIP file."), written)
        return None
    if name in named:
        plan.problem(
            number,
            _("Row %(row)d names the same file: each file is one document.") % {"row": named[name]},
            name,
        )
        return None
    named[name] = number
    if name not in package.files:
        near = [other for other in package.files if other.casefold() == name.casefold()]
        message = _("There is no file of this name in the ZIP file.")
        if near:
            message += " " + _("Did you mean %(name)s?") % {"name": near[0]}
            named[near[0]] = number
        plan.problem(number, message, name)
        return None
    try:
        data = package.read(name)
        open_pdf(ContentFile(data, name=name))
    except PackageError as error:
        plan.problem(number, error, name)
        return None
    except ValidationError as error:
        plan.problem(number, " ".join(error.messages), name)
        return None
    if plan.look_for_personal_data:
        for found in find_personal_data(extract_page_texts(ContentFile(data, name=name))):
            plan.to_check.append(Problem(number, found.describe(), name))
    if kind is None or language is None:
        return None
    return PlannedDocument(number, name, kind, language)


def _review(plan, number, values, choices, reviews):
    pseudonym, reference = values[columns.PSEUDONYM], values[columns.REFERENCE]
    problems = len(plan.problems)
    if not pseudonym:
        plan.problem(number, _("The row has no pseudonym."))
    elif len(pseudonym) > 120 or len(reference) > 60:
        plan.problem(number, _("The pseudonym or the reference is too long."))
    review_type = _choice(
        plan,
        number,
        values,
        columns.REVIEW_TYPE,
        choices,
        _("“%(value)s” is not a review type. Use, for example, DHR or SUSR."),
    )
    try:
        month = columns.read_month(values[columns.MONTH])
    except ValueError as error:
        plan.problem(number, error)
        month = None
    if len(plan.problems) > problems:
        return None
    key = (pseudonym.casefold(), reference.casefold())
    review = reviews.get(key)
    if review is None:
        review = reviews[key] = PlannedReview(number, pseudonym, reference, review_type, month)
    elif (review.review_type, review.published_on) != (review_type, month):
        plan.problem(
            number,
            _("Row %(row)d gives this review another type or month: make them the same.")
            % {"row": review.row},
        )
        return None
    return review


def _add(plan, review, document):
    for other in review.documents:
        if (other.kind, other.language) == (document.kind, document.language) and (
            document.kind != ReviewDocument.Kind.OTHER
        ):
            plan.problem(
                document.row,
                _("Row %(row)d already gives this review its %(kind)s in %(language)s.")
                % {
                    "row": other.row,
                    "kind": document.kind_label.lower(),
                    "language": document.language_label,
                },
                document.file_name,
            )
            return
    review.documents.append(document)


def _check_not_there_already(plan, review):
    existing = Review.objects.filter(lead_partnership=plan.partnership)
    if review.reference and existing.filter(reference__iexact=review.reference).exists():
        plan.problem(
            review.row,
            _("The partnership already has a review with the reference %(reference)s.")
            % {"reference": review.reference},
        )
    elif existing.filter(
        pseudonym__iexact=review.pseudonym, published_on=review.published_on
    ).exists():
        plan.problem(
            review.row,
            _("The partnership already has a review “%(pseudonym)s” published that month.")
            % {"pseudonym": review.pseudonym},
        )
