"""``pactwatch kb``: look up the knowledge base and add local entries.

``kb show NAME`` finds entries by id or by any name (diacritics and case do not
matter) and prints them with their offices. ``kb suggest --db X`` lists the most
frequent actors of a database the KB does not list, with their kind, counts, example
sentences and the actors they appear with; ``--write FILE`` writes them as KB entry
stubs, each with an empty ``source`` for a reviewer to fill. ``kb add`` writes an entry to the
user's local file (``$PACTWATCH_KB_LOCAL`` or ``~/.config/pactwatch/kb.local.yaml``):
an existing id is overridden field by field, a new id extends the KB.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import yaml

from pactwatch.actors.kb import KINDS, KBEntry, load_kb, local_kb_path, read_yaml_list
from pactwatch.cli.common import db_option, opened_store
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


def suggestion_stub(row: dict[str, Any]) -> dict[str, Any]:
    """A KB entry stub for an unlinked actor: the names seen, the rest for a reviewer."""
    stub: dict[str, Any] = {
        "id": row["id"],
        "kind": row["kind"],
        "name": row["name"],
        "name_vi": row.get("name_vi") or row["name"],
    }
    if row.get("country"):
        stub["country"] = row["country"]
    stub["source"] = ""  # where the facts were checked: to fill before the entry is used
    stub["seen"] = {
        "documents": row["documents"],
        "mentions": row["mentions"],
        "examples": [e["sentence"] for e in row["examples"]],
        "with": [c["id"] for c in row["co_occurring"]],
    }
    return stub


@kb_group.command("suggest")
@db_option
@click.option("--limit", default=20, show_default=True, help="How many names to list.")
@click.option(
    "--write",
    "write_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write them as KB YAML stubs (with a source to fill) to this file.",
)
def suggest_cmd(db: str | None, limit: int, write_path: Path | None) -> None:
    """The most frequent actors of a database that the KB does not list."""
    with opened_store(db) as store:
        rows = store.unlinked_actors(limit=limit)
    if not rows:
        click.echo("every actor in the database is in the knowledge base")
        return
    for r in rows:
        label = r["name"] if r["name"] == (r.get("name_vi") or r["name"]) else (
            f"{r['name']} / {r['name_vi']}")
        click.echo(f"{r['id']}  {r['kind']}  {label}  "
                   f"{r['documents']} documents, {r['mentions']} mentions")
        for e in r["examples"]:
            click.echo(f"    {e['doc_id']}: {e['sentence']}")
        if r["co_occurring"]:
            click.echo("    with: " + ", ".join(c["id"] for c in r["co_occurring"]))
    if write_path is not None:
        stubs = [suggestion_stub(r) for r in rows]
        write_path.write_text(
            "# KB stubs from `pactwatch kb suggest`: check each, fill `source`, drop `seen`.\n"
            + yaml.safe_dump(stubs, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        click.echo(f"wrote {len(stubs)} stubs to {write_path}")
