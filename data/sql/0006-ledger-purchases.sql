-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0006-ledger-purchases.sql — Ledger schema 2, adopted (runs when ledger_meta says < 2): entries recorded
-- by a purchase (sp-wallet-store*.c).
--
-- Released: never edit; append a new file (HACKING.md, "Migrations").
-- Statement texts are kept byte for byte: a restore compares the texts of
-- indexes, triggers and views with a fresh database's (sp-backup.c).
ALTER TABLE ledger_entries ADD COLUMN purchase_id INTEGER;
ALTER TABLE ledger_entries ADD COLUMN reimbursed_later INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ledger_entries ADD COLUMN purchase_voided_at INTEGER;
CREATE UNIQUE INDEX ledger_entries_purchase ON ledger_entries (purchase_id) WHERE purchase_id IS NOT NULL;
DROP INDEX ledger_entries_month;
CREATE INDEX ledger_entries_month ON ledger_entries (month, vendor, currency, rate_usd_cny, paid, subsidy, list_amount, reimbursed_later) WHERE deleted_at IS NULL;
INSERT INTO ledger_meta (key, value) VALUES ('schema_version', '2') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
