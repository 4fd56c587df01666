"""Bearer-token check for write endpoints.

The token comes from ``--token`` or ``$PACTWATCH_TOKEN``. Without one the app is
read-only: every write answers 403. Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac
import os
from typing import Annotated

from fastapi import Depends, Header, Request

from pactwatch.api.deps import SettingsDep
from pactwatch.api.problems import READ_ONLY, UNAUTHORIZED, ApiError
from pactwatch.store import Store

TOKEN_ENV_VAR = "PACTWATCH_TOKEN"
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="pactwatch"'}


def token_from_env() -> str | None:
    return os.environ.get(TOKEN_ENV_VAR) or None


def tokens_match(given: str, expected: str) -> bool:
    # compare_digest on bytes: timing does not reveal how much of the token was right
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def require_writer(
    settings: SettingsDep,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> None:
    """Let the request through only with the configured token on a writable app."""
    if not settings.writable or settings.token is None:
        raise ApiError(403, READ_ONLY, "this server is read-only: start it with a token"
                       " (--token or $PACTWATCH_TOKEN) to allow uploads")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, UNAUTHORIZED, "missing bearer token: send"
                       " 'Authorization: Bearer <token>'", headers=_CHALLENGE)
    if not tokens_match(given.strip(), settings.token):
        raise ApiError(401, UNAUTHORIZED, "wrong token", headers=_CHALLENGE)


WriterDep = Annotated[None, Depends(require_writer)]


ADMIN = "admin"


def require_reviewer(
    request: Request,
    settings: SettingsDep,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> str:
    """The signed-in reviewer's name: a user's own token (``pactwatch users add NAME``), or
    the server's ``--token``, which signs in as ``admin``."""
    if not getattr(request.app.state, "reviews_allowed", True):
        raise ApiError(403, READ_ONLY, "this server was started --read-only: no reviews")
    scheme, _, given = (authorization or "").partition(" ")
    given = given.strip()
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, UNAUTHORIZED, "sign in: send 'Authorization: Bearer <token>' with"
                       " your token (pactwatch users add NAME prints one)", headers=_CHALLENGE)
    if settings.token is not None and tokens_match(given, settings.token):
        return ADMIN
    store: Store = request.app.state.store
    name = store.user_for_token(given)
    if name is None:
        raise ApiError(401, UNAUTHORIZED, "unknown token", headers=_CHALLENGE)
    return name


ReviewerDep = Annotated[str, Depends(require_reviewer)]
