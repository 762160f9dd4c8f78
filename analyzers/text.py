"""Character-level steps of the analysis chain: normalise, fold accents, tokenize."""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

# Characters that look like nothing or like a space but break word matching: soft
# hyphen, zero-width space/joiners, byte order mark, and the various no-break spaces.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000"), " ")

# The Dutch digraph ĳ has its own code points; folding it to "ij" keeps "ĳs" == "ijs".
_LIGATURES = {ord("\u0133"): "ij", ord("\u0132"): "IJ"}

# A token is a run of letters and digits. Apostrophes inside a word are dropped, so
# "'s-Gravenwezel" and "baby's" become "s gravenwezel" and "babys".
_TOKEN = re.compile(r"[^\W_]+")
_APOSTROPHES = re.compile(r"(?<=\w)['’](?=\w)")


def normalise(text: str) -> str:
    """Return NFC text with ligatures expanded and invisible or odd spaces cleaned up."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_INVISIBLE).translate(_SPACES).translate(_LIGATURES)
    return text


def fold(text: str) -> str:
    """Return lowercase ASCII text: "Diëtist" -> "dietist", "Œuvre" -> "oeuvre"."""
    return unidecode(normalise(text)).lower()


def tokenize(text: str) -> list[str]:
    """Split folded text into word tokens, in order."""
    text = _APOSTROPHES.sub("", fold(text))
    return _TOKEN.findall(text)
