"""API errors: one JSON shape, ``{"error": {"code", "message"}}``, with stable codes."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from pactwatch.errors import KnowledgeBaseError, PactwatchError, StoreError

log = logging.getLogger(__name__)
BAD_PARAMETER = "E501"
NOT_FOUND = "E502"
UNAUTHORIZED = "E503"
READ_ONLY = "E504"
TOO_LARGE = "E505"
UNSUPPORTED_TYPE = "E506"
BAD_REQUEST = "E507"
BUSY = "E508"
CONFLICT = "E509"
INTERNAL = "E599"

_BY_STATUS = {400: BAD_REQUEST, 401: UNAUTHORIZED, 403: READ_ONLY, 404: NOT_FOUND,
              405: BAD_REQUEST, 409: CONFLICT, 413: TOO_LARGE, 415: UNSUPPORTED_TYPE, 422: BAD_PARAMETER,
              429: BUSY}


class ApiError(Exception):
    """Raised by a route to answer with an error status and body."""

    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
        self.extra = extra


def not_found(what: str) -> ApiError:
    return ApiError(404, NOT_FOUND, f"{what} not found")


def bad_parameter(message: str) -> ApiError:
    return ApiError(422, BAD_PARAMETER, message)


def error_response(status: int, code: str, message: str,
                   headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, **extra}},
                        status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install_handlers(app: FastAPI) -> None:
    """Every error a route can meet leaves as the one JSON shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, BAD_PARAMETER, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _BY_STATUS.get(exc.status_code, BAD_REQUEST)
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404:
            message = f"no such resource: {request.url.path}"
        return error_response(exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        # E203 is the store's "bad filter value"; other store errors are the server's problem
        if exc.code == "E203":
            return error_response(422, BAD_PARAMETER, exc.message)
        if exc.code == "E207":  # a statement over the request's time limit: narrow the query
            return error_response(422, BAD_PARAMETER, f"[{exc.code}] {exc.message}")
        if exc.code == "E208":  # the client went away: nobody reads this answer
            return error_response(499, exc.code, exc.message)
        log.error("store error on %s: %s", request.url.path, exc)
        return error_response(500, INTERNAL, f"[{exc.code}] {exc.message}")

    @app.exception_handler(KnowledgeBaseError)
    async def _kb(request: Request, exc: KnowledgeBaseError) -> JSONResponse:
        return error_response(422, BAD_PARAMETER, f"[{exc.code}] {exc.message}")

    @app.exception_handler(PactwatchError)
    async def _pactwatch(request: Request, exc: PactwatchError) -> JSONResponse:
        return error_response(500, INTERNAL, f"[{exc.code}] {exc.message}")

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        # the traceback goes to the server's log; the client learns only that it was ours
        log.error("unhandled error on %s %s", request.method, request.url.path,
                  exc_info=(type(exc), exc, exc.__traceback__))
        return error_response(500, INTERNAL, "internal error: the server could not answer this"
                              " request (the server log has the details; please report it)")
