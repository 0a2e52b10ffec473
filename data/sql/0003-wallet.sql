-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0003-wallet.sql — Store schema 3 (issue 7, sp-wallet-store*.c): the wallet. Money is INTEGER
-- micro-units, dates "YYYY-MM-DD" local days (NULL: open), times unix seconds.
-- programmes holds imported definitions only; the subsidy received per
-- programme and year is derived (subsidy_by_year), never stored.
--
-- Released: never edit; append a new file (HACKING.md, "Migrations").
-- Statement texts are kept byte for byte: a restore compares the texts of
-- indexes, triggers and views with a fresh database's (sp-backup.c).
CREATE TABLE programmes (  id          TEXT PRIMARY KEY,  definition  TEXT NOT NULL,  imported_at INTEGER NOT NULL);
CREATE TABLE vouchers (  code       TEXT PRIMARY KEY,  kind       TEXT NOT NULL CHECK (kind IN ('government', 'discount', 'prepaid')),  label      TEXT,  programme  TEXT,  face_value INTEGER,  balance    INTEGER CHECK (balance IS NULL OR balance >= 0),  currency   TEXT,  percent_bp INTEGER,  amount     INTEGER,  min_spend  INTEGER,  single_use INTEGER NOT NULL DEFAULT 0,  used       INTEGER NOT NULL DEFAULT 0,  vendors    TEXT,  unit       TEXT,  valid_from TEXT,  valid_to   TEXT,  added_at   INTEGER NOT NULL,  CHECK (kind <> 'government' OR balance <= face_value));
CREATE TABLE purchases (  id               INTEGER PRIMARY KEY AUTOINCREMENT,  recorded_at      INTEGER NOT NULL,  voided_at        INTEGER,  offer_source     TEXT,  offer_id         TEXT,  description      TEXT,  vendor           TEXT,  item_kind        TEXT NOT NULL,  category         TEXT NOT NULL,  quantity         INTEGER,  date             TEXT NOT NULL,  currency         TEXT NOT NULL,  list_currency    TEXT NOT NULL,  exchange_rate    INTEGER NOT NULL,  rate_date        TEXT,  list_original    INTEGER NOT NULL,  list             INTEGER NOT NULL,  platform         INTEGER NOT NULL,  prepaid          INTEGER NOT NULL,  government       INTEGER NOT NULL,  company_cash     INTEGER NOT NULL,  reimbursed_later INTEGER NOT NULL,  net              INTEGER NOT NULL,  breakdown        TEXT NOT NULL);
CREATE INDEX purchases_date ON purchases (date);
CREATE TABLE purchase_vouchers (  purchase_id      INTEGER NOT NULL REFERENCES purchases (id) ON DELETE CASCADE,  position         INTEGER NOT NULL,  code             TEXT NOT NULL,  kind             TEXT NOT NULL,  programme        TEXT,  amount           INTEGER NOT NULL,  quantity         INTEGER,  drawn            INTEGER NOT NULL DEFAULT 0,  marked_used      INTEGER NOT NULL DEFAULT 0,  reimbursed_later INTEGER NOT NULL DEFAULT 0,  PRIMARY KEY (purchase_id, position));
CREATE INDEX purchase_vouchers_code ON purchase_vouchers (code);
CREATE TABLE claims (  id           INTEGER PRIMARY KEY AUTOINCREMENT,  purchase_id  INTEGER NOT NULL REFERENCES purchases (id) ON DELETE CASCADE,  programme    TEXT NOT NULL,  voucher_code TEXT,  expected     INTEGER NOT NULL,  currency     TEXT NOT NULL,  status       TEXT NOT NULL DEFAULT 'pending'               CHECK (status IN ('pending', 'filed', 'paid', 'cancelled')),  contract     INTEGER NOT NULL DEFAULT 0,  settlement   INTEGER NOT NULL DEFAULT 0,  fapiao       INTEGER NOT NULL DEFAULT 0,  updated_at   INTEGER NOT NULL);
CREATE INDEX claims_purchase ON claims (purchase_id);
CREATE TABLE voucher_audit (  id            INTEGER PRIMARY KEY AUTOINCREMENT,  time          INTEGER NOT NULL,  code          TEXT NOT NULL,  action        TEXT NOT NULL,  delta         INTEGER NOT NULL DEFAULT 0,  balance_after INTEGER,  purchase_id   INTEGER);
CREATE INDEX voucher_audit_code ON voucher_audit (code, id);
CREATE VIEW subsidy_by_year AS  SELECT pv.programme AS programme, substr (p.date, 1, 4) AS year,         sum (pv.amount) AS amount  FROM purchase_vouchers pv JOIN purchases p ON p.id = pv.purchase_id  WHERE p.voided_at IS NULL AND pv.programme IS NOT NULL  GROUP BY pv.programme, substr (p.date, 1, 4);
