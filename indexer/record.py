"""The provider record: one care or welfare provider as every source reader yields it.

Field names follow Open Referral HSDS 3 where HSDS has a term (organization, service,
location, phone, schedule); Flemish terms without an English equivalent (rubriek,
doelgroep) keep their Flemish name.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, field_validator

# Belgium's bounding box with a small margin; a point outside it is a data error.
BELGIUM_LAT_RANGE = (49.45, 51.55)
BELGIUM_LON_RANGE = (2.5, 6.45)


class ProviderKind(str, Enum):
    PERSON = "person"
    ORGANIZATION = "organization"
    SERVICE = "service"


class GeoPoint(BaseModel):
    model_config = ConfigDict(frozen=True)

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)

    def is_in_belgium(self) -> bool:
        return (
            BELGIUM_LAT_RANGE[0] <= self.lat <= BELGIUM_LAT_RANGE[1]
            and BELGIUM_LON_RANGE[0] <= self.lon <= BELGIUM_LON_RANGE[1]
        )


class Profession(BaseModel):
    """A profession by its CD-HCPARTY code (eHealth) and Dutch label."""

    model_config = ConfigDict(frozen=True)

    code: str
    label: str


class Rubriek(BaseModel):
    """A category of the rubrieken tree, e.g. code "14.04.01" for woonzorgcentra.

    `path` contains the labels from the top level down to this one, so a provider in a
    leaf can be counted under each of its ancestors.
    """

    model_config = ConfigDict(frozen=True)

    code: str
    label: str
    path: tuple[str, ...] = ()


class Address(BaseModel):
    street: str | None = None
    number: str | None = None
    postcode: str | None = None
    municipality: str | None = None
    locality: str | None = None
    nis_code: str | None = None
    province: str | None = None
    region: str | None = None

    def one_line(self) -> str:
        street = " ".join(part for part in (self.street, self.number) if part)
        place = " ".join(part for part in (self.postcode, self.locality or self.municipality) if part)
        return ", ".join(part for part in (street, place) if part)


class OpeningHours(BaseModel):
    """One opening period on one weekday (1 = Monday … 7 = Sunday), local time."""

    weekday: int = Field(ge=1, le=7)
    opens: dt.time
    closes: dt.time


class RegistryIds(BaseModel):
    riziv_number: str | None = None
    visa: str | None = None
    recognition_number: str | None = None
    kbo_number: str | None = None


class FieldSource(BaseModel):
    """The origin of one field's value: the source name and the date of its data.

    `updated_at` is the record's own date when the source gives one. Otherwise it is
    the modification date of the source file.
    """

    model_config = ConfigDict(frozen=True)

    source: str
    updated_at: dt.date | None = None


class Verification(BaseModel):
    """The registry entry that confirmed a provider, and the number it matched on."""

    registry: str
    matched_on: str
    checked_at: dt.date
    # Differences that do not block verification, such as another postcode.
    notes: list[str] = Field(default_factory=list)


class Provider(BaseModel):
    """One listed provider: a person, an organization or one of its services."""

    id: str = Field(min_length=1, max_length=200)
    kind: ProviderKind
    name: str = Field(min_length=1, max_length=300)
    organization: str | None = None
    description: str | None = None
    professions: list[Profession] = Field(default_factory=list)
    rubrieken: list[Rubriek] = Field(default_factory=list)
    doelgroepen: list[str] = Field(default_factory=list)
    activities: list[str] = Field(default_factory=list)
    address: Address = Field(default_factory=Address)
    location: GeoPoint | None = None
    phones: list[str] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list)
    websites: list[str] = Field(default_factory=list)
    opening_hours: list[OpeningHours] = Field(default_factory=list)
    registry_ids: RegistryIds = Field(default_factory=RegistryIds)
    source: str
    source_record: str | None = None
    updated_at: dt.date | None = None
    # Profession labels from the source that are not in the profession list; the scope
    # policy decides on them (alternative treatment or unknown profession).
    unrecognised_professions: list[str] = Field(default_factory=list)
    # E.164 form of each entry of `phones`, for tel: links; a number that did not parse
    # has no entry.
    phone_links: dict[str, str] = Field(default_factory=dict)
    verified: bool = False
    verification: Verification | None = None
    # Field name -> every source that contributed to the field's value.
    provenance: dict[str, list[FieldSource]] = Field(default_factory=dict)

    @field_validator("name")
    @classmethod
    def name_is_not_blank(cls, value: str) -> str:
        stripped = " ".join(value.split())
        if not stripped:
            raise ValueError("name is blank")
        return stripped
