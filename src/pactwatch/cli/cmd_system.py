"""``pactwatch obligations``, ``pactwatch changes`` and ``pactwatch kb import-atop``."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pactwatch.cli.common import require_database
from pactwatch.config import DB_ENV_VAR, DEFAULT_DB_PATH, DEFAULT_MIN_CONFIDENCE, default_db

if TYPE_CHECKING:
    from pactwatch.system.changes import ChangeReport
    from pactwatch.system.obligations import ObligationAnswer, ObligationLine


Records = list[dict[str, Any]]


def _reported(db: str | None, min_confidence: float) -> tuple[Records | None, Records | None]:
    """The records whose commitments pass ``min_confidence``, and those holding the ones it
    hides (the store filters on its commitments table)."""
    if db is None:
        return None, None
    require_database(db)
    from pactwatch.store import open_store

    with open_store(db) as store:
        shown = [dict(r) for r in store.commitment_records(min_confidence=min_confidence)]
        if min_confidence <= 0:
            return shown, []
        return shown, [dict(r) for r in store.commitment_records(below_confidence=min_confidence)]


min_confidence_option = click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=DEFAULT_MIN_CONFIDENCE,
    show_default=True,
    help="Hide commitments reported in the news below this confidence (0 shows them all).",
)


def _hidden_note(found: dict[str, Any] | None, what: str) -> str | None:
    if not found or not found["hidden"]:
        return None
    n, threshold = found["hidden"], found["min_confidence"]
    return (f"{n} reported commitment{'s' if n != 1 else ''}{what} below confidence"
            f" {threshold:g} hidden; --min-confidence 0 shows them")


def _news_db(db: str | None) -> str | None:
    """The database whose news to add: ``--db``, else ``$PACTWATCH_DB``, else ./pactwatch.db
    when it exists; None (treaties only) when there is none of them."""
    if db is not None:
        return db
    if os.environ.get(DB_ENV_VAR):
        return default_db()
    return DEFAULT_DB_PATH if os.path.exists(DEFAULT_DB_PATH) else None


def _resolve(name: str | None, option: str) -> str | None:
    """ISO3 for ``--attacked``/``--attacker``: a Vietnamese or English name wins over an ISO3
    code ("Nga" is Russia, not Nigeria); when both readings exist, say which was taken."""
    if not name:
        return None
    from pactwatch.errors import KnowledgeBaseError
    from pactwatch.system.treaties import load_kb

    kb = load_kb()
    try:
        iso3 = kb.resolve_country(name)
    except KnowledgeBaseError as exc:
        raise click.BadParameter(exc.message, param_hint=option) from None
    as_name, as_code = kb.country_readings(name)
    if as_name and as_code and as_name != as_code:
        if iso3 == as_name:
            click.echo(f"{option} {name}: read as {kb.label(as_name)} ({as_name}), the country's"
                       f" name; for {kb.label(as_code)} write {as_code}", err=True)
        else:
            click.echo(f"{option} {name}: read as the ISO3 code of {kb.label(as_code)}; for"
                       f" {kb.label(as_name)} write {as_name}", err=True)
    return iso3


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
    "--db", default=None, metavar="PATH|URL",
    help="Add commitments reported in the news in this database (default: $PACTWATCH_DB, else"
         " ./pactwatch.db when it exists).",
)
@min_confidence_option
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
def obligations_cmd(
    attacked: str | None, attacker: str | None, on: str, db: str | None, min_confidence: float,
    as_json: bool,
) -> None:
    """Who is bound to act if ATTACKED is attacked on a day, and on what legal basis."""
    from pactwatch.system.obligations import who_is_obliged

    if not attacked and not attacker:
        raise click.UsageError("give --attacked, --attacker or both")
    day = _day(on, "--on")
    attacked, attacker = _resolve(attacked, "--attacked"), _resolve(attacker, "--attacker")
    db = _news_db(db)
    records, hidden = _reported(db, min_confidence)
    answer = who_is_obliged(attacked, day, attacker=attacker, records=records,
                            min_confidence=min_confidence if db else None,
                            hidden_records=hidden)
    if as_json:
        click.echo(json.dumps(answer.as_dict(), ensure_ascii=False, indent=2))
        return
    print_answer(answer)


@click.command("changes")
@click.option("--since", required=True, help="Report what moved on or after this day (YYYY-MM-DD).")
@click.option("--db", default=None, metavar="PATH|URL",
              help="The database of analysed articles (default: $PACTWATCH_DB, else"
                   " ./pactwatch.db when it exists).")
@min_confidence_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def changes_cmd(since: str, db: str | None, min_confidence: float, as_json: bool) -> None:
    """New commitments, status changes and membership changes since a day."""
    from pactwatch.system.changes import changes_since
    from pactwatch.system.treaties import load_kb

    day = _day(since, "--since")
    db = _news_db(db)
    records, hidden = _reported(db, min_confidence)
    report = changes_since(day, records or [], load_kb(),
                           min_confidence=min_confidence if db else None, hidden_records=hidden)
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
    click.echo("Treaty obligations (knowledge base):")
    if not (answer.obligations or answer.qualified or answer.assurances
            or answer.attacker_clauses):
        click.echo("  none")
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
    if answer.news or answer.reported_filter:
        click.echo("Reported commitments (news, with confidence; not binding):")
        if not answer.news:
            click.echo("  none")
        for news in answer.news:
            conditions = f"; conditions: {'; '.join(news.conditions)}" if news.conditions else ""
            click.echo(
                f"  {news.type} {','.join(news.guarantors)} -> {','.join(news.beneficiaries)}:"
                f" {news.status} ({news.date or 'undated'}), confidence {news.confidence:.2f}"
                f"{conditions}"
            )
            for ev in news.evidence[-3:]:
                click.echo(_evidence_line(ev))
        note = _hidden_note(answer.as_dict()["reported_filter"], f" for {who}")
        if note:
            click.echo(f"  {note}")
    for note in answer.notes:
        click.echo(f"note: {note}")


def _evidence_line(ev: dict[str, Any]) -> str:
    chain = " <- ".join(ev["source_chain"]) or "unattributed"
    return (f"    [{ev['status']} {ev['date'] or 'undated'},"
            f" confidence {ev.get('confidence', 0.0):.2f}]"
            f" {ev['text'][:160]} ({chain}; doc {ev['doc_id']} {ev['start']}-{ev['end']})")


def print_changes(report: ChangeReport) -> None:
    click.echo(f"Changes since {report.since.isoformat()}:")
    click.echo("Reported commitments (news, with confidence):")
    click.echo(f"New commitments: {len(report.new_commitments)}")
    for thread in report.new_commitments:
        click.echo(
            f"  {','.join(thread['types'])} {','.join(thread['guarantors'])} ->"
            f" {','.join(thread['beneficiaries'])}: {thread['status']},"
            f" confidence {thread['confidence']:.2f}"
        )
        click.echo(_evidence_line(thread["steps"][-1] | {
            "start": thread["steps"][-1]["evidence_start"],
            "end": thread["steps"][-1]["evidence_end"],
            "text": thread["steps"][-1]["evidence_text"]}))
    click.echo(f"Status changes: {len(report.status_changes)}")
    for change in report.status_changes:
        click.echo(
            f"  {','.join(change.guarantors)} -> {','.join(change.beneficiaries)}:"
            f" {change.old_status} -> {change.new_status} ({change.date}),"
            f" confidence {change.confidence:.2f}"
        )
        click.echo(_evidence_line(change.evidence))
    note = _hidden_note(report.as_dict()["reported_filter"], " dated since then")
    if note:
        click.echo(f"  {note}")
    click.echo("Treaty facts (knowledge base):")
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
