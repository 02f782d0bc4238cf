"""Dates as readers see them."""

from django.utils import formats


def month_and_year(day):
    """ "March 2021" (in the page's language), or "" when the day is not known."""
    return formats.date_format(day, "F Y") if day else ""


class PublishedMonthMixin:
    """For a model with a `published_on` date: the month and year it shows readers."""

    @property
    def published_month(self):
        return month_and_year(self.published_on)
