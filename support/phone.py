"""UK phone numbers: what an officer may type, how we store it, how a visitor sees and dials it.

A number is stored as its digits only, in the national form ("08082000247", "999", "116123"),
so that the same number typed two ways is the same value. It is shown the one way the site writes
it (`format_phone_number`: the grouping its service prints, else the usual UK grouping) and
dialled through a `tel:` link.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Short numbers a helpline may use: emergency, non-emergency and the European 116 and 118 ranges.
SHORT_NUMBERS = {"999", "112", "111", "101", "105", "119"}
SHORT_RANGE = re.compile(r"^11[68]\d{3}$")
ALLOWED_CHARACTERS = re.compile(r"^[\d\s\-().+]*$")
# Area codes with a three-digit local part: 0113, 0114, ... 0121, 0131, ... 0191.
FOUR_DIGIT_AREA_CODES = re.compile(r"^01(1\d|\d1)")
# Numbers whose service prints them in a grouping of its own, which people know from its posters
# and cards ("2000 247" reads as "24/7"); shown that way on every page, never the usual grouping.
SERVICE_GROUPINGS = {
    "08082000247": "0808 2000 247",  # National Domestic Abuse Helpline (Refuge)
    "08088010800": "0808 80 10 800",  # Live Fear Free (Welsh Government)
    "08005999247": "0800 5999 247",  # Karma Nirvana
}


def normalise_phone_number(value):
    """Return the digits of a UK number in national form, or raise ValidationError.

    Accepts spaces, dashes, dots and brackets, and +44 or 0044 in place of the leading 0.
    """
    text = (value or "").strip()
    if not text:
        raise ValidationError(_("Enter a phone number."), code="required")
    if not ALLOWED_CHARACTERS.match(text):
        raise ValidationError(
            _(
                "Enter the number using digits only, for example 0808 200 0247. Spaces, "
                "dashes and brackets are fine; letters are not."
            ),
            code="invalid_characters",
        )
    if "+" in text[1:] or (text.startswith("+") and not text.startswith("+44")):
        raise ValidationError(
            _("Enter a UK phone number. Numbers outside the UK cannot be listed here."),
            code="international",
        )
    digits = re.sub(r"\D", "", text)
    if text.startswith("+44"):
        digits = "0" + digits[2:].removeprefix("0")
    elif digits.startswith("0044"):
        digits = "0" + digits[4:].removeprefix("0")
    elif digits.startswith("00"):
        raise ValidationError(
            _("Enter a UK phone number. Numbers outside the UK cannot be listed here."),
            code="international",
        )
    if digits in SHORT_NUMBERS or SHORT_RANGE.match(digits):
        return digits
    if not digits.startswith("0"):
        raise ValidationError(
            _(
                "A UK phone number starts with 0 (or +44), unless it is a short number such "
                "as 999 or 116 123."
            ),
            code="no_leading_zero",
        )
    if len(digits) < 10 and digits != "08001111":
        raise ValidationError(
            _(
                "This number has %(count)d digits; a UK number has 10 or 11. Check it "
                "against the service's own website."
            )
            % {"count": len(digits)},
            code="too_short",
        )
    if len(digits) > 11:
        raise ValidationError(
            _(
                "This number has %(count)d digits; a UK number has 10 or 11. Check it "
                "against the service's own website."
            )
            % {"count": len(digits)},
            code="too_long",
        )
    return digits


def format_phone_number(digits):
    """How the site writes a stored number, the same on every page: the service's own grouping
    where it has one ("0808 2000 247"), otherwise the usual UK grouping ("0808 801 0327",
    "01225 712880", "116 123")."""
    if not digits:
        return ""
    if digits in SERVICE_GROUPINGS:
        return SERVICE_GROUPINGS[digits]
    if SHORT_RANGE.match(digits):
        return f"{digits[:3]} {digits[3:]}"
    if digits == "08001111":
        return "0800 1111"
    if len(digits) == 11:
        if digits.startswith("02"):
            return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
        if digits.startswith("01") and not FOUR_DIGIT_AREA_CODES.match(digits):
            return f"{digits[:5]} {digits[5:]}"
        if digits.startswith("07"):
            return f"{digits[:5]} {digits[5:]}"
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    if len(digits) == 10:
        return (
            f"{digits[:4]} {digits[4:]}"
            if digits.startswith("0800")
            else (f"{digits[:5]} {digits[5:]}")
        )
    return digits


def tel_href(digits):
    """The `tel:` link for a stored number. Dialled as written, so 999 stays 999."""
    return f"tel:{digits}" if digits else ""


class PhoneNumberField(models.CharField):
    """A UK number stored as national-form digits, validated and normalised when cleaned."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return normalise_phone_number(value)
