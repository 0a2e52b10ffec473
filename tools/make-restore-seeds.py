#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpus of tests/fuzz/fuzz-restore.c into tests/fuzz/seeds/restore:
a small good backup (one ledger entry, 512-byte pages) and the crafted files of
tests/cli/test-cli-backup.c made from it.

Usage: tools/make-restore-seeds.py BUILD_DIR   (needs BUILD_DIR/src/cli/suanpan-cli)
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

APP_ID = 0x53504E31


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    cli = os.path.join(build, "src", "cli", "suanpan-cli")
    out = os.path.join(os.path.dirname(__file__), "..", "tests", "fuzz", "seeds", "restore")
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        subprocess.run([cli, "--data-dir", data, "ledger", "add", "--date", "2026-03-01",
                        "--vendor", "=1+2", "--item", "A100", "--kind", "gpu", "--quantity", "1",
                        "--unit", "card-hour", "--amount", "12.50", "--currency", "CNY"],
                       check=True, stdout=subprocess.DEVNULL)
        good = os.path.join(out, "good.db")
        if os.path.exists(good):
            os.unlink(good)
        subprocess.run([cli, "--data-dir", data, "backup", good], check=True,
                       stdout=subprocess.DEVNULL)
    db = sqlite3.connect(good)
    db.execute("PRAGMA page_size = 512")
    db.execute("VACUUM")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.close()

    def variant(name, sql):
        path = os.path.join(out, name)
        shutil.copy(good, path)
        c = sqlite3.connect(path)
        c.executescript(sql)
        c.commit()
        c.execute("VACUUM")
        c.close()

    variant("newer.db", "PRAGMA user_version = 99;")
    variant("newer-ledger.db", "UPDATE ledger_meta SET value = '99' WHERE key = 'schema_version';")
    variant("trigger.db", "CREATE TRIGGER wipe AFTER INSERT ON ledger_entries "
                          "BEGIN DELETE FROM ledger_entries; END;")
    variant("missing-column.db", "ALTER TABLE offers DROP COLUMN note;")
    variant("no-data.db", "PRAGMA user_version = 0;")
    variant("virtual-table.db", "CREATE VIRTUAL TABLE a_search USING fts5 (text);")
    variant("view.db", "DROP VIEW subsidy_by_year; CREATE VIEW subsidy_by_year AS "
                       "SELECT 'x' AS programme, '2026' AS year, 1000000000 AS amount;")

    wrong = os.path.join(out, "wrong-tables.db")
    if os.path.exists(wrong):
        os.unlink(wrong)
    c = sqlite3.connect(wrong)
    c.execute("PRAGMA page_size = 512")
    c.executescript("PRAGMA application_id = %d; PRAGMA user_version = %d;"
                    "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hello');"
                    % (APP_ID, version))
    c.close()

    with open(good, "rb") as f:
        head = f.read()
    with open(os.path.join(out, "truncated.db"), "wb") as f:
        f.write(head[: len(head) // 2])
    with open(os.path.join(out, "junk.db"), "wb") as f:
        f.write(b"not a database at all\n")


if __name__ == "__main__":
    main()
