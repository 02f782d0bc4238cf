"""Bad input to every public URL pattern: odd path segments and query strings never give a 500."""

import re
import urllib.parse

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .public_pages import public_patterns

pytestmark = pytest.mark.django_db

# The query parameters the public pages read, and some they do not.
PARAMETERS = [
    "q",
    "page",
    "partnership",
    "type",
    "year",
    "sort",
    "theme",
    "case",
    "kind",
    "language",
    "status",
    "nation",
    "format",
    "next",
    "lang",
]
ODD_VALUES = [
    "",
    "0",
    "-1",
    "99999999999999999999999",
    "1e9",
    "NaN",
    "%00",
    "%ff%fe",
    "\x00",
    "'; DROP TABLE reviews_review; --",
    "<script>alert(1)</script>",
    "..%2F..%2Fetc%2Fpasswd",
    "ellie",
    "wiltshire",
    "a" * 5000,
    "\u202e\ufeff\U0001f600",
    '"\\',
]

segment = st.one_of(
    st.sampled_from(["ellie", "wiltshire", "powys", "coercive-control", "x", "-", "_", ".."]),
    st.text(min_size=1, max_size=40),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=300),
)
value = st.one_of(st.sampled_from(ODD_VALUES), st.text(max_size=60))
query = st.lists(
    st.tuples(st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=10)), value), max_size=6
)


def route_to_template(route):
    """`reviews/<slug:slug>/` -> `reviews/{}/`, for either path() or re_path() routes."""
    template = re.sub(r"<(?:\w+:)?\w+>", "{}", route)
    template = re.sub(r"\(\?P<\w+>[^)]*\)", "{}", template)
    return "/" + template.lstrip("^").rstrip("$").replace("\\", "")


TEMPLATES = sorted({route_to_template(route) for _name, route in public_patterns()})


def test_every_pattern_is_swept():
    assert len(TEMPLATES) >= 20
    assert "/reviews/{}/" in TEMPLATES and "/help/" in TEMPLATES


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    template=st.sampled_from(TEMPLATES),
    segments=st.lists(segment, min_size=3, max_size=3),
    params=query,
    welsh=st.booleans(),
)
def test_no_public_url_answers_500_to_bad_input(demo, template, segments, params, welsh):
    client = Client(raise_request_exception=False)
    path = template.format(*[urllib.parse.quote(s, safe="") for s in segments])
    if welsh:
        path = "/cy" + path
    encoded = "&".join(
        urllib.parse.quote(key, safe="") + "=" + urllib.parse.quote(val, safe="%")
        for key, val in params
    )

    response = client.get(f"{path}?{encoded}" if encoded else path)

    assert response.status_code < 500, (path, encoded, response.status_code)


def test_nul_characters_are_dropped_from_queries_and_refused_in_paths(demo):
    client = Client(raise_request_exception=False)

    assert client.get("/reviews/?partnership=%00").status_code == 200
    filtered = client.get("/reviews/?partnership=wilt%00shire")
    assert filtered.status_code == 200
    assert "Adult P" in filtered.content.decode()  # a Wiltshire review
    assert client.get("/reviews/a%00b/").status_code in (400, 404)
