"""One way to write each number: across every public page type, in English and Welsh, a help
number is shown in one grouping and dialled through one `tel:` (or `sms:`) address, whether it
is the help strip's, a panel's, the helpline list's or a number in an information page's text."""

import re
from collections import defaultdict

import pytest

from support.phone import format_phone_number, normalise_phone_number

pytestmark = pytest.mark.django_db

DIAL_LINK = re.compile(r'<a [^>]*href="(tel|sms):([^"]*)"[^>]*>(.*?)</a>', re.S)
HIDDEN = re.compile(r'<span class="govuk-visually-hidden">.*?</span>', re.S)
TAG = re.compile(r"<[^>]+>")
# Digits in groups of one space, as a number is written: "0808 2000 247", "999".
WRITTEN_NUMBER = re.compile(r"(?<!\d)(?<!\d )\d+(?: \d+)*(?!\d)")


def visible_text(markup):
    return TAG.sub(" ", HIDDEN.sub("", markup))


def written_forms(text):
    """Each run of digits in the text, as written, keyed by its digits alone."""
    return [(run.replace(" ", ""), run) for run in WRITTEN_NUMBER.findall(text)]


def test_every_help_number_is_written_and_dialled_one_way_on_every_page(public_pages_html):
    hrefs = defaultdict(set)
    link_texts = defaultdict(set)
    for path, page_html in public_pages_html.items():
        for scheme, target, inner in DIAL_LINK.findall(page_html):
            digits = normalise_phone_number(target)
            hrefs[digits].add(f"{scheme}:{target}")
            shown = [form for run, form in written_forms(visible_text(inner)) if run == digits]
            assert len(shown) == 1, (path, inner)
            link_texts[digits].add(shown[0])

    # The national helpline, 999 and Live Fear Free are among them (the strip's at least).
    assert {"999", "08082000247", "08088010800"} <= set(link_texts)
    assert {digits: forms for digits, forms in link_texts.items() if len(forms) > 1} == {}
    assert {digits: links for digits, links in hrefs.items() if len(links) > 1} == {}
    assert link_texts["08082000247"] == {"0808 2000 247"}

    # The same numbers written in a page's text, outside any link, are written the same way.
    written = defaultdict(set)
    for page_html in public_pages_html.values():
        body = page_html[page_html.index("<body") :]
        for run, form in written_forms(visible_text(body)):
            if run in link_texts:
                written[run].add(form)
    differing = {run: forms for run, forms in written.items() if forms != link_texts[run]}
    assert differing == {}


@pytest.mark.parametrize(
    ("digits", "shown"),
    [("08082000247", "0808 2000 247"), ("08088010800", "0808 80 10 800"), ("999", "999")],
)
def test_the_help_numbers_are_shown_as_their_services_write_them(digits, shown):
    assert format_phone_number(digits) == shown
