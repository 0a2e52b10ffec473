#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validate a Suanpan Offer Feed against its JSON Schema (python3-jsonschema).

usage: check-feed-schema.py [--expect-invalid] FEED SCHEMA

Exit status 0 when the feed is valid (or, with --expect-invalid, when the
schema rejects it), 1 otherwise, 2 on a usage or file error.  Every problem
found is printed with its location in the feed.
"""
import json
import sys


def load(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        print(f"cannot read {what} {path}: {e}", file=sys.stderr)
        return None


def location(error):
    return "/".join(str(p) for p in error.absolute_path) or "(top level)"


def main(argv):
    args = argv[1:]
    expect_invalid = False
    if args and args[0] == "--expect-invalid":
        expect_invalid = True
        args = args[1:]
    if len(args) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    feed_path, schema_path = args

    try:
        import jsonschema
    except ImportError:
        print("python3-jsonschema is not installed", file=sys.stderr)
        return 2

    schema = load(schema_path, "schema")
    if schema is None:
        return 2
    validator_class = jsonschema.validators.validator_for(schema)
    try:
        validator_class.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        print(f"{schema_path}: the schema itself is invalid: {e.message}", file=sys.stderr)
        return 1

    feed = load(feed_path, "feed")
    if feed is None:
        # A file that is not JSON at all is certainly not a valid feed.
        return 0 if expect_invalid else 1

    errors = sorted(validator_class(schema).iter_errors(feed),
                    key=lambda e: list(map(str, e.absolute_path)))
    for e in errors:
        print(f"{feed_path}: {location(e)}: {e.message}")

    if expect_invalid:
        if errors:
            print(f"{feed_path}: rejected by the schema as expected ({len(errors)} problems)")
            return 0
        print(f"{feed_path}: expected the schema to reject this feed, but it is valid")
        return 1

    if errors:
        print(f"{feed_path}: {len(errors)} problems")
        return 1
    n = len(feed.get("offers", [])) if isinstance(feed, dict) else 0
    print(f"{feed_path}: valid ({n} offers)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
