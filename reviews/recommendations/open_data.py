"""The register of recommendations as open data: /data/recommendations.csv and .json.

Both take the same address parameters as /recommendations/ (q, the filters and sort), so a
search of the register can be downloaded as it is shown, and both stream like the reviews'
downloads (`reviews/open_data.py`): a chunk of recommendations is read, written out, and the
next one read, so a response never holds the whole register in memory.
"""

import csv
import json

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from ..open_data import LICENCE_NAME, LICENCE_URL, LIST_SEPARATOR, _Echo, safe_cell
from .register import matching_ids, read_params, recommendations_in_order

CHUNK_SIZE = 200

# (column, what it holds) in the order of the CSV file; /data/ shows this table.
CSV_COLUMNS = [
    ("id", _("The recommendation's permanent number on this site.")),
    ("url", _("The address of the recommendation on its review's page.")),
    ("review_id", _("The review's number on this site.")),
    ("review_slug", _("The review's permanent identifier; part of its address.")),
    ("review_url", _("The address of the review's page.")),
    ("partnerships", _("Every partnership that commissioned the review, lead first.")),
    ("fictional", _("true for the fictional sample partnership's invented records.")),
    ("number", _("The recommendation's number, as the report writes it.")),
    ("text", _("The recommendation, in English.")),
    ("text_cy", _("The recommendation in Welsh, where the partnership gives it.")),
    ("level", _("local, regional or national.")),
    ("agencies", _("The agencies it is addressed to.")),
    ("sectors", _("The sectors of those agencies, as codes (for example police).")),
    ("themes", _("The themes it is filed under.")),
    ("due", _("The date it is due, as YYYY-MM-DD; empty if none was given.")),
    ("status", _("Its status, as a code (for example in-progress).")),
    ("status_name", _("Its status, in words.")),
    ("status_on", _("The date of the latest update, as YYYY-MM-DD; empty if none.")),
    ("overdue", _("true when the due date has passed and it is not finished with.")),
]


def recommendations_for(request):
    """The published recommendations a request's search and filters select, in order, a chunk
    at a time with everything each needs (a fixed number of queries per chunk)."""
    ids = matching_ids(*read_params(request.GET))
    for start in range(0, len(ids), CHUNK_SIZE):
        yield from recommendations_in_order(ids[start : start + CHUNK_SIZE])


def recommendation_record(recommendation, absolute):
    """One recommendation as a plain dict: the JSON record, and the source of the CSV row."""
    review = recommendation.review
    agencies = list(recommendation.agencies.all())
    return {
        "id": recommendation.pk,
        "url": absolute(recommendation.get_absolute_url()),
        "review": {
            "id": review.pk,
            "slug": review.slug,
            "url": absolute(review.get_absolute_url()),
            "pseudonym": review.pseudonym,
        },
        "partnerships": [
            {"name": partnership.name, "slug": partnership.slug, "nation": partnership.nation}
            for partnership in review.all_partnerships()
        ],
        "fictional": review.lead_partnership.fictional,
        "number": recommendation.number,
        "text": recommendation.text,
        "text_cy": recommendation.text_cy,
        "level": recommendation.level,
        "agencies": [
            {
                "name": agency.name,
                "slug": agency.slug,
                "sector": agency.sector,
                "url": absolute(agency.get_absolute_url()),
            }
            for agency in agencies
        ],
        "themes": [{"name": t.name, "slug": t.slug} for t in recommendation.themes.all()],
        "due": recommendation.due_on.isoformat() if recommendation.due_on else None,
        "status": recommendation.status,
        "status_name": str(recommendation.get_status_display()),
        "status_on": recommendation.status_on.isoformat() if recommendation.status_on else None,
        "overdue": recommendation.is_overdue(),
    }


def csv_row(record):
    row = {
        **{key: record[key] for key in ("id", "url", "number", "text", "text_cy", "level")},
        "review_id": record["review"]["id"],
        "review_slug": record["review"]["slug"],
        "review_url": record["review"]["url"],
        "partnerships": LIST_SEPARATOR.join(p["name"] for p in record["partnerships"]),
        "fictional": "true" if record["fictional"] else "false",
        "agencies": LIST_SEPARATOR.join(a["name"] for a in record["agencies"]),
        "sectors": LIST_SEPARATOR.join(sorted({a["sector"] for a in record["agencies"]})),
        "themes": LIST_SEPARATOR.join(t["name"] for t in record["themes"]),
        "due": record["due"] or "",
        "status": record["status"],
        "status_name": record["status_name"],
        "status_on": record["status_on"] or "",
        "overdue": "true" if record["overdue"] else "false",
    }
    return [safe_cell(row[column]) for column, _help in CSV_COLUMNS]


def _download_name(extension):
    return f"dhr-recommendations-{timezone.localdate():%Y-%m-%d}.{extension}"


@require_safe
def recommendations_csv(request):
    def rows():
        writer = csv.writer(_Echo())
        # The byte order mark tells Excel the file is UTF-8 (accents and Welsh letters).
        yield "\ufeff" + writer.writerow([column for column, _help in CSV_COLUMNS])
        for recommendation in recommendations_for(request):
            record = recommendation_record(recommendation, request.build_absolute_uri)
            yield writer.writerow(csv_row(record))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_download_name("csv")}"'
    return response


@require_safe
def recommendations_json(request):
    def chunks():
        header = {
            "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
            "source": request.build_absolute_uri("/"),
            "generated_at": timezone.now().isoformat(timespec="seconds"),
        }
        yield json.dumps(header, ensure_ascii=False)[:-1] + ', "recommendations": ['
        for number, recommendation in enumerate(recommendations_for(request)):
            record = recommendation_record(recommendation, request.build_absolute_uri)
            yield ("," if number else "") + "\n" + json.dumps(record, ensure_ascii=False)
        yield "\n]}\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{_download_name("json")}"'
    return response
