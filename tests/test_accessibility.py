"""The accessibility statement the regulations require, in English and Welsh, linked from every
page's footer."""

import pytest

pytestmark = pytest.mark.django_db


def html_of(response):
    return response.content.decode()


def test_the_statement_gives_what_the_regulations_require(client):
    response = client.get("/accessibility/")

    html = html_of(response)
    assert response.status_code == 200
    assert "<title>Accessibility statement - Domestic Homicide Reviews</title>" in html
    # Standard and compliance status.
    assert "WCAG" in html and "2.2" in html and "level AA" in html
    assert "partially compliant" in html
    # Known problems, honestly: PDFs, placeholders, texts not yet in Welsh.
    assert "PDF documents" in html
    assert "placeholders" in html
    assert "not yet available in Welsh" in html
    # How to ask for another format and report a problem.
    assert "Asking for a document in another format" in html
    assert "Reporting accessibility problems" in html
    # The enforcement procedure.
    assert "Equality and Human Rights Commission" in html
    assert "Equality Advisory and Support Service" in html
    assert "(No. 2) Accessibility Regulations 2018" in html
    # How it was tested and when the statement was prepared.
    assert "Nu Html Checker" in html and "axe-core" in html
    assert "prepared on 22 November 2026" in html


def test_the_statement_is_in_welsh_on_the_welsh_site(client):
    html = html_of(client.get("/cy/accessibility/"))

    assert "<title>Datganiad hygyrchedd - Adolygiadau Dynladdiad Domestig</title>" in html
    assert "Comisiwn Cydraddoldeb a Hawliau Dynol" in html
    assert "Gwasanaeth Cynghori a Chymorth Cydraddoldeb" in html
    assert "Paratowyd y datganiad hwn ar 22 Tachwedd 2026" in html


@pytest.mark.parametrize(
    ("path", "link"),
    [
        ("/", 'href="/accessibility/">Accessibility statement</a>'),
        ("/help/", 'href="/accessibility/">Accessibility statement</a>'),
        ("/no-such-page/", 'href="/accessibility/">Accessibility statement</a>'),
        ("/cy/", 'href="/cy/accessibility/">Datganiad hygyrchedd</a>'),
        ("/cy/reviews/", 'href="/cy/accessibility/">Datganiad hygyrchedd</a>'),
    ],
)
def test_every_page_links_to_the_statement_from_its_footer(client, path, link):
    html = html_of(client.get(path))

    assert link in html[html.index('<footer class="govuk-footer">') :]
