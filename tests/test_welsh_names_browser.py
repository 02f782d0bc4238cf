"""In headless Chromium with the demo data: on every Welsh page type, each link's and button's
accessible name, read from Chromium's accessibility tree, is Welsh, or is marked as English.

English is found by the site's own catalogue: a name that holds the English of a message the
Welsh catalogue translates differently (locale/cy/LC_MESSAGES/django.po), or of a record's
name or title that has a Welsh version, but not the Welsh, fails; so does a name whose text is
marked `lang="en"` only in part, when the English part is what the catalogue finds."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from reviews.models import Partnership, Theme
from support.models import Helpline, InformationPage, StrategyDocument

from .browser_checks import accessible_names
from .public_pages import PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[sd]|\{[^}]*\}|<[^>]*>")


def english_with_welsh():
    """(English, Welsh) of every message and record text whose Welsh differs from its English.

    A message with placeholders gives its longest plain stretch, so "Call %(name)s on" still
    finds "Call"; stretches of a single short word are left out, as they read the same in many
    Welsh names ("PDF", "CSV")."""
    pairs = []
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete or not entry.msgstr or entry.msgid_plural or entry.msgstr == entry.msgid:
            continue
        english = max(PLACEHOLDER.split(entry.msgid), key=len, default="").strip(" .,:;“”")
        if len(english) >= 4 and re.search(r"[a-z]", english):
            pairs.append((english, entry.msgstr))
    records = [
        *Partnership.objects.values_list("name", "name_cy"),
        *Theme.objects.values_list("name", "name_cy"),
        *Helpline.objects.values_list("name", "name_cy"),
        *InformationPage.objects.values_list("title", "title_cy"),
        *StrategyDocument.objects.values_list("title", "title_cy"),
    ]
    pairs += [(english, welsh) for english, welsh in records if welsh and welsh != english]
    return pairs


def english_in(name, pairs):
    """The catalogue's English found in a name, where its Welsh is not."""
    return [
        english
        for english, welsh in pairs
        if re.search(rf"(?<!\w){re.escape(english)}(?!\w)", name) and welsh not in name
    ]


def test_no_link_or_button_on_a_welsh_page_has_an_english_name_unless_marked(page, demo_site):
    pairs = english_with_welsh()
    assert len(pairs) > 500
    english_names = {}
    for path in PAGE_TYPES:
        page.goto(demo_site.url + "/cy" + path)
        for role, name, lang, others in accessible_names(page):
            if lang.startswith("en"):
                continue
            # Text marked as English inside a Welsh name is read as English: leave it out.
            unmarked = name
            for text in others.get("en", []):
                unmarked = unmarked.replace(text, " ")
            found = english_in(unmarked, pairs)
            if found:
                english_names.setdefault("/cy" + path, []).append((role, name, found))

    assert english_names == {}
