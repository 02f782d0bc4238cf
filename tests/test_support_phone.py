"""Phone numbers: what an officer types becomes one clean, dialable value, or a clear error."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from support.models import Helpline
from support.phone import format_phone_number, normalise_phone_number, tel_href

from .factories import OfficerFactory, PartnershipFactory, sign_in


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        # The service's own grouping, however it is typed.
        ("0808 200 0247", "08082000247", "0808 2000 247"),
        ("08088010800", "08088010800", "0808 80 10 800"),
        ("0800 599 9247", "08005999247", "0800 5999 247"),
        ("0808-802-0300", "08088020300", "0808 802 0300"),
        ("(01225) 712880", "01225712880", "01225 712880"),
        ("+44 1225 712880", "01225712880", "01225 712880"),
        ("+44 (0)20 7946 0000", "02079460000", "020 7946 0000"),
        ("0044 7860 077333", "07860077333", "07860 077333"),
        ("0113 496 0000", "01134960000", "0113 496 0000"),
        ("999", "999", "999"),
        ("116 123", "116123", "116 123"),
        ("  0800.999.5428 ", "08009995428", "0800 999 5428"),
    ],
)
def test_spaces_dashes_and_prefixes_give_one_clean_number(typed, stored, shown):
    digits = normalise_phone_number(typed)

    assert digits == stored
    assert format_phone_number(digits) == shown
    assert tel_href(digits) == f"tel:{stored}"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0800 CALL NOW", "digits only"),
        ("call 999", "digits only"),
        ("0808 200", "has 7 digits; a UK number has 10 or 11"),
        ("0808 2000 247 123", "has 14 digits"),
        ("+1 555 0100 2000", "Enter a UK phone number"),
        ("0033 1 23 45 67 89", "Enter a UK phone number"),
        ("8082000247", "starts with 0"),
        ("", "Enter a phone number"),
    ],
)
def test_bad_numbers_are_refused_with_a_reason(typed, message):
    with pytest.raises(ValidationError) as error:
        normalise_phone_number(typed)

    assert message in error.value.messages[0]


@settings(max_examples=150, deadline=None)
@given(
    digits=st.from_regex(r"0[1-9][0-9]{9}", fullmatch=True),
    separators=st.lists(st.sampled_from(["", " ", "-", " - "]), min_size=11, max_size=11),
)
def test_any_eleven_digit_number_survives_any_spacing(digits, separators):
    typed = "".join(digit + separator for digit, separator in zip(digits, separators, strict=True))

    stored = normalise_phone_number(typed)

    assert stored == digits
    assert normalise_phone_number(format_phone_number(stored)) == stored


@pytest.mark.django_db
def test_helpline_is_stored_normalised_by_full_clean_and_by_save():
    cleaned = Helpline(name="Line", phone="+44 808 802 4040", open_24_hours=True)
    cleaned.full_clean()
    cleaned.save()
    saved = Helpline.objects.create(name="Other", phone="0808-801-0327", text_number="07860 077333")

    assert Helpline.objects.get(pk=cleaned.pk).phone == "08088024040"
    assert saved.phone == "08088010327"
    assert saved.text_number == "07860077333"
    assert saved.phone_href == "tel:08088010327"
    assert saved.text_number_href == "sms:07860077333"


@pytest.mark.django_db
def test_admin_shows_a_clear_error_for_a_number_with_letters(client):
    wiltshire = PartnershipFactory(slug="wiltshire")
    sign_in(client, OfficerFactory(partnerships=[wiltshire]))

    response = client.post(
        "/admin/support/helpline/add/",
        {
            "name": "Local line",
            "phone": "01225 ABC DEF",
            "audience": "everyone",
            "area": "local",
            "partnership": wiltshire.pk,
            "order": 100,
            "active": "on",
            "opening_hours-TOTAL_FORMS": "0",
            "opening_hours-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "Enter the number using digits only" in response.content.decode()
    assert not Helpline.objects.exists()
