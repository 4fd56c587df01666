"""``pactwatch users add|list|remove``: the named reviewers of a database.

Each user has a token of their own, printed once when made; the database keeps only its
hash. ``pactwatch serve --token`` stays the one admin token (it signs in as ``admin``).
"""

from __future__ import annotations

import json

import click

from pactwatch.cli.common import db_option, opened_store


@click.group("users")
def users_cmd() -> None:
    """Reviewers who may confirm, reject or correct what the pipeline read."""


@users_cmd.command("add")
@click.argument("name")
@db_option
def add_cmd(name: str, db: str | None) -> None:
    """Create reviewer NAME (or give NAME a new token) and print the token, once."""
    with opened_store(db) as store:
        token = store.add_user(name)
    click.echo(token)
    click.echo(f"user {name!r}: keep this token, it is not shown again; sign in with it on"
               " the web pages or send 'Authorization: Bearer <token>'", err=True)


@users_cmd.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per user.")
def list_cmd(db: str | None, as_json: bool) -> None:
    """List reviewers with how many reviews each has made."""
    with opened_store(db) as store:
        users = store.list_users()
    for user in users:
        if as_json:
            click.echo(json.dumps(user, ensure_ascii=False))
        else:
            click.echo(f"{user['name']}\t{user['reviews']} reviews\tsince {user['created_at']}")
    if not users and not as_json:
        click.echo("no users yet: pactwatch users add NAME", err=True)


@users_cmd.command("remove")
@click.argument("name")
@db_option
def remove_cmd(name: str, db: str | None) -> None:
    """Remove reviewer NAME: their token stops working; their reviews stay."""
    with opened_store(db) as store:
        removed = store.remove_user(name)
    if not removed:
        raise click.ClickException(f"no user {name!r}")
    click.echo(f"user {name!r} removed; their reviews are kept", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(users_cmd)
