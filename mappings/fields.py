"""The search-document schema shared by both engines.

Text fields are matched with the Dutch analysis chain; their weights rank a match in
the name above one in the description. Facet fields hold exact values for filtering
and counting. The embedded engine derives its FTS5 columns from TEXT_FIELDS, and the
OpenSearch mapping uses the same names.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextField:
    name: str
    weight: float


# Order matters for the embedded engine: it is the FTS5 column order.
TEXT_FIELDS: tuple[TextField, ...] = (
    TextField("name", 10.0),
    TextField("professions", 8.0),
    TextField("rubrieken", 6.0),
    TextField("activities", 3.0),
    TextField("description", 1.0),
    TextField("place", 2.0),
    # Parts of compound words from all fields above ("kinderpsycholoog" -> "kind",
    # "psycholoog"), weighted low so a whole-word match ranks first.
    TextField("parts", 1.5),
)

TEXT_FIELD_NAMES: tuple[str, ...] = tuple(field.name for field in TEXT_FIELDS)

# A match of every query concept in these fields makes a provider a strong match: it
# is what the provider is called or does. Strong matches rank before weak ones (a
# word only in the description, a compound part), and within each group the nearest
# comes first when the request has a point.
STRONG_FIELDS: tuple[str, ...] = ("name", "professions", "rubrieken")

# Facet names are the API's filter parameter names (Flemish domain terms).
FACETS: tuple[str, ...] = ("rubriek", "beroep", "gemeente", "doelgroep")
