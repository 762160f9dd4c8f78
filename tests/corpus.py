"""A small fixed corpus of fictional providers that every engine test indexes.

Points are real places: Gent (9000) around 51.054/3.725, Antwerpen (2000) around
51.219/4.402, Leuven (3000) around 50.879/4.701.
"""

from __future__ import annotations

from indexer import taxonomy
from indexer.documents import SearchDocument, build_document
from indexer.record import Address, GeoPoint, Provider, ProviderKind

GENT = ("9000", "Gent", "44021", 51.0543, 3.7174)
ANTWERPEN = ("2000", "Antwerpen", "11002", 51.2194, 4.4025)
LEUVEN = ("3000", "Leuven", "24062", 50.8798, 4.7005)


def _provider(
    number: int,
    name: str,
    place: tuple[str, str, str, float, float],
    *,
    kind: ProviderKind = ProviderKind.PERSON,
    professions: tuple[str, ...] = (),
    rubrieken: tuple[str, ...] = (),
    doelgroepen: tuple[str, ...] = (),
    description: str | None = None,
    offset: tuple[float, float] = (0.0, 0.0),
) -> Provider:
    postcode, municipality, nis_code, lat, lon = place
    return Provider(
        id=f"corpus-{number:03d}",
        kind=kind,
        name=name,
        professions=[taxonomy.profession(code) for code in professions],
        rubrieken=[taxonomy.rubriek(code) for code in rubrieken],
        doelgroepen=list(doelgroepen),
        description=description,
        address=Address(street="Teststraat", number=str(number), postcode=postcode, municipality=municipality, nis_code=nis_code),
        location=GeoPoint(lat=lat + offset[0], lon=lon + offset[1]),
        phones=["09 123 45 67"],
        source="test",
    )


def corpus_providers() -> list[Provider]:
    org = ProviderKind.ORGANIZATION
    return [
        _provider(1, "An Peeters", GENT, professions=("persclinicalpsychologist",), rubrieken=("02.02",), doelgroepen=("volwassenen",), offset=(0.004, 0.0)),
        _provider(2, "Bram Janssens", GENT, professions=("persclinicalpsychologist",), rubrieken=("02.02",), doelgroepen=("kinderen", "jongeren"), offset=(0.02, 0.01)),
        _provider(3, "Chloé Maes", ANTWERPEN, professions=("persclinicalpsychologist",), rubrieken=("02.02",), doelgroepen=("volwassenen",)),
        _provider(4, "CGG Eclips", GENT, kind=org, rubrieken=("02.01",), description="Hulp bij depressie, angst en burn-out.", doelgroepen=("volwassenen",), offset=(-0.01, 0.02)),
        _provider(5, "CGG De Pont", ANTWERPEN, kind=org, rubrieken=("02.01",), description="Ambulante hulp bij verslaving en rouw.", offset=(0.01, 0.0)),
        _provider(6, "Kinderpsycholoog Lotte Willems", LEUVEN, professions=("persclinicalpsychologist",), rubrieken=("02.02",), doelgroepen=("kinderen",)),
        _provider(7, "Apotheek Centrum", GENT, kind=org, professions=("perspharmacist",), rubrieken=("01.02",), offset=(0.001, 0.001)),
        _provider(8, "Apotheek Zuid", GENT, kind=org, professions=("perspharmacist",), rubrieken=("01.02",), offset=(-0.015, 0.0)),
        _provider(9, "Apotheek De Linde", GENT, kind=org, professions=("perspharmacist",), rubrieken=("01.02",), offset=(0.06, 0.05)),
        _provider(10, "Apotheek Meir", ANTWERPEN, kind=org, professions=("perspharmacist",), rubrieken=("01.02",)),
        _provider(11, "Dr. Els Wouters", GENT, professions=("persgeneralphysician",), rubrieken=("01.01",), offset=(0.003, -0.004)),
        _provider(12, "Dr. Koen De Smet", ANTWERPEN, professions=("persgeneralphysician",), rubrieken=("01.01",)),
        _provider(13, "Dr. Sara Claes", LEUVEN, professions=("persgeneralphysician",), rubrieken=("01.01",), offset=(0.002, 0.0)),
        _provider(14, "Kine Praktijk Noord", GENT, professions=("persphysiotherapist",), rubrieken=("01.05",), offset=(0.03, 0.0)),
        _provider(15, "Tom Verbeke", LEUVEN, professions=("persphysiotherapist",), rubrieken=("01.05",)),
        _provider(16, "Woonzorgcentrum Ter Linde", LEUVEN, kind=org, rubrieken=("14.04.01",), doelgroepen=("ouderen",), offset=(-0.01, 0.0)),
        _provider(17, "WZC Hof ter Beke", GENT, kind=org, rubrieken=("14.04.01",), doelgroepen=("ouderen",), offset=(0.0, 0.03)),
        _provider(18, "CAW Oost-Vlaanderen", GENT, kind=org, rubrieken=("03.01",), description="Hulp bij schulden, relatieproblemen en huisvesting.", offset=(0.0, -0.01)),
        _provider(19, "OCMW Leuven", LEUVEN, kind=org, rubrieken=("03.02",), description="Sociaal huis: leefloon en budgetbegeleiding."),
        _provider(20, "Tandartsenpraktijk Smile", GENT, kind=org, professions=("persdentist",), rubrieken=("01.04",), offset=(0.005, 0.005)),
        _provider(21, "Lien Mertens", ANTWERPEN, professions=("persdentist",), rubrieken=("01.04",), offset=(0.0, 0.01)),
        _provider(22, "Sofie Goossens", GENT, professions=("persmidwife",), rubrieken=("01.07",)),
        _provider(23, "Pieter Dubois", LEUVEN, professions=("perslogopedist",), rubrieken=("01.08",), doelgroepen=("kinderen",)),
        _provider(24, "Marie Lambert", GENT, professions=("persdietician",), rubrieken=("01.09",), offset=(0.01, 0.01)),
        _provider(25, "Rookstop Gent", GENT, professions=("perstabacologist",), rubrieken=("01.14",), offset=(0.0, 0.002)),
        _provider(26, "AZ Sint-Jan", GENT, kind=org, rubrieken=("01.03",), description="Algemeen ziekenhuis met spoedgevallendienst.", offset=(0.02, 0.02)),
        _provider(27, "UZ Leuven Gasthuisberg", LEUVEN, kind=org, rubrieken=("01.03",), description="Universitair ziekenhuis.", offset=(0.0, -0.02)),
        _provider(28, "Thuisverpleging De Zorgzame", ANTWERPEN, kind=org, professions=("persnurse",), rubrieken=("01.06.01",)),
        _provider(29, "Jeugdpsychiater Dirk Hermans", ANTWERPEN, professions=("perschildandadolescentpsychiatrist",), rubrieken=("02.03",), doelgroepen=("jongeren",)),
        _provider(30, "Diëtiste Nora Aerts", LEUVEN, professions=("persdietician",), rubrieken=("01.09",), offset=(0.01, 0.0)),
    ]


def corpus_documents() -> list[SearchDocument]:
    return [build_document(provider) for provider in corpus_providers()]
