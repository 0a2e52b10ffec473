-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0004-price-sources-watchlist-snapshots.sql — Store schema 4 (issue 13): where a price comes from, conditional prices,
-- the watchlist and the offers that left their source (offers_gone), the
-- SkyPilot columns, and the ingest-speed split of the price history into
-- price_points + offers.price_since (price_history is the view of both).
--
-- Released: never edit; append a new file (HACKING.md, "Migrations").
-- Statement texts are kept byte for byte: a restore compares the texts of
-- indexes, triggers and views with a fresh database's (sp-backup.c).
ALTER TABLE offers ADD COLUMN price_source_url TEXT;
ALTER TABLE offers ADD COLUMN verified_at TEXT;
ALTER TABLE offers ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
ALTER TABLE offers ADD COLUMN attribution TEXT;
ALTER TABLE offers ADD COLUMN cache_write_price INTEGER;
ALTER TABLE offers ADD COLUMN variants TEXT;
CREATE TABLE watchlist (  kind     TEXT NOT NULL CHECK (kind IN ('offer', 'group')),  source   TEXT NOT NULL DEFAULT '',  key      TEXT NOT NULL,  added_at INTEGER NOT NULL,  PRIMARY KEY (kind, source, key)) WITHOUT ROWID;
CREATE TABLE offers_gone (  source       TEXT NOT NULL,  offer_id     TEXT NOT NULL,  gone_at      INTEGER NOT NULL,  vendor_id    TEXT,  vendor_name  TEXT,  name         TEXT,  kind         TEXT,  offer_group  TEXT,  currency     TEXT,  price        INTEGER,  input_price  INTEGER,  output_price INTEGER);
CREATE INDEX offers_gone_offer ON offers_gone (source, offer_id, gone_at);
ALTER TABLE offers ADD COLUMN gpu_fraction TEXT;
ALTER TABLE offers ADD COLUMN host TEXT;
ALTER TABLE offers ADD COLUMN host_price INTEGER;
ALTER TABLE sources ADD COLUMN rows_repaired INTEGER NOT NULL DEFAULT 0;
ALTER TABLE offers ADD COLUMN price_since INTEGER;
ALTER TABLE price_history RENAME TO price_points;
CREATE VIEW price_history AS  SELECT source, offer_id, observed_at, currency, price, input_price, output_price,    cached_input_price FROM price_points  UNION ALL  SELECT source, id, price_since, currency, price, input_price, output_price,    cached_input_price FROM offers WHERE price_since IS NOT NULL;
