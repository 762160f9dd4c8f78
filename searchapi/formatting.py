"""Dutch (nl-BE) formatting of numbers, distances, weekdays and contact links."""

from __future__ import annotations

import re

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def format_count(value: int) -> str:
    """Group thousands with a dot, as Flemish readers expect: 12.345."""
    return f"{value:,}".replace(",", ".")


def format_km(value: float | None) -> str:
    if value is None:
        return ""
    if value < 1:
        return f"{round(value * 1000 / 10) * 10:.0f} m"
    return f"{value:.1f} km".replace(".", ",")


def weekday_name(weekday: int) -> str:
    return WEEKDAYS[weekday - 1] if 1 <= weekday <= 7 else str(weekday)


def phone_href(phone: str) -> str:
    """Return a tel: link in international form: "09 123 45 67" -> "tel:+3291234567"."""
    digits = re.sub(r"[^\d+]", "", phone)
    if digits.startswith("+"):
        return "tel:" + digits
    if digits.startswith("00"):
        return "tel:+" + digits[2:]
    if digits.startswith("0"):
        return "tel:+32" + digits[1:]
    return "tel:" + digits


def website_href(website: str) -> str:
    """Only http(s) links become clickable; a scheme-less address gets https://."""
    value = website.strip()
    if re.match(r"^https?://", value, re.IGNORECASE):
        return value
    if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.IGNORECASE):
        return "#"
    return "https://" + value


# Names that a citizen recognises for the source ids that readers put on records.
SOURCE_LABELS = {
    "fagg": "FAGG-apothekerslijst",
    "eurostat": "Eurostat-ziekenhuislijst",
    "sociale-kaart": "Sociale kaart (API)",
    "hsds": "HSDS-gegevens van een partner",
    "csv": "CSV-bestand van een partner",
    "demo": "Fictieve demogegevens",
}


def source_label(source: str) -> str:
    return SOURCE_LABELS.get(source, source)
