-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0007-ledger-identity-month-key-groups.sql — Ledger schema 3, adopted (runs when ledger_meta says < 3): a stable uid per
-- entry (issue 14), the integer month key and its covering index (issue 16
-- item 8, docs/performance.md), and the equivalence groups of vendor + item
-- (reprice, issue 18).
--
-- Released: never edit; append a new file (HACKING.md, "Migrations").
-- Statement texts are kept byte for byte: a restore compares the texts of
-- indexes, triggers and views with a fresh database's (sp-backup.c).
ALTER TABLE ledger_entries ADD COLUMN uid TEXT;
UPDATE ledger_entries SET uid = lower (hex (randomblob (16)));
CREATE UNIQUE INDEX ledger_entries_uid ON ledger_entries (uid) WHERE deleted_at IS NULL;
CREATE INDEX ledger_entries_identity ON ledger_entries (date, vendor, item) WHERE deleted_at IS NULL;
ALTER TABLE ledger_entries ADD COLUMN month_key INTEGER;
UPDATE ledger_entries SET month_key = (CAST (substr (month, 1, 4) AS INTEGER) * 100 + CAST (substr (month, 6, 2) AS INTEGER));
CREATE TRIGGER ledger_entries_month_key_insert AFTER INSERT ON ledger_entries WHEN NEW.month_key IS NOT (CAST (substr (NEW.month, 1, 4) AS INTEGER) * 100 + CAST (substr (NEW.month, 6, 2) AS INTEGER)) BEGIN UPDATE ledger_entries SET month_key = (CAST (substr (month, 1, 4) AS INTEGER) * 100 + CAST (substr (month, 6, 2) AS INTEGER)) WHERE id = NEW.id; END;
CREATE TRIGGER ledger_entries_month_key_update AFTER UPDATE OF month, month_key ON ledger_entries WHEN NEW.month_key IS NOT (CAST (substr (NEW.month, 1, 4) AS INTEGER) * 100 + CAST (substr (NEW.month, 6, 2) AS INTEGER)) BEGIN UPDATE ledger_entries SET month_key = (CAST (substr (month, 1, 4) AS INTEGER) * 100 + CAST (substr (month, 6, 2) AS INTEGER)) WHERE id = NEW.id; END;
DROP INDEX ledger_entries_month;
CREATE INDEX ledger_entries_month ON ledger_entries (month_key, vendor, currency, rate_usd_cny, paid, subsidy, list_amount, reimbursed_later, deleted_at) WHERE deleted_at IS NULL;
CREATE TABLE ledger_groups (  vendor   TEXT NOT NULL,  item     TEXT NOT NULL,  group_id TEXT NOT NULL,  PRIMARY KEY (vendor, item)) STRICT;
INSERT INTO ledger_meta (key, value) VALUES ('schema_version', '3') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
