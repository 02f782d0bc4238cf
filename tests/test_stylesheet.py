"""The stylesheet compiles only some of GOV.UK Frontend's components (static/scss/site.scss):
each one a template uses must be among them, or its pages lose their styles."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
COMPONENTS = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "components"
STYLESHEET = ROOT / "build" / "static" / "css" / "site.css"


def classes_in_markup():
    """Every class named in a template or in HTML that Python writes."""
    sources = list((ROOT / "templates").rglob("*.html"))
    for app in ("reviews", "support", "dhrsite"):
        sources += (ROOT / app).rglob("*.py")
    names = set()
    for source in sources:
        for attribute in re.findall(r'class=\\?"([^"\\]*)', source.read_text()):
            names.update(attribute.split())
    return names


def test_every_govuk_component_a_template_uses_is_in_the_stylesheet():
    components = sorted(
        (folder.name for folder in COMPONENTS.iterdir() if folder.is_dir()), key=len, reverse=True
    )
    used = set()
    for name in classes_in_markup():
        # The longest component name that the class starts with: govuk-exit-this-page__button
        # is exit-this-page's, govuk-header__container the header's.
        for component in components:
            if re.match(rf"govuk-{component}(__|--|$)", name):
                used.add(component)
                break
    css = STYLESHEET.read_text()

    # A rule whose selector starts with the component's class, as the component's own do (the
    # site's rules name it after one of their own classes: .dhr-helpline .govuk-tag).
    missing = [
        c for c in sorted(used) if not re.search(rf"(^|[{{}},])\.govuk-{c}(__|--|[.,:{{])", css)
    ]

    assert {"button", "exit-this-page", "skip-link", "summary-list"} <= used
    assert missing == []


def test_components_no_page_uses_are_left_out_of_the_stylesheet():
    css = STYLESHEET.read_text()

    for component in ("accordion", "tabs", "cookie-banner", "file-upload", "task-list"):
        assert f".govuk-{component}" not in css, component
