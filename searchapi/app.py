"""The FastAPI application: JSON API, Dutch HTML pages, one error handler."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
import swagger_ui_bundle
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from indexer.gazetteer import default_gazetteer
from searchapi import error_handlers, routes_api, routes_html
from searchapi.engines.base import Engine
from searchapi.engines.factory import make_engine
from searchapi.pages import Pages
from searchapi.security_headers import SecurityHeadersMiddleware
from searchapi.service import SearchService
from searchapi.settings import Settings

logger = logging.getLogger(__name__)

API_DESCRIPTION = (
    "Open, keyless JSON API of socialekaart: search the Flemish social map of care and welfare "
    "providers by Dutch text, place and facets. Every HTML page has a JSON twin here."
)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """Build the app; tests inject settings and an engine, `serve` uses the defaults."""
    settings = settings or Settings()
    owns_engine = engine is None
    engine = engine or make_engine(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threads = settings.request_threads or (2 if engine.name == "sqlite" else 40)
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        health = engine.health()
        logger.info("engine=%s ok=%s documents=%d", engine.name, health.ok, health.documents)
        yield
        if owns_engine:
            engine.close()

    app = FastAPI(
        title="socialekaart",
        description=API_DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
        # The docs page is served below from the swagger-ui-bundle package, so it
        # works without access to a CDN.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.service = SearchService(engine, default_gazetteer())
    app.state.pages = Pages(settings)

    # The API is keyless and read-only, so any site may call it from a browser.
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"], allow_headers=["*"])
    app.add_middleware(SecurityHeadersMiddleware)

    app.add_exception_handler(Exception, error_handlers.handle_unexpected)
    app.add_exception_handler(StarletteHTTPException, error_handlers.handle_http_exception)
    app.add_exception_handler(RequestValidationError, error_handlers.handle_validation_error)
    error_handlers.register_app_errors(app)

    app.include_router(routes_api.router)
    app.include_router(routes_html.router)
    app.mount("/static", StaticFiles(directory=settings.static_dir), name="static")
    app.mount("/api/docs-assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-assets")

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="socialekaart API",
            swagger_js_url="/api/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/api/docs-assets/swagger-ui.css",
            swagger_favicon_url="/api/docs-assets/favicon-32x32.png",
        )

    return app


def service_of(request: Request) -> SearchService:
    return request.app.state.service
