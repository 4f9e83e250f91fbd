#!/usr/bin/env python3
"""Compares the components (and dependencies) of two CycloneDX JSON documents, ignoring what
differs from run to run (serial number, timestamp) and the order of the lists.
   bench/compare-cdx-components.py BEFORE.cdx.json AFTER.cdx.json
Exit code 0 when identical, 1 otherwise; prints up to 10 differing components each way."""
import json
import sys


def components(path):
    document = json.load(open(path))
    found = []

    def walk(items):
        for item in items or []:
            item = dict(item)
            nested = item.pop("components", None)
            found.append(json.dumps(item, sort_keys=True))
            walk(nested)

    walk(document.get("components"))
    dependencies = sorted(json.dumps(d, sort_keys=True) for d in document.get("dependencies") or [])
    return sorted(found), dependencies


before, before_deps = components(sys.argv[1])
after, after_deps = components(sys.argv[2])
same = before == after and before_deps == after_deps
print(f"{len(before)} and {len(after)} components;",
      "components identical" if before == after else "components DIFFER",
      "; dependencies identical" if before_deps == after_deps else "; dependencies DIFFER")
for line in sorted(set(before) - set(after))[:10]:
    print("-", line)
for line in sorted(set(after) - set(before))[:10]:
    print("+", line)
sys.exit(0 if same else 1)
