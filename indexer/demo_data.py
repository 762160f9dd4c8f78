"""A fictional but realistic provider dataset in the generic CSV format, for demos and load tests.

Every record is made up: names come from short lists written for this module, phones are
random, e-mail and web addresses are on example.be, and every description contains
"Fictief demorecord". The places are real Flemish and Brussels postcodes from the
gazetteer, with each point moved up to about 1.5 km from its postcode's point.

The same count and seed always give the same file.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from analyzers.text import fold
from indexer import taxonomy
from indexer.gazetteer import Place, default_gazetteer
from indexer.readers.generic_csv import COLUMNS

DEMO_SOURCE = "demo"
DEMO_MARK = "Fictief demorecord."
SERVED_REGIONS = ("Vlaams Gewest", "Brussels Hoofdstedelijk Gewest")
DOELGROEPEN = ("kinderen", "jongeren", "volwassenen", "ouderen", "gezinnen")

# Largest shift of a point from its postcode's point, in degrees (about 1.5 km).
SCATTER_DEGREES = 0.013

FIRST_NAMES = (
    "An", "Annelies", "Bart", "Bert", "Els", "Evi", "Filip", "Goedele", "Hanne", "Ine",
    "Jan", "Jens", "Joke", "Karel", "Katrien", "Koen", "Lien", "Lotte", "Maarten", "Marie",
    "Nele", "Pieter", "Sara", "Sofie", "Stijn", "Tine", "Tom", "Veerle", "Wim", "Yasmina",
    "Ahmed", "Fatima", "Noah", "Emma", "Lucas", "Louise", "Arthur", "Olivia", "Jules", "Mila",
)
SURNAMES = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
    "Dubois", "Vermeulen", "Van den Bossche", "Hermans", "Aerts", "Pauwels", "Desmet", "Verhoeven", "Cools", "Lambrechts",
    "Van Damme", "De Clercq", "Martens", "Smets", "Declercq", "Vandenberghe", "Michiels", "Stevens", "Bogaerts", "De Wilde",
    "El Amrani", "Yilmaz", "Van Acker", "Coppens", "Verstraete", "De Backer", "Segers", "Vos", "Hendrickx", "Van Hoof",
)
STREETS = (
    "Kerkstraat", "Stationsstraat", "Dorpsstraat", "Molenstraat", "Nieuwstraat", "Schoolstraat", "Kapelstraat",
    "Beekstraat", "Bosstraat", "Hoogstraat", "Grote Markt", "Lindelaan", "Oude Baan", "Veldstraat", "Bergstraat",
    "Zandstraat", "Meersstraat", "Kasteelstraat", "Populierenlaan", "Heirbaan", "Gemeenteplein", "Vaartstraat",
)
PLACE_NAMES = (
    "De Pont", "De Brug", "Het Anker", "De Vlinder", "Zonnewijzer", "De Kering", "Horizon", "De Sprong",
    "Het Kompas", "De Lichtboei", "Ter Linde", "De Notelaar", "Zonnebloem", "Het Hof", "De Wilgen",
    "Ter Heide", "Ons Huis", "De Meerletjes", "Hof ter Beke", "De Klaproos", "Het Zonnehuis", "De Linde",
)

CGG_THEMES = ("depressie", "angst", "burn-out", "verslaving", "rouw", "slaapproblemen", "trauma", "eetproblemen")
CAW_THEMES = ("schulden", "relatieproblemen", "huisvesting", "dakloosheid", "geweld in het gezin", "juridische vragen")
OCMW_THEMES = ("leefloon", "budgetbegeleiding", "huurwaarborg", "hulp bij energiefacturen", "maaltijden aan huis")

# Extra rubrieken for themes that have one of their own, so lay searches ("schulden",
# "rouw") also reach the centre through browsing.
THEME_RUBRIEKEN = {"verslaving": "02.06", "rouw": "03.04", "slaapproblemen": "03.05", "schulden": "03.03"}

# Alternative-treatment providers that the scope policy rejects; their professions are
# deliberately not in the profession list, so the CSV reader rejects them already.
ALTERNATIVE_OFFERS = (
    ("Reikipraktijk", "reikitherapeut", "reiki en energetische behandeling"),
    ("Yogastudio", "yogadocent", "yoga en ademhalingsoefeningen"),
    ("Homeopathiepraktijk", "homeopaat", "homeopathie"),
    ("Mindfulnesscentrum", "mindfulnesstrainer", "mindfulness en meditatie"),
    ("Coachingpraktijk", "life coach", "life coaching"),
    ("Praktijk voor bachbloesems", "bachbloesemtherapeut", "bachbloesemtherapie"),
)

# Relative frequency of each profession among individual providers.
PROFESSION_WEIGHTS = {
    "persgeneralphysician": 120, "perspharmacist": 30, "persdentist": 60, "persorthodontist": 8,
    "persphysiotherapist": 80, "persnurse": 60, "perspracticalnurse": 15, "persmidwife": 15,
    "perslogopedist": 30, "persdietician": 15, "persoccupationaltherapist": 12, "perspodologist": 8,
    "persaudiologist": 4, "persorthoptist": 3, "persoptometrist": 4, "persorthotist": 3,
    "perstabacologist": 8, "persexerciseonreferralcoach": 8, "persosteopath": 12, "perspsychatrist": 12,
    "perschildandadolescentpsychiatrist": 4, "persclinicalorthopedagogist": 8, "persclinicalsexologist": 6,
    "perspsychologist": 8, "perssocialworker": 8,
}

Row = dict[str, str]


@dataclass(frozen=True)
class _Context:
    rng: random.Random
    places: list[Place]
    record_id: str


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _phone(rng: random.Random, postcode: str) -> str:
    """Return a Belgian landline in the zone of the postcode, or now and then a mobile number."""
    if rng.random() < 0.3:
        return f"04{rng.randint(70, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    zones = {"1": "02", "2": "03", "9": "09"}
    zone = zones.get(postcode[0])
    if zone is not None:
        return f"{zone} {rng.randint(200, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    zone = {"3": "016", "8": "050"}.get(postcode[0], "011")
    return f"{zone} {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"


def _riziv(rng: random.Random) -> str:
    return f"{rng.randint(1, 9)}-{rng.randint(10000, 99999)}-{rng.randint(10, 99)}-{rng.randint(100, 999)}"


def _kbo(rng: random.Random) -> str:
    return f"0{rng.randint(200, 999)}.{rng.randint(100, 999)}.{rng.randint(100, 999)}"


def _opening_hours(rng: random.Random) -> str:
    days = ["ma", "di", "wo", "do", "vr"] + (["za"] if rng.random() < 0.3 else [])
    morning = f"{rng.choice(['08', '09'])}:00-12:{rng.choice(['00', '30'])}"
    afternoon = f"{rng.choice(['13', '14'])}:00-{rng.choice(['17', '18', '19'])}:00"
    return "|".join(f"{day} {morning},{afternoon}" if day != "za" else f"za {morning}" for day in days)


def _doelgroepen(rng: random.Random, preferred: tuple[str, ...] = DOELGROEPEN) -> str:
    count = rng.randint(1, min(3, len(preferred)))
    chosen = rng.sample(preferred, count)
    return "|".join(sorted(chosen, key=DOELGROEPEN.index))


def _located_row(context: _Context, name: str, kind: str, description: str) -> Row:
    """Return a row with the fields every record has: identity, address, point, contact."""
    rng = context.rng
    place = rng.choice(context.places)
    row: Row = dict.fromkeys(COLUMNS, "")
    row.update(
        id=context.record_id,
        kind=kind,
        name=name,
        description=f"{DEMO_MARK} {description}",
        street=rng.choice(STREETS),
        number=str(rng.randint(1, 180)),
        postcode=place.postcode or "",
        municipality=place.name,
        phones=_phone(rng, place.postcode or "9"),
        updated_at=(dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 700))).isoformat(),
        source=DEMO_SOURCE,
    )

    # One record in ten has no point, so the reader geocodes it from its postcode. A few
    # use the Belgian decimal comma, as partner files often do.
    if rng.random() >= 0.1:
        lat = place.lat + rng.uniform(-SCATTER_DEGREES, SCATTER_DEGREES)
        lon = place.lon + rng.uniform(-SCATTER_DEGREES, SCATTER_DEGREES)
        row["lat"], row["lon"] = f"{lat:.6f}", f"{lon:.6f}"
        if rng.random() < 0.05:
            row["lat"], row["lon"] = row["lat"].replace(".", ","), row["lon"].replace(".", ",")
    return row


def _with_contact(row: Row, rng: random.Random, slug: str, website_chance: float) -> Row:
    row["emails"] = f"{slug}@example.be"
    if rng.random() < website_chance:
        row["websites"] = f"www.example.be/{slug}" if rng.random() < 0.5 else f"https://{slug}.example.be"
    return row


def _person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def _profession_row(context: _Context, code: str) -> Row:
    rng = context.rng
    entry = taxonomy.professions()[code]
    name = _person_name(rng)
    setting = "in een buurtapotheek" if code == "perspharmacist" else "met een eigen praktijk"
    description = f"{entry.label.capitalize()} {setting}."
    row = _with_contact(_located_row(context, name, "person", description), rng, _slug(name), 0.3)

    # Most files use the code; some partners send the Dutch label instead.
    row["professions"] = entry.label if rng.random() < 0.2 else code
    row["doelgroepen"] = _doelgroepen(rng)
    if entry.recognition == "wug":
        row["riziv_number"] = _riziv(rng)
    if rng.random() < 0.25:
        row["organization"] = f"Groepspraktijk {rng.choice(PLACE_NAMES)}"
    if rng.random() < 0.2:
        row["opening_hours"] = _opening_hours(rng)
    return row


def _clinical_psychologist_row(context: _Context) -> Row:
    rng = context.rng
    name = _person_name(rng)
    themes = rng.sample(CGG_THEMES, 2)
    description = f"Klinisch psycholoog; begeleiding bij {themes[0]} en {themes[1]}."
    row = _with_contact(_located_row(context, name, "person", description), rng, _slug(name), 0.4)
    row["professions"] = "persclinicalpsychologist"
    row["doelgroepen"] = _doelgroepen(rng)
    row["activities"] = "Psychologische begeleiding|Eerstelijnspsychologische zorg"

    # Most have both numbers; some lack one, which the scope policy must catch later.
    draw = rng.random()
    if draw < 0.85:
        row["recognition_number"] = f"9{rng.randint(10000000, 99999999)}"
        row["visa"] = str(rng.randint(1000000, 9999999))
    elif draw < 0.93:
        row["visa"] = str(rng.randint(1000000, 9999999))
    return row


def _centre_row(context: _Context, name: str, rubriek: str, themes: tuple[str, ...], intro: str) -> Row:
    rng = context.rng
    chosen = rng.sample(themes, 3)
    description = f"{intro} {chosen[0].capitalize()}, {chosen[1]} en {chosen[2]}."
    row = _with_contact(_located_row(context, name, "organization", description), rng, _slug(name), 0.9)
    extra = [THEME_RUBRIEKEN[theme] for theme in chosen if theme in THEME_RUBRIEKEN]
    row["rubrieken"] = "|".join([rubriek, *extra])
    row["activities"] = "|".join(theme.capitalize() for theme in chosen)
    row["kbo_number"] = _kbo(rng)
    row["opening_hours"] = _opening_hours(rng)
    return row


def _cgg_row(context: _Context) -> Row:
    rng = context.rng
    name = f"CGG {rng.choice(PLACE_NAMES)}"
    row = _centre_row(context, name, "02.01", CGG_THEMES, "Centrum voor geestelijke gezondheidszorg. Hulp bij:")
    row["doelgroepen"] = _doelgroepen(rng)
    return row


def _caw_row(context: _Context) -> Row:
    name = f"CAW {context.rng.choice(PLACE_NAMES)}"
    row = _centre_row(context, name, "03.01", CAW_THEMES, "Centrum algemeen welzijnswerk. Vragen over:")
    row["doelgroepen"] = _doelgroepen(context.rng, ("jongeren", "volwassenen", "gezinnen"))
    return row


def _ocmw_row(context: _Context) -> Row:
    rng = context.rng
    row = _centre_row(context, "OCMW", "03.02", OCMW_THEMES, "Openbaar centrum voor maatschappelijk welzijn. Onder meer:")
    label = "Sociaal Huis" if rng.random() < 0.4 else "OCMW"
    row["name"] = f"{label} {row['municipality']}"
    row["emails"] = f"{_slug(row['name'])}@example.be"
    row["doelgroepen"] = "|".join(DOELGROEPEN)
    return row


def _care_home_row(context: _Context, label: str, rubriek: str, description: str) -> Row:
    rng = context.rng
    name = f"{label} {rng.choice(PLACE_NAMES)}"
    row = _with_contact(_located_row(context, name, "organization", description), rng, _slug(name), 0.7)
    row["rubrieken"] = rubriek
    row["doelgroepen"] = "ouderen"
    row["kbo_number"] = _kbo(rng)
    return row


def _woonzorgcentrum_row(context: _Context) -> Row:
    description = f"Woonzorgcentrum met {context.rng.randint(40, 180)} kamers, kortverblijf en een cafetaria."
    return _care_home_row(context, "WZC", "14.04.01", description)


def _dagverzorging_row(context: _Context) -> Row:
    row = _care_home_row(context, "Dagverzorgingscentrum", "14.05.01", "Dagopvang voor ouderen die thuis wonen.")
    row["opening_hours"] = "ma 08:30-17:30|di 08:30-17:30|wo 08:30-17:30|do 08:30-17:30|vr 08:30-17:30"
    return row


def _group_practice_row(context: _Context) -> Row:
    rng = context.rng
    name = f"Groepspraktijk {rng.choice(PLACE_NAMES)}"
    description = "Multidisciplinaire groepspraktijk met huisartsen, kinesitherapeuten en een diëtist."
    row = _with_contact(_located_row(context, name, "organization", description), rng, _slug(name), 0.8)
    row["rubrieken"] = "01.17"
    row["doelgroepen"] = "|".join(DOELGROEPEN)
    row["kbo_number"] = _kbo(rng)
    row["opening_hours"] = _opening_hours(rng)
    return row


def _home_nursing_row(context: _Context) -> Row:
    rng = context.rng
    name = f"Thuisverpleging {rng.choice(PLACE_NAMES)}"
    description = "Thuisverpleging: wondzorg, inspuitingen, hygiënische zorg en palliatieve zorg thuis."
    row = _with_contact(_located_row(context, name, "service", description), rng, _slug(name), 0.6)
    row["professions"] = "persnurse"
    row["rubrieken"] = "01.06.01"
    row["doelgroepen"] = "volwassenen|ouderen"
    return row


def _alternative_row(context: _Context) -> Row:
    rng = context.rng
    label, profession, offer = rng.choice(ALTERNATIVE_OFFERS)
    name = f"{label} {rng.choice(PLACE_NAMES)}"
    row = _with_contact(_located_row(context, name, "person", f"Aanbod: {offer}."), rng, _slug(name), 0.8)
    row["professions"] = profession
    row["doelgroepen"] = "volwassenen"
    return row


def _profession_generator(code: str) -> Callable[[_Context], Row]:
    return lambda context: _profession_row(context, code)


def _generators() -> list[tuple[Callable[[_Context], Row], float]]:
    """Return each kind of record with its share of the dataset, in per mille."""
    individual_share = 700.0
    total_weight = sum(PROFESSION_WEIGHTS.values())
    generators = [
        (_profession_generator(code), individual_share * weight / total_weight)
        for code, weight in PROFESSION_WEIGHTS.items()
    ]
    generators += [
        (_clinical_psychologist_row, 90.0),
        (_cgg_row, 20.0),
        (_caw_row, 15.0),
        (_ocmw_row, 15.0),
        (_woonzorgcentrum_row, 30.0),
        (_dagverzorging_row, 15.0),
        (_group_practice_row, 35.0),
        (_home_nursing_row, 30.0),
        (_alternative_row, 30.0),
    ]
    return generators


def demo_places() -> list[Place]:
    """Return the Flemish and Brussels postcodes that demo records are placed in."""
    return [place for place in default_gazetteer().postcodes() if place.region in SERVED_REGIONS]


def demo_rows(count: int, seed: int) -> list[Row]:
    """Return `count` demo rows. The first ones cover every kind of record once, so even a
    small dataset contains every profession; the rest are drawn by share."""
    rng = random.Random(seed)
    places = demo_places()
    generators = _generators()
    cumulative = list(accumulate(share for _, share in generators))

    rows: list[Row] = []
    for index in range(count):
        if index < len(generators):
            generate = generators[index][0]
        else:
            generate = rng.choices(generators, cum_weights=cumulative)[0][0]
        rows.append(generate(_Context(rng, places, f"demo-{index + 1:06d}")))
    return rows


def write_demo_csv(path: Path, count: int = 20000, seed: int = 1) -> int:
    """Write `count` fictional providers to `path` in the generic CSV format (";"-separated,
    UTF-8) and return the number of records written."""
    if count < 0:
        raise ValueError(f"count must be 0 or more, got {count}")

    rows = demo_rows(count, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter=";", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
