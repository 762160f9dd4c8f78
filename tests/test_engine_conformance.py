"""One behaviour suite that every engine passes, on the same corpus and the same cases."""

from __future__ import annotations

import pytest

from corpus import ANTWERPEN, GENT, corpus_documents, corpus_providers
from searchapi.engines.base import GeoFilter, IndexBuildError, SearchRequest, SortOrder
from searchapi.engines.sqlite_query import haversine_km

GENT_POINT = (GENT[3], GENT[4])

HOSTILE_QUERIES = [
    '"',
    '""',
    "(",
    ")",
    "AND",
    "OR NOT",
    "psycholoog AND",
    "*",
    "psy*",
    ":",
    "name:apotheek",
    "NEAR(a b)",
    "^apotheek",
    "<script>alert(1)</script>",
    "'; DROP TABLE providers; --",
    "\\",
    "{}[]",
    "~2",
    "apotheek -zuid",
    "+",
    "🙂 hulp",
    "ĳs",
    "a" * 500,
    "   ",
]


def ids(page) -> list[str]:
    return [hit.provider.id for hit in page.hits]


def search(engine, text: str = "", **options):
    options.setdefault("per_page", 50)
    return engine.search(SearchRequest(text=text, **options))


def test_build_counts_every_document(corpus_engine):
    health = corpus_engine.health()

    assert health.ok
    assert health.documents == len(corpus_providers())


def test_empty_query_returns_everything(corpus_engine):
    page = search(corpus_engine)

    assert page.total == len(corpus_providers())


def test_psycholoog_finds_psychologists_and_cggs(corpus_engine):
    found = set(ids(search(corpus_engine, "psycholoog")))

    assert {"corpus-001", "corpus-002", "corpus-003"} <= found
    assert {"corpus-004", "corpus-005"} <= found


def test_compound_reaches_head_word(corpus_engine):
    found = ids(search(corpus_engine, "psycholoog"))

    assert "corpus-006" in found


@pytest.mark.parametrize("variant", ["apotheken", "Apotheek", "APOTHEEK", "apotheker"])
def test_apotheek_variants_match_alike(corpus_engine, variant):
    expected = set(ids(search(corpus_engine, "apotheek")))

    assert expected == {"corpus-007", "corpus-008", "corpus-009", "corpus-010"}
    assert set(ids(search(corpus_engine, variant))) == expected


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [
        ("huisdokter", {"corpus-011", "corpus-012", "corpus-013"}),
        ("rusthuis", {"corpus-016", "corpus-017"}),
        ("rust huis", {"corpus-016", "corpus-017"}),
        ("wzc", {"corpus-016", "corpus-017"}),
        ("kine", {"corpus-014", "corpus-015"}),
        ("ziekenhuis", {"corpus-026", "corpus-027"}),
        ("hospitaal", {"corpus-026", "corpus-027"}),
        ("rookstop", {"corpus-025"}),
        ("dietist", {"corpus-024", "corpus-030"}),
        ("Diëtist", {"corpus-024", "corpus-030"}),
    ],
)
def test_care_synonyms_reach_providers(corpus_engine, query, expected_ids):
    found = set(ids(search(corpus_engine, query)))

    assert expected_ids <= found


def test_kine_and_kinesitherapeut_agree(corpus_engine):
    assert set(ids(search(corpus_engine, "kine"))) == set(ids(search(corpus_engine, "kinesitherapeut")))


def test_typo_reaches_same_hits(corpus_engine):
    correct = search(corpus_engine, "psycholoog")
    misspelled = search(corpus_engine, "pyscholoog")

    assert set(ids(misspelled)) == set(ids(correct))
    assert ("pyscholoog", "psycholoog") in misspelled.interpretation.corrections


def test_radius_keeps_only_nearby(corpus_engine):
    geo = GeoFilter(*GENT_POINT, radius_km=3)
    page = search(corpus_engine, "apotheek", geo=geo, sort=SortOrder.DISTANCE)

    assert ids(page) == ["corpus-007", "corpus-008"]
    assert all(hit.distance_km is not None and hit.distance_km <= 3 for hit in page.hits)


def test_radius_without_text_matches_brute_force(corpus_engine):
    geo = GeoFilter(*GENT_POINT, radius_km=3)
    expected = {
        provider.id
        for provider in corpus_providers()
        if haversine_km(GENT_POINT[0], GENT_POINT[1], provider.location.lat, provider.location.lon) <= 3
    }

    page = search(corpus_engine, geo=geo)

    assert len(expected) > 3
    assert set(ids(page)) == expected


def test_distance_sort_is_ascending(corpus_engine):
    geo = GeoFilter(*GENT_POINT)
    page = search(corpus_engine, geo=geo, sort=SortOrder.DISTANCE)
    distances = [hit.distance_km for hit in page.hits]

    assert page.total == len(corpus_providers())
    assert distances == sorted(distances)


def test_distance_matches_haversine(corpus_engine):
    geo = GeoFilter(*GENT_POINT, radius_km=50)
    page = search(corpus_engine, "apotheek", geo=geo)

    for hit in page.hits:
        expected = haversine_km(GENT_POINT[0], GENT_POINT[1], hit.provider.location.lat, hit.provider.location.lon)
        assert hit.distance_km == pytest.approx(expected, abs=0.05)


def test_blend_puts_nearest_first_among_equals(corpus_engine):
    geo = GeoFilter(*GENT_POINT)
    page = search(corpus_engine, "apotheek", geo=geo)

    assert ids(page)[0] == "corpus-007"
    assert ids(page)[-1] == "corpus-010"


@pytest.mark.parametrize("facet", ["rubriek", "beroep", "gemeente", "doelgroep"])
def test_facet_count_equals_filtered_total(corpus_engine, facet):
    page = search(corpus_engine)
    values = page.facets[facet]

    assert values, f"facet {facet} has no values"
    for value in values:
        filtered = search(corpus_engine, filters={facet: (value.value,)})
        assert filtered.total == value.count, f"{facet}={value.value}"


def test_facet_counts_follow_text(corpus_engine):
    page = search(corpus_engine, "apotheek")
    gemeenten = {value.value: value.count for value in page.facets["gemeente"]}

    assert gemeenten == {GENT[2]: 3, ANTWERPEN[2]: 1}


def test_multiselect_keeps_other_values(corpus_engine):
    page = search(corpus_engine, "apotheek", filters={"gemeente": (GENT[2],)})
    gemeenten = {value.value: (value.count, value.selected) for value in page.facets["gemeente"]}

    assert page.total == 3
    assert gemeenten[GENT[2]] == (3, True)
    assert gemeenten[ANTWERPEN[2]] == (1, False)


def test_multiselect_ors_within_facet(corpus_engine):
    page = search(corpus_engine, "apotheek", filters={"gemeente": (GENT[2], ANTWERPEN[2])})

    assert page.total == 4


def test_filters_and_across_facets(corpus_engine):
    page = search(corpus_engine, filters={"gemeente": (GENT[2],), "rubriek": ("02",)})

    assert set(ids(page)) == {"corpus-001", "corpus-002", "corpus-004"}


def test_rubriek_parent_counts_children(corpus_engine):
    page = search(corpus_engine, filters={"rubriek": ("14",)})

    assert set(ids(page)) == {"corpus-016", "corpus-017"}


def test_pages_are_stable_and_disjoint(corpus_engine):
    everything = ids(search(corpus_engine, per_page=100))
    paged = []
    for number in range(1, 5):
        paged.extend(ids(search(corpus_engine, page=number, per_page=8)))

    assert paged == everything
    assert len(set(paged)) == len(paged)


def test_repeated_search_gives_same_order(corpus_engine):
    first = ids(search(corpus_engine, "apotheek"))
    second = ids(search(corpus_engine, "apotheek"))

    assert first == second


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_text_runs_cleanly(corpus_engine, query):
    page = search(corpus_engine, query)

    assert page.total >= 0


def test_get_returns_provider(corpus_engine):
    provider = corpus_engine.get("corpus-004")

    assert provider is not None
    assert provider.name == "CGG Eclips"


def test_get_unknown_returns_none(corpus_engine):
    assert corpus_engine.get("does-not-exist") is None


def test_suggest_completes_professions(corpus_engine):
    texts = [suggestion.text for suggestion in corpus_engine.suggest("psy")]

    assert "klinisch psycholoog" in texts


def test_suggest_ignores_accents_and_case(corpus_engine):
    texts = [suggestion.text for suggestion in corpus_engine.suggest("DIET")]

    assert "diëtist" in texts


def test_explanation_names_synonym(corpus_engine):
    page = search(corpus_engine, "psycholoog")
    cgg = next(hit for hit in page.hits if hit.provider.id == "corpus-004")

    assert "CGG" in cgg.explanation.synonyms


# ------------------------------------------------------------ index lifecycle


@pytest.fixture()
def fresh_engine(engine_factory):
    engine = engine_factory.create()
    engine.build(corpus_documents())
    yield engine
    engine.close()


def test_upsert_adds_and_replaces(fresh_engine):
    provider = corpus_providers()[0].model_copy(update={"name": "Zwaluw Praktijk"})
    from indexer.documents import build_document

    fresh_engine.upsert([build_document(provider)])

    assert ids(search(fresh_engine, "zwaluw")) == ["corpus-001"]
    assert fresh_engine.health().documents == len(corpus_providers())
    assert "corpus-001" not in ids(search(fresh_engine, "peeters"))


def test_delete_removes_provider(fresh_engine):
    deleted = fresh_engine.delete(["corpus-007", "does-not-exist"])

    assert deleted == 1
    assert fresh_engine.get("corpus-007") is None
    assert "corpus-007" not in ids(search(fresh_engine, "apotheek"))


def test_failed_build_keeps_serving_index(fresh_engine):
    def broken_documents():
        yield from corpus_documents()[:5]
        raise RuntimeError("source broke halfway")

    with pytest.raises(IndexBuildError):
        fresh_engine.build(broken_documents())

    assert fresh_engine.health().documents == len(corpus_providers())
    assert set(ids(search(fresh_engine, "apotheek"))) == {"corpus-007", "corpus-008", "corpus-009", "corpus-010"}


def test_rebuild_replaces_contents(fresh_engine):
    fresh_engine.build(corpus_documents()[:3])

    assert fresh_engine.health().documents == 3
    assert search(fresh_engine).total == 3


def test_suggest_tolerates_typo(corpus_engine):
    texts = [suggestion.text for suggestion in corpus_engine.suggest("pyscholo")]

    assert "klinisch psycholoog" in texts


def test_suggest_completes_names(corpus_engine):
    texts = [suggestion.text for suggestion in corpus_engine.suggest("Apotheek M")]

    assert "Apotheek Meir" in texts


def test_suggest_unknown_prefix_is_empty(corpus_engine):
    assert corpus_engine.suggest("qqqqqq") == []


def test_filler_words_do_not_narrow(corpus_engine):
    plain = set(ids(search(corpus_engine, "apotheek")))

    assert set(ids(search(corpus_engine, "apotheek slecht"))) == plain


def test_explanation_highlights_words(corpus_engine):
    page = search(corpus_engine, "psycholoog")
    psychologist = next(hit for hit in page.hits if hit.provider.id == "corpus-001")

    assert "psycholoog" in psychologist.explanation.highlights


def test_explanation_highlights_synonym_words(corpus_engine):
    page = search(corpus_engine, "psycholoog")
    cgg = next(hit for hit in page.hits if hit.provider.id == "corpus-004")

    assert "CGG" in cgg.explanation.highlights
