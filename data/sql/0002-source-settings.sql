-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0002-source-settings.sql — Store schema 2 (issue 5): configured vendor sources. A row created by a plain
-- import has url NULL; fetch_format is the format the user chose for the URL
-- (NULL: the imported format stands); the API key itself lives in the
-- keyring, only has_api_key is here.
--
-- Released: never edit; append a new file (HACKING.md, "Migrations").
-- Statement texts are kept byte for byte: a restore compares the texts of
-- indexes, triggers and views with a fresh database's (sp-backup.c).
ALTER TABLE sources ADD COLUMN url TEXT;
ALTER TABLE sources ADD COLUMN fetch_format TEXT;
ALTER TABLE sources ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sources ADD COLUMN refresh_policy TEXT NOT NULL DEFAULT 'manual';
ALTER TABLE sources ADD COLUMN has_api_key INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN last_attempt INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN last_success INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN last_error TEXT;
ALTER TABLE sources ADD COLUMN http_status INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN http_details TEXT;
ALTER TABLE sources ADD COLUMN etag TEXT;
ALTER TABLE sources ADD COLUMN last_modified TEXT;
