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

# Scope policy (indexer/policy.py): who may be listed.
ALTERNATIVE_TREATMENT = "alternative_treatment"
PARTNER_SOURCE_REQUIRED = "partner_source_required"
GROUP_PRACTICE_MEMBER_NOT_RECOGNISED = "group_practice_member_not_recognised"
GROUP_PRACTICE_WITHOUT_RECOGNISED_PROVIDER = "group_practice_without_recognised_provider"
MISSING_RECOGNITION_NUMBER = "missing_recognition_number"
MISSING_VISA = "missing_visa"

POLICY_CODES = frozenset(
    {
        ALTERNATIVE_TREATMENT,
        UNKNOWN_PROFESSION,
        PARTNER_SOURCE_REQUIRED,
        GROUP_PRACTICE_MEMBER_NOT_RECOGNISED,
        GROUP_PRACTICE_WITHOUT_RECOGNISED_PROVIDER,
        MISSING_RECOGNITION_NUMBER,
        MISSING_VISA,
    }
)

# Warnings: the record is listed, but a curator should look at it.
INVALID_PHONE = "invalid_phone"
POSTCODE_MUNICIPALITY_MISMATCH = "postcode_municipality_mismatch"
SOURCE_ENCODING = "source_encoding"

# Registry cross-check (indexer/registry.py): reported, never rejected.
REGISTRATION_MISSING = "registration_missing"
REGISTRATION_INCONSISTENT = "registration_inconsistent"

WARNING_CODES = frozenset(
    {INVALID_PHONE, POSTCODE_MUNICIPALITY_MISMATCH, SOURCE_ENCODING, REGISTRATION_MISSING, REGISTRATION_INCONSISTENT}
)

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
        *POLICY_CODES,
    }
)
