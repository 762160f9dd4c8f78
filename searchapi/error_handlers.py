"""One handler for every error: a JSON error body under /api, a Dutch page elsewhere."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from searchapi.errors import AppError, InvalidParameter, NotFound, ServiceUnavailable

logger = logging.getLogger(__name__)

JSON_PREFIXES = ("/api/", "/healthz")


def wants_json(request: Request) -> bool:
    return request.url.path.startswith(JSON_PREFIXES)


def render_error(request: Request, error: AppError) -> Response:
    headers = {}
    if isinstance(error, ServiceUnavailable):
        headers["Retry-After"] = str(error.retry_after_s)

    if wants_json(request):
        return JSONResponse({"error": error.to_dict()}, status_code=error.status_code, headers=headers)

    pages = request.app.state.pages
    return pages.render(
        request,
        "error.html",
        {
            "error": error,
            "status_code": error.status_code,
            # Keep what the user typed in the search form, so a typo is easy to fix.
            "q": request.query_params.get("q", "")[:500],
            "near": request.query_params.get("near", "")[:200],
        },
        status_code=error.status_code,
        headers=headers,
    )


async def handle_app_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, AppError)
    if error.status_code >= 500:
        logger.warning("path=%s status=%d error=%s", request.url.path, error.status_code, error.message)
    return render_error(request, error)


def register_app_errors(app: FastAPI) -> None:
    app.add_exception_handler(AppError, handle_app_error)


async def handle_http_exception(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    if error.status_code == 404:
        app_error: AppError = NotFound(
            "Deze pagina bestaat niet.", fix="Controleer het adres of begin opnieuw op de startpagina."
        )
    else:
        app_error = AppError(f"De aanvraag kon niet worden verwerkt ({error.detail}).")
        app_error.status_code = error.status_code
        app_error.code = "http_error"
    return render_error(request, app_error)


async def handle_validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0] if error.errors() else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body")]
    parameter = ".".join(location) or "request"
    app_error = InvalidParameter(
        parameter,
        first.get("input"),
        f"De parameter {parameter} is ongeldig: {first.get('msg', 'onbekende fout')}.",
        fix="Zie /api/docs voor de toegelaten waarden.",
    )
    return render_error(request, app_error)


async def handle_unexpected(request: Request, error: Exception) -> Response:
    logger.exception("path=%s unexpected error", request.url.path)
    app_error = AppError(
        "Er ging iets mis aan onze kant.", fix="Probeer het later opnieuw; de fout is gelogd."
    )
    return render_error(request, app_error)
