"""Write the relevance test corpus, `relevance/data/corpus.csv`, once.

    .venv/bin/python -m relevance.build_corpus

The corpus is a generic provider CSV with demo records from `indexer.demo_data`. They
are moved into a few real Flemish and Brussels municipalities, so that place queries
find several providers per town. Hand-written records add hard cases: compound names,
lay themes and organisations without a profession. The file is committed and the tests
read only the file, so changing this script changes nothing until the file is
rewritten and CORPUS_VERSION raised. The queries name the version they were judged on.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

from indexer import taxonomy
from indexer.demo_data import demo_rows
from indexer.gazetteer import Place, default_gazetteer
from indexer.readers.generic_csv import COLUMNS

CORPUS_VERSION = "1"
CORPUS_SOURCE = f"relevance-corpus-v{CORPUS_VERSION}"
CORPUS_PATH = Path(__file__).resolve().parent / "data" / "corpus.csv"

DEMO_COUNT = 1000
SEED = 2025
SCATTER_DEGREES = 0.02

# Municipalities that records are moved to, with their relative share. Big cities
# get more providers, as in the real register.
TOWNS = {
    "Gent": 10, "Antwerpen": 10, "Leuven": 5, "Brugge": 5, "Sint-Niklaas": 4, "Hasselt": 4,
    "Mechelen": 4, "Aalst": 4, "Kortrijk": 4, "Genk": 3, "Oostende": 3, "Roeselare": 3,
    "Turnhout": 3, "Brussel": 4, "Dendermonde": 2, "Lier": 2, "Geel": 2, "Ieper": 2,
    "Tienen": 2, "Lokeren": 2, "Vilvoorde": 2, "Halle": 2, "Bree": 1, "Merelbeke-Melle": 2,
}

# Hand-written records: (name, kind, town, professions, rubrieken, doelgroepen,
# activities, description). Codes as in indexer/data; lists are "|"-separated.
HARD_CASES: list[tuple[str, str, str, str, str, str, str, str]] = [
    ("Kinderpsycholoog Lotte Willems", "person", "Leuven", "persclinicalpsychologist", "", "kinderen", "Psychologische begeleiding van kinderen", "Kinderpsycholoog met een eigen praktijk."),
    ("Praktijk voor kinder- en jeugdpsychologie De Sprong", "organization", "Gent", "persclinicalpsychologist", "", "kinderen|jongeren", "Kinderpsychologie|Jeugdpsychologie", "Psychologen voor kinderen en jongeren."),
    ("Sara Vos", "person", "Antwerpen", "persclinicalpsychologist", "", "kinderen|jongeren", "Psychotherapie voor jongeren", "Klinisch psychologe voor kinderen en jongeren."),
    ("Jeugdpsychiater Dirk Hermans", "person", "Antwerpen", "perschildandadolescentpsychiatrist", "", "jongeren", "", "Jeugdpsychiater; consultatie op verwijzing."),
    ("Centrum voor kinder- en jeugdpsychiatrie Het Kompas", "organization", "Gent", "perschildandadolescentpsychiatrist", "02.03", "kinderen|jongeren", "Ambulante kinderpsychiatrie", "Kinderpsychiaters en jeugdpsychiaters."),
    ("Lies Coppens", "person", "Mechelen", "perschildandadolescentpsychiatrist", "", "kinderen", "", "Kinderpsychiater."),
    ("Thuisverpleging Zorg aan Huis", "service", "Sint-Niklaas", "persnurse", "01.06.01", "ouderen", "Wondzorg|Palliatieve zorg", "Thuisverpleegkundigen aan huis, ook in het weekend."),
    ("Thuiszorgdienst Het Anker", "service", "Gent", "persnurse", "01.06.01", "volwassenen|ouderen", "Thuisverpleging", "Verpleegkundige zorg thuis."),
    ("Woonzorgcentrum Sint-Jozef", "organization", "Brugge", "", "14.04.01", "ouderen", "Kortverblijf", "Woonzorgcentrum met 90 kamers."),
    ("Woonzorgcentrum Hof ter Beke", "organization", "Hasselt", "", "14.04.01", "ouderen", "Kortverblijf", "Woonzorgcentrum en assistentiewoningen."),
    ("Rusthuis De Notelaar", "organization", "Aalst", "", "14.04.01", "ouderen", "", "Rust- en verzorgingstehuis."),
    ("Woonzorgcentrum Ter Heide", "organization", "Gent", "", "14.04.01", "ouderen", "", "Woonzorgcentrum met dementiezorg."),
    ("Centrum voor kortverblijf De Wilgen", "organization", "Hasselt", "", "14.04.02", "ouderen", "Kortverblijf", "Tijdelijk verblijf voor ouderen, ter ontlasting van mantelzorgers."),
    ("Dagverzorgingscentrum Zonnebloem", "organization", "Leuven", "", "14.05.01", "ouderen", "Dagopvang", "Dagopvang voor ouderen."),
    ("CGG Ter Linde", "organization", "Sint-Niklaas", "", "02.01|03.05", "volwassenen", "Slaapproblemen|Depressie|Angst", "Centrum voor geestelijke gezondheidszorg."),
    ("Centrum voor Geestelijke Gezondheidszorg Horizon", "organization", "Kortrijk", "", "02.01|02.06", "jongeren|volwassenen", "Verslaving|Burn-out", "Ambulante hulp."),
    ("Dienst verslavingszorg De Kering", "organization", "Antwerpen", "", "02.06", "volwassenen", "Alcohol|Drugs|Gokken", "Hulp bij verslaving aan alcohol, drugs en gokken."),
    ("Slaapcentrum De Lichtboei", "organization", "Gent", "", "03.05", "volwassenen", "Slaapproblemen|Slapeloosheid", "Begeleiding bij slaapproblemen."),
    ("Praktijk voor slaaptherapie Het Hof", "organization", "Mechelen", "persclinicalpsychologist", "03.05", "volwassenen", "Slaaptherapie", "Cognitieve gedragstherapie bij slapeloosheid."),
    ("Rouwbegeleiding De Vlinder", "organization", "Brugge", "", "03.04", "volwassenen|kinderen", "Rouwbegeleiding", "Begeleiding na het verlies van een dierbare."),
    ("Praktijk Afscheid en Verder", "organization", "Hasselt", "persclinicalpsychologist", "03.04", "volwassenen", "Rouwtherapie", "Psychologe voor rouw en verlies."),
    ("Schuldbemiddeling Oost", "organization", "Gent", "", "03.03", "volwassenen|gezinnen", "Schuldbemiddeling|Budgetbeheer", "Hulp bij schulden en budgetbeheer."),
    ("Budgetcentrum De Brug", "organization", "Aalst", "", "03.03", "gezinnen", "Budgetbegeleiding", "Budgetbegeleiding en schuldhulpverlening."),
    ("CAW Centrum", "organization", "Antwerpen", "", "03.01", "volwassenen|jongeren", "Huisvesting|Relatieproblemen", "Centrum algemeen welzijnswerk."),
    ("Sociaal Huis Sint-Niklaas", "organization", "Sint-Niklaas", "", "03.02", "volwassenen|ouderen|gezinnen", "Leefloon|Budgetbegeleiding", "Openbaar centrum voor maatschappelijk welzijn."),
    ("OCMW Kortrijk", "organization", "Kortrijk", "", "03.02", "volwassenen|ouderen|gezinnen", "Leefloon", "Openbaar centrum voor maatschappelijk welzijn."),
    ("Apotheek De Linde", "organization", "Sint-Niklaas", "perspharmacist", "01.02", "", "", "Buurtapotheek."),
    ("Apotheek Stationsplein", "organization", "Sint-Niklaas", "perspharmacist", "01.02", "", "", "Apotheek met thuislevering."),
    ("Apotheek Zuid", "organization", "Gent", "perspharmacist", "01.02", "", "", "Buurtapotheek."),
    ("Apotheek Meir", "organization", "Antwerpen", "perspharmacist", "01.02", "", "", "Apotheek."),
    ("Tandartsenpraktijk Smile", "organization", "Gent", "persdentist", "01.04", "kinderen|volwassenen", "", "Tandheelkundige zorg voor het hele gezin."),
    ("Tandheelkundig centrum Centrum", "organization", "Leuven", "persdentist|persorthodontist", "01.04", "", "Orthodontie", "Tandartsen en orthodontisten."),
    ("Kinesitherapiepraktijk Noord", "organization", "Gent", "persphysiotherapist", "01.05", "volwassenen", "Sportkinesitherapie", "Kinesitherapeuten."),
    ("Kine Praktijk De Pont", "organization", "Brugge", "persphysiotherapist", "01.05", "", "Rugklachten", "Praktijk voor kinesitherapie."),
    ("Huisartsenpraktijk De Linde", "organization", "Antwerpen", "persgeneralphysician", "01.01|01.17", "", "", "Groepspraktijk van vier huisartsen."),
    ("Huisartsenpraktijk Ter Beke", "organization", "Gent", "persgeneralphysician", "01.01|01.17", "", "", "Huisartsen en een praktijkverpleegkundige."),
    ("Vroedvrouwenpraktijk De Meerletjes", "organization", "Gent", "persmidwife", "01.07", "gezinnen", "Zwangerschapsbegeleiding|Kraamzorg", "Vroedvrouwen voor zwangerschap en kraamtijd."),
    ("Logopediepraktijk Het Kompas", "organization", "Antwerpen", "perslogopedist", "01.08", "kinderen", "Taalproblemen|Stotteren", "Logopedisten voor kinderen."),
    ("Diëtiste Nora Aerts", "person", "Leuven", "persdietician", "01.09", "volwassenen", "Voedingsadvies", "Diëtiste."),
    ("Voedingspraktijk Ter Linde", "organization", "Sint-Niklaas", "persdietician", "01.09", "", "Voedingsadvies", "Erkende diëtisten."),
    ("Rookstoppraktijk Gent", "organization", "Gent", "perstabacologist", "01.14", "volwassenen", "Rookstopbegeleiding", "Tabacologen."),
    ("AZ Sint-Lucas", "organization", "Gent", "", "01.03", "", "Spoedgevallen", "Algemeen ziekenhuis."),
    ("AZ Damiaan", "organization", "Oostende", "", "01.03", "", "Spoedgevallen", "Algemeen ziekenhuis."),
    ("Universitair Ziekenhuis Campus Noord", "organization", "Leuven", "", "01.03", "", "", "Universitair ziekenhuis."),
    ("Praktijk voor ergotherapie De Klaproos", "organization", "Roeselare", "persoccupationaltherapist", "01.10", "ouderen", "", "Ergotherapeuten."),
    ("Podologie Het Hof", "organization", "Genk", "perspodologist", "01.11", "", "Voetzolen", "Podologen."),
    # Distractors: they mention a kind of care in a weak field only.
    ("Huisartsenpraktijk De Pont", "organization", "Leuven", "persgeneralphysician", "", "", "", "Huisartsen; werkt samen met een psycholoog en een diëtist."),
    ("Wijkgezondheidscentrum De Sprong", "organization", "Gent", "persgeneralphysician|persnurse", "01.17", "gezinnen", "", "Huisartsen, verpleegkundigen en kinesitherapeuten onder één dak."),
]


def town_places(gazetteer) -> dict[str, list[Place]]:
    """Return the postcodes of each town, to place records at real postcodes."""
    found: dict[str, list[Place]] = {}
    postcodes = gazetteer.postcodes()
    for town in TOWNS:
        municipality = gazetteer.resolve(town)
        if municipality is None:
            raise SystemExit(f"town {town!r} is not in the gazetteer")
        found[town] = [place for place in postcodes if place.nis_code == municipality.nis_code] or [municipality]
    return found


def place_row(row: dict[str, str], place: Place, rng: random.Random) -> None:
    row["postcode"] = place.postcode or ""
    row["municipality"] = place.municipality_nl
    row["lat"] = f"{place.lat + rng.uniform(-SCATTER_DEGREES, SCATTER_DEGREES):.6f}"
    row["lon"] = f"{place.lon + rng.uniform(-SCATTER_DEGREES, SCATTER_DEGREES):.6f}"


def corpus_rows() -> list[dict[str, str]]:
    rng = random.Random(SEED)
    places = town_places(default_gazetteer())
    towns = list(TOWNS)
    weights = list(TOWNS.values())
    known_professions = set(taxonomy.professions())
    labels = {entry.label for entry in taxonomy.professions().values()}

    rows = []
    for row in demo_rows(DEMO_COUNT, SEED):
        professions = [value for value in row["professions"].split("|") if value]
        # Alternative treatments are out of scope; they never reach an index.
        if any(value not in known_professions and value not in labels for value in professions):
            continue
        town = rng.choices(towns, weights)[0]
        place_row(row, rng.choice(places[town]), rng)
        # Demo OCMW records carry their first municipality in the name.
        for label in ("OCMW", "Sociaal Huis"):
            if row["name"].startswith(label + " "):
                row["name"] = f"{label} {row['municipality']}"
        row["source"] = CORPUS_SOURCE
        rows.append(row)

    for number, case in enumerate(HARD_CASES, start=1):
        name, kind, town, professions, rubrieken, doelgroepen, activities, description = case
        row = dict.fromkeys(COLUMNS, "")
        row.update(
            id=f"hard-{number:03d}", kind=kind, name=name, professions=professions, rubrieken=rubrieken,
            doelgroepen=doelgroepen, activities=activities, description=description,
            street="Kerkstraat", number=str(number), source=CORPUS_SOURCE,
        )
        place_row(row, rng.choice(places[town]), rng)
        rows.append(row)
    return rows


def main() -> int:
    rows = corpus_rows()
    CORPUS_PATH.parent.mkdir(parents=True, exist_ok=True)
    with CORPUS_PATH.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter=";", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} providers to {CORPUS_PATH} (version {CORPUS_VERSION})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
