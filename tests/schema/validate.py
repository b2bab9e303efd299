"""Validates every record file of a records folder against the schemas of
`annals schema`, the way an editor's YAML language server would.

usage: python3 validate.py SCHEMA_DIR ROOT

Prints one line per record file, sorted: `ok PATH`, `invalid PATH: MESSAGE`
or `unreadable PATH: REASON` (not UTF-8, no front matter, a YAML syntax
error: things the schema cannot speak about).
"""

import json
import os
import sys

import jsonschema
import yaml

SCHEMAS = {
    "annals.yaml": "annals",
    "units.yaml": "units",
    "pledges": "pledges",
    "inspections": "inspections",
    "honours": "honours",
    "appraisals": "appraisals",
    "narrative": "narrative",
}


class Loader(yaml.SafeLoader):
    """YAML as the language server reads it: dates stay strings."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in rules if tag != "tag:yaml.org,2002:timestamp"]
    for first, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def record_files(root):
    for top in sorted(os.listdir(root)):
        if top.startswith(".") or top not in SCHEMAS:
            continue
        path = os.path.join(root, top)
        if os.path.isfile(path):
            yield top, top
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or not name.endswith((".md", ".yaml", ".yml")):
                    continue
                full = os.path.join(folder, name)
                yield top, os.path.relpath(full, root)


def yaml_text(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8-sig").replace("\r\n", "\n")
    if not path.endswith(".md"):
        return text
    lines = text.split("\n")
    if lines[0] != "---" or "---" not in lines[1:]:
        raise ValueError("no front matter between --- lines")
    return "\n".join(lines[1 : lines.index("---", 1)])


def main(schema_dir, root):
    validators = {}
    for name in set(SCHEMAS.values()):
        with open(os.path.join(schema_dir, name + ".schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft7Validator.check_schema(schema)
        validators[name] = jsonschema.Draft7Validator(schema)
    for top, relative in record_files(root):
        try:
            document = yaml.load(yaml_text(os.path.join(root, relative)), Loader=Loader)
        except (ValueError, yaml.YAMLError) as e:
            print(f"unreadable {relative}: {str(e).splitlines()[0]}")
            continue
        errors = list(validators[SCHEMAS[top]].iter_errors(document))
        if errors:
            best = jsonschema.exceptions.best_match(errors)
            where = "/".join(str(p) for p in best.absolute_path)
            print(f"invalid {relative}: at /{where}: {best.message}")
        else:
            print(f"ok {relative}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
