-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0009-offer-table-cache.sql — Store schema 9 (issue 17, loading): the offer
-- engine's table as built from the offers, serialized as one BLOB
-- (sp-offer-table-cache.c), so a launch reads one row instead of every offer.
-- key: what the blob depends on besides the offers (format version, record
-- size, app version, locale).  Any write to offers deletes it and bumps
-- meta.offers_generation (absent: 0), so no write path leaves it stale and a blob built
-- from an older snapshot is never stored (the writer compares generations).
--
-- Released: never edit; append a new file (HACKING.md, "Migrations").
-- Statement texts are kept byte for byte: a restore compares the texts of
-- indexes, triggers and views with a fresh database's (sp-backup.c).
CREATE TABLE offer_table_cache (  key   TEXT PRIMARY KEY,  data  BLOB NOT NULL);
CREATE TRIGGER offers_cache_insert AFTER INSERT ON offers BEGIN  DELETE FROM offer_table_cache;  INSERT INTO meta (key, value) VALUES ('offers_generation', 1)  ON CONFLICT (key) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER offers_cache_update AFTER UPDATE ON offers BEGIN  DELETE FROM offer_table_cache;  INSERT INTO meta (key, value) VALUES ('offers_generation', 1)  ON CONFLICT (key) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER offers_cache_delete AFTER DELETE ON offers BEGIN  DELETE FROM offer_table_cache;  INSERT INTO meta (key, value) VALUES ('offers_generation', 1)  ON CONFLICT (key) DO UPDATE SET value = value + 1; END;
