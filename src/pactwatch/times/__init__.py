"""Vietnamese time expressions: find them (patterns), resolve them to ISO 8601
values (resolve), and date articles that state no date (dating). The pipeline
stage that ties these together lives in :mod:`pactwatch.times.stage`."""
