"""Stable rejection codes of the source readers (the `code` of a `Rejection`).

Import reports and curators filter on these strings, so a code is never renamed.
"""

from __future__ import annotations

# Any source: the place of the record.
LOCATION_OUTSIDE_BELGIUM = "location_outside_belgium"
UNKNOWN_POSTCODE = "unknown_postcode"
MISSING_LOCATION = "missing_location"
INVALID_COORDINATES = "invalid_coordinates"

# Any source: the shape and identity of the record.
INVALID_RECORD = "invalid_record"
MISSING_ID = "missing_id"
DUPLICATE_ID = "duplicate_id"
MISSING_NAME = "missing_name"

# Status in the source register.
PHARMACY_NOT_ACTIVE = "pharmacy_not_active"
PROVIDER_NOT_ACTIVE = "provider_not_active"

# Generic CSV: values that must come from a fixed list or follow a format.
INVALID_KIND = "invalid_kind"
UNKNOWN_PROFESSION = "unknown_profession"
UNKNOWN_RUBRIEK = "unknown_rubriek"
INVALID_DATE = "invalid_date"
INVALID_OPENING_HOURS = "invalid_opening_hours"

ALL_CODES = frozenset(
    {
        LOCATION_OUTSIDE_BELGIUM,
        UNKNOWN_POSTCODE,
        MISSING_LOCATION,
        INVALID_COORDINATES,
        INVALID_RECORD,
        MISSING_ID,
        DUPLICATE_ID,
        MISSING_NAME,
        PHARMACY_NOT_ACTIVE,
        PROVIDER_NOT_ACTIVE,
        INVALID_KIND,
        UNKNOWN_PROFESSION,
        UNKNOWN_RUBRIEK,
        INVALID_DATE,
        INVALID_OPENING_HOURS,
    }
)
