"""What an officer posts to the admin: the review form, with or without an upload, and any
change form as the browser would send it back (`form_as_sent`)."""

import io
from html.parser import HTMLParser

from PIL import Image


def review_form(partnership, **fields):
    """The add or change form of a draft review led by `partnership`, with no joint
    partnerships, no documents, no recommendations and no names that must not appear; `fields`
    replace or add form fields."""
    data = {
        "pseudonym": "Adult Z",
        "slug": "adult-z",
        "reference": "",
        "lead_partnership": str(partnership.pk),
        "review_type": "dhr",
        "relationship": "",
        "victim_age": "",
        "victim_sex": "",
        "perpetrator_age": "",
        "perpetrator_sex": "",
        "published_on": "",
        "year_of_death": "",
        "summary": "",
        "status": "draft",
        "partnership_links-TOTAL_FORMS": "0",
        "partnership_links-INITIAL_FORMS": "0",
        "partnership_links-MIN_NUM_FORMS": "0",
        "partnership_links-MAX_NUM_FORMS": "1000",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "recommendations-TOTAL_FORMS": "0",
        "recommendations-INITIAL_FORMS": "0",
        "recommendations-MIN_NUM_FORMS": "0",
        "recommendations-MAX_NUM_FORMS": "1000",
        "withheld_names-TOTAL_FORMS": "0",
        "withheld_names-INITIAL_FORMS": "0",
        "withheld_names-MIN_NUM_FORMS": "0",
        "withheld_names-MAX_NUM_FORMS": "1",
    }
    data.update(fields)
    return data


def with_upload(data, upload, kind="executive-summary"):
    """`data` (a review form) with one new document, `upload`, in its documents formset."""
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-0-kind": kind,
            "documents-0-language": "en",
            "documents-0-title": "",
            "documents-0-file": upload,
        }
    )
    return data


def png_bytes():
    """A tiny PNG image: a file that is not a PDF, whatever its name says."""
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "purple").save(buffer, format="PNG")
    return buffer.getvalue()


def with_joint_partnerships(data, review=None, *, keep=(), add=(), remove=()):
    """`data` (a review form) with its joint-partnerships formset: the review's links `keep`
    and `remove` (ticked for deletion) as they are, and a new row for each partnership of
    `add`."""
    rows = [*keep, *remove]
    data.update(
        {
            "partnership_links-TOTAL_FORMS": str(len(rows) + len(add)),
            "partnership_links-INITIAL_FORMS": str(len(rows)),
        }
    )
    for n, link in enumerate(rows):
        data[f"partnership_links-{n}-id"] = str(link.pk)
        data[f"partnership_links-{n}-review"] = str(review.pk)
        if link in remove:
            data[f"partnership_links-{n}-DELETE"] = "on"
    for n, partnership in enumerate(add, start=len(rows)):
        data[f"partnership_links-{n}-partnership"] = str(partnership.pk)
        if review is not None:
            data[f"partnership_links-{n}-review"] = str(review.pk)
    return data


class _FormReader(HTMLParser):
    """The fields of the page's change form and what a browser sends for each."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data = {}
        self.in_form = False
        self.select = None  # (name, multiple) of the open <select>
        self.textarea = None  # name of the open <textarea>

    def _add(self, name, value, multiple=False):
        if multiple:
            self.data.setdefault(name, []).append(value)
        else:
            self.data[name] = value

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self.in_form = True
        if not self.in_form or not attrs.get("name") and tag != "option":
            return
        name = attrs.get("name")
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"), multiple=kind == "checkbox")
                return
            self._add(name, attrs.get("value", ""))
        elif tag == "select":
            self.select = (name, "multiple" in attrs)
            if not self.select[1]:
                self.data[name] = ""
        elif tag == "option" and self.select and "selected" in attrs:
            name, multiple = self.select
            self._add(name, attrs.get("value", ""), multiple)
        elif tag == "textarea":
            self.textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            # A browser drops the newline that follows the opening tag.
            text = self.data[self.textarea] + data
            self.data[self.textarea] = text[1:] if text.startswith("\n") else text


def form_as_sent(response, **changes):
    """The admin change form in `response` as the browser sends it back with nothing changed,
    then with `changes` (field name: value), as for `client.post(url, data)`."""
    reader = _FormReader()
    reader.feed(response.content.decode())
    reader.data.update(changes)
    return reader.data
