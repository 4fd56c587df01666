"""``pactwatch serve``: the REST API and web pages over a database, with uvicorn."""

from __future__ import annotations

import click

from pactwatch.cli.common import database_target, require_database

# how long a stopping server lets requests in flight finish (it stops within 5 s)
SHUTDOWN_SECONDS = 2


@click.command("serve")
@click.option("--db", default=None, metavar="PATH|URL",
              help="The database (path or store URL) to serve (default: $PACTWATCH_DB, else"
                   " ./pactwatch.db).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", default=None,
              help="Bearer token that allows uploads (default: $PACTWATCH_TOKEN; none: read-only).")
@click.option("--read-only", "read_only", is_flag=True,
              help="Refuse uploads and reviews even when tokens are configured.")
@click.option("--max-upload", "max_upload", default="5MB", show_default=True,
              help="Largest uploaded file (e.g. 5MB, 500KB).")
def serve_cmd(db: str | None, host: str, port: int, token: str | None, read_only: bool,
              max_upload: str) -> None:
    """Serve the API (/api, documented at /docs) and the web app over DB."""
    db = database_target(db)
    # serving a typo would create an empty database and show nothing
    require_database(db)
    import uvicorn

    from pactwatch.api.app import create_app
    from pactwatch.api.auth import token_from_env
    from pactwatch.config import parse_size
    from pactwatch.store.urls import redact

    token = token or token_from_env()
    app = create_app(db, token=token, max_upload_bytes=parse_size(max_upload),
                     read_only=read_only or token is None, prewarm=True,
                     reviews=not read_only)
    if read_only:
        mode = "read-only: no uploads, no reviews"
    elif token:
        mode = "uploads need the token; reviews need a user's token or the token"
    else:
        # the users' own tokens (pactwatch users add NAME) still sign reviewers in
        mode = "uploads off (no --token); reviews need a user's token"

    click.echo(f"pactwatch: serving {redact(db)} at http://{host}:{port} (API docs at /docs; {mode})",
               err=True)
    # SIGTERM/SIGINT: requests in flight get a few seconds, then the server stops (an upload
    # still being analysed is lost whole: its article's transaction never commits)
    uvicorn.run(app, host=host, port=port, log_level="warning",
                timeout_graceful_shutdown=SHUTDOWN_SECONDS)


def register(cli: click.Group) -> None:
    cli.add_command(serve_cmd)
