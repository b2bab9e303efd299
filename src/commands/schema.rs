//! `annals schema`: JSON Schemas (draft-07, the version the YAML language
//! server reads) of annals.yaml, units.yaml and each record kind, so that an
//! editor completes field names and enum values and underlines mistakes while
//! a record is typed. They are made from the decoder's own field table
//! ([`shape`]), so an editor and `annals check` agree on what a record may say.

use std::io;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::output;
use crate::records::decode::shape::{self, Rule, Shape, Ty};

/// Where `annals schema` and `init` put the schemas inside a records folder.
pub const DIR: &str = ".annals/schema";

/// What a file of a records folder holds, for its schema.
#[derive(Clone, Copy)]
enum Holds {
    /// One mapping (annals.yaml, a narrative's front matter).
    One,
    /// A list of mappings, or one mapping of the given shape that holds
    /// that list beside other keys (units.yaml: the units, or `units:` and
    /// `kinds:`).
    ListOr(&'static Shape),
    /// One record, or a list of them (a record kind's files).
    OneOrList,
}

/// Every schema: the file it describes (for people), its file name and what
/// the file holds.
const SCHEMAS: &[(&str, &str, &Shape, Holds)] = &[
    (
        "annals.yaml",
        "annals.schema.json",
        &shape::CONFIG,
        Holds::One,
    ),
    (
        "units.yaml",
        "units.schema.json",
        &shape::UNIT,
        Holds::ListOr(&shape::ROSTER),
    ),
    (
        "pledges/",
        "pledges.schema.json",
        &shape::PLEDGE,
        Holds::OneOrList,
    ),
    (
        "inspections/",
        "inspections.schema.json",
        &shape::INSPECTION,
        Holds::OneOrList,
    ),
    (
        "honours/",
        "honours.schema.json",
        &shape::HONOUR,
        Holds::OneOrList,
    ),
    (
        "appraisals/",
        "appraisals.schema.json",
        &shape::APPRAISAL,
        Holds::OneOrList,
    ),
    (
        "narrative/",
        "narrative.schema.json",
        &shape::NARRATIVE,
        Holds::One,
    ),
];

/// Every schema as (file name, JSON text), in a fixed order and byte for
/// byte the same on every run.
pub fn schemas() -> Vec<(&'static str, String)> {
    SCHEMAS
        .iter()
        .map(|&(describes, file, shape, holds)| {
            let body = match holds {
                Holds::One => object(shape),
                Holds::ListOr(mapping) => json!({"anyOf": [
                    {"type": "array", "items": object(shape)},
                    object(mapping),
                ]}),
                Holds::OneOrList => json!({"anyOf": [
                    object(shape),
                    {"type": "array", "items": object(shape)},
                ]}),
            };
            let mut schema = json!({
                "$schema": "http://json-schema.org/draft-07/schema#",
                "title": format!("annals: {describes}"),
            });
            if let (Some(head), Value::Object(body)) = (schema.as_object_mut(), body) {
                head.extend(body);
            }
            (file, format!("{schema:#}\n"))
        })
        .collect()
}

/// Writes every schema into `dir` (each through a temporary file and a
/// rename) and returns the paths written.
pub fn write(dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (file, text) in schemas() {
        let path = dir.join(file);
        output::write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// The `# yaml-language-server: $schema=…` line for a file at `relative`
/// (a path inside the records folder), pointing at its schema under
/// [`DIR`]; `None` for a file no schema describes.
pub fn header(relative: &Path) -> Option<String> {
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let first = parts.first()?;
    let is_record = |kind: &str| parts.len() > 1 && kind == format!("{first}/");
    let &(_, file, _, _) = SCHEMAS
        .iter()
        .find(|(describes, ..)| *describes == first.as_str() || is_record(describes))?;
    let up = "../".repeat(parts.len() - 1);
    Some(format!(
        "# yaml-language-server: $schema={up}{DIR}/{file}\n"
    ))
}

/// Puts the [`header`] line at the top of `text`, a file at `relative`: the
/// first line of a YAML file, the first line inside a Markdown front matter.
pub fn with_header(relative: &Path, text: &str) -> String {
    let Some(header) = header(relative) else {
        return text.to_owned();
    };
    match text.strip_prefix("---\n") {
        Some(rest) => format!("---\n{header}{rest}"),
        None => format!("{header}{text}"),
    }
}

/// The schema of a mapping of `shape`.
fn object(shape: &Shape) -> Value {
    let mut properties = Map::new();
    for field in shape.fields {
        let mut value = of_type(&field.ty);
        if !field.required {
            value = nullable(value);
        }
        if let Value::Object(v) = &mut value {
            v.insert("description".into(), describe(field).into());
        }
        properties.insert(field.name.into(), value);
    }
    let required: Vec<&str> = shape
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    let rules: Vec<Value> = shape.rules.iter().map(rule).collect();
    if !rules.is_empty() {
        schema["allOf"] = json!(rules);
    }
    schema
}

fn describe(field: &shape::Field) -> String {
    let mut text = format!("{} / {}", field.en, field.zh);
    if let Ty::Choice(values) = field.ty {
        let listed: Vec<String> = values()
            .into_iter()
            .map(|(key, label)| format!("{key} {label}"))
            .collect();
        text = format!("{text}: {}", listed.join(" | "));
    }
    text
}

fn rule(rule: &Rule) -> Value {
    match rule {
        Rule::AnyOf(fields) => json!({
            "anyOf": fields
                .iter()
                .map(|f| json!({"required": [f], "properties": {*f: {"minItems": 1}}}))
                .collect::<Vec<_>>()
        }),
        Rule::When { field, is, then } => {
            let (key, label) = is();
            json!({
                "if": {"properties": {*field: {"enum": [key, label]}}, "required": [field]},
                "then": {"required": [then]},
            })
        }
    }
}

/// A `YYYY-MM-DD` date with a month 01–12 and a day 01–31; whether the day
/// exists in its month is left to `annals check`.
const DATE_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

fn of_type(ty: &Ty) -> Value {
    match ty {
        Ty::Text | Ty::Markdown | Ty::Unit => {
            json!({"type": ["string", "number"], "pattern": "\\S"})
        }
        Ty::Date => json!({"type": "string", "pattern": DATE_PATTERN}),
        Ty::Year => json!({"type": "integer", "minimum": 1000, "maximum": 9999}),
        Ty::Count => json!({"type": "integer", "minimum": 0}),
        Ty::Amount => json!({"type": "number", "minimum": 0}),
        Ty::AtMost(bound) => json!({"type": "number", "minimum": 0, "maximum": bound}),
        Ty::Number => json!({"type": "number"}),
        Ty::Flag => json!({"type": "boolean"}),
        Ty::Choice(values) => {
            let values = values();
            let words: Vec<&str> = values
                .iter()
                .map(|(key, _)| *key)
                .chain(values.iter().map(|(_, label)| *label))
                .collect();
            json!({"type": "string", "enum": words})
        }
        Ty::List(item) => json!({"type": "array", "items": of_type(item)}),
        Ty::OneOrList(item) => {
            json!({"anyOf": [of_type(item), {"type": "array", "items": of_type(item)}]})
        }
        Ty::NonEmptyList(item) => json!({"type": "array", "items": of_type(item), "minItems": 1}),
        Ty::Map(shape) => object(shape),
        Ty::TextOrMap(shape) => json!({"anyOf": [of_type(&Ty::Text), object(shape)]}),
        Ty::Labels => json!({"type": "object", "additionalProperties": {"type": "string"}}),
    }
}

/// Lets an optional field be written empty (`team:`), which the decoder
/// reads as absent.
fn nullable(mut value: Value) -> Value {
    if let Some(words) = value.get_mut("enum").and_then(Value::as_array_mut) {
        words.push(Value::Null);
    }
    match value.get_mut("type") {
        Some(Value::Array(types)) => types.push("null".into()),
        Some(single) => *single = json!([single.take(), "null"]),
        None => {
            if let Some(any) = value.get_mut("anyOf").and_then(Value::as_array_mut) {
                any.push(json!({"type": "null"}));
            }
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_points_at_its_schema_from_where_it_is() {
        let line = |p: &str| header(Path::new(p));
        assert_eq!(
            line("annals.yaml").as_deref(),
            Some("# yaml-language-server: $schema=.annals/schema/annals.schema.json\n")
        );
        assert_eq!(
            line("pledges/2025/leifan.md").as_deref(),
            Some("# yaml-language-server: $schema=../../.annals/schema/pledges.schema.json\n")
        );
        assert_eq!(
            line("honours/2025-07-01-qiyi.yaml").as_deref(),
            Some("# yaml-language-server: $schema=../.annals/schema/honours.schema.json\n")
        );
        assert_eq!(line(".gitignore"), None);
        assert_eq!(line("templates/summary.md"), None);
        assert_eq!(line("pledges"), None);
    }

    #[test]
    fn scores_shares_and_weights_carry_the_bounds_the_decoder_holds() {
        let evaluation = &object(&shape::CONFIG)["properties"]["evaluation"]["properties"];
        let grade = &evaluation["grades"]["items"]["properties"];
        assert_eq!(grade["min"]["minimum"], 0);
        assert_eq!(grade["min"]["maximum"], 100);
        assert_eq!(grade["max_share"]["maximum"], 1);
        for weight in shape::WEIGHTS.names() {
            let bound = &evaluation["weights"]["properties"][weight];
            assert_eq!(bound["minimum"], 0, "{weight}");
            assert_eq!(bound["type"], json!(["number", "null"]), "{weight}");
        }
    }

    #[test]
    fn the_line_goes_inside_the_front_matter_of_markdown() {
        let md = with_header(
            Path::new("narrative/plans/a.md"),
            "---\nsection: plans\n---\n",
        );
        assert_eq!(
            md,
            "---\n# yaml-language-server: $schema=../../.annals/schema/narrative.schema.json\nsection: plans\n---\n"
        );
    }
}
