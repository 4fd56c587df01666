"""Stories: MinHash signatures, the linking rule, corroboration with independent sources,
and the whole path through a store (incremental updates, the CLI) on articles we wrote:
one wire report rewritten by two outlets, a rewrite in other words, a near-copy, an
unrelated article about the same countries, and a report relayed through another outlet."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from pactwatch.document import Actor, Commitment, Document, Event, Mention, Quote, Span
from pactwatch.ingest.batch import ingest_paths
from pactwatch.store import Store, open_store
from pactwatch.stories.build import update_stories
from pactwatch.stories.cluster import (
    CANDIDATE_THRESHOLD,
    LSH_BANDS,
    LSH_ROWS,
    MAX_STORY_DAYS,
    BandIndex,
    StoryArticle,
    StoryIndex,
    cluster,
    record_dates,
    same_story,
    text_numbers,
)
from pactwatch.stories.corroboration import outlet_id, story_claims
from pactwatch.stories.minhash import (
    NUM_PERM,
    SCHEME,
    SEED,
    VERSION,
    from_text,
    shingles,
    signature,
    similarity,
    to_text,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "stories_wire"
TRANSLATION_FIXTURES = FIXTURES.parent / "stories_translation"
WIRE = {"wire_tin_a.md", "wire_tin_b.md", "rewrite_dich.md", "ban_sao.md"}
CHAIN = {"chuoi_dan_nguon.md", "chuoi_goc.md"}

TEXT = ("Ngày 12/3, Bộ trưởng Quốc phòng Ba Lan và người đồng cấp Phần Lan đã ký thỏa thuận"
        " hợp tác phòng không tại Warszawa, hai bên nhất trí trao đổi thông tin tình báo.")


# -- signatures ------------------------------------------------------------------------------


def test_signature_round_trips_through_text() -> None:
    sig = signature(TEXT)
    back = from_text(to_text(sig))
    assert back is not None
    assert similarity(sig, back) == 1.0
    assert from_text("v0:" + to_text(sig)[3:]) is None  # another recipe is not trusted
    assert from_text(VERSION + ":not base64!") is None


def test_signature_ignores_case_and_unicode_form() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", TEXT.upper())
    assert similarity(signature(TEXT), signature(decomposed)) == 1.0
    assert similarity(signature(TEXT), signature("Giá lúa gạo tăng mạnh ở đồng bằng.")) < 0.1


def test_signature_is_datasketchs_minhash() -> None:
    """The numpy recipe gives datasketch's values (signatures already stored stay valid)."""
    datasketch = pytest.importorskip("datasketch")
    for text in (TEXT, "", "hai từ", TEXT * 40):
        theirs = _datasketch_sig(datasketch, text)
        assert signature(text).hashvalues.tolist() == theirs.hashvalues.tolist()


def test_bands_are_datasketchs_and_find_its_candidates() -> None:
    datasketch = pytest.importorskip("datasketch")
    lsh = datasketch.MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (LSH_BANDS, LSH_ROWS)
    words = TEXT.split()
    texts = {f"d{i}": " ".join(words[i % 7:] + words[: i % 7][::-1]) for i in range(30)}
    ours = BandIndex()
    for key, text in texts.items():
        lsh.insert(key, _datasketch_sig(datasketch, text))
        ours.insert(key, signature(text))
    for text in (*texts.values(), TEXT, "Giá lúa gạo tăng mạnh ở đồng bằng."):
        assert ours.query(signature(text)) == set(lsh.query(_datasketch_sig(datasketch, text)))
    with pytest.raises(ValueError):
        ours.insert("d0", signature(TEXT))


def _datasketch_sig(datasketch: Any, text: str) -> Any:
    import zlib

    m = datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=zlib.crc32)
    if found := shingles(text):
        m.update_batch(list(found))
    return m


# -- the linking rule ------------------------------------------------------------------------


def _article(doc_id: str, text: str, day: str | None, actors: set[str]) -> StoryArticle:
    return StoryArticle(doc_id, signature(text), earliest=day, latest=day,
                        actors=frozenset(actors))


@pytest.mark.parametrize(
    ("sim", "day_b", "actors_b", "linked"),
    [
        (0.6, "2025-03-13", set(), True),  # much shared text: actors need not agree
        (0.6, "2025-03-30", set(), False),  # ... but not weeks apart
        (0.3, "2025-03-12", {"country:POL", "country:FIN"}, True),
        (0.3, "2025-03-12", {"country:POL"}, False),  # one shared country is not enough
        (0.1, "2025-03-12", {"country:POL", "country:FIN"}, False),
        (0.6, None, set(), True),  # an undated article is judged by its text
    ],
)
def test_same_story_rule(sim: float, day_b: str | None, actors_b: set[str],
                         linked: bool) -> None:
    a = _article("a", TEXT, "2025-03-12", {"country:POL", "country:FIN", "organization:nato"})
    b = _article("b", TEXT, day_b, actors_b)
    assert same_story(a, b, sim) is linked


def test_record_dates_from_estimate_when_unstated() -> None:
    record = {"document": {"published": None, "published_estimate": {
        "value": "2025-04", "earliest": None, "latest": None, "basis": "year-mentions"}}}
    assert record_dates(record) == ("2025-04-01", "2025-04-30")
    assert record_dates({"document": {"published": "2024-02"}}) == ("2024-02-01", "2024-02-29")


def test_cluster_flags_near_duplicates_and_keeps_unrelated_apart() -> None:
    actors = {"country:POL", "country:FIN"}
    articles = [
        _article("1", TEXT, "2025-03-12", actors),
        _article("2", TEXT + " Hệ thống đầu tiên đến vào tháng 6.", "2025-03-12", actors),
        _article("3", "Giá lúa gạo tăng mạnh ở đồng bằng sông Cửu Long trong tuần này.",
                 "2025-03-12", actors),
    ]
    stories = cluster(articles)
    assert [s.members for s in stories] == [["1", "2"]]
    assert stories[0].near_duplicate_of == {"2": "1"}
    assert stories[0].id == "s-1"


def test_links_do_not_chain_a_daily_bulletin_over_weeks() -> None:
    actors = {"country:VNM", "organization:who"}
    days = [f"2021-04-{d:02d}" for d in range(1, 29, 3)]  # a near-identical bulletin every 3 days
    stories = cluster(_article(day, TEXT + f" Số ca: {i}.", day, actors)
                      for i, day in enumerate(days))
    assert stories, "neighbouring bulletins belong together"
    for story in stories:
        assert int(max(story.members)[-2:]) - int(min(story.members)[-2:]) <= MAX_STORY_DAYS
    assert sum(len(s.members) for s in stories) == len(days)


def test_index_is_incremental() -> None:
    actors = {"country:POL", "country:FIN"}
    index = StoryIndex()
    index.load(_article("1", TEXT, "2025-03-12", actors), story="s-1")
    index.load(_article("2", TEXT + " Thêm.", "2025-03-12", actors), story="s-1", sim=0.9)
    assert index.stories(only_touched=True) == []
    index.add(_article("0", TEXT + " Thêm nữa.", "2025-03-12", actors))
    (story,) = index.stories(only_touched=True)
    assert sorted(story.members) == ["0", "1", "2"] and story.id == "s-0"


# -- corroboration ---------------------------------------------------------------------------


def _record(doc_id: str, *, outlet: str | None = None, credited: list[str] | None = None,
            via: list[str] | None = None) -> dict[str, Any]:
    return {
        "document": {"id": doc_id, "outlet": outlet, "credited_sources": credited or []},
        "actors": [], "quotes": [], "events": [],
        "commitments": [{"id": "c1", "type": "air_defense", "guarantors": ["country:GBR"],
                         "beneficiaries": ["country:UKR"], "status": "agreed",
                         "reported_via": via or []}],
    }


def test_a_relayed_report_is_one_source_with_its_origin() -> None:
    (claim,) = story_claims([
        _record("a", outlet="RBC-Ukraine", via=["outlet:rbc-ukraine", "outlet:the-telegraph"]),
        _record("b", outlet="The Telegraph", via=["outlet:the-telegraph"]),
    ])
    assert claim.corroboration == 2
    assert claim.independent_sources == [["outlet:the-telegraph"]]


def test_articles_crediting_one_wire_count_once() -> None:
    (claim,) = story_claims([
        _record("a", outlet="Dân trí", credited=["Reuters"]),
        _record("b", outlet="VnExpress", credited=["Theo Reuters"]),
        _record("c", outlet="Thời Báo Mẫu"),
        _record("d", outlet="Báo X", credited=["AFP", "Reuters"]),
    ])
    assert claim.corroboration == 4
    assert claim.as_dict()["n_independent"] == 2
    assert claim.independent_sources == [["outlet:afp", "outlet:reuters"],
                                         ["outlet:thoi-bao-mau"]]


def test_outlet_ids_for_credited_names() -> None:
    assert outlet_id("Reuters") == outlet_id("Theo Reuters") == "outlet:reuters"
    assert outlet_id("Telegraph") == outlet_id("The Telegraph") == "outlet:the-telegraph"


def test_an_outlet_cited_in_the_text_is_the_origin_not_the_relay() -> None:
    record = _record("a", outlet="Tin Nhanh")
    record["commitments"] = []
    record["actors"] = [
        {"id": "outlet:rbc-ukraine", "kind": "outlet", "mentions": [{"start": 0, "end": 1}]},
        {"id": "outlet:the-telegraph", "kind": "outlet", "mentions": [{"start": 2, "end": 3}]},
    ]
    record["quotes"] = [{"id": "q1", "speaker": "outlet:the-telegraph",
                         "reported_via": ["outlet:rbc-ukraine"]}]
    record["events"] = [{"id": "e1", "type": "SUPPORT", "source": ["country:GBR"],
                         "target": ["country:UKR"], "quote": None, "status": "reported"}]
    (claim,) = story_claims([record])
    assert claim.independent_sources == [["outlet:the-telegraph"]]


def test_a_photo_agency_is_not_a_source() -> None:
    record = _record("a", outlet="Dân trí")
    record["document"]["zones"] = [{"start": 0, "end": 40, "kind": "caption"},
                                   {"start": 41, "end": 900, "kind": "body"}]
    record["document"]["photo_credits"] = ["Reuters"]
    record["actors"] = [
        # "(Ảnh: Sputnik)" in the caption, Reuters only as the photo credit
        {"id": "outlet:sputnik", "kind": "outlet", "mentions": [{"start": 30, "end": 37}]},
        {"id": "outlet:reuters", "kind": "outlet", "mentions": [{"start": 300, "end": 307}]},
    ]
    (claim,) = story_claims([record])
    assert claim.independent_sources == [["outlet:dan-tri"]]
    record["actors"].append(
        {"id": "outlet:tass", "kind": "outlet", "mentions": [{"start": 60, "end": 64}]})
    (claim,) = story_claims([record])
    assert claim.independent_sources == [["outlet:tass"]]


# -- through a store ----------------------------------------------------------------------------
# The articles are stored with analyses we write here (not the pipeline's, which other
# work keeps improving), so these tests pin the stories, not the extractors.

POL_FIN = ["country:POL", "country:FIN", "organization:nato", "place:warsaw"]
GBR_UKR = ["country:GBR", "country:UKR"]
AIR_DEFENSE = {"type": "air_defense", "guarantors": ["country:POL"],
               "beneficiaries": ["country:FIN"]}
AID = {"type": "military_aid", "guarantors": ["country:GBR"], "beneficiaries": ["country:UKR"]}
ANALYSES: dict[str, dict[str, Any]] = {
    "wire_tin_a.md": {"actors": POL_FIN, "commitments": [AIR_DEFENSE]},
    "wire_tin_b.md": {"actors": POL_FIN, "commitments": [AIR_DEFENSE]},
    "ban_sao.md": {"actors": POL_FIN, "commitments": [AIR_DEFENSE]},
    "rewrite_dich.md": {"actors": POL_FIN, "commitments": [AIR_DEFENSE]},
    "cung_actor_khac_viec.md": {"actors": ["country:POL", "country:FIN"], "commitments": []},
    # RBC-Ukraine relays The Telegraph: the quote is the Telegraph's, reported via RBC
    "chuoi_dan_nguon.md": {
        "actors": GBR_UKR + ["outlet:rbc-ukraine", "outlet:the-telegraph"],
        "commitments": [{**AID, "reported_via": ["outlet:rbc-ukraine", "outlet:the-telegraph"]}],
        "quotes": [{"id": "q1", "speaker": "outlet:the-telegraph",
                    "reported_via": ["outlet:rbc-ukraine"]}],
        "events": [{"type": "SUPPORT", "source": ["country:GBR"], "target": ["country:UKR"],
                    "quote": "q1"}],
    },
    "chuoi_goc.md": {
        "actors": GBR_UKR + ["outlet:the-telegraph"],
        "commitments": [{**AID, "reported_via": ["outlet:the-telegraph"]}],
        "events": [{"type": "SUPPORT", "source": ["country:GBR"], "target": ["country:UKR"]}],
    },
}
NAMES = {"country:POL": "Ba Lan", "country:FIN": "Phần Lan", "organization:nato": "NATO",
         "place:warsaw": "Warszawa", "country:GBR": "Anh", "country:UKR": "Ukraine",
         "outlet:rbc-ukraine": "RBC-Ukraine", "outlet:the-telegraph": "The Telegraph"}


def analysed_document(path: Path, analysis: dict[str, Any]) -> Document:
    """The article at ``path`` (front matter + body) with the analysis we wrote for it."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(front)
    text = f"{meta['title']}\n\n{body.strip()}\n"
    doc = Document(text=text, source_path=str(path), title=meta["title"],
                   published=str(meta["date"]), outlet=meta["outlet"],
                   credited_sources=list(meta.get("credited") or []))
    for actor_id in analysis["actors"]:
        name = NAMES[actor_id]
        start = text.find(name)
        mentions = [Mention(start, start + len(name), name)] if start >= 0 else []
        doc.actors.append(Actor(actor_id, name, name, actor_id.split(":")[0], mentions=mentions))
    doc.quotes = [Quote(q["id"], q["speaker"], False, 0, 10, text[:10],
                        reported_via=q["reported_via"]) for q in analysis.get("quotes", [])]
    doc.events = [Event(f"e{i}", e["type"], None, e["source"], e["target"], None, None,
                        "reported", Span(0, 10), quote=e.get("quote"))
                  for i, e in enumerate(analysis.get("events", []), 1)]
    doc.commitments = [Commitment(f"c{i}", c["type"], c["guarantors"], c["beneficiaries"],
                                  "agreed", reported_via=c.get("reported_via", []))
                       for i, c in enumerate(analysis["commitments"], 1)]
    return doc


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "s.db") as opened:
        for name, analysis in ANALYSES.items():
            opened.save_document(analysed_document(FIXTURES / name, analysis))
        yield opened


def _names(story: dict[str, Any]) -> set[str]:
    return {Path(m["source_path"]).name for m in story["members"]}


def test_stories_of_the_fixture_articles(store: Store) -> None:
    summary = update_stories(store)
    assert summary.signed == 7 and summary.stories == 2
    stories = [store.get_story(row["id"]) for row in store.list_stories()]
    by_members = {frozenset(_names(s)): s for s in stories if s}
    # the article on the same countries' farm trade stays out of the wire story
    assert set(by_members) == {frozenset(WIRE), frozenset(CHAIN)}

    wire = by_members[frozenset(WIRE)]
    assert wire["size"] == 4 and wire["date_first"] == "2025-03-12"
    assert wire["date_last"] == "2025-03-13"
    assert wire["outlets"] == ["Thời Báo Mẫu", "Tin Nhanh Quốc Tế", "Tin Tổng Hợp Mẫu",
                               "Điểm Tin Thế Giới"]
    ids = {Path(m["source_path"]).name: m["doc_id"] for m in wire["members"]}
    flagged = {Path(m["source_path"]).name: m["near_duplicate_of"] for m in wire["members"]
               if m["near_duplicate_of"]}
    # the near-copy and the report it copies: whichever came second is flagged
    assert flagged in ({"ban_sao.md": ids["wire_tin_a.md"]},
                       {"wire_tin_a.md": ids["ban_sao.md"]})
    (claim,) = wire["claims"]
    assert claim["kind"] == "commitment" and claim["type"] == "air_defense"
    # four reports: three credit Reuters (one source), the rewrite credits no one
    assert claim["corroboration"] == 4
    assert claim["independent_sources"] == [["outlet:reuters"], ["outlet:thoi-bao-mau"]]
    assert claim["n_independent"] == 2

    chain = by_members[frozenset(CHAIN)]
    assert {c["kind"] for c in chain["claims"]} == {"event", "commitment"}
    for claim in chain["claims"]:
        # an RBC-Ukraine report citing The Telegraph is one source: The Telegraph
        assert claim["corroboration"] == 2
        assert claim["independent_sources"] == [["outlet:the-telegraph"]]


def test_new_articles_are_matched_incrementally(store: Store) -> None:
    update_stories(store)
    again = update_stories(store)
    assert again.signed == 0 and again.changed == 0 and again.stories == 2

    rebuilt = update_stories(store, rebuild=True)
    assert rebuilt.signed == 7 and rebuilt.stories == 2

    # the same wire report arriving later from one more outlet joins its story
    late = analysed_document(FIXTURES / "wire_tin_b.md", ANALYSES["wire_tin_b.md"])
    late = Document(text=late.text.replace("đã ký", "vừa ký"), source_path="muon.md",
                    title=late.title, published=late.published, outlet="Báo Đến Muộn",
                    actors=late.actors, commitments=late.commitments)
    store.save_document(late)
    summary = update_stories(store)
    assert summary.signed == 1 and summary.changed == 1 and summary.stories == 2
    assert sorted(row["size"] for row in store.list_stories()) == [2, 5]
    # every article is in one story at most, and old rows of a renamed story are gone
    members = store.story_memberships()
    assert len(members) == 7


def test_stories_cli(store: Store) -> None:
    from pactwatch.cli.main import cli

    db = store.url.removeprefix("sqlite:///")
    runner = CliRunner()
    listed = runner.invoke(cli, ["stories", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert [r["size"] for r in rows] == [4, 2]

    table = runner.invoke(cli, ["stories", "--db", db])
    assert table.exit_code == 0 and rows[0]["id"] in table.output

    shown = runner.invoke(cli, ["stories", "show", rows[1]["id"][:8], "--db", db],
                          env={"COLUMNS": "250"})
    assert shown.exit_code == 0, shown.output
    # both reports cite The Telegraph: the claims table counts one independent origin
    assert "1 (single source)" in shown.output

    as_json = runner.invoke(cli, ["stories", "show", rows[0]["id"], "--db", db, "--json"])
    assert json.loads(as_json.output)["size"] == 4
    missing = runner.invoke(cli, ["stories", "show", "s-nothing", "--db", db])
    assert missing.exit_code == 2 and "no story" in missing.output


# -- translations ----------------------------------------------------------------------------
# A translation shares almost no words with its original, so the text LSH cannot find it;
# the same actors on close dates stating the same figures can.


def test_text_numbers_are_written_the_same_in_any_language() -> None:
    assert text_numbers("góp 2,4 tỷ euro, 1.500 binh sĩ và 75 xe, ngày 14/5/2025") == {
        "24", "1500", "75"}
    assert text_numbers("2.4 billion euros, 1,500 soldiers and 75 vehicles on Wednesday") == {
        "24", "1500", "75"}


def test_a_translation_is_linked_by_its_figures() -> None:
    def article(doc_id: str, text: str, numbers: set[str], actors: set[str],
                language: str = "en") -> StoryArticle:
        return StoryArticle(doc_id, signature(text), earliest="2025-05-14", latest="2025-05-15",
                            actors=frozenset(actors), numbers=frozenset(numbers),
                            language=language)

    both = {"country:DEU", "country:LTU", "country:NLD"}
    original = article("a", "Đức và Hà Lan góp tiền mua phòng không cho Litva",
                       {"24", "340", "75"}, both, "vi")
    translation = article("b", "Germany and the Netherlands pay for Lithuanian air defence",
                          {"24", "340", "75"}, both)
    other = article("c", "Lithuania and Germany hold talks on a permanent brigade",
                    {"45", "4800", "200"}, {"country:DEU", "country:LTU"})
    (story,) = cluster([original, translation, other])
    assert story.members == ["a", "b"]
    # the same figures without the same actors are a coincidence, not a translation
    stranger = article("d", "Twelve football teams", {"24", "340", "75"}, {"country:BRA"})
    assert cluster([original, stranger]) == []
    # within one language, shared figures alone do not make one story
    same_language = article("e", "Đức và Hà Lan bàn chuyện khác với Litva", {"24", "340", "75"},
                            both, "vi")
    assert cluster([original, same_language]) == []


def test_the_pipeline_links_an_article_and_its_english_translation(tmp_path: Path) -> None:
    with open_store(tmp_path / "t.db") as opened:
        ingest_paths([TRANSLATION_FIXTURES], opened)
        update_stories(opened)
        stories = [opened.get_story(row["id"]) for row in opened.list_stories()]
    assert [sorted(_names(s)) for s in stories if s] == [["ban_dich_en.md", "goc_vi.md"]]


# -- scoring against a stories gold set ------------------------------------------------------


def test_pairwise_story_scores() -> None:
    from pactwatch.stories.score import gold_files, score_pairs

    gold = {"set": "t", "stories": [["a", "b", "c"]], "singletons": ["d", "e"]}
    predicted = {"a": "s1", "b": "s1", "c": None, "d": "s1", "e": None}
    outlets = {"a": "X", "b": "Y", "c": "Y", "d": "Z", "e": "Z"}
    result = score_pairs(gold, predicted, outlets)
    # gold pairs ab, ac, bc; found ab, ad, bd
    assert result["all"]["true_pos"] == 1 and result["all"]["false_pos"] == 2
    assert result["all"]["false_neg"] == 2
    assert result["cross_outlet"]["true_pos"] == 1 and result["cross_outlet"]["false_neg"] == 1
    assert sorted(gold_files(gold)) == ["a", "b", "c", "d", "e"]
    with pytest.raises(ValueError):
        gold_files({"stories": [["a", "b"]], "singletons": ["a"]})


def test_the_stories_gold_sets_are_well_formed() -> None:
    from pactwatch.stories.score import gold_files

    for path in sorted((Path(__file__).resolve().parents[1] / "gold" / "stories").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert all(len(story) >= 2 for story in gold["stories"]), path
        assert gold_files(gold), path
