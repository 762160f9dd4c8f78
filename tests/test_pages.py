"""HTTP tests of the Dutch HTML pages through the real ASGI app on the embedded engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from fastapi.testclient import TestClient

from corpus import corpus_documents
from searchapi.app import create_app
from searchapi.engines.sqlite_engine import SqliteEngine
from searchapi.settings import Settings

PSYCHOLOGISTS = {"An Peeters", "Bram Janssens", "Chloé Maes", "Kinderpsycholoog Lotte Willems"}
CGGS = {"CGG Eclips", "CGG De Pont"}

HOSTILE_STRINGS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{7*7}}",
    "' onmouseover='x",
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    data_dir = tmp_path_factory.mktemp("pages-index")
    engine = SqliteEngine(data_dir)
    engine.build(corpus_documents())
    app = create_app(Settings(data_dir=data_dir), engine=engine)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


# ------------------------------------------------------------------ a small DOM

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    # Child elements and text, in document order.
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        """Return the element's text with its descendants', whitespace collapsed."""
        parts = [child if isinstance(child, str) else child.text() for child in self.children]
        return " ".join(" ".join(parts).split())

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str, class_name: str | None = None) -> list[Element]:
        return [
            element
            for element in self.iter()
            if element.tag == tag and (class_name is None or class_name in element.classes())
        ]

    def find(self, tag: str, class_name: str | None = None) -> Element | None:
        found = self.find_all(tag, class_name)
        return found[0] if found else None


class TreeBuilder(HTMLParser):
    """Build an Element tree. An end tag closes the nearest open element with its name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Element:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass(frozen=True)
class Hit:
    name: str
    href: str
    distance: str | None


def hits_of(document: Element) -> list[Hit]:
    hits = []
    for item in document.find_all("li", "hit"):
        link = item.find("h2").find("a")
        distance = item.find("span", "distance")
        hits.append(Hit(link.text(), link.attrs["href"], distance.text() if distance else None))
    return hits


def hit_names(document: Element) -> list[str]:
    return [hit.name for hit in hits_of(document)]


def parse_distance_km(text: str) -> float:
    """Read "· 2,1 km" or "· 850 m" back into kilometres."""
    number, unit = text.strip("· ").split()
    value = float(number.replace(",", "."))
    return value if unit == "km" else value / 1000


def facet_links(document: Element, title: str) -> list[Element]:
    for section in document.find_all("section", "facet"):
        if section.find("h3").text() == title:
            return section.find_all("a")
    raise AssertionError(f"no facet section titled {title!r}")


def facet_label(link: Element) -> str:
    """Return the link text after its checkbox glyph: "02.01. Centra … (2)"."""
    return link.text().lstrip("☐☑ ")


def link_with_rel(document: Element, rel: str) -> Element | None:
    for link in document.find_all("a"):
        if link.attrs.get("rel") == rel:
            return link
    return None


def get_page(client: TestClient, url: str, **params) -> tuple[int, Element]:
    response = client.get(url, params=params or None)
    return response.status_code, parse_html(response.text)


# ------------------------------------------------------------------ start page


def test_start_page_language_and_form(client):
    response = client.get("/")
    document = parse_html(response.text)
    html = document.find("html")
    form = document.find("form", "search-form")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert html.attrs["lang"] == "nl-BE"
    assert form is not None
    assert form.attrs["action"] == "/zoeken"
    assert form.attrs["method"] == "get"


def test_start_page_inputs_have_labels(client):
    document = parse_html(client.get("/").text)
    form = document.find("form", "search-form")
    labelled = {label.attrs.get("for") for label in form.find_all("label")}
    fields = form.find_all("input") + form.find_all("select")
    names = {element.attrs["name"] for element in fields}

    assert names == {"q", "near", "radius_km"}
    for element in fields:
        assert element.attrs["id"] in labelled, f"{element.attrs['name']} has no <label for>"


def test_start_page_security_headers(client):
    response = client.get("/")

    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


# ------------------------------------------------------------------ results page


def test_results_list_psychologists_and_cggs(client):
    status, document = get_page(client, "/zoeken", q="psycholoog")
    names = set(hit_names(document))

    assert status == 200
    assert PSYCHOLOGISTS <= names
    assert CGGS <= names
    assert names == PSYCHOLOGISTS | CGGS


def test_results_show_count_and_synonyms(client):
    _, document = get_page(client, "/zoeken", q="psycholoog")
    title = document.find("h1").text()
    interpretation = " ".join(paragraph.text() for paragraph in document.find_all("p", "interpretation"))

    assert title.startswith("6 resultaten")
    assert "psycholoog" in title
    assert "CGG" in interpretation


def test_results_hits_link_to_fiche(client):
    _, document = get_page(client, "/zoeken", q="psycholoog")
    hrefs = {hit.name: hit.href for hit in hits_of(document)}

    assert hrefs["CGG Eclips"] == "/aanbieder/corpus-004"
    assert hrefs["An Peeters"] == "/aanbieder/corpus-001"


def test_results_have_facets(client):
    _, document = get_page(client, "/zoeken", q="psycholoog")
    titles = [section.find("h3").text() for section in document.find_all("section", "facet")]
    rubrieken = [facet_label(link) for link in facet_links(document, "Rubriek")]

    assert titles == ["Rubriek", "Beroep", "Gemeente", "Doelgroep"]
    assert any(label.startswith("02.01.") and "(2)" in label for label in rubrieken)
    assert any(label.startswith("02.02.") and "(4)" in label for label in rubrieken)


def test_results_link_json_twin(client):
    _, document = get_page(client, "/zoeken", q="psycholoog", near="9000")
    json_link = document.find("p", "json-link").find("a")
    alternate = [link for link in document.find_all("link") if link.attrs.get("rel") == "alternate"]

    assert json_link.attrs["href"] == "/api/search?q=psycholoog&near=9000"
    assert alternate[0].attrs["type"] == "application/json"
    assert alternate[0].attrs["href"] == json_link.attrs["href"]


def test_json_twin_has_same_hits(client):
    _, document = get_page(client, "/zoeken", q="psycholoog", near="9000")
    twin_url = document.find("p", "json-link").find("a").attrs["href"]
    body = client.get(twin_url).json()

    assert [hit["name"] for hit in body["hits"]] == hit_names(document)


def test_results_near_show_distances(client):
    _, document = get_page(client, "/zoeken", q="psycholoog", near="9000")
    hits = hits_of(document)

    assert len(hits) == 6
    for hit in hits:
        assert hit.distance is not None, f"{hit.name} shows no distance"
        assert hit.distance.endswith((" km", " m")), hit.distance


def test_results_near_heading_names_place(client):
    _, document = get_page(client, "/zoeken", q="psycholoog", near="9000")

    assert "in de buurt van Gent (9000)" in document.find("h1").text()


def test_results_without_near_hide_distance(client):
    _, document = get_page(client, "/zoeken", q="psycholoog")

    assert all(hit.distance is None for hit in hits_of(document))


def test_results_near_nearest_first(client):
    """Hits of one kind match the query equally well, so distance decides their order."""
    _, document = get_page(client, "/zoeken", q="psycholoog", near="9000")
    hits = hits_of(document)
    # Lotte Willems has "Kinderpsycholoog" in her name, which changes her text score.
    equal_psychologists = [hit for hit in hits if hit.name in PSYCHOLOGISTS - {"Kinderpsycholoog Lotte Willems"}]
    cggs = [hit for hit in hits if hit.name in CGGS]
    psychologist_km = [parse_distance_km(hit.distance) for hit in equal_psychologists]
    cgg_km = [parse_distance_km(hit.distance) for hit in cggs]

    assert [hit.name for hit in equal_psychologists] == ["An Peeters", "Bram Janssens", "Chloé Maes"]
    assert psychologist_km == sorted(psychologist_km)
    assert [hit.name for hit in cggs] == ["CGG Eclips", "CGG De Pont"]
    assert cgg_km == sorted(cgg_km)


def test_results_near_form_keeps_values(client):
    _, document = get_page(client, "/zoeken", q="psycholoog", near="9000")
    inputs = {element.attrs["name"]: element.attrs.get("value") for element in document.find_all("input")}

    assert inputs["q"] == "psycholoog"
    assert inputs["near"] == "9000"


def test_facet_link_adds_filter(client):
    _, document = get_page(client, "/zoeken", q="psycholoog")
    link = next(link for link in facet_links(document, "Rubriek") if facet_label(link).startswith("02.01."))
    filter_url = link.attrs["href"]

    response = client.get(filter_url)
    filtered = parse_html(response.text)

    assert parse_qs(urlsplit(filter_url).query) == {"q": ["psycholoog"], "rubriek": ["02.01"]}
    assert response.status_code == 200
    assert set(hit_names(filtered)) == CGGS
    assert len(hit_names(filtered)) < len(hit_names(document))


def test_facet_link_selected_state(client):
    _, document = get_page(client, "/zoeken", q="psycholoog", rubriek="02.01")
    selected = [link for link in facet_links(document, "Rubriek") if "selected" in link.classes()]

    assert len(selected) == 1
    assert selected[0].attrs["aria-current"] == "true"
    assert selected[0].text().startswith("☑ 02.01.")


def test_facet_link_removes_filter(client):
    _, document = get_page(client, "/zoeken", q="psycholoog", rubriek="02.01")
    selected = next(link for link in facet_links(document, "Rubriek") if "selected" in link.classes())

    unfiltered = parse_html(client.get(selected.attrs["href"]).text)

    assert selected.attrs["href"] == "/zoeken?q=psycholoog"
    assert len(hit_names(unfiltered)) == 6


def test_facet_filters_combine(client):
    _, document = get_page(client, "/zoeken", q="psycholoog", gemeente="44021")
    link = next(link for link in facet_links(document, "Beroep") if facet_label(link).startswith("klinisch psycholoog"))

    narrowed = parse_html(client.get(link.attrs["href"]).text)

    assert set(hit_names(document)) == {"An Peeters", "Bram Janssens", "CGG Eclips"}
    assert set(hit_names(narrowed)) == {"An Peeters", "Bram Janssens"}


def test_clear_filters_link(client):
    _, document = get_page(client, "/zoeken", q="psycholoog", rubriek="02.01")
    clear = next(link for link in document.find_all("a") if link.text() == "Alle filters wissen")

    assert clear.attrs["href"] == "/zoeken?q=psycholoog"


def test_pagination_first_page(client):
    _, document = get_page(client, "/zoeken", q="psycholoog", per_page="5")
    next_link = link_with_rel(document, "next")

    assert len(hit_names(document)) == 5
    assert link_with_rel(document, "prev") is None
    assert next_link is not None
    assert parse_qs(urlsplit(next_link.attrs["href"]).query) == {"q": ["psycholoog"], "per_page": ["5"], "page": ["2"]}
    assert "Pagina 1 van 2" in document.find("nav", "pagination").text()


def test_pagination_follow_links(client):
    _, first = get_page(client, "/zoeken", q="psycholoog", per_page="5")
    second = parse_html(client.get(link_with_rel(first, "next").attrs["href"]).text)
    back = parse_html(client.get(link_with_rel(second, "prev").attrs["href"]).text)

    assert len(hit_names(second)) == 1
    assert not set(hit_names(first)) & set(hit_names(second))
    assert set(hit_names(first)) | set(hit_names(second)) == PSYCHOLOGISTS | CGGS
    assert link_with_rel(second, "next") is None
    assert second.find("ol", "hits").attrs["start"] == "6"
    assert hit_names(back) == hit_names(first)


def test_pagination_keeps_filters(client):
    _, document = get_page(client, "/zoeken", q="psycholoog", per_page="1", rubriek="02.01")
    next_url = link_with_rel(document, "next").attrs["href"]

    assert parse_qs(urlsplit(next_url).query)["rubriek"] == ["02.01"]
    assert set(hit_names(parse_html(client.get(next_url).text))) <= CGGS


def test_results_empty_shows_advice(client):
    status, document = get_page(client, "/zoeken", q="zebra")

    assert status == 200
    assert hit_names(document) == []
    assert "We vonden geen aanbieders." in document.find("div", "empty").text()


# ------------------------------------------------------------------ fiche page


def test_fiche_shows_details(client):
    status, document = get_page(client, "/aanbieder/corpus-004")
    details = document.find("dl", "details").text()

    assert status == 200
    assert document.find("h1").text() == "CGG Eclips"
    assert "Teststraat 4, 9000 Gent" in details
    assert "volwassenen" in details


def test_fiche_phone_is_tel_link(client):
    _, document = get_page(client, "/aanbieder/corpus-004")
    phone_links = [link for link in document.find_all("a") if link.attrs["href"].startswith("tel:")]

    assert len(phone_links) == 1
    assert phone_links[0].attrs["href"] == "tel:+3291234567"
    assert phone_links[0].text() == "09 123 45 67"


def test_fiche_links_json_twin(client):
    _, document = get_page(client, "/aanbieder/corpus-004")
    json_link = document.find("p", "json-link").find("a")

    assert json_link.attrs["href"] == "/api/providers/corpus-004"
    assert client.get(json_link.attrs["href"]).json()["name"] == "CGG Eclips"


def test_fiche_unknown_is_dutch_404(client):
    response = client.get("/aanbieder/corpus-999")
    document = parse_html(response.text)
    error = document.find("section", "error-page")

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert document.find("html").attrs["lang"] == "nl-BE"
    assert error.find("h1").text() == "Niet gevonden"
    assert "Er is geen aanbieder met id 'corpus-999'." in error.text()


def test_unknown_path_is_dutch_404(client):
    response = client.get("/bestaat-niet")
    document = parse_html(response.text)

    assert response.status_code == 404
    assert document.find("h1").text() == "Niet gevonden"
    assert "Deze pagina bestaat niet." in document.find("section", "error-page").text()


# ------------------------------------------------------------------ errors on pages


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"q": "psycholoog", "near": "Xyzdorp"}, "'Xyzdorp' is geen bekende Belgische postcode of gemeente."),
        ({"q": "psycholoog", "near": "99.0,3.0"}, "99.0"),
        ({"q": "psycholoog", "radius_km": "5"}, "radius_km heeft een vertrekpunt nodig."),
        ({"q": "psycholoog", "page": "abc"}, "page moet een geheel getal zijn"),
    ],
)
def test_bad_parameter_dutch_422(client, params, problem):
    response = client.get("/zoeken", params=params)
    document = parse_html(response.text)
    error = document.find("section", "error-page")

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert error.find("h1").text() == "Deze zoekopdracht klopt niet"
    assert problem in error.text()
    assert error.find("p", "fix") is not None


def test_bad_near_page_has_security_headers(client):
    response = client.get("/zoeken", params={"q": "psycholoog", "near": "Xyzdorp"})

    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


# ------------------------------------------------------------------ escaping of user text


def hostile_requests(text: str) -> list[tuple[str, str, dict[str, str] | None]]:
    """List (label, path, params) for every place a page shows user text."""
    return [
        ("q", "/zoeken", {"q": text}),
        ("q with place", "/zoeken", {"q": f"psycholoog {text}", "near": "9000"}),
        ("q after filter", "/zoeken", {"q": f"psycholoog {text}", "rubriek": "02.01", "per_page": "1"}),
        ("near", "/zoeken", {"q": "psycholoog", "near": text}),
        ("radius_km", "/zoeken", {"q": "psycholoog", "near": "9000", "radius_km": text}),
        ("fiche id", "/aanbieder/" + quote(text, safe=""), None),
        ("fiche id, slash kept", "/aanbieder/" + quote(text, safe="/"), None),
    ]


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_user_text_escaped_everywhere(client, text):
    for label, path, params in hostile_requests(text):
        response = client.get(path, params=params)

        assert response.status_code in (200, 404, 422), f"{label}: status {response.status_code}"
        assert response.headers["content-type"].startswith("text/html"), label
        if "<" in text or "'" in text:
            assert text not in response.text, f"{label}: unescaped in {path} {params}"


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_user_text_shown_as_text(client, text):
    """The escaped text still reads back as the user typed it, in the heading and the form."""
    _, document = get_page(client, "/zoeken", q=text)
    query_box = next(element for element in document.find_all("input") if element.attrs.get("name") == "q")

    assert query_box.attrs["value"] == text
    assert document.find("h1").find("q").text() == " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_hostile_near_named_in_422(client, text):
    response = client.get("/zoeken", params={"q": "psycholoog", "near": text})
    error = parse_html(response.text).find("section", "error-page")

    assert response.status_code == 422
    assert " ".join(text.split()) in error.text()


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_hostile_fiche_id_404(client, text):
    response = client.get("/aanbieder/" + quote(text, safe=""))
    error = parse_html(response.text).find("section", "error-page")

    assert response.status_code == 404
    assert error.find("h1").text() == "Niet gevonden"


def test_hostile_markup_adds_no_elements(client):
    """Parsed as HTML, the page has no <script> or <img> beyond the app's own."""
    for text in HOSTILE_STRINGS:
        for label, path, params in hostile_requests(text):
            document = parse_html(client.get(path, params=params).text)
            scripts = [element.attrs.get("src") for element in document.find_all("script")]
            handlers = [
                (element.tag, name)
                for element in document.iter()
                for name in element.attrs
                if name.startswith("on")
            ]

            assert scripts == ["/static/suggest.js"], f"{label} {text!r}"
            assert document.find_all("img") == [], f"{label} {text!r}"
            assert handlers == [], f"{label} {text!r}"


def test_template_syntax_not_evaluated(client):
    response = client.get("/zoeken", params={"q": "{{7*7}}"})
    heading = parse_html(response.text).find("h1")

    assert heading.find("q").text() == "{{7*7}}"
    assert "49" not in heading.text()


@pytest.mark.parametrize("path", ["/", "/zoeken?q=psycholoog", "/aanbieder/corpus-004", "/aanbieder/nope"])
def test_pages_send_security_headers(client, path):
    response = client.get(path)
    policy = response.headers.get("content-security-policy", "")

    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'self'" in policy
    assert response.headers.get("x-content-type-options") == "nosniff"
    assert response.headers.get("referrer-policy") == "no-referrer"


def test_page_past_end_links_last_page(client):
    response = client.get("/zoeken", params={"q": "apotheek", "per_page": "2", "page": "9"})

    assert response.status_code == 200
    assert "laatste pagina" in response.text
    assert "page=2" in response.text


def test_error_page_keeps_query(client):
    response = client.get("/zoeken", params={"q": "psycholoog", "near": "Gentt"})

    assert response.status_code == 422
    assert 'value="psycholoog"' in response.text
    assert 'value="Gentt"' in response.text


def test_results_page_has_refine_form(client):
    response = client.get("/zoeken", params={"q": "apotheek", "near": "9000", "rubriek": "01"})
    document = parse_html(response.text)
    form = document.find("form", "refine")

    assert form is not None
    selects = {select.attrs.get("name") for select in form.find_all("select")}
    hidden = {(field.attrs.get("name"), field.attrs.get("value")) for field in form.find_all("input")}
    assert {"radius_km", "sort"} <= selects
    assert ("rubriek", "01") in hidden


def test_source_labels_read_as_dutch():
    from searchapi.formatting import source_label

    assert source_label("fagg") == "FAGG-apothekerslijst"
    assert source_label("eurostat") == "Eurostat-ziekenhuislijst"
    assert source_label("unknown-partner") == "unknown-partner"


def test_place_suggestions_shortest_first(client):
    suggestions = client.get("/api/suggest", params={"q": "gen"}).json()["suggestions"]
    places = [suggestion["text"] for suggestion in suggestions if suggestion["kind"] == "plaats"]

    assert set(places[:2]) == {"Genk", "Gent"}
    assert places.index("Genepiën") > 1
