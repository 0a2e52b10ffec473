-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0008-offers-details.sql — Store schema 8 (issue 13, ingest speed): a
-- narrower offers row.  The 16 columns a compute offer leaves at their
-- default and that only the whole-offer read uses (commitment, tax, fapiao,
-- tiers, validity, storage and egress, minimum billing, note, price source,
-- verification date, attribution, cache write price, variants, host price)
-- move into one JSON object, offers.details, holding only the values that
-- are not the default (NULL when none is): SQLite builds a record column
-- by column, so 46 columns cost 1.6 times 29 (HACKING.md, "Ingest").
-- Readers see the same values (OFFER_COLUMNS, sp-store-private.h, reads
-- them back with json_extract and the defaults).
--
-- Released: never edit; append a new file (HACKING.md, "Migrations").
-- Statement texts are kept byte for byte: a restore compares the texts of
-- indexes, triggers and views with a fresh database's (sp-backup.c).
DROP VIEW price_history;
ALTER TABLE offers RENAME TO offers_0007;
CREATE TABLE offers (  source                   TEXT NOT NULL REFERENCES sources (name) ON DELETE CASCADE,  id                       TEXT NOT NULL,  vendor_id                TEXT,  vendor_name              TEXT,  vendor_name_zh           TEXT,  kind                     TEXT NOT NULL,  name                     TEXT,  model                    TEXT,  gpu_model                TEXT,  gpu_count                INTEGER NOT NULL DEFAULT 0,  gpu_memory_gb            INTEGER NOT NULL DEFAULT 0,  vcpus_milli              INTEGER NOT NULL DEFAULT 0,  ram_mib                  INTEGER NOT NULL DEFAULT 0,  region                   TEXT,  billing                  TEXT NOT NULL,  currency                 TEXT,  price                    INTEGER,  input_price              INTEGER,  output_price             INTEGER,  cached_input_price       INTEGER,  context_window           INTEGER NOT NULL DEFAULT 0,  list_price               TEXT,  list_unit                TEXT,  voucher_programmes       TEXT,  demo                     INTEGER NOT NULL DEFAULT 0,  fetched_at               INTEGER NOT NULL DEFAULT 0,  retired                  INTEGER NOT NULL DEFAULT 0,  gpu_fraction             TEXT,  host                     TEXT,  price_since              INTEGER,  details                  TEXT,  PRIMARY KEY (source, id)) WITHOUT ROWID;
INSERT INTO offers (source, id, vendor_id, vendor_name, vendor_name_zh, kind, name, model,    gpu_model, gpu_count, gpu_memory_gb, vcpus_milli, ram_mib, region, billing, currency,    price, input_price, output_price, cached_input_price, context_window, list_price,    list_unit, voucher_programmes, demo, fetched_at, retired, gpu_fraction, host,    price_since, details)  SELECT source, id, vendor_id, vendor_name, vendor_name_zh, kind, name, model,    gpu_model, gpu_count, gpu_memory_gb, vcpus_milli, ram_mib, region, billing, currency,    price, input_price, output_price, cached_input_price, context_window, list_price,    list_unit, voucher_programmes, demo, fetched_at, retired, gpu_fraction, host,    price_since,    nullif (json_patch ('{}', json_object (      'min_commitment', min_commitment,      'tax', nullif (tax, 'unknown'),      'tiers', json (tiers),      'valid_from', nullif (valid_from, 0),      'valid_to', nullif (valid_to, 0),      'storage_stopped_gb_month', storage_stopped_gb_month,      'egress_gb', egress_gb,      'min_billing_seconds', nullif (min_billing_seconds, 0),      'fapiao', nullif (fapiao, 'unknown'),      'note', note,      'price_source_url', price_source_url,      'verified_at', verified_at,      'attribution', attribution,      'cache_write_price', cache_write_price,      'variants', json (variants),      'host_price', host_price)), '{}')  FROM offers_0007;
DROP TABLE offers_0007;
CREATE VIEW price_history AS  SELECT source, offer_id, observed_at, currency, price, input_price, output_price,    cached_input_price FROM price_points  UNION ALL  SELECT source, id, price_since, currency, price, input_price, output_price,    cached_input_price FROM offers WHERE price_since IS NOT NULL;
