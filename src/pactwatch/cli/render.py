"""Human-readable terminal output (Rich) shared by commands."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from pactwatch.cli.common import text_or_dash
from pactwatch.titles import display_title

console = Console()


def print_record_summary(record: dict[str, Any]) -> None:
    d = record["document"]
    title = display_title(d.get("title"), record.get("text") or d.get("text"), fallback=d["id"])
    console.rule(title, style="bold")
    pe = d.get("published_estimate") or {}
    console.print(
        f"id {d['id']}  published {text_or_dash(d.get('published'))}"
        f" (estimate {text_or_dash(pe.get('value'))}, {text_or_dash(pe.get('basis'))})"
        f"  outlet {text_or_dash(d.get('outlet'))}"
    )
    for key, cols in (
        ("actors", ("id", "kind", "name_vi")),
        ("times", ("text", "value", "anchor")),
        ("quotes", ("speaker", "direct", "text")),
        ("events", ("type", "source", "target", "date", "status")),
        ("commitments", ("type", "guarantors", "beneficiaries", "status")),
    ):
        items = record.get(key) or []
        if not items:
            continue
        table = Table(title=f"{key} ({len(items)})", show_lines=False)
        for c in cols:
            table.add_column(c, overflow="fold")
        for it in items:
            table.add_row(*[_cell(it.get(c)) for c in cols])
        console.print(table)


def _cell(v: Any) -> str:
    if isinstance(v, list):
        return ", ".join(map(str, v))
    s = "" if v is None else str(v)
    return s if len(s) <= 90 else s[:87] + "…"
