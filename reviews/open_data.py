"""The register as open data: /data/ explains it, /data/reviews.csv and /data/reviews.json give it,
and /data/themes.csv and /data/themes.json give the vocabulary of themes reviews are filed under.

The reviews' downloads take the same address parameters as /reviews/ (q, the filters and sort),
so a search can be downloaded as it is shown. They stream: reviews are read a chunk at a time and
written out as they are read, so the response never holds the whole register in memory.
"""

import csv
import json

from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from .forms import ReviewSearchForm
from .models import CHOICE_FIELDS, Review, Theme, in_groups

CHUNK_SIZE = 100
LIST_SEPARATOR = "; "
DOCUMENT_SEPARATOR = " | "
LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

# (column, what it holds) in the order of the CSV file; /data/ shows this table.
CSV_COLUMNS = [
    ("slug", _("The review's permanent identifier on this site; part of its address.")),
    ("url", _("The address of the review's page.")),
    ("pseudonym", _("The name or label the published report gives the person who died.")),
    ("reference", _("The partnership's own reference for the review, if it gives one.")),
    ("review_type", _("The kind of review, as a code (for example dhr).")),
    ("review_type_name", _("The kind of review, in words.")),
    ("case_types", _("Each case type the report states, as a code (for example familial).")),
    ("case_type_names", _("Each case type the report states, in words.")),
    ("relationship", _("The perpetrator's relationship to the victim, if the report states it.")),
    ("victim_age", _("The victim's age band, if the report states it.")),
    ("victim_sex", _("The victim's sex, if the report states it.")),
    ("perpetrator_age", _("The perpetrator's age band, if the report states it.")),
    ("perpetrator_sex", _("The perpetrator's sex, if the report states it.")),
    ("lead_partnership", _("The Community Safety Partnership that led the review.")),
    ("partnerships", _("Every partnership that commissioned the review, lead first.")),
    ("nations", _("England, Wales or both, from the partnerships.")),
    ("published", _("The month the review was published, as YYYY-MM; empty if not given.")),
    ("year_of_death", _("The year of the death, if the report states it.")),
    ("themes", _("The themes the review is filed under.")),
    ("summary", _("A short plain-text summary written for this site.")),
    ("document_count", _("How many documents are published for the review.")),
    ("document_urls", _("The permanent address of each document (a PDF).")),
    ("document_kinds", _("Each document's kind, as a code (for example executive-summary).")),
    ("document_languages", _("Each document's language: en for English, cy for Welsh.")),
    ("document_sizes", _("Each document's size in bytes.")),
    ("document_pages", _("Each document's number of pages.")),
    ("document_sha256", _("Each document's SHA-256 checksum, to check a downloaded copy.")),
]

# (column, what it holds) of the themes' CSV file, in its order.
THEME_COLUMNS = [
    ("slug", _("The theme's permanent identifier on this site; part of its address.")),
    ("url", _("The address of the theme's page.")),
    ("name", _("The theme's name in English.")),
    ("name_cy", _("The theme's name in Welsh.")),
    ("group", _("The group of the Home Office library's filters it belongs to, as a code.")),
    ("group_name", _("The group, in words.")),
    ("description", _("What the theme covers, in English.")),
    ("description_cy", _("What the theme covers, in Welsh.")),
    ("search_terms", _("Words, phrases and abbreviations that reports use for the theme.")),
    ("review_count", _("How many published reviews are filed under the theme.")),
]

# A spreadsheet treats a cell that begins with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class OpenDataView(TemplateView):
    template_name = "data/open_data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            list_separator=LIST_SEPARATOR.strip(),
            document_separator=DOCUMENT_SEPARATOR.strip(),
            # The licence's name is English (so is the page it links to), also on a Welsh page.
            licence_name=format_html('<span lang="en">{}</span>', LICENCE_NAME),
            licence_url=LICENCE_URL,
            review_count=Review.objects.published().count(),
        )
        return context


def reviews_in_order(request):
    """The published reviews a request's search and filters select, in their order, read a
    chunk at a time with everything each needs (a fixed number of queries per chunk)."""
    ids = ReviewSearchForm(request.GET).matching_reviews_in_order()
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        by_id = {
            review.pk: review
            for review in Review.objects.published()
            .filter(pk__in=chunk)
            .for_listing()
            .prefetch_related("themes")
        }
        for pk in chunk:
            if pk in by_id:
                yield by_id[pk]


def review_record(review, absolute):
    """One review as a plain dict: the JSON record, and the source of the CSV row."""
    partnerships = review.all_partnerships()
    return {
        "slug": review.slug,
        "url": absolute(review.get_absolute_url()),
        "pseudonym": review.pseudonym,
        "reference": review.reference,
        "review_type": review.review_type,
        "review_type_name": str(review.get_review_type_display()),
        "case_types": review.case_types(),
        "case_type_names": [str(label) for label in review.case_type_labels()],
        **{name: getattr(review, name) for name in CHOICE_FIELDS},
        "partnerships": [
            {
                "name": partnership.name,
                "slug": partnership.slug,
                "nation": partnership.nation,
                "lead": partnership.pk == review.lead_partnership_id,
            }
            for partnership in partnerships
        ],
        "published": review.published_on.strftime("%Y-%m") if review.published_on else None,
        "year_of_death": review.year_of_death,
        "themes": [{"name": theme.name, "slug": theme.slug} for theme in review.themes.all()],
        "summary": review.summary,
        "documents": [
            {
                "url": absolute(document.get_absolute_url()),
                "title": document.display_title,
                "kind": document.kind,
                "language": document.language,
                "size_bytes": document.size_bytes,
                "pages": document.page_count,
                "sha256": document.sha256,
            }
            for document in review.documents.all()
        ],
    }


def csv_row(record):
    partnerships = record["partnerships"]
    documents = record["documents"]

    def joined(key, separator=DOCUMENT_SEPARATOR):
        return separator.join(str(document[key]) for document in documents)

    row = {
        **{key: record[key] for key in ("slug", "url", "pseudonym", "reference")},
        "review_type": record["review_type"],
        "review_type_name": record["review_type_name"],
        "case_types": LIST_SEPARATOR.join(record["case_types"]),
        "case_type_names": LIST_SEPARATOR.join(record["case_type_names"]),
        **{name: record[name] for name in CHOICE_FIELDS},
        "lead_partnership": partnerships[0]["name"],
        "partnerships": LIST_SEPARATOR.join(p["name"] for p in partnerships),
        "nations": LIST_SEPARATOR.join(sorted({p["nation"] for p in partnerships})),
        "published": record["published"] or "",
        "year_of_death": record["year_of_death"] or "",
        "themes": LIST_SEPARATOR.join(theme["name"] for theme in record["themes"]),
        "summary": record["summary"],
        "document_count": len(documents),
        "document_urls": joined("url"),
        "document_kinds": joined("kind"),
        "document_languages": joined("language"),
        "document_sizes": joined("size_bytes"),
        "document_pages": joined("pages"),
        "document_sha256": joined("sha256"),
    }
    return [safe_cell(row[column]) for column, _help in CSV_COLUMNS]


def safe_cell(value):
    """Text that a spreadsheet would run as a formula is kept as text (a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer in a stream."""

    def write(self, value):
        return value


def _download_name(extension):
    return f"domestic-homicide-reviews-{timezone.localdate():%Y-%m-%d}.{extension}"


@require_safe
def reviews_csv(request):
    def rows():
        writer = csv.writer(_Echo())
        # The byte order mark tells Excel the file is UTF-8 (accents and Welsh letters).
        yield "\ufeff" + writer.writerow([column for column, _help in CSV_COLUMNS])
        for review in reviews_in_order(request):
            yield writer.writerow(csv_row(review_record(review, request.build_absolute_uri)))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_download_name("csv")}"'
    return response


@require_safe
def reviews_json(request):
    def chunks():
        header = {
            "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
            "source": request.build_absolute_uri("/"),
            "generated_at": timezone.now().isoformat(timespec="seconds"),
        }
        yield json.dumps(header, ensure_ascii=False)[:-1] + ', "reviews": ['
        for number, review in enumerate(reviews_in_order(request)):
            record = json.dumps(
                review_record(review, request.build_absolute_uri), ensure_ascii=False
            )
            yield ("," if number else "") + "\n" + record
        yield "\n]}\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{_download_name("json")}"'
    return response


# The vocabulary of themes: a few dozen records, so read at once rather than streamed.


def theme_records(absolute):
    """Every theme as a plain dict (the JSON record, and the source of the CSV row), in the
    order of /themes/: by group, then by name."""
    themes = Theme.objects.with_published_review_counts()
    return [
        {
            "slug": theme.slug,
            "url": absolute(reverse("reviews:theme_detail", args=[theme.slug])),
            "name": theme.name,
            "name_cy": theme.name_cy,
            "group": theme.group,
            "group_name": str(theme.get_group_display()),
            "description": theme.description,
            "description_cy": theme.description_cy,
            "search_terms": theme.terms()[1:],  # the first is the name
            "review_count": theme.review_count,
        }
        for _group, group_themes in in_groups(themes)
        for theme in group_themes
    ]


@require_safe
def themes_csv(request):
    def rows():
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow([column for column, _help in THEME_COLUMNS])
        for record in theme_records(request.build_absolute_uri):
            record["search_terms"] = LIST_SEPARATOR.join(record["search_terms"])
            yield writer.writerow([safe_cell(record[column]) for column, _help in THEME_COLUMNS])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dhr-themes.csv"'
    return response


@require_safe
def themes_json(request):
    document = {
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "source": request.build_absolute_uri("/"),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "themes": theme_records(request.build_absolute_uri),
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="dhr-themes.json"'
    return response
