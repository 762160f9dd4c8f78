"""The error hierarchy of the web app: each error carries its HTTP status and Dutch text."""

from __future__ import annotations


class AppError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def to_dict(self) -> dict[str, object]:
        body: dict[str, object] = {"code": self.code, "message": self.message}
        if self.fix:
            body["fix"] = self.fix
        return body


class InvalidParameter(AppError):
    """A request parameter has a value we cannot use; the message names it."""

    status_code = 422
    code = "invalid_parameter"

    def __init__(self, parameter: str, value: object, message: str, *, fix: str | None = None) -> None:
        super().__init__(message, fix=fix)
        self.parameter = parameter
        self.value = value

    def to_dict(self) -> dict[str, object]:
        body = super().to_dict()
        body["parameter"] = self.parameter
        body["value"] = self.value if isinstance(self.value, (str, int, float)) or self.value is None else str(self.value)
        return body


class NotFound(AppError):
    status_code = 404
    code = "not_found"


class ServiceUnavailable(AppError):
    """The engine cannot serve searches now, so clients should retry after `retry_after_s`."""

    status_code = 503
    code = "service_unavailable"

    def __init__(self, message: str, *, fix: str | None = None, retry_after_s: int = 30) -> None:
        super().__init__(message, fix=fix)
        self.retry_after_s = retry_after_s
