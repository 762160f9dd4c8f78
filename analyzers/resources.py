"""Loading of the reviewable word lists in `analyzers/data/`."""

from __future__ import annotations

from importlib import resources

from analyzers.text import fold

STOPWORDS_FILE = "stopwords_nl.txt"
PROTECTED_WORDS_FILE = "protected_words.txt"
STEM_OVERRIDES_FILE = "stem_overrides.txt"
SYNONYMS_FILE = "synonyms_nl.txt"
QUERY_FILLERS_FILE = "query_fillers_nl.txt"
COMPOUND_EXCEPTIONS_FILE = "compound_exceptions.txt"


def read_data_lines(name: str) -> list[tuple[int, str]]:
    """Return (line number, text) for each line that is not blank or a `#` comment."""
    text = resources.files("analyzers").joinpath("data", name).read_text(encoding="utf-8")
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            lines.append((number, stripped))
    return lines


def read_word_set(name: str) -> frozenset[str]:
    return frozenset(fold(line) for _, line in read_data_lines(name))


def read_stem_overrides(
    name: str = STEM_OVERRIDES_FILE,
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Return whole-word overrides and ending rewrites, longest ending first."""
    words: dict[str, str] = {}
    endings: list[tuple[str, str]] = []
    for number, line in read_data_lines(name):
        left, separator, right = (part.strip() for part in line.partition("=>"))
        if not separator or not left or not right:
            raise ValueError(f"{name}:{number}: expected 'word => stem', got {line!r}")

        if left.startswith("*") != right.startswith("*"):
            raise ValueError(f"{name}:{number}: write '*ending => *ending' with a star on both sides")

        if left.startswith("*"):
            endings.append((fold(left[1:]), fold(right[1:])))
        else:
            words[fold(left)] = fold(right)

    endings.sort(key=lambda rule: len(rule[0]), reverse=True)
    return words, endings
