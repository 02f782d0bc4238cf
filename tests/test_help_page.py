"""The help page, information pages and the partnership page's local help, as a visitor sees
them: numbers to tap, whether a line is open now, and filters that work without JavaScript."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import ReviewDocument
from support.forms import FilterSelect

from .factories import (
    HelplineFactory,
    InformationPageFactory,
    NoticeFactory,
    PartnershipFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    StrategyDocumentFactory,
)

pytestmark = pytest.mark.django_db

UK = ZoneInfo("Europe/London")
WEEKDAYS_9_TO_5 = [(day, "09:00", "17:00") for day in range(5)]


@pytest.fixture
def saturday_noon(monkeypatch):
    """The server's clock reads Saturday 6 June 2026, 12:00 in the UK (11:00 UTC)."""
    moment = datetime.datetime(2026, 6, 6, 12, tzinfo=UK)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment.astimezone(datetime.UTC))
    return moment


def text_of(response):
    """The page's visible text, with tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_emergency_panel_comes_first_with_999_and_how_to_call_without_speaking(client):
    HelplineFactory(name="Emergency services", phone="999", emergency=True, order=0)
    HelplineFactory(name="National Domestic Abuse Helpline", phone="0808 2000 247", order=1)

    response = client.get("/help/")
    html = response.content.decode()

    assert response.status_code == 200
    # In the page's own content (the help strip above it dials both as well).
    main = html[html.index('id="main-content"') :]
    assert main.index('href="tel:999"') < main.index('href="tel:08082000247"')
    assert main.index("If you are in danger now") < main.index("National Domestic Abuse Helpline")
    assert "press 55" in html
    assert "<title>Get help now - Domestic Homicide Reviews</title>" in html
    assert html.count("<h1") == 1


def test_without_an_emergency_line_in_the_database_999_is_still_shown(client):
    html = client.get("/help/").content.decode()

    assert 'href="tel:999"' in html


def test_each_helpline_shows_a_tap_to_call_number_in_uk_grouping_and_its_facts(
    client, saturday_noon
):
    HelplineFactory(
        name="Galop",
        phone="08009995428",
        open_24_hours=False,
        free_to_call=True,
        text_number="07860 077333",
        details_checked_on=datetime.date(2026, 5, 1),
        hours=[(day, "10:00", "20:30") for day in range(4)] + [(4, "10:00", "16:30")],
    )

    text = text_of(client.get("/help/"))
    html = client.get("/help/").content.decode()

    assert 'href="tel:08009995428"' in html
    assert "0800 999 5428" in text
    assert 'href="sms:07860077333"' in html
    assert "Closed - opens at 10am Monday" in text
    assert "Monday to Thursday: 10am to 8:30pm" in text
    assert "Friday: 10am to 4:30pm" in text
    assert "Free to call" in text
    assert "Details last checked 1 May 2026." in text


def test_open_now_is_worked_out_on_the_server_in_uk_time(client, saturday_noon):
    HelplineFactory(name="Weekday line", open_24_hours=False, hours=WEEKDAYS_9_TO_5)
    HelplineFactory(name="Weekend line", open_24_hours=False, hours=[(5, "10:00", "16:00")])
    HelplineFactory(name="Day and night line", open_24_hours=True)

    text = text_of(client.get("/help/"))

    assert "Weekday line" in text and "Closed - opens at 9am Monday" in text
    assert "Open now - closes at 4pm today" in text
    assert "Open now, 24 hours a day" in text


def test_unknown_hours_are_said_to_be_unknown_not_invented(client):
    HelplineFactory(name="Men's line", open_24_hours=False, details_checked_on=None)

    text = text_of(client.get("/help/"))

    assert "Opening hours not known" in text
    assert "We do not know this line's opening hours" in text
    assert "These details have not yet been checked with the service" in text


def test_who_filter_shows_lines_for_that_group_and_for_everyone(client):
    HelplineFactory(name="Line for everyone")
    HelplineFactory(name="Line for men", audience="men")
    HelplineFactory(name="Line for LGBT+ people", audience="lgbt")

    text = text_of(client.get("/help/", {"who": "men"}))

    assert "Line for everyone" in text
    assert "Line for men" in text
    assert "Line for LGBT+ people" not in text


def test_where_filter_shows_a_partnerships_local_lines_with_its_nations_and_the_uks(
    client, wiltshire
):
    HelplineFactory(name="UK line")
    HelplineFactory(name="Wales line", area="wales")
    HelplineFactory(name="Wiltshire line", local=True, partnership=wiltshire)
    HelplineFactory(name="Elsewhere line", local=True)

    everywhere = text_of(client.get("/help/"))
    in_wiltshire = text_of(client.get("/help/", {"where": "wiltshire"}))
    in_wales = text_of(client.get("/help/", {"where": "wales"}))

    # Without a place: the national lines, and a way to find local ones.
    assert "UK line" in everywhere and "Wales line" in everywhere
    assert "Wiltshire line" not in everywhere
    assert "Local helplines are shown when you choose where you live" in everywhere
    assert "Helplines for people in Wiltshire" in in_wiltshire
    assert "UK line" in in_wiltshire and "Wiltshire line" in in_wiltshire
    assert "Wales line" not in in_wiltshire and "Elsewhere line" not in in_wiltshire
    assert "Wales line" in in_wales and "Wiltshire line" not in in_wales


def test_the_filters_are_a_get_form_and_unknown_values_are_ignored(client):
    HelplineFactory(name="UK line")

    response = client.get("/help/", {"who": "<script>", "where": "nowhere"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "UK line" in html
    assert re.search(r'<form method="get" action="/help/"', html)
    assert "csrfmiddlewaretoken" not in html
    # Nothing is marked invalid (no error message is shown for an aria-describedby to name),
    # and the lists offer every choice with none chosen.
    assert "aria-invalid" not in html and "aria-describedby" not in html
    assert '<select name="where" class="govuk-select" id="id_where">' in html
    assert "selected" not in html


def test_the_where_list_offers_every_active_partnership_and_keeps_the_choice(client, wiltshire):
    PartnershipFactory(slug="powys", short_name="Powys & Ceredigion")
    PartnershipFactory(slug="closed", short_name="Old area", active=False)

    html = client.get("/help/", {"where": "wiltshire"}).content.decode()

    assert '<option value="wales">Wales</option>' in html
    assert '<option value="powys">Powys &amp; Ceredigion</option>' in html
    assert '<option value="wiltshire" selected>Wiltshire</option>' in html
    assert "Old area" not in html


def test_filter_lists_give_djangos_own_markup():
    choices = [
        ("", "Anywhere"),
        ("Local & near", [('a"1', "Area <1> & 'one'"), ("a2", "Area 2")]),
    ]
    ours = FilterSelect(attrs={"class": "govuk-select"}, choices=choices)
    djangos = forms.Select(attrs={"class": "govuk-select"}, choices=choices)

    def markup(widget):
        return re.sub(r"\n\s*", "", widget.render("where", "a2", {"id": "id_where"}))

    assert markup(ours) == markup(djangos)
    assert "&lt;1&gt; &amp; &#x27;one&#x27;" in markup(ours)


def test_inactive_helplines_are_not_shown(client):
    HelplineFactory(name="Old line", active=False)

    assert "Old line" not in client.get("/help/").content.decode()


def test_help_page_query_count_does_not_grow_with_helplines(client, django_assert_num_queries):
    HelplineFactory(emergency=True)
    HelplineFactory(open_24_hours=False, hours=WEEKDAYS_9_TO_5)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/help/").status_code == 200
    for _ in range(8):
        HelplineFactory(open_24_hours=False, hours=WEEKDAYS_9_TO_5)
    HelplineFactory(emergency=True)

    with django_assert_num_queries(len(few)):
        client.get("/help/")


def test_information_page_renders_markdown_and_removes_anything_unsafe(client):
    InformationPageFactory(
        slug="domestic-abuse",
        title="What domestic abuse is",
        body=(
            "# Forms it takes\n\n- **Coercive control**\n- Economic abuse\n\n"
            "[Find a helpline](/help/) <script>alert(1)</script>"
            '<img src="https://tracker.example/x.png"> [bad](javascript:alert(1))'
        ),
    )

    response = client.get("/about/domestic-abuse/")
    html = response.content.decode()

    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert '<h2 class="govuk-heading-m">Forms it takes</h2>' in html
    assert "<strong>Coercive control</strong>" in html
    assert '<a href="/help/" class="govuk-link" rel="noreferrer">Find a helpline</a>' in html
    assert "alert(1)" not in html
    assert "tracker.example" not in html
    assert "javascript:" not in html


def test_unpublished_information_page_is_not_found_and_about_reviews_still_works(client):
    InformationPageFactory(slug="draft-page", is_published=False)

    assert client.get("/about/draft-page/").status_code == 404
    assert client.get("/about/reviews/").status_code == 200


def test_help_page_lists_national_information_pages_and_notices(client, wiltshire):
    InformationPageFactory(title="What domestic abuse is")
    InformationPageFactory(title="Help in Wiltshire", partnership=wiltshire)
    NoticeFactory(title="Helpline hours over the holidays")

    text = text_of(client.get("/help/"))

    assert "What domestic abuse is" in text
    assert "Help in Wiltshire" not in text
    assert "Helpline hours over the holidays" in text


def test_partnership_page_shows_its_local_help_briefings_strategies_and_notices(
    client, wiltshire, saturday_noon
):
    HelplineFactory(
        name="Wiltshire out-of-hours helpline",
        phone="01225 712880",
        local=True,
        partnership=wiltshire,
        open_24_hours=False,
        hours=[(day, "17:00", "08:00") for day in range(5)]
        + [(5, "08:00", "08:00"), (6, "08:00", "08:00")],
    )
    HelplineFactory(name="Another area's line", local=True)
    StrategyDocumentFactory(title="Domestic Abuse Strategy", partnership=wiltshire)
    StrategyDocumentFactory(title="Hidden draft", partnership=wiltshire, is_published=False)
    adult_r = ReviewFactory(
        lead_partnership=wiltshire, pseudonym="Adult R", review_type="local-learning"
    )
    ReviewDocumentFactory(review=adult_r, kind=ReviewDocument.Kind.LEARNING_BRIEFING)
    NoticeFactory(title="A short film", partnership=wiltshire, link_url="https://example.org/")
    InformationPageFactory(title="Domestic abuse help in Wiltshire", partnership=wiltshire)

    response = client.get("/partnerships/wiltshire/")
    text = text_of(response)
    html = response.content.decode()

    assert "Help in Wiltshire" in text
    assert 'href="tel:01225712880"' in html
    assert "01225 712880" in text
    assert "Open now - closes at 8am Monday" in text
    assert "Friday 5pm to Monday 8am" in text
    assert "Another area's line" not in text
    assert "Learning briefings" in text
    assert "Adult R: Learning briefing" in text
    assert f'href="/reviews/{adult_r.slug}/documents/learning-briefing.pdf"' in html
    assert "Strategies and reports" in text and "Domestic Abuse Strategy" in text
    assert "Hidden draft" not in text
    assert "A short film" in text
    assert "Domestic abuse help in Wiltshire" in text
    assert html.count("<h1") == 1
