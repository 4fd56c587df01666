"""``pactwatch kb``: look up the knowledge base and add local entries.

``kb show NAME`` finds entries by id or by any name (diacritics and case do not
matter) and prints them with their offices. ``kb add`` writes an entry to the
user's local file (``$PACTWATCH_KB_LOCAL`` or ``~/.config/pactwatch/kb.local.yaml``):
an existing id is overridden field by field, a new id extends the KB.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import yaml

from pactwatch.actors.kb import KINDS, KBEntry, load_kb, local_kb_path, read_yaml_list
from pactwatch.errors import KnowledgeBaseError


@click.group("kb")
def kb_group() -> None:
    """Look up actors in the knowledge base, or add your own."""


def _describe(entry: KBEntry) -> dict[str, Any]:
    shown: dict[str, Any] = {"id": entry.id, "kind": entry.kind, "name": entry.name}
    for key in ("name_vi", "iso3", "wikidata", "country"):
        if getattr(entry, key):
            shown[key] = getattr(entry, key)
    for key in ("aliases_vi", "aliases_en", "aliases", "abbreviations", "metonyms", "domains"):
        if getattr(entry, key):
            shown[key] = list(getattr(entry, key))
    if entry.offices:
        shown["offices"] = [
            {"role": o.role, "of": o.of, "start": o.start, "end": o.end} for o in entry.offices
        ]
    shown["source"] = entry.source
    shown["from"] = entry.origin
    return shown


@kb_group.command("show")
@click.argument("name")
def show_cmd(name: str) -> None:
    """Show the entries whose id or one of whose names is NAME."""
    found = load_kb().find(name)
    if not found:
        raise click.ClickException(f"no KB entry has the id or name {name!r}")
    for entry in found:
        click.echo(yaml.safe_dump(_describe(entry), allow_unicode=True, sort_keys=False).rstrip())
        click.echo("---")


@kb_group.command("add")
@click.option("--id", "actor_id", required=True, help="kind:key, e.g. person:kalle-vaher")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Defaults to the id's kind.")
@click.option("--name", default=None, help="Canonical English name (required for a new id).")
@click.option("--name-vi", default=None, help="The usual Vietnamese press form.")
@click.option("--alias", "aliases", multiple=True, help="Another Vietnamese form (repeatable).")
@click.option("--alias-en", "aliases_en", multiple=True, help="An English form (repeatable).")
@click.option("--country", default=None, help="ISO3 of the country the actor belongs to.")
@click.option("--source", required=True, help="Where the facts were checked.")
@click.option(
    "--file",
    "path",
    type=click.Path(path_type=Path),
    default=None,
    help="Local KB file (default: $PACTWATCH_KB_LOCAL or ~/.config/pactwatch/kb.local.yaml).",
)
def add_cmd(
    actor_id: str,
    kind: str | None,
    name: str | None,
    name_vi: str | None,
    aliases: tuple[str, ...],
    aliases_en: tuple[str, ...],
    country: str | None,
    source: str,
    path: Path | None,
) -> None:
    """Add an entry to your local KB, or override fields of an existing one."""
    prefix = actor_id.split(":", 1)[0]
    if ":" not in actor_id or prefix not in KINDS:
        raise click.BadParameter(f"{actor_id!r} is not kind:key with a kind of {KINDS}")
    if kind is not None and kind != prefix:
        raise click.BadParameter(f"--kind {kind} does not match the id's kind {prefix}")
    known = actor_id in load_kb().entries
    if not known and not name:
        raise click.BadParameter("--name is needed for a new id")
    entry: dict[str, Any] = {"id": actor_id, "kind": prefix}
    for key, value in (("name", name), ("name_vi", name_vi), ("country", country)):
        if value:
            entry[key] = value
    if aliases:
        entry["aliases_vi"] = list(aliases)
    if aliases_en:
        entry["aliases_en"] = list(aliases_en)
    entry["source"] = source
    target = path or local_kb_path()
    write_local_entry(target, entry)
    verb = "overrides" if known else "adds"
    click.echo(f"{target}: {verb} {actor_id}")


def write_local_entry(path: Path, entry: dict[str, Any]) -> None:
    """Insert or update ``entry`` (by id) in the local KB file."""
    entries = read_yaml_list(path) if path.exists() else []
    for i, existing in enumerate(entries):
        if isinstance(existing, dict) and existing.get("id") == entry["id"]:
            entries[i] = {**existing, **entry}
            break
    else:
        entries.append(entry)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    except OSError as exc:
        raise KnowledgeBaseError("E306", f"{path}: cannot write ({exc.strerror})") from None


def register(cli: click.Group) -> None:
    cli.add_command(kb_group)
