"""The open data described for programs and for people: each CSV file's columns with their
types and allowed values.

/data/datapackage.json is a Frictionless Data Package (a Table Schema for each CSV file), so that
a tool can check a download (`frictionless validate datapackage.json`) or read it with the
right types; /data/ shows the same facts as its codebook. Both are drawn from each file's own
list of columns (`CSV_COLUMNS` beside the code that writes the file) and the types declared for
them here, so the description cannot drift from the files: a column without a declared type is
text.
"""

import json
from dataclasses import dataclass

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from .models import (
    CHOICE_FIELDS,
    CaseType,
    Nation,
    Recommendation,
    Review,
    ReviewDocument,
    ThemeGroup,
)
from .models.recommendations import Level, Status
from .open_data import CSV_COLUMNS as REVIEW_COLUMNS
from .open_data import LICENCE_NAME, LICENCE_URL, THEME_COLUMNS
from .open_data import OpenDataView as ReviewsOpenDataView
from .recommendations.open_data import CSV_COLUMNS as RECOMMENDATION_COLUMNS

# What each Table Schema type is called on the codebook.
TYPE_NAMES = {
    "string": _("Text"),
    "integer": _("Whole number"),
    "boolean": _("true or false"),
    "date": _("Date, YYYY-MM-DD"),
    "yearmonth": _("Month, YYYY-MM"),
    "year": _("Year, YYYY"),
}


@dataclass(frozen=True)
class ColumnType:
    type: str = "string"
    format: str = "default"
    choices: tuple = ()  # (code, label) of the values allowed; empty: any value
    required: bool = False
    unique: bool = False

    def field(self, name, description):
        """The column as a Table Schema field."""
        field = {"name": name, "type": self.type, "description": str(description)}
        if self.format != "default":
            field["format"] = self.format
        if self.type == "boolean":
            field |= {"trueValues": ["true"], "falseValues": ["false"]}
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.choices:
            constraints["enum"] = [code for code, _label in self.choices]
        if constraints:
            field["constraints"] = constraints
        return field


IDENTIFIER = ColumnType(required=True, unique=True)
ADDRESS = ColumnType(format="uri", required=True)

REVIEW_TYPES = {
    "slug": IDENTIFIER,
    "url": ADDRESS,
    "pseudonym": ColumnType(required=True),
    "review_type": ColumnType(choices=tuple(Review.ReviewType.choices), required=True),
    **{name: ColumnType(choices=tuple(choices.choices)) for name, choices in CHOICE_FIELDS.items()},
    "lead_partnership": ColumnType(required=True),
    "published": ColumnType(type="yearmonth"),
    "year_of_death": ColumnType(type="year"),
    "document_count": ColumnType(type="integer", required=True),
}
RECOMMENDATION_TYPES = {
    "id": ColumnType(type="integer", required=True, unique=True),
    "url": ADDRESS,
    "review_id": ColumnType(type="integer", required=True),
    "review_slug": ColumnType(required=True),
    "review_url": ADDRESS,
    "fictional": ColumnType(type="boolean", required=True),
    "number": ColumnType(required=True),
    "text": ColumnType(required=True),
    "level": ColumnType(choices=tuple(Level.choices), required=True),
    "due": ColumnType(type="date"),
    "status": ColumnType(choices=tuple(Status.choices), required=True),
    "status_name": ColumnType(required=True),
    "status_on": ColumnType(type="date"),
    "overdue": ColumnType(type="boolean", required=True),
}
THEME_TYPES = {
    "slug": IDENTIFIER,
    "url": ADDRESS,
    "name": ColumnType(required=True, unique=True),
    "group": ColumnType(choices=tuple(ThemeGroup.choices), required=True),
    "group_name": ColumnType(required=True),
    "review_count": ColumnType(type="integer", required=True),
}
# Codes that a text column holds several of, which the codebook lists (not a constraint: the
# cell holds them joined by the file's separator).
LISTED_CODES = {
    "reviews": {
        "case_types": tuple(CaseType.choices),
        "nations": tuple(Nation.choices),
        "document_kinds": tuple(ReviewDocument.Kind.choices),
        "document_languages": tuple(ReviewDocument.Language.choices),
    },
    "recommendations": {},
    "themes": {},
}

# (resource name, file's address name, its title, its columns, their types, primary key)
FILES = [
    ("reviews", "open_data_csv", _("Published reviews"), REVIEW_COLUMNS, REVIEW_TYPES, "slug"),
    (
        "recommendations",
        "recommendations_csv",
        _("Recommendations of published reviews"),
        RECOMMENDATION_COLUMNS,
        RECOMMENDATION_TYPES,
        "id",
    ),
    ("themes", "themes_csv", _("Themes"), THEME_COLUMNS, THEME_TYPES, "slug"),
]


def schema(columns, types, primary_key):
    return {
        "fields": [
            types.get(name, ColumnType()).field(name, description) for name, description in columns
        ],
        "primaryKey": [primary_key],
        # An empty cell is a value not given, whatever the column's type.
        "missingValues": [""],
    }


def data_package():
    """The Data Package descriptor: the files by their addresses relative to it (/data/)."""
    resources = []
    for name, url_name, title, columns, types, primary_key in FILES:
        resources.append(
            {
                "name": name,
                "title": str(title),
                "path": reverse(f"reviews_files:{url_name}").rsplit("/", 1)[-1],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                # The files begin with a byte order mark, so that Excel reads them as UTF-8.
                "encoding": "utf-8-sig",
                "schema": schema(columns, types, primary_key),
            }
        )
    resources[1]["schema"]["foreignKeys"] = [
        {"fields": ["review_slug"], "reference": {"resource": "reviews", "fields": ["slug"]}}
    ]
    return {
        "profile": "tabular-data-package",
        "name": "domestic-homicide-reviews",
        "title": "Domestic Homicide Reviews: the register, its recommendations and themes",
        "licenses": [{"name": "OGL-UK-3.0", "title": LICENCE_NAME, "path": LICENCE_URL}],
        "resources": resources,
    }


@require_safe
def datapackage_json(request):
    package = data_package()
    package["homepage"] = request.build_absolute_uri(reverse("reviews:open_data"))
    response = HttpResponse(
        json.dumps(package, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="datapackage.json"'
    return response


def codebook(resource):
    """A file's columns for people: name, meaning, type in words and the codes allowed."""
    _name, _url, _title, columns, types, _key = next(f for f in FILES if f[0] == resource)
    listed = LISTED_CODES[resource]
    rows = []
    for name, meaning in columns:
        kind = types.get(name, ColumnType())
        rows.append(
            {
                "name": name,
                "meaning": meaning,
                "type": TYPE_NAMES[kind.type],
                "codes": kind.choices or listed.get(name, ()),
                "several": name in listed,
            }
        )
    return rows


class OpenDataView(ReviewsOpenDataView):
    """/data/: the reviews' open data, and the recommendations' and the themes' beside it,
    with the codebook of each file."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            columns=codebook("reviews"),
            recommendation_columns=codebook("recommendations"),
            recommendation_count=Recommendation.objects.published().count(),
            theme_columns=codebook("themes"),
        )
        return context
