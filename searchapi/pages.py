"""Rendering of the Dutch HTML pages with Jinja2 (autoescaped)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from searchapi import formatting
from searchapi.settings import Settings


class Pages:
    def __init__(self, settings: Settings) -> None:
        self.templates = Jinja2Templates(directory=str(settings.templates_dir))
        environment = self.templates.env
        environment.globals["urlencode"] = urlencode
        environment.filters["km"] = formatting.format_km
        environment.filters["count"] = formatting.format_count
        environment.filters["weekday"] = formatting.weekday_name
        environment.filters["tel_href"] = formatting.phone_href
        environment.filters["web_href"] = formatting.website_href
        environment.filters["source_label"] = formatting.source_label

    def render(
        self,
        request: Request,
        template: str,
        context: dict[str, object],
        status_code: int = 200,
        headers: dict[str, str] | None = None,
    ) -> HTMLResponse:
        return self.templates.TemplateResponse(
            request, template, context, status_code=status_code, headers=headers
        )
