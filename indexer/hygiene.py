"""Clean-ups and checks that apply to every record after its reader: phone numbers in
Belgian notation with E.164 links, and a town name that contradicts the postcode.

Readers already handle the rest of Belgian data hygiene: decimal commas, websites
without a scheme, byte order marks, ";" separators, Windows-1252 files, and points
outside Belgium.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from functools import lru_cache

from indexer.gazetteer import Gazetteer, place_key
from indexer.phones import normalise_phone
from indexer.readers import codes
from indexer.record import Provider


@dataclass
class CleanRecord:
    provider: Provider
    # (code, Dutch message) of each problem; the record is still listed.
    problems: list[tuple[str, str]] = field(default_factory=list)


def clean_record(provider: Provider, gazetteer: Gazetteer) -> CleanRecord:
    phones, links, problems = clean_phones(provider.phones)
    mismatch = postcode_town_mismatch(provider, gazetteer)
    if mismatch is not None:
        problems.append((codes.POSTCODE_MUNICIPALITY_MISMATCH, mismatch))

    cleaned = provider.model_copy(update={"phones": phones, "phone_links": links})
    return CleanRecord(cleaned, problems)


def clean_phones(raw_phones: list[str]) -> tuple[list[str], dict[str, str], list[tuple[str, str]]]:
    """Return the phones in Belgian notation without repeats, their E.164 links, and
    a warning per number that does not parse. Such a number is kept as written, so
    no contact detail is lost. A number of possible length in a range that no operator
    uses yet is normalised without a warning, because phonenumbers' range metadata
    lags behind new allocations."""
    phones: list[str] = []
    links: dict[str, str] = {}
    problems: list[tuple[str, str]] = []

    for raw in raw_phones:
        normalised = normalise_phone(raw)
        if normalised is None:
            problems.append((codes.INVALID_PHONE, f"Telefoonnummer '{raw}' is geen geldig nummer; het staat ongewijzigd op de fiche."))
            if raw not in phones:
                phones.append(raw)
            continue

        if normalised.display not in phones:
            phones.append(normalised.display)
            links[normalised.display] = normalised.e164
    return phones, links, problems


def postcode_town_mismatch(provider: Provider, gazetteer: Gazetteer) -> str | None:
    """Return a Dutch message when the source's town name is a place of another
    municipality than the postcode's, or None.

    After geocoding, `address.locality` contains the source's town only when it is not the
    postcode's municipality, so only that name needs checking.
    """
    address = provider.address
    if not address.locality or not address.nis_code:
        return None

    place = gazetteer.by_name(address.locality)
    if place is None or place.nis_code == address.nis_code:
        return None

    # A town name that is also a place of the postcode's own municipality is no
    # mismatch: "Beveren" with 9120 is the Beveren in Beveren-Kruibeke-Zwijndrecht,
    # not Beveren-Leie in Waregem.
    if place_key(address.locality) in _local_names(gazetteer).get(address.nis_code, frozenset()):
        return None

    # NOTE: a deelgemeente missing from the postcode list can still get a warning it
    # does not deserve, because the gazetteer has one locality name per postcode.
    return (
        f"Postcode {address.postcode} hoort bij {address.municipality}, maar de bron noemt de gemeente "
        f"'{address.locality}' ({place.municipality_nl}); de fiche gebruikt de postcode."
    )


@lru_cache(maxsize=4)
def _local_names(gazetteer: Gazetteer) -> dict[str, frozenset[str]]:
    """NIS code -> keys of every name in that municipality: its own names, the parts of a
    merged name ("Beveren-Kruibeke-Zwijndrecht"), and its postcodes' localities."""
    names: dict[str, set[str]] = {}
    for place in gazetteer.places():
        found = names.setdefault(place.nis_code, set())
        for name in (place.name, place.locality, place.municipality_nl, place.municipality_fr):
            if not name:
                continue
            found.add(place_key(name))
            found.update(place_key(part) for part in name.split("-") if part.strip())
    return {nis_code: frozenset(keys) for nis_code, keys in names.items()}
