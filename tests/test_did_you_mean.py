"""'Bedoelde u …?': a search that finds little offers a close query that finds more."""

from __future__ import annotations

import pytest

from analyzers.chain import default_analyzer
from analyzers.typos import Vocabulary
from corpus import GENT, _provider
from indexer.documents import build_document
from indexer.gazetteer import default_gazetteer
from searchapi.params import parse_search_params
from searchapi.service import SearchService
from searchapi.settings import Settings


def test_rare_word_gets_common_neighbour():
    vocabulary = Vocabulary([("tandarts", 40), ("tandarst", 1)])

    assert default_analyzer().suggest_spelling("tandarst", vocabulary) == "tandarts"


def test_common_word_gets_no_suggestion():
    vocabulary = Vocabulary([("tandarts", 40), ("tandarst", 1)])

    assert default_analyzer().suggest_spelling("tandarts", vocabulary) is None


@pytest.fixture(scope="module")
def service(engine_factory):
    providers = [_provider(number, f"Praktijk {number}", GENT, professions=("persdentist",)) for number in range(1, 21)]
    providers.append(_provider(21, "Tandarst Jansen", GENT, professions=("perspharmacist",)))
    engine = engine_factory.create()
    engine.build(build_document(provider) for provider in providers)
    yield SearchService(engine, default_gazetteer())
    engine.close()


def run(service: SearchService, text: str):
    return service.search(parse_search_params(Settings(), text, None, None, None, "1", "20", {}))


def test_few_hits_offer_better_query(service):
    result = run(service, "tandarst")

    assert result.page.total == 1
    assert result.did_you_mean == "tandarts"


def test_many_hits_offer_nothing(service):
    result = run(service, "tandarts")

    assert result.did_you_mean is None
