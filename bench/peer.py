#!/usr/bin/env python3
"""The benchmark's peer: what a 40-line script does with the same folder.

Reads every record (PyYAML with libyaml, front matter split off .md files),
counts pledges, items, fulfilled items, findings and open findings, and
renders a summary with Jinja2. No validation, no positions, no evaluation.
Usage: bench/peer.py ROOT OUT_FILE
"""
import os
import sys

import jinja2
import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TEMPLATE = jinja2.Template(
    "# {{ org }} {{ year }}年度工作总结\n\n"
    "全年作出公开承诺{{ pledges }}份，承诺事项{{ items }}项，已兑现{{ done }}项。\n"
    "开展督查{{ inspections }}次，发现问题{{ findings }}个，未整改{{ open }}个。\n"
    "{% for unit, n in by_unit %}- {{ unit }}：{{ n }}项\n{% endfor %}"
)


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    if path.endswith(".md"):
        text = text.split("\n---", 1)[0].lstrip("-\n")
    return yaml.load(text, Loader=Loader)


def records(root, kind):
    for folder, dirs, files in os.walk(os.path.join(root, kind)):
        dirs.sort()
        for name in sorted(files):
            if name.endswith((".md", ".yaml", ".yml")):
                data = load(os.path.join(folder, name))
                yield from data if isinstance(data, list) else [data]


def main(root, out):
    config = load(os.path.join(root, "annals.yaml"))
    c = dict(pledges=0, items=0, done=0, inspections=0, findings=0, open=0)
    by_unit = {}
    for p in records(root, "pledges"):
        c["pledges"] += 1
        c["items"] += len(p["items"])
        c["done"] += sum(1 for i in p["items"] if i["status"] in ("done", "已完成"))
        by_unit[p["unit"]] = by_unit.get(p["unit"], 0) + len(p["items"])
    for i in records(root, "inspections"):
        c["inspections"] += 1
        for f in i.get("findings") or []:
            c["findings"] += 1
            c["open"] += f["status"] in ("open", "未整改")
    summary = TEMPLATE.render(org=config["organisation"], year=config["year"],
                              by_unit=sorted(by_unit.items()), **c)
    with open(out, "w", encoding="utf-8") as f:
        f.write(summary)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
