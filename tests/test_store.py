"""The store test suite. Every back end must pass it: the ``store_factory`` fixture is
parametrised over back ends; "postgresql" skips unless ``$PACTWATCH_TEST_PG`` reaches a server
(each store it makes lives in a fresh schema, see ``pg_schemas`` in conftest.py)."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.document import (
    Actor,
    Commitment,
    Document,
    Event,
    Mention,
    PublishedEstimate,
    Quote,
    Span,
    TimeExpr,
)
from pactwatch.errors import StoreError
from pactwatch.ingest.build import document_from_parts
from pactwatch.store import Store, open_store
from pactwatch.store import queries as store_queries
from pactwatch.store.filters import MAX_LIMIT

StoreFactory = Callable[[], Store]
BACKENDS = ["sqlite-file", "sqlite-memory", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    opened: list[Store] = []
    counter = itertools.count()
    new_schema = request.getfixturevalue("pg_schemas") if request.param == "postgresql" else None

    def make() -> Store:
        if new_schema is not None:
            store = open_store(new_schema())
        elif request.param == "sqlite-file":
            store = open_store(tmp_path / f"store{next(counter)}.db")
        else:
            store = open_store(":memory:")
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(store_factory: StoreFactory) -> Store:
    return store_factory()


# -- our own example articles -----------------------------------------------------------

def _at(text: str, word: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Span(start, start + len(word))


def _mention(text: str, word: str, nth: int = 0, as_: str = "name") -> Mention:
    span = _at(text, word, nth)
    return Mention(span.start, span.end, word, as_)


def defence_article(path: str = "a.txt") -> Document:
    """Two countries sign a defence pact; one quote, one event, one commitment."""
    doc = document_from_parts(
        [
            ("title", "Việt Nam và Nhật Bản ký hiệp ước phòng thủ"),
            ("body", "Ngày 12/3/2024, Bộ trưởng Quốc phòng Việt Nam gặp người đồng cấp Nhật Bản"
                     " tại Đà Nẵng để bàn về hòa bình. \"Chúng tôi cam kết bảo vệ lẫn nhau\","
                     " ông nói."),
        ],
        source_path=path, title="Việt Nam và Nhật Bản ký hiệp ước phòng thủ",
        published="2024-03-13", outlet="Báo Mẫu",
    )
    text = doc.text
    doc.actors = [
        Actor("country:VNM", "Vietnam", "Việt Nam", "country", "VNM", "Q881",
              [_mention(text, "Việt Nam"), _mention(text, "Việt Nam", 1)]),
        Actor("country:JPN", "Japan", "Nhật Bản", "country", "JPN", "Q17",
              [_mention(text, "Nhật Bản"), _mention(text, "Nhật Bản", 1)]),
        Actor("place:da-nang", "Da Nang", "Đà Nẵng", "place", mentions=[_mention(text, "Đà Nẵng")]),
        Actor("outlet:bao-mau", "Bao Mau", "Báo Mẫu", "outlet", from_metadata=True),
    ]
    doc.times = [TimeExpr(*_astuple(_at(text, "Ngày 12/3/2024")), "Ngày 12/3/2024", "2024-03-12",
                          "day", "absolute", "2024-03-12", "2024-03-12")]
    quote_span = _at(text, "\"Chúng tôi cam kết bảo vệ lẫn nhau\"")
    doc.quotes = [Quote("q1", "country:VNM", True, quote_span.start, quote_span.end,
                        text[quote_span.start:quote_span.end], ["outlet:bao-mau"], verb="nói")]
    doc.events = [Event("e1", "CONSULT", "meeting", ["country:VNM"], ["country:JPN"],
                        "2024-03-12", "place:da-nang", "occurred", _at(text, "gặp"),
                        confidence=0.8, trigger="gặp")]
    doc.commitments = [Commitment("c1", "collective_defense", ["country:VNM", "country:JPN"],
                                  ["country:JPN", "country:VNM"], "agreed",
                                  conditions=["khi một bên bị tấn công"], date="2024-03",
                                  evidence=_at(text, "ký hiệp ước phòng thủ"), confidence=0.7)]
    doc.stages_run = ["segment", "actors", "times", "quotes", "events", "commitments"]
    return doc


def aid_article(path: str = "b.txt") -> Document:
    """An alliance promises air defence; dated by estimate only, different outlet."""
    doc = document_from_parts(
        [("title", "Liên minh hứa viện trợ phòng không"),
         ("body", "NATO cho biết sẽ gửi hệ thống phòng không cho Nhật Bản trong tháng tới.")],
        source_path=path, title="Liên minh hứa viện trợ phòng không", outlet="Tin Thử",
    )
    doc.published_estimate = PublishedEstimate("2024-05", "2024-05-01", "2024-05-31",
                                               "latest-dated-mention")
    text = doc.text
    doc.actors = [
        Actor("organization:nato", "NATO", "NATO", "organization", wikidata="Q7184",
              mentions=[_mention(text, "NATO")]),
        Actor("country:JPN", "Japan", "Nhật Bản", "country", "JPN", "Q17",
              [_mention(text, "Nhật Bản")]),
    ]
    doc.events = [Event("e1", "AID", None, ["organization:nato"], ["country:JPN"], None, None,
                        "planned", _at(text, "gửi hệ thống phòng không"))]
    doc.commitments = [Commitment("c1", "air_defense", ["organization:nato"], ["country:JPN"],
                                  "proposed", evidence=_at(text, "gửi hệ thống phòng không"))]
    return doc


def _astuple(span: Span) -> tuple[int, int]:
    return span.start, span.end


def plain_article(body: str, *, path: str, published: str | None = None,
                  outlet: str | None = None) -> Document:
    return document_from_parts([("body", body)], source_path=path, published=published,
                               outlet=outlet)


# -- migrations and opening ----------------------------------------------------------------

def test_migrations_are_recorded_and_idempotent(store: Store) -> None:
    applied = store.applied_migrations()
    assert applied[:2] == ["m001_core_tables", "m002_search_index"]
    assert store.migrate() == []
    assert store.applied_migrations() == applied


def test_reopening_a_file_keeps_data_and_applies_nothing(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with open_store(path) as first:
        first.save_document(defence_article())
        applied = first.applied_migrations()
    with open_store(f"sqlite:///{path}") as second:
        assert second.applied_migrations() == applied
        assert second.count_documents() == 1


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", ":memory:"])
def test_open_store_memory_urls(url: str) -> None:
    with open_store(url) as store:
        assert store.count_documents() == 0


def test_open_store_reads_env_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACTWATCH_DB", str(tmp_path / "env.db"))
    with open_store() as store:
        store.save_document(aid_article())
    assert (tmp_path / "env.db").exists()


def test_open_store_rejects_unknown_scheme() -> None:
    with pytest.raises(StoreError) as err:
        open_store("mysql://localhost/news")
    assert err.value.code == "E201"


def test_open_store_postgres_without_driver_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    # None in sys.modules makes "import psycopg" fail, as on a machine without it
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError) as err:
        open_store("postgresql://localhost/news")
    assert err.value.code == "E204"
    assert "psycopg" in err.value.message


def test_open_store_rejects_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("this is not a database, just notes\n" * 20)
    with pytest.raises(StoreError) as err:
        open_store(bad)
    assert err.value.code == "E201"
    assert str(bad) in str(err.value)


def test_open_store_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as err:
        open_store(tmp_path / "no" / "such" / "news.db")
    assert "does not exist" in err.value.message


# -- writing ------------------------------------------------------------------------------

def test_stored_record_is_the_analysis_record(store: Store) -> None:
    doc = defence_article()
    assert store.save_document(doc).status == "stored"
    assert store.get_record(doc.id) == doc.as_dict()
    assert store.get_record("0000000000000000") is None


def test_ids_by_prefix(store: Store) -> None:
    defence, aid = defence_article(), aid_article()
    store.save_document(defence)
    store.save_document(aid)
    assert store.document_ids_starting(defence.id[:6]) == [defence.id]
    assert store.document_ids_starting("") == sorted([defence.id, aid.id])
    assert store.document_ids_starting("%") == [] and store.document_ids_starting("zz") == []


def test_same_text_again_adds_nothing(store: Store) -> None:
    doc = defence_article("a.txt")
    store.save_document(doc)
    before = store.counts()
    again = store.save_document(defence_article("a.txt"))
    assert again.status == "duplicate" and again.doc_id == doc.id
    assert store.counts() == before


def test_duplicate_under_another_name_points_to_the_first(store: Store) -> None:
    doc = defence_article("a.txt")
    store.save_document(doc)
    dup = store.save_document(defence_article("copy/of-a.txt"))
    assert dup.status == "duplicate"
    assert dup.original_path == "a.txt"
    row = store.get_document(doc.id)
    assert row is not None
    assert [s["path"] for s in row["sources"]] == ["a.txt", "copy/of-a.txt"]
    assert store.get_record(doc.id)["document"]["source_path"] == "a.txt"  # type: ignore[index]


def test_a_failed_save_leaves_nothing_behind(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_index(doc: Document) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_index_document", broken_index)
    with pytest.raises(RuntimeError):
        store.save_document(defence_article())
    monkeypatch.undo()
    assert store.counts() == {k: 0 for k in store.counts()}
    # and the store is still usable afterwards
    assert store.save_document(defence_article()).status == "stored"


def test_metadata_that_json_cannot_hold_is_stored_as_text(store: Store) -> None:
    import datetime as dt

    doc = aid_article()
    doc.meta["fetched"] = dt.date(2024, 5, 2)
    store.save_document(doc)
    assert store.get_record(doc.id)["document"]["meta"] == {"fetched": "2024-05-02"}  # type: ignore[index]


# -- documents --------------------------------------------------------------------------------

def test_list_documents_newest_first_with_filters(store: Store) -> None:
    store.save_document(defence_article())  # 2024-03-13, Báo Mẫu
    store.save_document(aid_article())  # estimate 2024-05, Tin Thử
    store.save_document(plain_article("Bài không có ngày tháng.", path="c.txt"))
    rows = store.list_documents()
    assert [r["date"] for r in rows] == ["2024-05", "2024-03-13", None]
    assert rows[0]["stages"] == [] and rows[1]["n_quotes"] == 1
    assert "text" not in rows[0]
    assert [r["outlet"] for r in store.list_documents(outlet="Báo Mẫu")] == ["Báo Mẫu"]
    assert [r["date"] for r in store.list_documents(date_from="2024-04")] == ["2024-05"]
    assert [r["date"] for r in store.list_documents(date_to="2024-03")] == ["2024-03-13"]
    assert [r["date"] for r in store.list_documents(date_from="2024-03-13",
                                                    date_to="2024-05-31")] == ["2024-05",
                                                                               "2024-03-13"]
    assert store.count_documents() == 3
    assert store.count_documents(date_from="2024") == 2
    assert len(store.list_documents(limit=1, offset=1)) == 1
    assert store.list_documents(limit=1, offset=1)[0]["date"] == "2024-03-13"


def test_outlets_and_counts(store: Store) -> None:
    store.save_document(defence_article())
    store.save_document(defence_article("copy.txt"))
    store.save_document(aid_article())
    store.save_document(plain_article("Tin không rõ nguồn.", path="c.txt"))
    assert store.list_outlets() == [{"outlet": "Báo Mẫu", "documents": 1},
                                    {"outlet": "Tin Thử", "documents": 1}]
    assert store.counts() == {"documents": 3, "actors": 5, "mentions": 7, "times": 1,
                              "quotes": 1, "events": 2, "commitments": 2, "runs": 0}


def test_list_documents_full_text_query(store: Store) -> None:
    store.save_document(defence_article())
    store.save_document(aid_article())
    assert [r["title"] for r in store.list_documents(q="phong khong")] == [
        "Liên minh hứa viện trợ phòng không"]
    assert store.count_documents(q="hiep uoc") == 1
    assert store.count_documents(q="   ") == 0
    assert store.list_documents(q="!!!") == []


@pytest.mark.parametrize("bad", ["2024/03/01", "yesterday", "24-03", "2024-3"])
def test_bad_dates_are_refused(store: Store, bad: str) -> None:
    with pytest.raises(StoreError) as err:
        store.list_documents(date_from=bad)
    assert err.value.code == "E203"


def test_bad_pages_are_refused(store: Store) -> None:
    with pytest.raises(StoreError):
        store.list_documents(limit=-1)
    with pytest.raises(StoreError):
        store.list_events(offset=-5)
    with pytest.raises(StoreError):
        store.list_actors(limit=MAX_LIMIT + 1)


def test_iter_records_streams_everything_in_pages(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_queries, "ITER_PAGE", 2)
    ids = set()
    for i in range(5):
        doc = plain_article(f"Bài số {i} nói về hợp tác quốc phòng.", path=f"{i}.txt")
        store.save_document(doc)
        ids.add(doc.id)
    records = list(store.iter_records())
    assert {r["document"]["id"] for r in records} == ids
    assert all(r["schema"] == "pactwatch.analysis/1" for r in records)


# -- search -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hoa binh", "hòa bình"),  # no tone marks typed
        ("HÒA BÌNH", "hòa bình"),  # case
        ("da nang", "Đà Nẵng"),  # đ is a letter of its own, not d + mark
        ("Đà Nẵng", "Đà Nẵng"),
        ("dong cap", "đồng cấp"),
    ],
)
def test_search_ignores_diacritics_and_case(store: Store, query: str, expected: str) -> None:
    store.save_document(defence_article())
    store.save_document(aid_article())
    hits = store.search(query)["documents"]
    assert len(hits) == 1
    snip = hits[0]["snippet"]
    found = snip["text"][snip["match"]["start"]:snip["match"]["end"]]
    assert found.lower() == expected.lower()


def test_search_finds_quotes_and_documents(store: Store) -> None:
    store.save_document(defence_article())
    store.save_document(aid_article())
    result = store.search("bao ve lan nhau")
    assert [q["id"] for q in result["quotes"]] == ["q1"]
    assert result["quotes"][0]["speaker"] == "country:VNM"
    assert result["quotes"][0]["reported_via"] == ["outlet:bao-mau"]
    assert len(result["documents"]) == 1
    assert store.search("")["documents"] == []
    # quote text search through list_quotes too
    assert store.count_quotes(q="cam ket") == 1
    assert store.list_quotes(q="phong khong") == []


def test_search_finds_the_terms_side_by_side_only(store: Store) -> None:
    # Vietnamese writes a word as syllables: "da nang" is "Đà Nẵng", not "đã ... năng"
    scattered = plain_article("Quân đội đã tăng cường khả năng phòng thủ. " * 3, path="s.txt")
    together = plain_article("Hội nghị diễn ra tại Đà Nẵng hôm qua.", path="t.txt")
    store.save_document(scattered)
    store.save_document(together)
    found = store.search("da nang")
    assert [h["id"] for h in found["documents"]] == [together.id]
    assert found["documents_total"] == 1
    snip = found["documents"][0]["snippet"]
    assert snip["text"][snip["match"]["start"]:snip["match"]["end"]] == "Đà Nẵng"
    assert store.count_documents(q="da nang") == 1  # the list filter reads the phrase too


def test_search_ranks_words_that_are_only_part_of_a_name_last(store: Store) -> None:
    # "hoa binh" is the peace (hòa bình); in "Phó Thủ tướng Trương Hòa Bình" it is part of a
    # person's name: such an article comes after every one where the words are the phrase
    title = "Phó Thủ tướng Trương Hòa Bình kiểm tra công tác phòng dịch"
    name_only = document_from_parts(
        [("title", title), ("body", "Phó Thủ tướng Trương Hòa Bình yêu cầu các tỉnh khẩn trương"
                                    " xét nghiệm. Ông Trương Hòa Bình nhấn mạnh phòng dịch.")],
        source_path="n.txt", title=title)
    name_only.actors = [Actor("person:truong-hoa-binh", "Truong Hoa Binh", "Trương Hòa Bình",
                              "person", mentions=[_mention(name_only.text, "Trương Hòa Bình")])]
    both_text = ("Phó Thủ tướng Trương Hòa Bình dự hội nghị. Các nước kêu gọi giữ gìn hòa bình"
                 " và ổn định ở khu vực.")
    both = plain_article(both_text, path="b.txt")
    peace = plain_article("Hai bên cam kết đàm phán một thỏa thuận hòa bình lâu dài.", path="p.txt")
    for doc in (name_only, both, peace):
        store.save_document(doc)
    found = store.search("hoa binh")
    ids = [d["id"] for d in found["documents"]]
    assert set(ids) == {name_only.id, both.id, peace.id} and found["documents_total"] == 3
    assert ids[-1] == name_only.id  # ranked first by its title without the rule
    # an article holding both shows the phrase, not the name, in its snippet
    snip = next(d["snippet"] for d in found["documents"] if d["id"] == both.id)
    start = snip["match"]["start"]
    assert snip["text"][start - 8:start] == "giữ gìn " and snip["text"][start:start + 8] == "hòa bình"
    # the person's name finds the person's article first
    assert store.search("truong hoa binh")["documents"][0]["id"] == name_only.id


def test_search_folding_does_not_merge_different_words(store: Store) -> None:
    store.save_document(defence_article())
    # "đồng" folds to "dong", never to "dang"
    assert store.search("dang cap")["documents"] == []


def test_search_query_cannot_inject_fts_syntax(store: Store) -> None:
    store.save_document(defence_article())
    for hostile in ['"', "NEAR(", "a OR", "title:x", "* AND *", "'; DROP TABLE documents; --"]:
        result = store.search(hostile)
        assert isinstance(result["documents"], list)
    assert store.count_documents() == 1


# -- actors ---------------------------------------------------------------------------------------

def test_actors_with_counts_and_folded_name_search(store: Store) -> None:
    store.save_document(defence_article())
    store.save_document(aid_article())
    actors = {a["id"]: a for a in store.list_actors()}
    assert actors["country:JPN"]["documents"] == 2
    assert actors["country:JPN"]["mentions"] == 3
    assert actors["outlet:bao-mau"]["mentions"] == 0 and actors["outlet:bao-mau"]["documents"] == 1
    assert store.list_actors()[0]["id"] == "country:JPN"  # most documents first
    assert [a["id"] for a in store.list_actors(q="nhat ban")] == ["country:JPN"]
    assert [a["id"] for a in store.list_actors(q="viet")] == ["country:VNM"]
    assert [a["id"] for a in store.list_actors(q="da nang")] == ["place:da-nang"]
    assert [a["id"] for a in store.list_actors(kind="organization")] == ["organization:nato"]
    assert store.count_actors() == 5 and store.count_actors(kind="country") == 2
    assert store.list_actors(q="100%") == []


def test_get_actor_and_its_documents(store: Store) -> None:
    defence, aid = defence_article(), aid_article()
    store.save_document(defence)
    store.save_document(aid)
    jpn = store.get_actor("country:JPN")
    assert jpn is not None
    assert jpn["document_count"] == 2 and jpn["mentions"] == 3
    assert [d["id"] for d in jpn["documents"]] == [aid.id, defence.id]
    assert jpn["events_as_target"] == 2 and jpn["events_as_source"] == 0
    assert jpn["commitments_as_beneficiary"] == 2 and jpn["commitments_as_guarantor"] == 1
    vnm = store.get_actor("country:VNM")
    assert vnm is not None and vnm["quotes"] == 1
    assert store.get_actor("country:XXX") is None


def test_co_occurring_actors(store: Store) -> None:
    store.save_document(defence_article())
    store.save_document(aid_article())
    found = {a["id"]: a["documents"] for a in store.co_occurring_actors("country:JPN")}
    assert found == {"country:VNM": 1, "place:da-nang": 1, "outlet:bao-mau": 1,
                     "organization:nato": 1}
    assert store.co_occurring_actors("country:JPN", limit=2)[0]["documents"] == 1
    assert store.co_occurring_actors("country:XXX") == []


# -- events, quotes, commitments, timeline -----------------------------------------------------

def test_list_events_with_filters(store: Store) -> None:
    store.save_document(defence_article())
    store.save_document(aid_article())
    events = store.list_events()
    assert [e["type"] for e in events] == ["AID", "CONSULT"]  # newest first
    consult = events[1]
    assert consult["source"] == ["country:VNM"] and consult["target"] == ["country:JPN"]
    assert consult["evidence_text"] == "gặp"
    assert consult["period"] == "2024-03-12"
    assert events[0]["period"] == "2024-05"  # no date of its own: the document's
    assert [e["type"] for e in store.list_events(actor="organization:nato")] == ["AID"]
    assert [e["type"] for e in store.list_events(type="CONSULT")] == ["CONSULT"]
    assert [e["type"] for e in store.list_events(outlet="Tin Thử")] == ["AID"]
    assert [e["type"] for e in store.list_events(date_to="2024-04")] == ["CONSULT"]
    assert [e["type"] for e in store.list_events(status="planned")] == ["AID"]
    assert store.count_events(actor="country:JPN") == 2
    assert store.count_events(actor="country:JPN", date_from="2024-05-01") == 1


def test_list_quotes_by_speaker(store: Store) -> None:
    doc = defence_article()
    store.save_document(doc)
    quotes = store.list_quotes(speaker="country:VNM")
    assert len(quotes) == 1
    q = quotes[0]
    assert q["direct"] is True
    assert doc.text[q["start"]:q["end"]] == q["text"]
    assert store.list_quotes(speaker="country:JPN") == []
    assert store.count_quotes(doc_id=doc.id) == 1


def test_list_commitments_by_actor_and_role(store: Store) -> None:
    store.save_document(defence_article())
    store.save_document(aid_article())
    both = store.list_commitments(actor="country:JPN")
    assert {c["type"] for c in both} == {"collective_defense", "air_defense"}
    given_by_jpn = store.list_commitments(actor="country:JPN", role="guarantor")
    assert [c["type"] for c in given_by_jpn] == ["collective_defense"]
    pact = given_by_jpn[0]
    # listed order is kept, not sorted
    assert pact["guarantors"] == ["country:VNM", "country:JPN"]
    assert pact["beneficiaries"] == ["country:JPN", "country:VNM"]
    assert pact["conditions"] == ["khi một bên bị tấn công"]
    assert pact["evidence_text"] == "ký hiệp ước phòng thủ"
    assert store.count_commitments(status="proposed") == 1
    assert store.count_commitments(type="air_defense", actor="organization:nato") == 1
    with pytest.raises(StoreError):
        store.list_commitments(actor="country:JPN", role="owner")


def test_timeline_counts_by_month_and_day(store: Store) -> None:
    store.save_document(defence_article())
    store.save_document(aid_article())
    months = store.timeline("month")
    assert [m["period"] for m in months] == ["2024-03", "2024-05"]
    assert months[0]["events"] == 1 and months[0]["commitments"] == 1
    assert months[0]["event_types"] == {"CONSULT": 1}
    assert months[1]["commitment_types"] == {"air_defense": 1}
    days = store.timeline("day")
    # the March commitment is dated to the month only, the May items to the month only
    assert days == [{"period": "2024-03-12", "events": 1, "commitments": 0,
                     "event_types": {"CONSULT": 1}, "commitment_types": {}}]
    assert [m["period"] for m in store.timeline(actor="organization:nato")] == ["2024-05"]
    assert [m["period"] for m in store.timeline(type="CONSULT")] == ["2024-03"]
    assert store.timeline(outlet="Nowhere") == []
    with pytest.raises(StoreError):
        store.timeline("week")


# -- runs ----------------------------------------------------------------------------------------

def test_runs_record_every_file(store: Store) -> None:
    run = store.start_run({"paths": ["news/"]})
    store.save_document(defence_article("news/a.txt"), run_id=run)
    store.save_document(defence_article("news/copy.txt"), run_id=run)
    store.record_failure(run, "news/bad.bin", "[E103] binary file (NUL bytes)")
    unfinished = store.list_runs()[0]
    assert unfinished["status"] == "unfinished"
    assert (unfinished["stored"], unfinished["duplicates"], unfinished["failed"]) == (1, 1, 1)
    store.finish_run(run, {"files": 3, "stored": 1, "duplicates": 1, "failed": 1, "seconds": 0.5})
    runs = store.list_runs()
    assert runs[0]["id"] == run and runs[0]["status"] == "finished"
    assert runs[0]["args"] == {"paths": ["news/"]} and runs[0]["seconds"] == 0.5
    files = store.run_files(run)
    assert [(f["path"], f["status"]) for f in files] == [
        ("news/a.txt", "stored"), ("news/copy.txt", "duplicate"), ("news/bad.bin", "failed")]
    assert files[1]["doc_id"] == files[0]["doc_id"]
    assert files[1]["reason"] == "same text as news/a.txt"
    assert files[2]["reason"].startswith("[E103]")
    second = store.start_run({})
    assert second > run and store.run_files(second) == []


# -- concurrency (file databases only) -------------------------------------------------------

def test_a_reader_sees_whole_articles_while_a_writer_writes(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    with open_store(path) as writer, open_store(path) as reader:
        writer.save_document(defence_article())
        assert reader.count_documents() == 1
        assert reader.get_record(defence_article().id) is not None


def test_file_database_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "wal.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


# -- properties ------------------------------------------------------------------------------

VIET_WORDS = ["Hà Nội", "Mỹ", "Nga", "Đức", "hòa bình", "an ninh", "phòng thủ", "cam kết",
              "viện trợ", "đàm phán", "Bộ trưởng", "tuyên bố", "quân đội", "khu vực", "ủng hộ"]


@st.composite
def analysed_documents(draw: st.DrawFn) -> Document:
    sentences = draw(st.lists(
        st.lists(st.sampled_from(VIET_WORDS), min_size=2, max_size=8).map(" ".join),
        min_size=1, max_size=6))
    text_parts = [("body", s.capitalize() + ".") for s in sentences]
    doc = document_from_parts(text_parts, source_path=draw(st.sampled_from(["x.txt", None])),
                              published=draw(st.sampled_from([None, "2023-01-05", "2024-07"])),
                              outlet=draw(st.sampled_from([None, "Báo Thử"])))
    text = doc.text

    def span() -> Span:
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        return Span(start, end)

    ids = [f"country:{c}" for c in draw(st.lists(st.sampled_from(["USA", "RUS", "DEU", "VNM"]),
                                                 min_size=1, max_size=4, unique=True))]
    for actor_id in ids:
        mentions = []
        for _ in range(draw(st.integers(0, 3))):
            s = span()
            mentions.append(Mention(s.start, s.end, text[s.start:s.end],
                                    draw(st.sampled_from(["name", "alias", "metonym"]))))
        doc.actors.append(Actor(actor_id, actor_id[8:], None, "country", actor_id[8:],
                                mentions=mentions, roles=draw(st.lists(st.sampled_from(
                                    ["Bộ trưởng", "Thủ tướng"]), max_size=2))))
    for _ in range(draw(st.integers(0, 3))):
        s = span()
        doc.times.append(TimeExpr(s.start, s.end, text[s.start:s.end],
                                  draw(st.sampled_from([None, "2024", "2024-03-02"])),
                                  draw(st.sampled_from([None, "year", "day"])), "absolute"))
    for i in range(draw(st.integers(0, 3))):
        s = span()
        doc.quotes.append(Quote(f"q{i + 1}", draw(st.sampled_from([None, *ids])),
                                draw(st.booleans()), s.start, s.end, text[s.start:s.end],
                                draw(st.lists(st.sampled_from(ids), max_size=2)),
                                speaker_span=draw(st.sampled_from([None, span()]))))
    for i in range(draw(st.integers(0, 3))):
        doc.events.append(Event(
            f"e{i + 1}", draw(st.sampled_from(["AGREE", "CONSULT", "AID"])), None,
            draw(st.lists(st.sampled_from(ids), max_size=2)),
            draw(st.lists(st.sampled_from(ids), max_size=2)),
            draw(st.sampled_from([None, "2024-02", "2024-02-09"])), None,
            draw(st.sampled_from(["occurred", "planned"])), span(),
            confidence=draw(st.floats(0, 1)), evidence_all=[span()]))
    for i in range(draw(st.integers(0, 2))):
        doc.commitments.append(Commitment(
            f"c{i + 1}", "security_guarantee", draw(st.lists(st.sampled_from(ids), max_size=3)),
            draw(st.lists(st.sampled_from(ids), max_size=3)),
            draw(st.sampled_from(["proposed", "agreed"])),
            conditions=draw(st.lists(st.sampled_from(VIET_WORDS), max_size=2)),
            evidence=span()))
    doc.stages_run = ["segment", "actors"]
    return doc


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(doc=analysed_documents())
def test_stored_and_reloaded_record_is_identical(store_factory: StoreFactory,
                                                 doc: Document) -> None:
    store = store_factory()
    store.save_document(doc)
    record = store.get_record(doc.id)
    assert record == doc.as_dict()
    assert record is not None
    assert Document.from_dict(record).as_dict() == record
    assert list(store.iter_records()) == [record]


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(doc=analysed_documents())
def test_every_stored_span_slices_the_text_it_names(store_factory: StoreFactory,
                                                   doc: Document) -> None:
    store = store_factory()
    store.save_document(doc)
    text = doc.text
    for q in store.list_quotes(doc_id=doc.id, limit=1000):
        assert text[q["start"]:q["end"]] == q["text"]
    for e in store.list_events(doc_id=doc.id, limit=1000):
        assert text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence_text"]
    for c in store.list_commitments(doc_id=doc.id, limit=1000):
        assert text[c["evidence"]["start"]:c["evidence"]["end"]] == c["evidence_text"]
    record = store.get_record(doc.id)
    assert record is not None
    for actor in record["actors"]:
        for m in actor["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


# -- integrity -------------------------------------------------------------------------------

def test_verify_finds_nothing_wrong_with_whole_articles(store: Store) -> None:
    store.save_document(defence_article())
    store.save_document(aid_article())
    store.save_document(defence_article("again.txt"))
    assert store.verify() == []


def test_verify_reports_broken_articles(tmp_path: Path) -> None:
    path = tmp_path / "tampered.db"
    with open_store(path) as store:
        doc = defence_article()
        store.save_document(doc)
    # damage the file behind the store's back, as a crash or a bad tool could
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM quotes")
    conn.execute("UPDATE documents SET text = text || ' thêm'")
    conn.execute("INSERT INTO times (doc_id, start_offset, end_offset, text, anchor)"
                 " VALUES ('ffffffffffffffff', 0, 1, 'x', 'absolute')")
    conn.commit()
    conn.close()
    with open_store(path) as store:
        problems = store.verify()
    assert any(p.startswith("times: 1 rows belong to no stored document") for p in problems)
    assert f"{doc.id}: n_quotes does not match its quotes rows" in problems
    assert f"{doc.id}: text does not hash to the document id" in problems
    assert any(p.startswith("quotes_fts:") for p in problems)


# -- folding for search ----------------------------------------------------------------------

@given(st.text())
def test_folding_keeps_length_so_offsets_carry_over(text: str) -> None:
    from pactwatch.store.fold import fold, fold_key

    assert len(fold(text)) == len(text)
    assert fold(fold(text)) == fold(text)
    assert len(fold_key(text)) == len(text) or text.lower() != text.casefold()


@given(st.lists(st.sampled_from(VIET_WORDS), min_size=1, max_size=6))
def test_folded_query_terms_are_found_in_the_accented_text(words: list[str]) -> None:
    from pactwatch.store.fold import find_terms, fold, search_terms

    text = " ".join(words)
    terms = search_terms(fold(text).upper())
    found = find_terms(text, terms)
    assert found is not None
    start, end = found
    assert search_terms(text[start:end]) == terms  # side by side: the whole phrase


def test_many_openers_of_a_new_database_at_once(db_target: str) -> None:
    import threading

    errors: list[BaseException] = []

    def open_and_save(i: int) -> None:
        try:
            with open_store(db_target) as store:
                store.save_document(plain_article(f"Bài số {i} về hợp tác an ninh.", path=f"{i}"))
        except BaseException as exc:  # collected: a thread's exception would be lost
            errors.append(exc)

    threads = [threading.Thread(target=open_and_save, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(db_target) as store:
        assert store.count_documents() == 8
        assert store.applied_migrations()[:2] == ["m001_core_tables", "m002_search_index"]
