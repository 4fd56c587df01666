"""Numbered, catalogued errors that say what went wrong and what to do.

Codes: E0xx pipeline, E1xx ingest/readers, E2xx store, E3xx knowledge base,
E4xx evaluation, E5xx web/API, E6xx system model.

Every code raised anywhere in pactwatch is listed here (``tests/test_errors.py``
keeps this table complete):

====  ===========================  ==============================================
code  meaning                      what to do
====  ===========================  ==============================================
E001  unknown stage                use a name ``pactwatch.stages`` registers
E002  stage returned no Document   a stage must return the Document it was given
E003  stage requirement unmet      put the stage that assigns the field earlier
E004  article over time budget     raise $PACTWATCH_ARTICLE_SECONDS or split it
E051  lexicon unreadable           fix the YAML of the extraction lexicon named
E052  lexicon without source       every lexicon file is a mapping with ``source``
E053  lexicon entry without vi     give each entry its Vietnamese ``vi`` form
E099  analysis or storing bug      a bug: the article failed, the run went on; report it
E101  empty file                   the file (or record set) holds no article text
E102  too large                    raise ``max_bytes`` or split the file
E103  binary, not text             NUL bytes or many control bytes: not an article
E104  undecodable bytes            bytes invalid in the encoding their BOM declares
E105  broken front matter          fix the YAML at the line named, or close ``---``
E106  unreadable path              missing file, a directory, or no permission
E107  unsupported format           use .txt, .md, .html, .jsonl or .json (or ``fmt``)
E108  bad JSON record              the record named is not JSON or has no ``text``
E109  no main text in HTML         the page has no article body trafilatura can find
E110  Dask missing                 ``pip install 'pactwatch[scale]'`` for --workers
E111  YAML alias bomb              front matter may use at most 16 aliases (``*name``)
E112  too little to be an article  one letter, or a title without body text
E113  JSON nested too deeply       records nest at most 64 levels
E114  JSON lone surrogate          a ``\\udXXX`` escape without its pair: fix the export
E190  bad size                     write sizes as 20MB, 500KB or a number of bytes
E191  no such input                the path or glob given names no file
E199  reader bug                   a bug: the file failed, the run went on; report it
E201  cannot open the database     check the path or URL, server and credentials
E202  stored JSON unreadable       the database row named was damaged outside us
E203  bad filter value             dates are YYYY, YYYY-MM or YYYY-MM-DD
E204  psycopg missing              ``pip install 'psycopg[binary]'`` for PostgreSQL
E205  no PostgreSQL back end       this build has none: use a SQLite path
E206  could not store a document   the database refused it (reason given)
E207  statement over time limit    narrow the query (fewer words, a date range)
E208  statement cancelled          the caller went away (a client disconnected)
E210  no such item to review      name a stored document and one of its item ids
E300  KB file unreadable           fix the YAML of the knowledge-base file named
E301  KB field of the wrong type   names and aliases are lists of strings
E302  KB entry without id          every entry is a mapping with an ``id``
E303  office without role/of       an office names its ``role`` and ``of``
E304  role without a role key      every role entry has ``role``
E305  KB id defined twice          ids are unique across the KB files
E306  local KB not writable        check the path of the local KB file
E310  bad lexicon pattern          fix the regular expression named
E311  unknown commitment type      use a type of ../shared/spec/analysis-json.md
E312  commitment lexicon broken    fix the YAML of the commitment lexicon
E320  bad office date              office dates are YYYY-MM-DD
E401  gold directory missing       pass an existing directory of gold files
E402  no gold files                the directory holds no ``*.json``
E403  gold file unreadable         the gold file is not JSON
E404  gold file malformed          follow ../shared/gold/README.md
E405  article for gold not found   pass ``--corpus`` where the articles are
E406  article unreadable           the reader failed on the article named
E407  records directory missing    pass an existing ``--records`` directory
E408  no record for a gold file    analyse the article named first
E409  record file malformed        records are analysis JSON (``document`` key)
E410  baseline file malformed      eval_baseline.json needs a ``sets`` object
E501  bad parameter (HTTP 422)     the message names the parameter
E502  not found (HTTP 404)         the id, path or export name does not exist
E503  bad token (HTTP 401)         send ``Authorization: Bearer <token>``
E504  read-only (HTTP 403)         start ``pactwatch serve`` with ``--token``
E505  upload too large (HTTP 413)  raise ``--max-upload`` or split the file
E506  bad upload type (HTTP 415)   upload .txt, .md, .html, .json or .jsonl
E507  bad request (HTTP 400)       the request itself is malformed
E508  too busy (HTTP 429)          too many uploads waiting: retry after Retry-After
E509  conflict (HTTP 409)          only a queued job can be cancelled
E599  internal error (HTTP 500)    a bug: report it with the request
E601  unknown country              give an ISO3 code or a known name
E602  bad treaty date              treaty and membership dates are ISO dates
E603  treaty file unreadable       fix the YAML of the treaty/membership file
E604  treaty entry incomplete      the entry lacks the field named
E620  not an ATOP file             pass ATOP's member-level CSV
E621  ATOP file unreadable         check the path
====  ===========================  ==============================================

Warnings (the article is stored; the warning is kept with its outcome in ``runs``):
W001 a file mixing UTF-8 and legacy-encoded lines, decoded line by line; W002 a date that
is no calendar date (31/02/2025), left out.
"""

from __future__ import annotations


class PactwatchError(Exception):
    """Base class: ``code`` is stable, ``message`` is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message


class PipelineError(PactwatchError):
    pass


class ReadError(PactwatchError):
    """A file could not be read into a Document (bad bytes, broken front matter, ...)."""


class StoreError(PactwatchError):
    pass


class KnowledgeBaseError(PactwatchError):
    pass


class EvaluationError(PactwatchError):
    pass
