"""Labelled record pairs for measuring the deduplication threshold.

Each pair is (first, second, is_duplicate). True duplicates differ in spelling, case,
titles, legal forms, abbreviations, word order and house-number suffixes; near misses
are branches (vestigingen) of one organisation, neighbours at one address, namesakes
and different services of one organisation.
"""

from __future__ import annotations

from indexer.record import Address, Profession, Provider, ProviderKind, RegistryIds

PHARMACIST = Profession(code="perspharmacist", label="apotheker")
GP = Profession(code="persgeneralphysician", label="huisarts")
DENTIST = Profession(code="persdentist", label="tandarts")
PHYSIO = Profession(code="persphysiotherapist", label="kinesitherapeut")
PSYCHOLOGIST = Profession(code="persclinicalpsychologist", label="klinisch psycholoog")


def provider(
    name: str,
    street: str | None,
    number: str | None,
    postcode: str,
    kind: ProviderKind = ProviderKind.ORGANIZATION,
    professions: tuple[Profession, ...] = (),
    phone: str | None = None,
    source: str = "a",
) -> Provider:
    return Provider(
        id=f"{source}-{name}-{number}",
        kind=kind,
        name=name,
        professions=list(professions),
        address=Address(street=street, number=number, postcode=postcode),
        phone_links={phone: phone} if phone else {},
        registry_ids=RegistryIds(),
        source=source,
    )


def org(name: str, street: str | None, number: str | None, postcode: str, *professions: Profession, phone: str | None = None) -> Provider:
    return provider(name, street, number, postcode, ProviderKind.ORGANIZATION, professions, phone)


def person(name: str, street: str | None, number: str | None, postcode: str, *professions: Profession, phone: str | None = None) -> Provider:
    return provider(name, street, number, postcode, ProviderKind.PERSON, professions, phone)


DUPLICATES = [
    (org("Apotheek Peeters", "Kerkstraat", "12", "9000", PHARMACIST), org("Peeters", "Kerkstraat", "12", "9000", PHARMACIST)),
    (org("Apotheek De Linde", "Stationsstraat", "5", "2800", PHARMACIST), org("APOTHEEK DE LINDE BV", "Stationsstraat", "5", "2800", PHARMACIST)),
    (org("Apotheek Sint-Jan", "Markt", "1", "8000", PHARMACIST), org("Apotheek St.-Jan", "Markt", "1", "8000", PHARMACIST)),
    (org("Pharmacie du Centre", "Rue Haute", "20", "1000", PHARMACIST), org("Pharmacie Du Centre SRL", "Rue Haute", "20", "1000", PHARMACIST)),
    (org("Apotheek Vandamme", "Brugsesteenweg", "101", "8500", PHARMACIST), org("Apotheek Van Damme", "Brugsesteenweg", "101", "8500", PHARMACIST)),
    (org("Apotheek Goossens", "Lange Leemstraat", "44", "2018", PHARMACIST), org("Apotheek Goosens", "Lange Leemstraat", "44", "2018", PHARMACIST)),
    (org("Apotheek Het Kruispunt", "Gentse Steenweg", "3", "9300", PHARMACIST), org("Het Kruispunt", "Gentsesteenweg", "3", "9300", PHARMACIST)),
    (org("Apotheek Claes", "Dorp", "7", "3000", PHARMACIST), org("Apotheek Claes", "Dorp", "7A", "3000", PHARMACIST)),
    (org("Apotheek Wouters", "Nieuwstraat", "15", "3500", PHARMACIST), org("Apotheek Wouters", "Nieuwstraat", "15 bus 2", "3500", PHARMACIST)),
    (org("Apotheek Mertens", "Leopoldlaan", "9", "2400", PHARMACIST), org("Apotheek Mertens", None, None, "2400", PHARMACIST)),
    (org("Apotheek Jacobs", "Kapelstraat", "22", "1700", PHARMACIST, phone="+3225551234"), org("Apotheek Jakobs", "Kapelstraat", "22", "1700", PHARMACIST, phone="+3225551234")),
    (person("Dr. An Peeters", "Kerkstraat", "12", "9000", GP), person("Peeters An", "Kerkstraat", "12", "9000", GP)),
    (person("Jan Janssens", "Molenstraat", "3", "2300", DENTIST), person("JANSSENS Jan", "Molenstraat", "3", "2300", DENTIST)),
    (person("Els De Smet", "Veldstraat", "80", "9000", PHYSIO), person("Els Desmet", "Veldstraat", "80", "9000", PHYSIO)),
    (person("Marie-Louise Dubois", "Avenue Louise", "200", "1050", PSYCHOLOGIST), person("Marie Louise Dubois", "Av. Louise", "200", "1050", PSYCHOLOGIST)),
    (person("Pieter Van den Broeck", "Kortrijksesteenweg", "1000", "9051", GP), person("Pieter Vandenbroeck", "Kortrijksesteenweg", "1000", "9051", GP)),
    (person("Sofie Maes", "Hoogstraat", "14", "8800", PSYCHOLOGIST), person("Sofie Maes", "Hoogstraat", "14", "8800")),
    (person("Kevin Willems", "Schoolstraat", "2", "3600", PHYSIO), person("Kevin Wilems", "Schoolstraat", "2", "3600", PHYSIO)),
    (org("CGG De Pont", "Stationsstraat", "5", "2800"), org("CGG de Pont vzw", "Stationsstraat", "5", "2800")),
    (org("Woonzorgcentrum Ter Heide", "Heidestraat", "40", "3110"), org("WZC Ter Heide", "Heidestraat", "40", "3110")),
    (org("Onze-Lieve-Vrouw Ziekenhuis", "Moorselbaan", "164", "9300"), org("O.L.V. Ziekenhuis", "Moorselbaan", "164", "9300")),
    (org("Dagverzorgingscentrum De Klaproos", "Bloemenlaan", "8", "8400"), org("Dagverzorgingscentrum De Klaproos", "Bloemenlaan", "8", "8400")),
]

NEAR_MISSES = [
    # Branches of one organisation, in one postcode, at other house numbers.
    (org("Multipharma Gent Centrum", "Veldstraat", "10", "9000", PHARMACIST), org("Multipharma Gent Zuid", "Kortrijksesteenweg", "200", "9000", PHARMACIST)),
    (org("Apotheek Peeters", "Kerkstraat", "12", "9000", PHARMACIST), org("Apotheek Peeters", "Kerkstraat", "80", "9000", PHARMACIST)),
    (org("CAW Oost-Vlaanderen", "Visserij", "153", "9000"), org("CAW Oost-Vlaanderen", "Oude Houtlei", "124", "9000")),
    (org("CGG De Pont", "Stationsstraat", "5", "2800"), org("CGG De Pont", "Frederik de Merodestraat", "2", "2800")),
    (org("OCMW Antwerpen", "Lange Gasthuisstraat", "33", "2000"), org("OCMW Antwerpen", "Lange Gasthuisstraat", "39", "2000")),
    (org("Wit-Gele Kruis", "Kerkplein", "1", "3000"), org("Wit-Gele Kruis", "Diestsesteenweg", "140", "3000")),
    # Branches in other municipalities.
    (org("Apotheek Claes", "Dorp", "7", "3000", PHARMACIST), org("Apotheek Claes", "Dorp", "7", "3001", PHARMACIST)),
    (org("CAW Antwerpen", "Van Immerseelstraat", "66", "2018"), org("CAW Antwerpen", "Van Immerseelstraat", "66", "2060")),
    # Neighbours at one address: other providers.
    (person("An Peeters", "Kerkstraat", "12", "9000", GP), person("Jan Peeters", "Kerkstraat", "12", "9000", DENTIST)),
    (person("An Peeters", "Kerkstraat", "12", "9000", GP), person("Bert Claes", "Kerkstraat", "12", "9000", GP)),
    (person("Els De Smet", "Veldstraat", "80", "9000", PHYSIO), person("Els De Smet", "Veldstraat", "80", "9000", DENTIST)),
    (org("Groepspraktijk De Linde", "Lindelaan", "4", "9800"), person("Karel De Linde", "Lindelaan", "4", "9800", GP)),
    (org("Apotheek Centrum", "Grote Markt", "1", "8500", PHARMACIST), org("Huisartsenpraktijk Centrum", "Grote Markt", "1", "8500", GP)),
    # Services of one organisation at one address.
    (org("CGG De Pont", "Stationsstraat", "5", "2800"), org("CGG De Pont - Kinderen en jongeren", "Stationsstraat", "5", "2800")),
    (org("Woonzorgcentrum Ter Heide", "Heidestraat", "40", "3110"), org("Centrum voor kortverblijf Ter Heide", "Heidestraat", "40", "3110")),
    (org("Thuisverpleging Gent", "Brabantdam", "8", "9000"), org("Thuisverpleging Gent-Zuid", "Brabantdam", "8", "9000")),
    # Similar names, other providers, same postcode.
    (org("Apotheek Vermeulen", "Kerkstraat", "3", "2000", PHARMACIST), org("Apotheek Vermeiren", "Kerkstraat", "3", "2000", PHARMACIST)),
    (person("Jan Janssens", "Molenstraat", "3", "2300", DENTIST), person("Jan Jansen", "Molenstraat", "3", "2300", DENTIST)),
    (person("Tom Maes", "Hoogstraat", "14", "8800", GP), person("Tim Maes", "Hoogstraat", "14", "8800", GP)),
    (org("Apotheek De Zon", "Zonnestraat", "1", "9000", PHARMACIST), org("Apotheek De Maan", "Zonnestraat", "1", "9000", PHARMACIST)),
    (org("Apotheek Sint-Jan", "Markt", "1", "8000", PHARMACIST), org("Apotheek Sint-Anna", "Markt", "1", "8000", PHARMACIST)),
    (person("Marie Dubois", "Rue Haute", "20", "1000", PSYCHOLOGIST), person("Marie Dupont", "Rue Haute", "20", "1000", PSYCHOLOGIST)),
]

LABELLED_PAIRS = [(first, second, True) for first, second in DUPLICATES] + [
    (first, second, False) for first, second in NEAR_MISSES
]
