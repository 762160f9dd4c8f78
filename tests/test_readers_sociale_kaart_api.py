"""The sociale-kaart API page reader on pages written like the API's responses."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from indexer.readers import reader_for
from indexer.readers.base import Accepted, ReadItem, Rejection, SourceReadError
from indexer.readers.sociale_kaart_api import SocialeKaartApiReader
from indexer.record import Provider, ProviderKind


def split_items(items: Iterable[ReadItem]) -> tuple[list[Provider], list[Rejection]]:
    accepted: list[Provider] = []
    rejected: list[Rejection] = []
    for item in items:
        if isinstance(item, Accepted):
            accepted.append(item.provider)
        else:
            rejected.append(item)
    return accepted, rejected


def address(**changes: object) -> dict[str, object]:
    """Return one address object shaped like the API's; a change to None drops the key."""
    fields: dict[str, object] = {
        "primary": True,
        "type": "Bezoekadres",
        "street": {"name": {"description": "Schakelveld"}},
        "number": "20",
        "municipality": {"postalCode": "2490", "name": {"description": "Balen"}},
        "location": {"lat": 51.17, "lon": 5.17},
    }
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


def provider_record(identifier: str = "07062e24-aaaa", **changes: object) -> dict[str, object]:
    """Return one provider object shaped like the API's, with `changes` applied."""
    record: dict[str, object] = {
        "id": {"id": identifier, "authenticSource": "VAZG"},
        "legalName": {"description": "De Schakel"},
        "type": "ORGANISATION",
        "state": "ACTIVE",
        "verified": True,
        "addresses": [address()],
        "activities": [{"name": {"description": "Woonzorgcentra (WZC)"}}, {"name": {"description": "Kortverblijf"}}],
        "contactInfo": {
            "phones": [{"value": "014 81 37 56"}],
            "emails": [{"value": "second@example.be"}, {"value": "info@example.be", "primary": True}],
            "websites": [{"value": "www.example.be", "primary": True}],
        },
    }
    record.update(changes)
    return record


def page(*records: dict[str, object]) -> dict[str, object]:
    return {"page": {"totalPages": 1, "totalElements": len(records)}, "content": list(records)}


def legacy_page(*records: dict[str, object]) -> dict[str, object]:
    return {"_embedded": {"healthOfferProviderRepresentationList": list(records)}, "page": {"totalPages": 1}}


def write_json(path: Path, content: object) -> Path:
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def test_api_record_mapping(tmp_path: Path) -> None:
    path = write_json(tmp_path / "page-1.json", page(provider_record()))
    accepted, rejected = split_items(SocialeKaartApiReader().read(path))
    provider = accepted[0]

    assert rejected == []
    assert provider.id == "sk-07062e24-aaaa"
    assert provider.kind is ProviderKind.ORGANIZATION
    assert provider.name == "De Schakel"
    assert provider.source == "sociale-kaart"
    assert provider.address.street == "Schakelveld"
    assert provider.address.number == "20"
    assert provider.address.municipality == "Balen"
    assert provider.address.nis_code == "13003"
    assert provider.activities == ["Woonzorgcentra (WZC)", "Kortverblijf"]
    assert [rubriek.code for rubriek in provider.rubrieken] == ["14.04.01"]
    assert provider.phones == ["014 81 37 56"]
    assert provider.emails == ["info@example.be", "second@example.be"]
    assert provider.websites == ["https://www.example.be"]


def test_api_legacy_page(tmp_path: Path) -> None:
    path = write_json(tmp_path / "page-1.json", legacy_page(provider_record()))
    accepted, _ = split_items(SocialeKaartApiReader().read(path))

    assert [provider.id for provider in accepted] == ["sk-07062e24-aaaa"]


def test_api_list_of_pages(tmp_path: Path) -> None:
    content = [page(provider_record("a")), legacy_page(provider_record("b"), provider_record("c"))]
    path = write_json(tmp_path / "pages.json", content)
    items = list(SocialeKaartApiReader().read(path))

    assert [item.record_number for item in items] == [1, 2, 3]


def test_api_folder_of_pages(tmp_path: Path) -> None:
    write_json(tmp_path / "page-002.json", page(provider_record("b")))
    write_json(tmp_path / "page-001.json", page(provider_record("a")))
    accepted, _ = split_items(SocialeKaartApiReader().read(tmp_path))

    assert [provider.id for provider in accepted] == ["sk-a", "sk-b"]


def test_api_person_kind(tmp_path: Path) -> None:
    path = write_json(tmp_path / "page.json", page(provider_record(type="PERSON")))
    accepted, _ = split_items(SocialeKaartApiReader().read(path))

    assert accepted[0].kind is ProviderKind.PERSON


def test_api_unknown_kind_rejected(tmp_path: Path) -> None:
    path = write_json(tmp_path / "page.json", page(provider_record(type="ROBOT")))
    _, rejected = split_items(SocialeKaartApiReader().read(path))

    assert rejected[0].code == "invalid_kind"
    assert "ROBOT" in rejected[0].reason


def test_api_inactive_rejected(tmp_path: Path) -> None:
    path = write_json(tmp_path / "page.json", page(provider_record(state="INACTIVE")))
    _, rejected = split_items(SocialeKaartApiReader().read(path))

    assert rejected[0].code == "provider_not_active"
    assert "INACTIVE" in rejected[0].reason
    assert rejected[0].record_id == "sk-07062e24-aaaa"


def test_api_missing_id_and_name(tmp_path: Path) -> None:
    content = page(provider_record(id={}), provider_record(legalName={"description": ""}))
    path = write_json(tmp_path / "page.json", content)
    _, rejected = split_items(SocialeKaartApiReader().read(path))

    assert [rejection.code for rejection in rejected] == ["missing_id", "missing_name"]


def test_api_missing_point_geocoded(tmp_path: Path) -> None:
    record = provider_record(addresses=[address(location=None)])
    path = write_json(tmp_path / "page.json", page(record))
    accepted, _ = split_items(SocialeKaartApiReader().read(path))

    assert accepted[0].location is not None
    assert accepted[0].location.is_in_belgium()


def test_api_no_address_rejected(tmp_path: Path) -> None:
    path = write_json(tmp_path / "page.json", page(provider_record(addresses=[])))
    _, rejected = split_items(SocialeKaartApiReader().read(path))

    assert rejected[0].code == "missing_location"


def test_api_primary_address_chosen(tmp_path: Path) -> None:
    postal = address(primary=False, type="Postadres", municipality={"postalCode": "9000"}, location=None)
    record = provider_record(addresses=[postal, address()])
    path = write_json(tmp_path / "page.json", page(record))
    accepted, _ = split_items(SocialeKaartApiReader().read(path))

    assert accepted[0].address.postcode == "2490"


def test_api_bad_coordinates(tmp_path: Path) -> None:
    record = provider_record(addresses=[address(location={"lat": "51,2", "lon": 5.1})])
    path = write_json(tmp_path / "page.json", page(record))
    _, rejected = split_items(SocialeKaartApiReader().read(path))

    assert rejected[0].code == "invalid_coordinates"
    assert "51,2" in rejected[0].reason


def test_api_empty_last_page(tmp_path: Path) -> None:
    path = write_json(tmp_path / "page.json", {"page": {"totalPages": 3, "number": 4}})

    assert list(SocialeKaartApiReader().read(path)) == []


def test_api_not_a_page(tmp_path: Path) -> None:
    path = write_json(tmp_path / "page.json", {"results": []})

    with pytest.raises(SourceReadError, match="verwacht werd een pagina van de sociale-kaart-API"):
        list(SocialeKaartApiReader().read(path))


def test_api_truncated_json(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page(provider_record()))[:-25], encoding="utf-8")

    with pytest.raises(SourceReadError, match="ongeldige JSON"):
        list(SocialeKaartApiReader().read(path))


def test_api_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceReadError, match="bevat geen \\*.json-paginabestanden"):
        list(SocialeKaartApiReader().read(tmp_path))


def test_api_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceReadError, match="bestand niet gevonden"):
        list(SocialeKaartApiReader().read(tmp_path / "absent.json"))


def test_api_detected_by_reader_for(tmp_path: Path) -> None:
    path = write_json(tmp_path / "page.json", page(provider_record()))
    legacy = write_json(tmp_path / "legacy.json", legacy_page(provider_record()))

    assert isinstance(reader_for(path), SocialeKaartApiReader)
    assert isinstance(reader_for(legacy), SocialeKaartApiReader)
    assert isinstance(reader_for(tmp_path), SocialeKaartApiReader)
