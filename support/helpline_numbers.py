"""The help numbers the site shows outside the helpline list: in the help strip at the top of
every public page, on the home page and beside local help.

Each is written down once here, as stored digits, and shown through `support.phone`, so the
strip, the panels and the help page's own list (the `Helpline` rows, normalised the same way)
write a number one way and dial it with one `tel:` link.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reviews.models import Nation

from .phone import format_phone_number, tel_href


@dataclass(frozen=True)
class HelpNumber:
    name: str | Promise
    digits: str

    @property
    def display(self):
        return format_phone_number(self.digits)

    @property
    def href(self):
        return tel_href(self.digits)


EMERGENCY = HelpNumber(_("Emergency"), "999")
NATIONAL_HELPLINE = HelpNumber(_("National Domestic Abuse Helpline"), "08082000247")
LIVE_FEAR_FREE = HelpNumber(_("Live Fear Free"), "08088010800")

BY_NAME = {
    "emergency": EMERGENCY,
    "national_helpline": NATIONAL_HELPLINE,
    "live_fear_free": LIVE_FEAR_FREE,
}


def strip_numbers(*, welsh_page, partnerships=()):
    """The numbers of the help strip: 999 and the national helpline on every page, and Live
    Fear Free on Welsh pages and on the pages of a partnership in Wales."""
    numbers = [EMERGENCY, NATIONAL_HELPLINE]
    if welsh_page or any(p.nation == Nation.WALES for p in partnerships if p is not None):
        numbers.append(LIVE_FEAR_FREE)
    return numbers
