"""The HSDS 3.0 CSV data package: one CSV table per object type in one folder, joined
here into the nested organization objects that the HSDS JSON reader maps.

Table files may be named in the plural (organizations.csv) or the singular
(organization.csv). Tables used: organizations, services, locations, addresses,
phones, schedules, service_at_locations, organization_identifiers, attributes and
taxonomy_terms; only organizations or services is required.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from indexer.readers.base import SourceReadError
from indexer.readers.csvfiles import read_table, records

Row = dict[str, object]

TABLES = (
    "organizations",
    "services",
    "locations",
    "addresses",
    "phones",
    "schedules",
    "service_at_locations",
    "organization_identifiers",
    "attributes",
    "taxonomy_terms",
)


def _table_path(folder: Path, table: str) -> Path | None:
    for name in (f"{table}.csv", f"{table[:-1]}.csv"):
        if (folder / name).is_file():
            return folder / name
    return None


def is_data_package(folder: Path) -> bool:
    return _table_path(folder, "organizations") is not None or _table_path(folder, "services") is not None


def _rows(folder: Path, table: str) -> list[Row]:
    path = _table_path(folder, table)
    if path is None:
        return []
    return [dict(record.values) for record in records(read_table(path, ("id",), f"HSDS {table}", allow_cp1252=True))]


def _grouped(rows: list[Row], key: str) -> dict[str, list[Row]]:
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        value = str(row.get(key) or "")
        if value:
            groups[value].append(row)
    return groups


def read_data_package(folder: Path) -> list[Row]:
    """Return one nested organization object per organization row, plus one without
    organization for services that name no known organization."""
    if not is_data_package(folder):
        raise SourceReadError(str(folder), "geen organizations.csv of services.csv in deze map; is dit een HSDS-gegevenspakket?")

    tables = {table: _rows(folder, table) for table in TABLES}
    terms = {str(term["id"]): term for term in tables["taxonomy_terms"]}
    attributes = _grouped(
        [{**attribute, "taxonomy_term": terms.get(str(attribute.get("taxonomy_term_id")), {})} for attribute in tables["attributes"]],
        "link_id",
    )
    phones_by = {key: _grouped(tables["phones"], key) for key in ("location_id", "service_id", "organization_id", "service_at_location_id")}
    schedules_by = {key: _grouped(tables["schedules"], key) for key in ("location_id", "service_id", "service_at_location_id")}
    addresses = _grouped(tables["addresses"], "location_id")

    locations = {
        str(location["id"]): {
            **location,
            "addresses": addresses.get(str(location["id"]), []),
            "phones": phones_by["location_id"].get(str(location["id"]), []),
            "schedules": schedules_by["location_id"].get(str(location["id"]), []),
        }
        for location in tables["locations"]
    }
    links = _grouped(tables["service_at_locations"], "service_id")
    services = [
        {
            **service,
            "phones": phones_by["service_id"].get(str(service["id"]), []),
            "schedules": schedules_by["service_id"].get(str(service["id"]), []),
            "attributes": attributes.get(str(service["id"]), []),
            "service_at_locations": [
                {
                    **link,
                    "location": locations.get(str(link.get("location_id")), {}),
                    "phones": phones_by["service_at_location_id"].get(str(link["id"]), []),
                    "schedules": schedules_by["service_at_location_id"].get(str(link["id"]), []),
                }
                for link in links.get(str(service["id"]), [])
            ],
        }
        for service in tables["services"]
    ]

    services_by_org = _grouped(services, "organization_id")
    locations_by_org = _grouped(list(locations.values()), "organization_id")
    identifiers = _grouped(tables["organization_identifiers"], "organization_id")
    organizations: list[Row] = []
    for organization in tables["organizations"]:
        key = str(organization["id"])
        organizations.append(
            {
                **organization,
                "services": services_by_org.pop(key, []),
                "locations": locations_by_org.get(key, []),
                "phones": phones_by["organization_id"].get(key, []),
                "organization_identifiers": identifiers.get(key, []),
                "attributes": attributes.get(key, []),
            }
        )

    orphans = [service for group in services_by_org.values() for service in group]
    orphans += [service for service in services if not service.get("organization_id")]
    if orphans:
        organizations.append({"id": "", "name": "", "services": orphans, "locations": []})
    return organizations
