"""JSON shapes of the API: one function per result object, shared by every route."""

from __future__ import annotations

from indexer.record import Provider
from searchapi.engines.base import FacetCount, Hit, Suggestion
from searchapi.service import SearchResult


def provider_summary(provider: Provider) -> dict[str, object]:
    address = provider.address
    location = provider.location
    return {
        "id": provider.id,
        "name": provider.name,
        "kind": provider.kind.value,
        "organization": provider.organization,
        "address": {
            "street": address.street,
            "number": address.number,
            "postcode": address.postcode,
            "municipality": address.municipality,
            "locality": address.locality,
            "nis_code": address.nis_code,
            "province": address.province,
            "region": address.region,
        },
        "location": {"lat": location.lat, "lon": location.lon} if location else None,
        "professions": [{"code": p.code, "label": p.label} for p in provider.professions],
        "rubrieken": [{"code": r.code, "label": r.label} for r in provider.rubrieken],
        "doelgroepen": provider.doelgroepen,
        "phones": provider.phones,
        "emails": provider.emails,
        "websites": provider.websites,
    }


def provider_detail(provider: Provider) -> dict[str, object]:
    body = provider_summary(provider)
    body.update(
        {
            "description": provider.description,
            "activities": provider.activities,
            "opening_hours": [
                {"weekday": hours.weekday, "opens": hours.opens.strftime("%H:%M"), "closes": hours.closes.strftime("%H:%M")}
                for hours in provider.opening_hours
            ],
            "registry_ids": provider.registry_ids.model_dump(exclude_none=True),
            "source": provider.source,
            "updated_at": provider.updated_at.isoformat() if provider.updated_at else None,
        }
    )
    return body


def hit_json(hit: Hit) -> dict[str, object]:
    body = provider_summary(hit.provider)
    body["score"] = round(hit.score, 4)
    if hit.distance_km is not None:
        body["distance_km"] = round(hit.distance_km, 2)
    body["explanation"] = {
        "matched_terms": list(hit.explanation.matched_terms),
        "synonyms": list(hit.explanation.synonyms),
        "highlights": list(hit.explanation.highlights),
        "distance_km": round(hit.distance_km, 2) if hit.distance_km is not None else None,
    }
    body["fiche_url"] = f"/aanbieder/{hit.provider.id}"
    return body


def facet_json(values: list[FacetCount]) -> list[dict[str, object]]:
    return [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in values]


def search_json(result: SearchResult) -> dict[str, object]:
    page = result.page
    interpretation = page.interpretation
    return {
        "total": page.total,
        "page": result.params.page,
        "per_page": result.params.per_page,
        "total_pages": result.total_pages,
        "sort": result.params.sort.value,
        "query": {
            "q": result.params.q,
            "searched_text": result.searched_text,
            "location": result.location.to_dict() if result.location else None,
            "radius_km": result.params.radius_km,
            "corrections": [{"typed": typed, "corrected": corrected} for typed, corrected in interpretation.corrections],
            "did_you_mean": result.did_you_mean,
            "synonyms": list(interpretation.synonyms),
            "relaxed": result.relaxed,
        },
        "hits": [hit_json(hit) for hit in page.hits],
        "facets": {name: facet_json(values) for name, values in page.facets.items()},
        "warnings": result.warnings,
        "took_ms": round(page.took_ms, 2),
    }


def suggestions_json(prefix: str, suggestions: list[Suggestion]) -> dict[str, object]:
    return {
        "q": prefix,
        "suggestions": [{"text": s.text, "kind": s.kind, "count": s.count} for s in suggestions],
    }
