"""The personal-data check: what it finds in a page's text, what it passes over that reports
are full of for good reason, and the findings it keeps for each uploaded document."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from reviews.models import PersonalDataFinding, WithheldNames
from reviews.pdf_writer import make_text_pdf
from reviews.personal_data import find_personal_data, findings_summary, record_reviewed

from .factories import OfficerFactory, ReviewDocumentFactory, ReviewFactory

Kind = PersonalDataFinding.Kind


def found(text, names=()):
    return [(item.kind, item.matched) for item in find_personal_data([(1, text)], names)]


# What it finds


@pytest.mark.parametrize(
    "text, matched",
    [
        ("Adult P was born on 12 March 1984 in Swindon.", "born on 12 March 1984"),
        ("DOB: 12/03/1984.", "DOB: 12/03/1984"),
        ("Her d.o.b. was 3rd May 1950.", "d.o.b. was 3rd May 1950"),
        ("D.O.B. 1984-03-12", "D.O.B. 1984-03-12"),
        ("Date of birth 12th of March 1984", "Date of birth 12th of March 1984"),
        ("12.03.84 (date of birth)", "12.03.84 (date of birth"),
        ("The child, born 3 May 2015, lived with her.", "born 3 May 2015"),
        ("Dyddiad geni: 12 Mawrth 1984", "Dyddiad geni: 12 Mawrth 1984"),
    ],
)
def test_a_full_date_beside_a_word_for_birth_is_a_date_of_birth(text, matched):
    assert found(text) == [(Kind.DATE_OF_BIRTH, matched)]


@pytest.mark.parametrize(
    "text, kind, matched",
    [
        ("She lived at 4 Mill Lane, Trowbridge BA14 8AB.", Kind.POSTCODE, "BA14 8AB"),
        ("A letter went to M1 1AE.", Kind.POSTCODE, "M1 1AE"),
        ("Her mobile was 07700 900123.", Kind.PHONE, "07700 900123"),
        ("Call +44 (0)7700 900 456 first.", Kind.PHONE, "+44 (0)7700 900 456"),
        ("The home number, (01632) 960 001, rang.", Kind.PHONE, "(01632) 960 001"),
        ("Write to jo.bloggs+dhr@example.org today.", Kind.EMAIL, "jo.bloggs+dhr@example.org"),
        ("NI number AB 12 34 56 C.", Kind.NI_NUMBER, "AB 12 34 56 C"),
        ("NHS number 943 476 5919.", Kind.NHS_NUMBER, "943 476 5919"),
        ("NHS number 9434765919.", Kind.NHS_NUMBER, "9434765919"),
    ],
)
def test_each_kind_of_personal_data_is_found(text, kind, matched):
    assert found(text) == [(kind, matched)]


# What it passes over


@pytest.mark.parametrize(
    "text",
    [
        "Call the National Domestic Abuse Helpline on 0808 2000 247, free, at any time.",
        "In an emergency call 999; otherwise 101. NHS 111. Samaritans: 116 123.",
        "Wiltshire's out-of-hours helpline is 01225 712880; Live Fear Free texts 07860 077333.",
        "Live Fear Free: 0808 80 10 800. Galop: 0800 999 5428.",
    ],
)
def test_help_lines_are_not_a_persons_phone_number(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "12 March 1984: Adult P moved to Trowbridge.",
        "On 12/03/2019 the police attended; the call was logged.",
        "She was born in 1984. On 12 March 2019 she moved to Bath.",
        "From 2010-2014 she lived in Bath, and 2015 - 2019 in Frome.",
        "Reference 007_DHR, WCSP/DHR/2019/04, case 2019-04512, crime 54190234567.",
        "The specimen number QQ 12 34 56 C is not anyone's.",
        "A reference of ten digits, 943 476 5918, fails the check digit.",
    ],
)
def test_what_reports_are_full_of_is_not_flagged(text):
    assert found(text) == []


def test_a_listed_name_is_found_as_a_whole_word_in_any_case():
    text = "Mrs O’Brien met JANE  Doe, not Janet Doerr; then jane doe's sister called."

    assert found(text, names=["Jane Doe", "O'Brien", "Doe"]) == [
        (Kind.NAME, "O’Brien"),
        (Kind.NAME, "JANE Doe"),
        (Kind.NAME, "Doe"),
        (Kind.NAME, "jane doe"),
        (Kind.NAME, "doe"),
    ]
    assert found("Doerr, Janet and Jane-Ann were there.", names=["Doe", "Jan"]) == []


def test_each_finding_has_its_page_and_a_little_context():
    pages = [(1, "Nothing here."), (12, "At the start. " * 5 + "Postcode SN1 2AB. " + "More. " * 9)]

    (item,) = find_personal_data(pages)

    assert (item.page, item.matched) == (12, "SN1 2AB")
    assert item.context.startswith("…") and item.context.endswith("…")
    assert "Postcode SN1 2AB." in item.context
    assert len(item.context) < 100


# The findings kept for each document


def report(pages):
    return ContentFile(make_text_pdf(pages), name="report.pdf")


def twelve_pages(page_12):
    return [[f"Page {n} of the overview report."] for n in range(1, 12)] + [page_12]


@pytest.fixture
def checked_review():
    return ReviewFactory(draft=True)


@pytest.mark.django_db
def test_an_upload_is_checked_and_its_findings_kept_with_their_page(checked_review):
    page_12 = ["Adult P was born on 12 March 1984.", "She lived in Trowbridge, BA14 8AB."]
    document = ReviewDocumentFactory(review=checked_review, file=report(twelve_pages(page_12)))

    findings = list(document.personal_data_findings.all())

    assert [(f.kind, f.page, f.matched) for f in findings] == [
        (Kind.DATE_OF_BIRTH, 12, "born on 12 March 1984"),
        (Kind.POSTCODE, 12, "BA14 8AB"),
    ]
    assert "Trowbridge, BA14 8AB" in findings[1].context
    assert findings_summary(checked_review).found == 2
    assert findings_summary(checked_review).reviewed == 0


@pytest.mark.django_db
def test_saving_the_names_checks_every_document_of_the_review_again(checked_review):
    first = ReviewDocumentFactory(
        review=checked_review, file=report([["Rosalind Quennell called."]])
    )
    second = ReviewDocumentFactory(
        review=checked_review,
        kind="overview-report",
        file=report([["Nothing."], ["Her sister, Ros Quennell-Smith, and QUENNELL came."]]),
    )
    assert not PersonalDataFinding.objects.exists()

    names = WithheldNames.objects.create(
        review=checked_review, names="Rosalind Quennell\n\nquennell\n"
    )

    assert [(f.document_id, f.page, f.matched) for f in PersonalDataFinding.objects.all()] == [
        (first.pk, 1, "Rosalind Quennell"),
        (first.pk, 1, "Quennell"),
        (second.pk, 2, "Quennell"),
        (second.pk, 2, "QUENNELL"),
    ]

    names.names = "Rosalind Quennell"
    names.save()

    assert list(PersonalDataFinding.objects.values_list("matched", flat=True)) == [
        "Rosalind Quennell"
    ]


@pytest.mark.django_db
def test_a_new_upload_checks_for_the_names_already_listed(checked_review):
    WithheldNames.objects.create(review=checked_review, names="Quennell")

    document = ReviewDocumentFactory(
        review=checked_review, file=report([["Mr Quennell was there."]])
    )

    assert [(f.kind, f.matched) for f in document.personal_data_findings.all()] == [
        (Kind.NAME, "Quennell")
    ]


@pytest.mark.django_db
def test_marks_survive_a_names_change_but_not_a_new_file(checked_review):
    officer = OfficerFactory(partnerships=[checked_review.lead_partnership])
    document = ReviewDocumentFactory(
        review=checked_review, file=report([["Her mobile was 07700 900123."], ["DOB 01/02/1980"]])
    )
    phone, birth = document.personal_data_findings.all()

    assert record_reviewed(checked_review, reviewed={phone.pk}, by=officer) == 1
    WithheldNames.objects.create(review=checked_review, names="Quennell")

    phone.refresh_from_db()
    assert (phone.reviewed_by, phone.is_reviewed) == (officer, True)
    assert (findings_summary(checked_review).found, findings_summary(checked_review).reviewed) == (
        2,
        1,
    )

    document.file = report([["Her mobile was 07700 900123."]])
    document.full_clean(exclude=["slug"])
    document.save()

    (again,) = document.personal_data_findings.all()
    assert (again.kind, again.is_reviewed) == (Kind.PHONE, False)
    assert findings_summary(checked_review).all_reviewed is False


@pytest.mark.django_db
def test_unticking_a_finding_marks_it_not_reviewed(checked_review):
    officer = OfficerFactory(partnerships=[checked_review.lead_partnership])
    ReviewDocumentFactory(review=checked_review, file=report([["jo@example.org and 07700 900123"]]))
    email, phone = PersonalDataFinding.objects.all()
    record_reviewed(checked_review, reviewed={email.pk, phone.pk}, by=officer)

    assert record_reviewed(checked_review, reviewed={email.pk}, by=officer) == 1

    summary = findings_summary(checked_review)
    assert (summary.found, summary.reviewed, summary.waiting) == (2, 1, 1)
    phone.refresh_from_db()
    assert (phone.reviewed_at, phone.reviewed_by) == (None, None)


@pytest.mark.django_db
def test_marking_touches_only_the_reviews_own_findings(checked_review):
    officer = OfficerFactory(partnerships=[checked_review.lead_partnership])
    other = ReviewDocumentFactory(file=report([["jo@example.org"]]))
    (elsewhere,) = other.personal_data_findings.all()

    assert record_reviewed(checked_review, reviewed={elsewhere.pk}, by=officer) == 0

    elsewhere.refresh_from_db()
    assert elsewhere.is_reviewed is False


@pytest.mark.django_db
def test_a_name_too_short_to_look_for_is_refused_with_a_reason(checked_review):
    names = WithheldNames(review=checked_review, names="Rosalind Quennell\nQ\n")

    with pytest.raises(ValidationError, match="“Q” is too short to look for"):
        names.full_clean()
