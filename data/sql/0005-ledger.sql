-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0005-ledger.sql — Ledger schema 1 (issue 8), adopted: until migration 0007 the ledger kept its
-- own counter in ledger_meta ('schema_version'). This step runs only when
-- that counter is below 1 (sp-database-migrations.c) and still writes it, so
-- the counter stays true for every file.
--
-- Released: never edit; append a new file (HACKING.md, "Migrations").
-- Statement texts are kept byte for byte: a restore compares the texts of
-- indexes, triggers and views with a fresh database's (sp-backup.c).
CREATE TABLE ledger_meta (  key   TEXT PRIMARY KEY,  value TEXT NOT NULL) STRICT;
CREATE TABLE ledger_entries (  id                INTEGER PRIMARY KEY,  date              TEXT NOT NULL,  month             TEXT NOT NULL CHECK (month = substr (date, 1, 7)),  vendor            TEXT NOT NULL,  item              TEXT NOT NULL,  offer_source      TEXT,  offer_id          TEXT,  kind              TEXT NOT NULL CHECK (kind IN ('gpu', 'cpu', 'tokens', 'other')),  quantity          INTEGER NOT NULL,  unit              TEXT NOT NULL,  list_amount       INTEGER NOT NULL,  platform_discount INTEGER NOT NULL,  subsidy           INTEGER NOT NULL,  prepaid           INTEGER NOT NULL,  paid              INTEGER NOT NULL,  currency          TEXT NOT NULL,  rate_usd_cny      INTEGER NOT NULL CHECK (rate_usd_cny > 0),  rate_date         TEXT NOT NULL DEFAULT '',  category          TEXT NOT NULL DEFAULT '',  fapiao            TEXT NOT NULL DEFAULT 'none'                    CHECK (fapiao IN ('none', 'requested', 'ordinary', 'special')),  fapiao_number     TEXT,  note              TEXT NOT NULL DEFAULT '',  refund            INTEGER NOT NULL DEFAULT 0 CHECK (refund IN (0, 1)),  created_at        INTEGER NOT NULL,  updated_at        INTEGER NOT NULL,  deleted_at        INTEGER,  CHECK (list_amount = paid + subsidy + platform_discount + prepaid)) STRICT;
CREATE INDEX ledger_entries_month ON ledger_entries (month, vendor, currency, rate_usd_cny, paid, subsidy, list_amount) WHERE deleted_at IS NULL;
CREATE TABLE ledger_audit (  id       INTEGER PRIMARY KEY,  at       INTEGER NOT NULL,  action   TEXT NOT NULL CHECK (action IN ('add', 'edit', 'delete', 'undo', 'import')),  entry_id INTEGER REFERENCES ledger_entries (id),  detail   TEXT) STRICT;
INSERT INTO ledger_meta (key, value) VALUES ('schema_version', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
