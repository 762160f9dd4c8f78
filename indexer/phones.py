"""Belgian phone numbers: parsed in any common notation, shown the Belgian way, linked as E.164."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers

DEFAULT_REGION = "BE"


@dataclass(frozen=True)
class NormalisedPhone:
    display: str  # "09 223 45 67" for Belgian numbers, "+33 1 42 68 53 00" for others
    e164: str  # "+3292234567"


def normalise_phone(text: str) -> NormalisedPhone | None:
    """Parse "09/223.45.67", "+32 (0)9 223 45 67", "0032 9 223 45 67" and the like;
    return None when the text is no possible phone number."""
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None

    belgian = phonenumbers.region_code_for_number(number) == DEFAULT_REGION
    style = phonenumbers.PhoneNumberFormat.NATIONAL if belgian else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return NormalisedPhone(
        display=phonenumbers.format_number(number, style),
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
    )
