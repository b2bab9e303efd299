//! `annals schema`: the JSON Schemas an editor reads, checked with a real
//! validator (Python's `jsonschema`, draft-07) against the records `check`
//! accepts and the ones it rejects.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::{fixture, run, sample_data};

/// The files of each `tests/fixtures/check/` case that the schemas reject.
/// Every other case's files all validate (or cannot be read as YAML at all:
/// bad bytes, no front matter, syntax errors). What the schemas cannot say,
/// and `check` does: unit ids that are not in units.yaml, duplicate ids and
/// keys, days that do not exist in their month (2024-02-30), a grade list
/// without `min: 0` at the bottom, weights that are all 0, and everything about templates.
const REJECTED: &[(&str, &[&str])] = &[
    (
        "award-without-recipients",
        &["honours/2024-07-01-qiyi.yaml"],
    ),
    ("chinese-label-typo", &["pledges/2024/leifan.md"]),
    ("empty-awards", &["honours/2024-07-01-qiyi.yaml"]),
    ("empty-items", &["pledges/2024/leifan.md"]),
    ("grade-above-100", &["annals.yaml"]),
    ("grade-cap-and-veto", &["annals.yaml"]),
    ("invalid-date-slashes", &["inspections/2024/jindang.yaml"]),
    (
        "leadership-without-comment",
        &["appraisals/2024/leadership/jindang.md"],
    ),
    (
        "many-problems",
        &[
            "honours/2024-07-01-qiyi.yaml",
            "inspections/2024/jindang.yaml",
            "pledges/2024/leifan.md",
        ],
    ),
    ("missing-date", &["inspections/2024/jindang.yaml"]),
    ("missing-status", &["pledges/2024/leifan.md"]),
    ("public-without-votes", &["appraisals/2024/leifan.yaml"]),
    ("unknown-appraisal-kind", &["appraisals/2024/leifan.yaml"]),
    ("unknown-config-key", &["annals.yaml"]),
    ("unknown-units-key", &["units.yaml"]),
    ("unknown-field-in-item", &["pledges/2024/leifan.md"]),
    ("unknown-severity", &["inspections/2024/jindang.yaml"]),
    ("unknown-status", &["pledges/2024/leifan.md"]),
    ("votes-fraction", &["appraisals/2024/leifan.yaml"]),
    ("votes-negative", &["appraisals/2024/leifan.yaml"]),
    ("wrong-type-items", &["pledges/2024/leifan.md"]),
    ("wrong-type-votes", &["appraisals/2024/leifan.yaml"]),
];

/// Whether Python with `jsonschema` and PyYAML is here (Debian:
/// python3-jsonschema python3-yaml).
fn have_validator() -> bool {
    common::consumer(
        "python3 with jsonschema and yaml",
        &["python3", "-c", "import jsonschema, yaml"],
    )
}

/// Writes the schemas into a temporary folder with `annals schema --out`.
fn schemas() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let made = run(
        dir.path(),
        &["schema", "--out", dir.path().to_str().expect("UTF-8")],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    dir
}

/// The validator's verdict on every record file of `root`: one line each,
/// `ok FILE`, `invalid FILE: WHY` or `unreadable FILE: WHY`.
fn validate(schemas: &Path, root: &Path) -> Vec<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema/validate.py");
    let output = std::process::Command::new("python3")
        .arg(script)
        .arg(schemas)
        .arg(root)
        .output()
        .expect("python3 runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The files the validator calls invalid.
fn rejected(verdicts: &[String]) -> BTreeSet<String> {
    verdicts
        .iter()
        .filter_map(|l| l.strip_prefix("invalid "))
        .filter_map(|l| l.split_once(": ").map(|(file, _)| file.to_owned()))
        .collect()
}

#[test]
fn schema_writes_one_draft_07_schema_per_kind_of_file() {
    let dir = tempfile::tempdir().unwrap();
    let made = run(dir.path(), &["schema"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let folder = dir.path().join(".annals/schema");
    let mut names: Vec<String> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "annals.schema.json",
            "appraisals.schema.json",
            "honours.schema.json",
            "inspections.schema.json",
            "narrative.schema.json",
            "pledges.schema.json",
            "units.schema.json",
        ]
    );
    assert_eq!(made.stdout.lines().count(), 7, "{}", made.stdout);
    let pledges: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(folder.join("pledges.schema.json")).unwrap())
            .unwrap();
    assert_eq!(
        pledges["$schema"],
        "http://json-schema.org/draft-07/schema#"
    );
    let item = &pledges["anyOf"][0]["properties"]["items"]["items"];
    assert_eq!(item["additionalProperties"], false);
    let status = &item["properties"]["status"];
    let words = status["enum"].as_array().unwrap();
    assert!(words.contains(&"in-progress".into()) && words.contains(&"推进中".into()));
    let about = status["description"].as_str().unwrap();
    assert!(about.contains("in-progress 推进中"), "{about}");
    // Written again, byte for byte the same.
    let first = fs::read(folder.join("annals.schema.json")).unwrap();
    assert_eq!(run(dir.path(), &["schema"]).code, 0);
    assert_eq!(fs::read(folder.join("annals.schema.json")).unwrap(), first);
}

#[test]
fn every_record_of_the_sample_validates() {
    if !have_validator() {
        return;
    }
    let schemas = schemas();
    let verdicts = validate(schemas.path(), &sample_data());
    assert!(verdicts.len() > 40, "{verdicts:?}");
    let bad: Vec<&String> = verdicts.iter().filter(|l| !l.starts_with("ok ")).collect();
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_schemas_reject_exactly_the_files_check_rejects_where_they_can_say_why() {
    if !have_validator() {
        return;
    }
    let schemas = schemas();
    let cases = fixture("check");
    let mut seen = 0;
    for entry in fs::read_dir(&cases).unwrap() {
        let case = entry.unwrap().path();
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected: BTreeSet<String> = REJECTED
            .iter()
            .find(|(c, _)| *c == name)
            .map(|(_, files)| files.iter().map(|f| f.to_string()).collect())
            .unwrap_or_default();
        seen += usize::from(!expected.is_empty());
        let verdicts = validate(schemas.path(), &case);
        assert_eq!(rejected(&verdicts), expected, "{name}: {verdicts:#?}");
    }
    assert_eq!(seen, REJECTED.len(), "every case of REJECTED exists");
}

#[test]
fn init_writes_the_schemas_and_every_file_names_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("township-2025");
    let made = run(dir.path(), &["init", root.to_str().unwrap()]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let config = fs::read_to_string(root.join("annals.yaml")).unwrap();
    assert!(
        config.starts_with("# yaml-language-server: $schema=.annals/schema/annals.schema.json\n"),
        "{config}"
    );
    let pledge = fs::read_to_string(root.join("pledges/2025/leifan.md")).unwrap();
    assert!(
        pledge.starts_with(
            "---\n# yaml-language-server: $schema=../../.annals/schema/pledges.schema.json\n"
        ),
        "{pledge}"
    );
    for line in made.stdout.lines().filter_map(|l| l.strip_prefix("wrote ")) {
        let path = Path::new(line);
        let relative = path.strip_prefix(&root).unwrap();
        let text = fs::read_to_string(path).unwrap();
        let Some(at) = text.find("$schema=") else {
            let describes_nothing =
                relative.starts_with(".gitignore") || relative.starts_with(".annals");
            assert!(describes_nothing, "{} names no schema", relative.display());
            continue;
        };
        let target = text[at + 8..].lines().next().unwrap();
        let schema = path.parent().unwrap().join(target);
        assert!(
            schema.is_file(),
            "{}: {target} is missing",
            relative.display()
        );
    }
    let checked = run(&root, &["check"]);
    assert!(
        checked.stderr.starts_with("未发现问题（检查了"),
        "{}",
        checked.stderr
    );
    if have_validator() {
        let verdicts = validate(&root.join(".annals/schema"), &root);
        assert!(
            verdicts.iter().all(|l| l.starts_with("ok ")),
            "{verdicts:#?}"
        );
    }
}

#[test]
fn new_puts_the_schema_line_at_the_top_of_what_it_writes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("township-2024");
    assert_eq!(run(dir.path(), &["init", root.to_str().unwrap()]).code, 0);
    let made = run(
        &root,
        &[
            "new",
            "inspection",
            "--unit",
            "jindang",
            "--date",
            "2024-06-01",
        ],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    let text = fs::read_to_string(made.stdout.trim()).unwrap();
    assert!(
        text.starts_with(
            "# yaml-language-server: $schema=../../.annals/schema/inspections.schema.json\n"
        ),
        "{text}"
    );
    let made = run(&root, &["new", "narrative", "--date", "2024-06-01"]);
    let text = fs::read_to_string(made.stdout.trim()).unwrap();
    assert!(
        text.starts_with(
            "---\n# yaml-language-server: $schema=../../.annals/schema/narrative.schema.json\n"
        ),
        "{text}"
    );
}

/// A YAML language server on stdio (the `yaml-language-server` npm
/// package, as editors run it).
struct LanguageServer {
    child: std::process::Child,
    input: std::process::ChildStdin,
    messages: std::sync::mpsc::Receiver<serde_json::Value>,
}

impl LanguageServer {
    fn start() -> LanguageServer {
        let mut child = std::process::Command::new("yaml-language-server")
            .arg("--stdio")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("yaml-language-server starts");
        let input = child.stdin.take().expect("stdin is piped");
        let mut output = std::io::BufReader::new(child.stdout.take().expect("stdout is piped"));
        let (send, messages) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::{BufRead, Read};
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if output.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if line == "\r\n" {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length:") {
                        length = n.trim().parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.unwrap_or(0)];
                if output.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(message) = serde_json::from_slice(&body) else {
                    continue;
                };
                if send.send(message).is_err() {
                    return;
                }
            }
        });
        LanguageServer {
            child,
            input,
            messages,
        }
    }

    fn send(&mut self, message: serde_json::Value) {
        use std::io::Write;
        let body = message.to_string();
        write!(self.input, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("send");
        self.input.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: serde_json::Value) {
        self.send(serde_json::json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message `wanted` picks, answering the server's own requests
    /// for settings on the way (validation on, no schema store).
    fn wait_for<T>(&mut self, mut wanted: impl FnMut(&serde_json::Value) -> Option<T>) -> T {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .expect("the language server answers in time");
            if message["method"] == "workspace/configuration" {
                let items = message["params"]["items"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                let answers: Vec<serde_json::Value> = items
                    .iter()
                    .map(|item| match item["section"].as_str() {
                        Some("yaml") => serde_json::json!({
                            "validate": true,
                            "schemaStore": {"enable": false},
                        }),
                        _ => serde_json::Value::Null,
                    })
                    .collect();
                let id = message["id"].clone();
                self.send(serde_json::json!({"jsonrpc": "2.0", "id": id, "result": answers}));
                continue;
            }
            if let Some(found) = wanted(&message) {
                return found;
            }
        }
    }

    /// Opens a document and returns the diagnostics published for it.
    fn diagnostics(&mut self, path: &Path, text: &str) -> Vec<serde_json::Value> {
        let uri = format!("file://{}", path.display());
        self.notify(
            "textDocument/didOpen",
            serde_json::json!({"textDocument": {
                "uri": uri, "languageId": "yaml", "version": 1, "text": text,
            }}),
        );
        self.wait_for(|m| {
            let published = m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str();
            published.then(|| {
                m["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
        })
    }
}

impl Drop for LanguageServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_yaml_language_server_flags_an_unknown_value_through_the_schema_line() {
    if !common::have("yaml-language-server") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("township-2024");
    assert_eq!(run(dir.path(), &["init", root.to_str().unwrap()]).code, 0);
    let root = root.canonicalize().unwrap();
    let mut server = LanguageServer::start();
    server.send(serde_json::json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {
            "processId": null,
            "rootUri": format!("file://{}", root.display()),
            "capabilities": {"textDocument": {"publishDiagnostics": {}}},
        },
    }));
    server.wait_for(|m| (m["id"] == 1).then_some(()));
    server.notify("initialized", serde_json::json!({}));
    server.notify(
        "workspace/didChangeConfiguration",
        serde_json::json!({"settings": {"yaml": {"validate": true, "schemaStore": {"enable": false}}}}),
    );

    let inspection = root.join("inspections/2024/2024-05-10-jindang.yaml");
    let written = fs::read_to_string(&inspection).unwrap();
    assert!(server.diagnostics(&inspection, &written).is_empty());

    let mistaken = written.replace("status: closed ", "status: finished");
    assert_ne!(mistaken, written);
    let other = root.join("inspections/2024/2024-06-01-jindang.yaml");
    let found = server.diagnostics(&other, &mistaken);
    assert_eq!(found.len(), 1, "{found:#?}");
    let line = mistaken
        .lines()
        .position(|l| l.contains("status: finished"))
        .unwrap();
    assert_eq!(found[0]["range"]["start"]["line"], line, "{found:#?}");
    let message = found[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("closed"),
        "names the values allowed: {message}"
    );
}
