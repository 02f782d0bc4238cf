"""Widgets the admin's own forms share."""

from django import forms


class DatePicker(forms.DateInput):
    """The browser's date picker. Its value must be written as the HTML standard's date
    (2026-12-02): a date in the page's own format ("02/12/2026") leaves the picker empty, and
    a form sent back empty is refused as if the officer had not given the date."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
