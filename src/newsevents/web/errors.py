"""The API's error answers: one schema (`ErrorBody`) and the handlers that produce it."""
from __future__ import annotations

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field


async def store_unavailable(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=503)


def status_handler(code: int):
    """A handler that answers `code` with the exception's message as the `detail`."""
    async def handler(_request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=code)
    return handler


class ErrorBody(BaseModel):
    """Every error the API answers: one readable line, and for 422 the parameters at fault."""

    detail: str = Field(description="what was wrong, in one line")
    errors: list[dict] | None = Field(None, description="422 only: each parameter at fault (loc, msg, type)")


ERROR_RESPONSES = {status: {"model": ErrorBody, "description": description} for status, description in (
    (400, "a value the query cannot use, an unknown parameter, or a Host this server does not answer to"),
    (404, "no such item"), (413, "request body or posted text too large"),
    (422, "a parameter of the wrong type or out of bounds"), (429, "too many texts waiting for the coder"),
    (503, "the time limit was reached, or the store or the coder is unavailable"))}


async def coder_unavailable(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": f"the coder cannot run here: {exc}"}, status_code=503)


async def invalid_parameters(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with one readable line (`page_size: Input should be less than or equal to 200`) and the details."""
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ())[1:]) or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
    return JSONResponse({"detail": "; ".join(parts), "errors": errors}, status_code=422)
