"""Refresh the examples of docs/api.md with the live answers of the API.

Every ``<!-- example: GET url -->`` block of docs/api.md is answered again over a database
built from ``examples/`` (the README's quick start; the ``/api/stories`` examples over
examples/ and tests/fixtures/stories, stories built), and its values are put in the
documented skeleton: the same keys in the same order (new keys at the end), as many items
of each list and dict as the block showed (with "… N more" for the rest), strings cut where
the block cut them, and the block's layout (which containers stand one item a line). A
block laid out by hand deeper than that (the story page) is named and left as it is.

    python scripts/api_examples.py            # rewrite docs/api.md
    python scripts/api_examples.py --check    # exit 1 when a block is stale
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "api.md"
EXAMPLE = re.compile(r"(<!-- example: GET (\S+) -->\n```json\n)(.*?)(\n```)", re.S)
MORE = re.compile(r"^… (\d+) more$")
# values that change with every build, kept as documented
VOLATILE = {"ingested_at", "first_seen", "updated_at", "reviewed_at", "started", "finished"}


def _is_more(value: Any) -> bool:
    return isinstance(value, str) and MORE.match(value) is not None


def fill(doc: Any, live: Any, key: str = "") -> Any:
    """``live`` cut to the skeleton of ``doc``."""
    if key in VOLATILE and doc is not None:
        return doc
    if isinstance(doc, dict) and isinstance(live, dict):
        shown = [k for k in doc if not _is_more(k)]
        if len(shown) < len(doc):  # an abbreviated dict: its first keys, then "… N more"
            keys = list(live)[:len(shown)]
            out = {k: fill(doc.get(k, doc[shown[0]] if shown else None), live[k], k)
                   for k in keys}
            if len(live) > len(keys):
                out[f"… {len(live) - len(keys)} more"] = {}
            return out
        out = {k: fill(doc[k], live[k], k) for k in shown if k in live}
        if doc and all(isinstance(v, dict) for v in doc.values()) and len(live) > len(doc):
            # a map of records (actors by id) shown in part: as many, then "… N more"
            for k in live:
                if len(out) >= len(doc):
                    break
                out.setdefault(k, live[k])
            if len(live) > len(out):
                out[f"… {len(live) - len(out)} more"] = {}
            return out
        out.update({k: v for k, v in live.items() if k not in out})
        return out
    if isinstance(doc, list) and isinstance(live, list):
        shown = [v for v in doc if not _is_more(v)]
        if len(shown) == len(doc) and len(live) > len(doc) and doc:
            shown = doc  # a list shown whole: show the live one whole
            return [fill(doc[min(i, len(doc) - 1)], v) for i, v in enumerate(live)]
        out = [fill(shown[min(i, len(shown) - 1)] if shown else None, v)
               for i, v in enumerate(live[:len(shown)])]
        if len(live) > len(shown):
            out.append(f"… {len(live) - len(shown)} more")
        return out
    if isinstance(doc, str) and isinstance(live, str) and doc.endswith("…"):
        width = len(doc) - 1
        return live if len(live) <= width else live[:width] + "…"
    return live


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def layout(value: Any, original: str) -> str:
    """``value`` laid out as ``original`` was: one line, or its top keys one a line with the
    containers that stood one item a line expanded once."""
    if "\n" not in original.strip() or not isinstance(value, dict):
        return _compact(value)
    expanded = set(re.findall(r'^  "([^"]+)": [\[{]$', original, re.M))
    lines = []
    for key, item in value.items():
        if key in expanded and isinstance(item, (dict, list)) and item:
            if isinstance(item, dict):
                inner = [f"    {_compact(k)}: {_compact(v)}" for k, v in item.items()]
                lines.append(f"  {_compact(key)}: {{\n" + ",\n".join(inner) + "\n  }")
            else:
                inner = [f"    {_compact(v)}" for v in item]
                lines.append(f"  {_compact(key)}: [\n" + ",\n".join(inner) + "\n  ]")
        else:
            lines.append(f"  {_compact(key)}: {_compact(item)}")
    return "{\n" + ",\n".join(lines) + "\n}"


def _clients(folder: Path) -> tuple[Any, Any]:
    from fastapi.testclient import TestClient

    from pactwatch.api.app import create_app
    from pactwatch.ingest.batch import ingest_paths
    from pactwatch.store import open_store
    from pactwatch.stories.build import update_stories

    plain, stories = folder / "examples.db", folder / "stories.db"
    with open_store(str(plain)) as store:
        ingest_paths([str(REPO / "examples")], store)
    with open_store(str(stories)) as store:
        ingest_paths([str(REPO / "examples"), str(REPO / "tests/fixtures/api/xss.txt"),
                      str(REPO / "tests/fixtures/stories")], store)
        update_stories(store)
    return TestClient(create_app(str(plain))), TestClient(create_app(str(stories)))


def refresh(text: str, plain: Any, stories: Any) -> str:
    def one(match: re.Match[str]) -> str:
        url, body = match.group(2), match.group(3)
        if re.search(r"^ {6,}\S", body, re.M):
            # laid out by hand deeper than this script lays out: say so, leave it
            print(f"by hand, not refreshed: {url}", file=sys.stderr)
            return match.group(0)
        live = (stories if url.startswith("/api/stories") else plain).get(url)
        if live.status_code != 200:
            raise SystemExit(f"{url}: {live.status_code} {live.text[:200]}")
        return match.group(1) + layout(fill(json.loads(body), live.json()), body) + match.group(4)

    return EXAMPLE.sub(one, text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether docs are stale")
    args = parser.parse_args()
    text = DOC.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        plain, stories = _clients(Path(folder))
        with plain, stories:
            new = refresh(text, plain, stories)
    if args.check:
        stale = [u for (_, u, b, _), (_, _, nb, _) in zip(EXAMPLE.findall(text),
                                                          EXAMPLE.findall(new), strict=True)
                 if b != nb]
        print("\n".join(f"stale: {u}" for u in stale) or "docs/api.md examples are live")
        return 1 if stale else 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
