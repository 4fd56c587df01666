"""``pactwatch obligations``, ``pactwatch changes`` and ``pactwatch kb import-atop``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from pactwatch.system.changes import ChangeReport
from pactwatch.system.obligations import ObligationAnswer, ObligationLine


def _records(db: str | None) -> list[dict[str, Any]] | None:
    if db is None:
        return None
    if "://" not in db and db != ":memory:" and not Path(db).exists():
        raise click.BadParameter(f"{db}: no such database", param_hint="--db")
    from pactwatch.store import open_store

    with open_store(db) as store:
        return [dict(record) for record in store.iter_records()]


def _day(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option
        ) from None


@click.command("obligations")
@click.option(
    "--attacked", default=None, help="The state attacked: ISO3 or a name (FIN, Phần Lan)."
)
@click.option(
    "--attacker", default=None, help="The attacking state, for offence/neutrality clauses."
)
@click.option("--on", "on", required=True, help="The day asked about (YYYY-MM-DD).")
@click.option(
    "--db", default=None, help="A store URL or path: add commitments reported in the news."
)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
def obligations_cmd(
    attacked: str | None, attacker: str | None, on: str, db: str | None, as_json: bool
) -> None:
    """Who is bound to act if ATTACKED is attacked on a day, and on what legal basis."""
    from pactwatch.system.obligations import who_is_obliged

    if not attacked and not attacker:
        raise click.UsageError("give --attacked, --attacker or both")
    answer = who_is_obliged(attacked, _day(on, "--on"), attacker=attacker, records=_records(db))
    if as_json:
        click.echo(json.dumps(answer.as_dict(), ensure_ascii=False, indent=2))
        return
    print_answer(answer)


@click.command("changes")
@click.option("--since", required=True, help="Report what moved on or after this day (YYYY-MM-DD).")
@click.option("--db", default=None, help="A store URL or path with analysed articles.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def changes_cmd(since: str, db: str | None, as_json: bool) -> None:
    """New commitments, status changes and membership changes since a day."""
    from pactwatch.system.changes import changes_since
    from pactwatch.system.treaties import load_kb

    report = changes_since(_day(since, "--since"), _records(db) or [], load_kb())
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    print_changes(report)


@click.command("import-atop")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--alliances",
    type=click.Path(path_type=Path),
    default=None,
    help="ATOP's alliance-level file (default: atop5_1a.csv next to PATH).",
)
@click.option(
    "--crosswalk",
    type=click.Path(path_type=Path),
    required=True,
    help="CSV with iso3c and cown columns (COW codes to ISO3).",
)
@click.option("--atopid", "atopids", multiple=True, type=int, help="Only these alliances.")
@click.option(
    "--check", is_flag=True, help="Compare with our memberships.yaml instead of printing."
)
def import_atop_cmd(
    path: Path, alliances: Path | None, crosswalk: Path, atopids: tuple[int, ...], check: bool
) -> None:
    """Read ATOP's member-level file into our treaty structures (YAML on stdout)."""
    from pactwatch.system import atop

    imported = atop.import_atop(
        path, alliances or path.with_name("atop5_1a.csv"), crosswalk, only=set(atopids) or None
    )
    if check:
        from pactwatch.system.treaties import load_kb

        for line in atop.cross_check(imported, load_kb()):
            click.echo(line)
        return
    click.echo(atop.to_yaml(imported), nl=False)


def _span_text(span: dict[str, Any] | None) -> str:
    if not span:
        return "?"
    end = span["end"] or "now"
    return f"{span['start']}..{end} ({span['date_convention']})"


def _line(line: ObligationLine) -> str:
    b = line.basis
    scope = f"; scope: {b.scope}" if b.scope else ""
    reason = f" [{line.standing}: {line.reason}]" if line.reason else ""
    return (
        f"  {line.guarantor} {line.guarantor_name}: {line.obligation} under {b.treaty_name}"
        f" Art. {b.article}; member {_span_text(b.guarantor_span)}{scope}{reason}"
    )


def print_answer(answer: ObligationAnswer) -> None:
    who = answer.attacked or "-"
    click.echo(
        f"If {who} is attacked on {answer.on.isoformat()}"
        + (f" by {answer.attacker}" if answer.attacker else "")
        + ":"
    )
    by_treaty: dict[tuple[str, str], list[ObligationLine]] = {}
    for line in answer.obligations:
        by_treaty.setdefault((line.basis.treaty, line.basis.article), []).append(line)
    for lines in by_treaty.values():
        b = lines[0].basis
        click.echo(
            f"- {b.treaty_name}, Art. {b.article} ({b.obligation}): {len(lines)} bound;"
            f" {answer.attacked} member {_span_text(b.attacked_span)}"
        )
        click.echo(f"  {b.summary}")
        for line in lines:
            click.echo(_line(line))
        click.echo(f"  source: {b.source}")
    for title, lines in (
        ("Qualified (not counted as binding)", answer.qualified),
        ("Assurances (not a defence obligation)", answer.assurances),
        ("Attacker's pacts", answer.attacker_clauses),
    ):
        if lines:
            click.echo(f"{title}:")
            for line in lines:
                click.echo(_line(line))
    if answer.news:
        click.echo("Reported in the news (not binding):")
        for news in answer.news:
            conditions = f"; conditions: {'; '.join(news.conditions)}" if news.conditions else ""
            click.echo(
                f"  {news.type} {','.join(news.guarantors)} -> {','.join(news.beneficiaries)}:"
                f" {news.status} ({news.date or 'undated'}){conditions}"
            )
            for ev in news.evidence[-3:]:
                chain = " <- ".join(ev["source_chain"]) or "unattributed"
                click.echo(f"    [{ev['status']} {ev['date']}] {ev['text'][:160]} ({chain})")
    for note in answer.notes:
        click.echo(f"note: {note}")


def print_changes(report: ChangeReport) -> None:
    click.echo(f"Changes since {report.since.isoformat()}:")
    click.echo(f"New commitments: {len(report.new_commitments)}")
    for thread in report.new_commitments:
        click.echo(
            f"  {','.join(thread['types'])} {','.join(thread['guarantors'])} ->"
            f" {','.join(thread['beneficiaries'])}: {thread['status']}"
        )
    click.echo(f"Status changes: {len(report.status_changes)}")
    for change in report.status_changes:
        click.echo(
            f"  {','.join(change.guarantors)} -> {','.join(change.beneficiaries)}:"
            f" {change.old_status} -> {change.new_status} ({change.date})"
        )
    click.echo(f"Membership and treaty changes: {len(report.membership_changes)}")
    for m in report.membership_changes:
        click.echo(f"  {m.date} {m.body} {m.iso3} {m.change} ({m.date_convention})")


def register(cli: click.Group) -> None:
    cli.add_command(obligations_cmd)
    cli.add_command(changes_cmd)
    kb_group = cli.commands.get("kb")
    if not isinstance(kb_group, click.Group):
        # nobody registered a "kb" group yet: ours holds import-atop; others may add to it
        @click.group("kb")
        def kb_group_cmd() -> None:
            """Knowledge-base tools."""

        cli.add_command(kb_group_cmd)
        kb_group = kb_group_cmd
    kb_group.add_command(import_atop_cmd)
