"""Small value clean-ups that several source readers share: case, addresses, websites."""

from __future__ import annotations

import re

from analyzers.text import fold

# Belgian legal forms that registries append to a name ("Apotheek Peeters Bvba"); they
# mean nothing to a citizen looking for a pharmacy.
LEGAL_FORMS = frozenset(
    {"bv", "bvba", "cv", "cvba", "nv", "sa", "sc", "scrl", "scs", "sprl", "sprlu", "srl", "vof", "vzw", "asbl", "comm.v"}
)

# Short words that stay lowercase inside a name when all-caps text is recased.
_LOWERCASE_WORDS = frozenset({"de", "den", "der", "het", "van", "voor", "en", "op", "in", "te", "ten", "ter", "du", "des", "la", "le", "les", "et", "sur", "lez", "aan"})

# Abbreviations that stay all-caps when all-caps text is recased.
_UPPERCASE_WORDS = frozenset(
    {
        "az", "uz", "chu", "chr", "chc", "cgg", "caw", "ocmw", "wzc", "gza", "zna", "vzw", "asbl", "ii", "iii",
        "iv", "ggz", "mc", "pc", "hhr", "uza", "uzb", "chirec", "upc", "ku", "kul", "vub", "ulb", "ucl",
    }
)

# Saints' names in place and street names: every part after the hyphen is a name too.
_SAINT_PREFIX = re.compile(r"\b(Sint|Sinte|Saint|Sainte)-([a-zà-ÿ])")

# A house number at the end of a street line: "38", "38 C", "51-53", "126/1", "12 bus 3".
_STREET_AND_NUMBER = re.compile(
    r"^(?P<street>.*?[^\d\s,])[\s,]+(?P<number>\d[\dA-Za-z/\-]*(?:\s+(?:bus|bte|boîte)?\s*[A-Za-z0-9]{1,4})?)\s*$",
    re.IGNORECASE,
)

_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)


def collapse_spaces(text: str) -> str:
    """Return text with runs of whitespace replaced by one space and the ends stripped."""
    return " ".join(text.split())


def is_all_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def _recase_word(word: str, first: bool) -> str:
    bare = word.strip(".,()'\"").lower()
    if bare in _UPPERCASE_WORDS:
        return word.upper()
    if bare in _LOWERCASE_WORDS and not first:
        return word.lower()

    # Capitalise every part of hyphenated and apostrophed words: "ST.-JAN", "L'ESPOIR".
    parts = re.split(r"([\-'’./])", word.lower())
    return "".join(part[:1].upper() + part[1:] for part in parts)


def readable_case(text: str) -> str:
    """Return all-caps text in title case ("AZ ST.-JAN BRUGGE" -> "AZ St.-Jan Brugge");
    text with any lowercase letter comes back unchanged apart from spacing."""
    text = collapse_spaces(text)
    if not is_all_caps(text):
        # Registries often write "Gent Sint-pieters"; a saint's name keeps its capital.
        return _SAINT_PREFIX.sub(lambda match: f"{match.group(1)}-{match.group(2).upper()}", text)

    words = text.split(" ")
    return " ".join(_recase_word(word, index == 0) for index, word in enumerate(words))


def capitalise_place(text: str) -> str:
    """Return a place name with each hyphenated part capitalised: "Sint-gillis-waas" ->
    "Sint-Gillis-Waas". Registries often lowercase every part after the first."""
    text = collapse_spaces(text)
    parts = re.split(r"([\- ])", text)
    return "".join(part[:1].upper() + part[1:] for part in parts)


def strip_legal_form(name: str) -> str:
    """Return a name without trailing legal forms: "Apotheek Peeters Bvba" -> "Apotheek Peeters"."""
    words = collapse_spaces(name).split(" ")
    while len(words) > 1 and words[-1].lower().strip(".") in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def split_street_and_number(line: str) -> tuple[str | None, str | None]:
    """Split "Rue Du Chene 38 C" into ("Rue Du Chene", "38 C"). A line without a trailing
    house number comes back as the street alone."""
    line = collapse_spaces(line)
    if not line:
        return (None, None)

    match = _STREET_AND_NUMBER.match(line)
    if match is None:
        return (line, None)
    return (match.group("street"), match.group("number"))


def website_url(value: str) -> str | None:
    """Return a website with a scheme ("www.x.be" -> "https://www.x.be"), or None for blank
    input or a value with a space in it, which is no address."""
    value = value.strip()
    if not value or " " in value:
        return None
    if _SCHEME.match(value):
        return value
    return f"https://{value}"


def folded_contains(text: str, fragments: tuple[str, ...]) -> bool:
    """Tell whether folded text contains any of the folded fragments."""
    folded = fold(text)
    return any(fragment in folded for fragment in fragments)
