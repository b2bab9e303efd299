//! Property tests over generated records folders, driving the real binary.
//!
//! Each case is a random but valid year of records (a roster of 1–8 units,
//! pledges, inspections, honours, appraisals and a little narrative), written
//! as real files — `.md` with front matter, single-record `.yaml` and
//! sequence files, some with CRLF line ends or a BOM — into a temporary
//! folder. The properties:
//!
//! - `check` passes and `build` succeeds, and two builds are byte-identical
//!   (md always; html and docx in a few cases);
//! - every figure of the summary's 一、基本情况, the problems section and the
//!   ledger equals a recount done here from the generated data by the rules
//!   of SPEC §2 and §5 (a finding closed after `as_of` is open on it; overdue
//!   = open on `as_of` and due before it);
//! - the evaluation's components, bonus and score equal a recount by SPEC §6,
//!   each grade is the first whose `min` the shown score reaches, and the
//!   ranks are a permutation of 1..n ordered by score then unit id, with
//!   unrated units last;
//! - `check`, `build` (to an output folder elsewhere) and `status` leave
//!   every file of the records folder as it was;
//! - with random fields dropped or mangled, `check`, `build` and `status`
//!   never panic or hang, agree with each other, and a failed build writes
//!   nothing.
//!
//! Case counts are modest because every case runs the binary several times;
//! `PROPTEST_CASES=500 cargo test --release --test properties` runs more.
mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

// ---------------------------------------------------------------------------
// Running the binary, with a time limit
// ---------------------------------------------------------------------------

/// A run longer than this is a hang: the test fails.
const LIMIT: Duration = Duration::from_secs(20);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `annals --root ROOT ARGS…`, killing it (and failing) past [`LIMIT`].
fn annals(root: &Path, args: &[&str]) -> Run {
    let run = common::run_watched(root, args, LIMIT, u64::MAX);
    Run {
        code: run.code,
        stdout: run.stdout.head,
        stderr: run.stderr.head,
    }
}

/// Every file under `root` with its bytes, to see that nothing changed.
fn snapshot(root: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    files(root, &mut all);
    all.into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read a record");
            (p, bytes)
        })
        .collect()
}

/// `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config(default_cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default_cases),
        // Only tests/properties.rs may be written by this suite: no
        // regression files beside it. A failure prints the minimal case.
        failure_persistence: None,
        // Every shrink step runs the binary: keep shrinking bounded.
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// The generated records
// ---------------------------------------------------------------------------

const PLEDGE_STATUSES: [(&str, &str); 6] = [
    ("planned", "计划中"),
    ("in-progress", "推进中"),
    ("done", "已完成"),
    ("partial", "部分完成"),
    ("missed", "未完成"),
    ("dropped", "已撤销"),
];
const PLANNED: usize = 0;
const IN_PROGRESS: usize = 1;
const DONE: usize = 2;
const PARTIAL: usize = 3;
const MISSED: usize = 4;
const DROPPED: usize = 5;

const INSPECTION_KINDS: [(&str, &str); 3] = [
    ("routine", "定期督查"),
    ("special", "专项督查"),
    ("unannounced", "明察暗访"),
];

/// Texts that need quoting in YAML, or Markdown escaping, among plain ones.
const TEXTS: [&str; 8] = [
    "修建村级文化广场",
    "道路硬化: 2公里",
    "#1 路灯安装100盏",
    "整治 - 人居环境",
    "'单引号' 与 \"双引号\"",
    "a|b 管道 {花括号} [方括号], 逗号",
    "**加粗** 与 _强调_",
    "反斜杠 \\ 与 百分号 100%",
];
const PEOPLE: [&str; 4] = ["张三", "李四", "王五", "赵六"];
const CATEGORIES: [&str; 3] = ["先进基层党组织", "优秀共产党员", "五好支部"];
const BODIES: [&str; 3] = ["", "正文一段。\n", "## 小标题\n\n- 要点一\n- 要点二\n"];
const COMMENTS: [&str; 3] = [
    "班子团结，承诺兑现好。",
    "**整改**还需加快。",
    "1. 作风扎实\n2. 群众满意",
];

/// Where a record is written: its own `.md`, its own `.yaml`, or one entry
/// of the kind's sequence file `batch.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Md,
    Yaml,
    Batch,
}

fn style() -> impl Strategy<Value = Style> {
    prop_oneof![Just(Style::Md), Just(Style::Yaml), Just(Style::Batch)]
}

/// Line ends and BOM of a file: most are plain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Plain,
    Crlf,
    Bom,
    CrlfBom,
}

fn encoding() -> impl Strategy<Value = Encoding> {
    prop_oneof![
        6 => Just(Encoding::Plain),
        1 => Just(Encoding::Crlf),
        1 => Just(Encoding::Bom),
        1 => Just(Encoding::CrlfBom),
    ]
}

/// Which year a record belongs to. Records of 2023 must be left out of
/// every figure; a pledge made in December 2023 with `year: 2024` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    In2024,
    In2023,
    /// Pledges only: made in 2023, `year: 2024`.
    Explicit2024,
}

fn when() -> impl Strategy<Value = When> {
    prop_oneof![
        8 => Just(When::In2024),
        1 => Just(When::In2023),
        1 => Just(When::Explicit2024),
    ]
}

#[derive(Debug, Clone)]
struct Item {
    text: usize,
    status: usize,
    zh: bool,
    due: Option<u32>,
    done: Option<u32>,
    flow: bool,
}

#[derive(Debug, Clone)]
struct Pledge {
    unit: usize,
    person: Option<usize>,
    made: u32,
    when: When,
    items: Vec<Item>,
    style: Style,
    encoding: Encoding,
    body: usize,
}

/// When a finding was closed: on a day of 2024, or early in 2025 (after
/// every `as_of` used here).
#[derive(Debug, Clone, Copy)]
enum Closed {
    In2024(u32),
    In2025(u32),
}

#[derive(Debug, Clone)]
struct Finding {
    issue: usize,
    /// None: not written (minor by default); Some(true): major.
    major: Option<bool>,
    zh: bool,
    open: bool,
    due: Option<u32>,
    closed: Option<Closed>,
    action: bool,
}

#[derive(Debug, Clone)]
struct Inspection {
    unit: usize,
    date: u32,
    in_2023: bool,
    kind: Option<(usize, bool)>,
    team: bool,
    findings: Vec<Finding>,
    commendations: usize,
    style: Style,
    encoding: Encoding,
}

#[derive(Debug, Clone)]
struct Award {
    category: usize,
    units: Vec<usize>,
    people: Vec<(usize, Option<usize>)>,
}

#[derive(Debug, Clone)]
struct Honour {
    date: u32,
    in_2023: bool,
    by: bool,
    awards: Vec<Award>,
    style: Style,
}

#[derive(Debug, Clone)]
struct Appraisal {
    unit: usize,
    date: u32,
    in_2023: bool,
    /// Public votes (satisfied, basic, unsatisfied), or a leadership comment.
    votes: Option<(u64, u64, u64)>,
    comment: usize,
    zh: bool,
    style: Style,
}

#[derive(Debug, Clone)]
struct Folder {
    units: usize,
    short: Vec<bool>,
    /// None: not written (31 December); else a day of 2024.
    as_of: Option<u32>,
    write_evaluation: bool,
    pledges: Vec<Pledge>,
    inspections: Vec<Inspection>,
    honours: Vec<Honour>,
    appraisals: Vec<Appraisal>,
    narratives: Vec<(usize, usize)>,
}

/// A day of 2024 (a leap year) by its ordinal.
fn day2024() -> impl Strategy<Value = u32> {
    1u32..=366
}

fn item() -> impl Strategy<Value = Item> {
    (
        0..TEXTS.len(),
        0..PLEDGE_STATUSES.len(),
        any::<bool>(),
        proptest::option::of(day2024()),
        proptest::option::of(day2024()),
        any::<bool>(),
    )
        .prop_map(|(text, status, zh, due, done, flow)| Item {
            text,
            status,
            zh,
            due,
            // A done date mostly on done items; elsewhere it is a warning.
            done: done.filter(|d| status == DONE || d % 5 == 0),
            flow,
        })
}

fn pledge() -> impl Strategy<Value = Pledge> {
    (
        0usize..8,
        proptest::option::of(0..PEOPLE.len()),
        day2024(),
        when(),
        proptest::collection::vec(item(), 1..=5),
        style(),
        encoding(),
        0..BODIES.len(),
    )
        .prop_map(
            |(unit, person, made, when, items, style, encoding, body)| Pledge {
                unit,
                person,
                made,
                when,
                items,
                style,
                encoding,
                body,
            },
        )
}

fn finding() -> impl Strategy<Value = Finding> {
    (
        0..TEXTS.len(),
        proptest::option::of(any::<bool>()),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(day2024()),
        prop_oneof![
            1 => Just(None),
            3 => day2024().prop_map(|d| Some(Closed::In2024(d))),
            1 => (1u32..=90).prop_map(|d| Some(Closed::In2025(d))),
        ],
        any::<bool>(),
    )
        .prop_map(|(issue, major, zh, open, due, closed, action)| Finding {
            issue,
            major,
            zh,
            open,
            due,
            closed: if open { None } else { closed },
            action,
        })
}

fn inspection() -> impl Strategy<Value = Inspection> {
    (
        0usize..8,
        day2024(),
        proptest::bool::weighted(0.1),
        proptest::option::of((0..INSPECTION_KINDS.len(), any::<bool>())),
        any::<bool>(),
        proptest::collection::vec(finding(), 0..=4),
        0usize..=2,
        style(),
        encoding(),
    )
        .prop_map(
            |(unit, date, in_2023, kind, team, findings, commendations, style, encoding)| {
                Inspection {
                    unit,
                    date,
                    in_2023,
                    kind,
                    team,
                    findings,
                    commendations,
                    style,
                    encoding,
                }
            },
        )
}

fn award() -> impl Strategy<Value = Award> {
    (
        0..CATEGORIES.len(),
        proptest::collection::btree_set(0usize..8, 0..=3),
        proptest::collection::vec((0..PEOPLE.len(), proptest::option::of(0usize..8)), 0..=3),
    )
        .prop_map(|(category, units, people)| {
            let mut units: Vec<usize> = units.into_iter().collect();
            if units.is_empty() && people.is_empty() {
                units.push(0);
            }
            Award {
                category,
                units,
                people,
            }
        })
}

fn honour() -> impl Strategy<Value = Honour> {
    (
        day2024(),
        proptest::bool::weighted(0.1),
        any::<bool>(),
        proptest::collection::vec(award(), 1..=3),
        style(),
    )
        .prop_map(|(date, in_2023, by, awards, style)| Honour {
            date,
            in_2023,
            by,
            awards,
            style,
        })
}

fn appraisal() -> impl Strategy<Value = Appraisal> {
    (
        0usize..8,
        day2024(),
        proptest::bool::weighted(0.1),
        prop_oneof![
            5 => (0u64..200, 0u64..60, 0u64..30).prop_map(Some),
            1 => Just(Some((0, 0, 0))),
            1 => Just(None),
        ],
        0..COMMENTS.len(),
        any::<bool>(),
        style(),
    )
        .prop_map(
            |(unit, date, in_2023, votes, comment, zh, style)| Appraisal {
                unit,
                date,
                in_2023,
                votes,
                comment,
                zh,
                style,
            },
        )
}

fn folder() -> impl Strategy<Value = Folder> {
    (
        (
            1usize..=8,
            proptest::collection::vec(any::<bool>(), 8),
            prop_oneof![
                2 => Just(None),
                1 => Just(Some(366)),
                1 => day2024().prop_map(Some),
            ],
            any::<bool>(),
        ),
        proptest::collection::vec(pledge(), 0..=6),
        proptest::collection::vec(inspection(), 0..=5),
        proptest::collection::vec(honour(), 0..=2),
        proptest::collection::vec(appraisal(), 0..=6),
        proptest::collection::vec((0usize..3, 0..BODIES.len()), 0..=3),
    )
        .prop_map(
            |(
                (units, short, as_of, write_evaluation),
                pledges,
                inspections,
                honours,
                appraisals,
                narratives,
            )| Folder {
                units,
                short,
                as_of,
                write_evaluation,
                pledges,
                inspections,
                honours,
                appraisals,
                narratives,
            },
        )
}

// ---------------------------------------------------------------------------
// Writing a folder
// ---------------------------------------------------------------------------

fn date(year: i32, ordinal: u32) -> NaiveDate {
    let last = if year % 4 == 0 { 366 } else { 365 };
    NaiveDate::from_yo_opt(year, ordinal.clamp(1, last)).expect("a day of the year")
}

impl Folder {
    fn as_of(&self) -> NaiveDate {
        date(2024, self.as_of.unwrap_or(366))
    }
    fn unit(&self, index: usize) -> usize {
        index % self.units
    }
    fn unit_id(&self, index: usize) -> String {
        format!("u{}", self.unit(index) + 1)
    }
    fn unit_name(&self, unit: usize) -> String {
        format!("第{}支部", unit + 1)
    }
    fn unit_short(&self, unit: usize) -> String {
        if self.short[unit] {
            format!("{}村", unit + 1)
        } else {
            self.unit_name(unit)
        }
    }
}

/// A YAML double-quoted string.
fn q(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn pledge_date(p: &Pledge) -> NaiveDate {
    match p.when {
        When::In2024 => date(2024, p.made),
        When::In2023 | When::Explicit2024 => date(2023, p.made),
    }
}

fn pledge_yaml(f: &Folder, p: &Pledge) -> String {
    let mut s = format!("unit: {}\n", f.unit_id(p.unit));
    if let Some(person) = p.person {
        writeln!(s, "person: {}", PEOPLE[person]).unwrap();
    }
    if p.when == When::Explicit2024 {
        s.push_str("year: 2024\n");
    }
    writeln!(s, "made: {}", pledge_date(p)).unwrap();
    s.push_str("items:\n");
    // Items of a 2023 pledge carry no dates (they would only warn).
    let dated = p.when != When::In2023;
    for item in &p.items {
        let (key, zh) = PLEDGE_STATUSES[item.status];
        let status = if item.zh { zh } else { key };
        let text = q(TEXTS[item.text]);
        let mut fields = vec![("text", text), ("status", status.to_owned())];
        if dated {
            if let Some(d) = item.due {
                fields.push(("due", date(2024, d).to_string()));
            }
            if let Some(d) = item.done {
                fields.push(("done", date(2024, d).to_string()));
            }
        }
        push_entry(&mut s, &fields, item.flow);
    }
    s
}

/// One `- ` entry of a list at indent 2, in flow or block style.
fn push_entry(s: &mut String, fields: &[(&str, String)], flow: bool) {
    if flow {
        let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        writeln!(s, "  - {{{}}}", inner.join(", ")).unwrap();
    } else {
        for (i, (k, v)) in fields.iter().enumerate() {
            let lead = if i == 0 { "  - " } else { "    " };
            writeln!(s, "{lead}{k}: {v}").unwrap();
        }
    }
}

fn inspection_date(i: &Inspection) -> NaiveDate {
    date(if i.in_2023 { 2023 } else { 2024 }, i.date)
}

fn inspection_yaml(f: &Folder, i: &Inspection) -> String {
    let mut s = format!(
        "date: {}\nunit: {}\n",
        inspection_date(i),
        f.unit_id(i.unit)
    );
    if i.team {
        s.push_str("team: 乡党委督查专班\n");
    }
    if let Some((kind, zh)) = i.kind {
        let (key, label) = INSPECTION_KINDS[kind];
        writeln!(s, "kind: {}", if zh { label } else { key }).unwrap();
    }
    if !i.findings.is_empty() || i.commendations == 0 {
        s.push_str("findings:");
        if i.findings.is_empty() {
            s.push_str(" []");
        }
        s.push('\n');
    }
    for (n, finding) in i.findings.iter().enumerate() {
        let mut fields = vec![("issue", q(TEXTS[finding.issue]))];
        if let Some(major) = finding.major {
            let word = match (major, finding.zh) {
                (true, false) => "major",
                (true, true) => "严重",
                (false, false) => "minor",
                (false, true) => "一般",
            };
            fields.push(("severity", word.to_owned()));
        }
        if finding.action {
            fields.push(("action", q("补齐记录并建立台账")));
        }
        let status = match (finding.open, finding.zh) {
            (true, false) => "open",
            (true, true) => "未整改",
            (false, false) => "closed",
            (false, true) => "已整改",
        };
        fields.push(("status", status.to_owned()));
        if !i.in_2023 {
            if let Some(d) = finding.due {
                fields.push(("due", date(2024, d).to_string()));
            }
            if let Some(closed) = finding.closed {
                fields.push(("closed", closed_date(closed).to_string()));
            }
        }
        push_entry(&mut s, &fields, n % 2 == 1);
    }
    if i.commendations > 0 {
        s.push_str("commendations:\n");
        for n in 0..i.commendations {
            writeln!(s, "  - 党务公开栏更新及时{n}").unwrap();
        }
    }
    s
}

fn closed_date(c: Closed) -> NaiveDate {
    match c {
        Closed::In2024(d) => date(2024, d),
        Closed::In2025(d) => date(2025, d),
    }
}

fn honour_date(h: &Honour) -> NaiveDate {
    date(if h.in_2023 { 2023 } else { 2024 }, h.date)
}

fn honour_yaml(f: &Folder, h: &Honour) -> String {
    let mut s = format!("date: {}\noccasion: 表彰大会\n", honour_date(h));
    if h.by {
        s.push_str("by: 乡党委\n");
    }
    s.push_str("awards:\n");
    for award in &h.awards {
        writeln!(s, "  - category: {}", CATEGORIES[award.category]).unwrap();
        if !award.units.is_empty() {
            let ids: Vec<String> = dedup_units(f, &award.units)
                .iter()
                .map(|u| format!("u{}", u + 1))
                .collect();
            writeln!(s, "    units: [{}]", ids.join(", ")).unwrap();
        }
        if !award.people.is_empty() {
            s.push_str("    people:\n");
            for (name, unit) in dedup_people(f, &award.people) {
                match unit {
                    Some(u) => writeln!(
                        s,
                        "      - {{name: {}, unit: {}}}",
                        PEOPLE[name],
                        f.unit_id(u)
                    )
                    .unwrap(),
                    None => writeln!(s, "      - {}", PEOPLE[name]).unwrap(),
                }
            }
        }
    }
    s
}

/// An award's unit indices on the roster, each once, in the order written.
fn dedup_units(f: &Folder, units: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    for u in units {
        let u = f.unit(*u);
        if !out.contains(&u) {
            out.push(u);
        }
    }
    out
}

/// An award's people, each once (a recipient written twice in one award
/// is an error): by name and unit on the roster, in the order written.
fn dedup_people(f: &Folder, people: &[(usize, Option<usize>)]) -> Vec<(usize, Option<usize>)> {
    let mut out = Vec::new();
    for (name, unit) in people {
        let person = (*name, unit.map(|u| f.unit(u)));
        if !out.contains(&person) {
            out.push(person);
        }
    }
    out
}

fn appraisal_date(a: &Appraisal) -> NaiveDate {
    date(if a.in_2023 { 2023 } else { 2024 }, a.date)
}

fn appraisal_yaml(f: &Folder, a: &Appraisal) -> String {
    let mut s = format!("date: {}\nunit: {}\n", appraisal_date(a), f.unit_id(a.unit));
    match a.votes {
        Some((satisfied, basic, unsatisfied)) => {
            writeln!(s, "kind: {}", if a.zh { "群众评议" } else { "public" }).unwrap();
            writeln!(
                s,
                "votes: {{satisfied: {satisfied}, basic: {basic}, unsatisfied: {unsatisfied}}}"
            )
            .unwrap();
        }
        None => {
            writeln!(s, "kind: {}", if a.zh { "领导点评" } else { "leadership" }).unwrap();
            writeln!(s, "comment: {}", q(COMMENTS[a.comment])).unwrap();
        }
    }
    s
}

/// Writes `text` with the encoding's line ends and BOM.
fn write(path: &Path, text: &str, encoding: Encoding) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create a folder");
    let text = match encoding {
        Encoding::Crlf | Encoding::CrlfBom => text.replace('\n', "\r\n"),
        _ => text.to_owned(),
    };
    let mut bytes = Vec::new();
    if matches!(encoding, Encoding::Bom | Encoding::CrlfBom) {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(text.as_bytes());
    std::fs::write(path, bytes).expect("write a record");
}

/// Records of one kind: each written by its style. Returns each record's id.
fn write_kind(
    root: &Path,
    folder: &str,
    records: &[(String, Style, Encoding, &str)],
) -> Vec<String> {
    let mut batch = String::new();
    let mut batch_encoding = None;
    let mut in_batch = 0;
    let mut ids = Vec::new();
    for (n, (yaml, style, encoding, body)) in records.iter().enumerate() {
        match style {
            Style::Md => {
                let id = format!("2024/r{n:02}");
                write(
                    &root.join(folder).join(format!("{id}.md")),
                    &format!("---\n{yaml}---\n{body}"),
                    *encoding,
                );
                ids.push(id);
            }
            Style::Yaml => {
                let id = format!("r{n:02}");
                write(
                    &root.join(folder).join(format!("{id}.yaml")),
                    yaml,
                    *encoding,
                );
                ids.push(id);
            }
            Style::Batch => {
                in_batch += 1;
                for (i, line) in yaml.lines().enumerate() {
                    batch.push_str(if i == 0 { "- " } else { "  " });
                    batch.push_str(line);
                    batch.push('\n');
                }
                batch_encoding.get_or_insert(*encoding);
                ids.push(format!("batch#{in_batch}"));
            }
        }
    }
    if let Some(encoding) = batch_encoding {
        write(&root.join(folder).join("batch.yaml"), &batch, encoding);
    }
    ids
}

/// Record ids by kind, in generation order.
struct Ids {
    honours: Vec<String>,
}

fn write_folder(f: &Folder, root: &Path) -> Ids {
    let mut config = String::from("organisation: 测试乡党委\nyear: 2024\n");
    if let Some(d) = f.as_of {
        writeln!(config, "as_of: {}", date(2024, d)).unwrap();
    }
    if f.write_evaluation {
        config.push_str(
            "evaluation:\n  weights: {pledges: 0.4, inspections: 0.3, appraisal: 0.3}\n  \
             deductions: {minor: 5, major: 15}\n  bonus: {unit: 3, member: 1, max: 5}\n  \
             grades:\n    - {name: 优秀, min: 90}\n    - {name: 良好, min: 80}\n    \
             - {name: 一般, min: 60}\n    - {name: 较差, min: 0}\n",
        );
    }
    write(&root.join("annals.yaml"), &config, Encoding::Plain);
    let mut units = String::new();
    for u in 0..f.units {
        writeln!(units, "- id: u{}\n  name: {}", u + 1, f.unit_name(u)).unwrap();
        if f.short[u] {
            writeln!(units, "  short: {}", f.unit_short(u)).unwrap();
        }
        units.push_str("  kind: village\n");
    }
    write(&root.join("units.yaml"), &units, Encoding::Plain);

    let pledges: Vec<_> = f
        .pledges
        .iter()
        .map(|p| (pledge_yaml(f, p), p.style, p.encoding, BODIES[p.body]))
        .collect();
    write_kind(root, "pledges", &pledges);
    let inspections: Vec<_> = f
        .inspections
        .iter()
        .map(|i| (inspection_yaml(f, i), i.style, i.encoding, "检查情况。\n"))
        .collect();
    write_kind(root, "inspections", &inspections);
    let honours: Vec<_> = f
        .honours
        .iter()
        .map(|h| (honour_yaml(f, h), h.style, Encoding::Plain, ""))
        .collect();
    let honour_ids = write_kind(root, "honours", &honours);
    let appraisals: Vec<_> = f
        .appraisals
        .iter()
        .map(|a| (appraisal_yaml(f, a), a.style, Encoding::Plain, ""))
        .collect();
    write_kind(root, "appraisals", &appraisals);
    for (n, (section, body)) in f.narratives.iter().enumerate() {
        let section = ["practices", "problems", "plans"][*section];
        write(
            &root.join(format!("narrative/{section}/n{n}.md")),
            &format!(
                "---\nsection: {section}\ntitle: 标题{n}\norder: {n}\n---\n{}",
                BODIES[*body]
            ),
            Encoding::Plain,
        );
    }
    Ids {
        honours: honour_ids,
    }
}

// ---------------------------------------------------------------------------
// The recount
// ---------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Expected {
    units: usize,
    p_total: usize,
    p_by_units: usize,
    p_units: usize,
    p_by_members: usize,
    p_members: usize,
    items: usize,
    done: usize,
    partial: usize,
    progressing: usize,
    missed: usize,
    dropped: usize,
    unfulfilled: usize,
    held: usize,
    covered: usize,
    findings: usize,
    minor: usize,
    major: usize,
    rectified: usize,
    /// Rectified, but after the deadline (逾期销号).
    late: usize,
    open: usize,
    overdue: usize,
    commendations: usize,
    honours_held: usize,
    /// Category, unit short names, people's names: merged over the year's
    /// ceremonies by date then id, each name once, in the order first written.
    categories: Vec<(String, Vec<String>, Vec<String>)>,
    public: usize,
    satisfied: u64,
    basic: u64,
    unsatisfied: u64,
    scores: Vec<UnitScore>,
}

#[derive(Debug, Default, Clone)]
struct UnitScore {
    pledges: Option<f64>,
    inspections: Option<f64>,
    appraisal: Option<f64>,
    bonus: f64,
    score: Option<f64>,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn pct(part: f64, whole: f64) -> String {
    if whole > 0.0 {
        format!("{:.1}%", round1(100.0 * part / whole))
    } else {
        "—".to_owned()
    }
}

fn open_on(finding: &Finding, as_of: NaiveDate) -> bool {
    finding.open || finding.closed.is_some_and(|c| closed_date(c) > as_of)
}

/// Which year a recount is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Year {
    /// 2024, as of the folder's `as_of`.
    Reporting,
    /// 2023, as of its 31 December: the `previous` of the reports.
    Before,
}

impl Year {
    /// Whether a record of 2023 (`in_2023`) belongs to this year.
    fn holds(self, in_2023: bool) -> bool {
        in_2023 == (self == Year::Before)
    }
}

/// Whether the folder holds any record of 2023, so that the reports
/// compare with it.
fn has_year_before(f: &Folder) -> bool {
    f.pledges.iter().any(|p| p.when == When::In2023)
        || f.inspections.iter().any(|i| i.in_2023)
        || f.honours.iter().any(|h| h.in_2023)
        || f.appraisals.iter().any(|a| a.in_2023)
}

fn recount(f: &Folder, ids: &Ids, year: Year) -> Expected {
    let as_of = match year {
        Year::Reporting => f.as_of(),
        Year::Before => date(2023, 365),
    };
    let mut e = Expected {
        units: f.units,
        scores: vec![UnitScore::default(); f.units],
        ..Expected::default()
    };
    // Pledges of the year: `year` (explicit, or of `made`) is 2024.
    let pledges: Vec<&Pledge> = f
        .pledges
        .iter()
        .filter(|p| year.holds(p.when == When::In2023))
        .collect();
    e.p_total = pledges.len();
    let mut units = BTreeSet::new();
    let mut members = BTreeSet::new();
    let mut earned = vec![(0usize, 0.0f64); f.units];
    for p in &pledges {
        let unit = f.unit(p.unit);
        match p.person {
            Some(person) => {
                e.p_by_members += 1;
                members.insert((person, unit));
            }
            None => {
                e.p_by_units += 1;
                units.insert(unit);
            }
        }
        for item in &p.items {
            e.items += 1;
            match item.status {
                DONE => e.done += 1,
                PARTIAL => e.partial += 1,
                PLANNED | IN_PROGRESS => e.progressing += 1,
                MISSED => e.missed += 1,
                DROPPED => e.dropped += 1,
                _ => unreachable!(),
            }
            if item.status != DONE && item.status != DROPPED {
                e.unfulfilled += 1;
            }
            if item.status != DROPPED {
                earned[unit].0 += 1;
                earned[unit].1 += match item.status {
                    DONE => 1.0,
                    PARTIAL => 0.5,
                    _ => 0.0,
                };
            }
        }
    }
    e.p_units = units.len();
    e.p_members = members.len();

    // Findings of 2023 are written without `due` and `closed` dates: open
    // or closed as their status says, never overdue.
    let inspections: Vec<&Inspection> = f
        .inspections
        .iter()
        .filter(|i| year.holds(i.in_2023))
        .collect();
    e.held = inspections.len();
    let mut covered = BTreeSet::new();
    let mut deducted: Vec<Option<f64>> = vec![None; f.units];
    for i in &inspections {
        let unit = f.unit(i.unit);
        covered.insert(unit);
        e.commendations += i.commendations;
        let d = deducted[unit].get_or_insert(0.0);
        for finding in &i.findings {
            e.findings += 1;
            let major = finding.major == Some(true);
            if major {
                e.major += 1;
            } else {
                e.minor += 1;
            }
            let open = match year {
                Year::Reporting => open_on(finding, as_of),
                Year::Before => finding.open,
            };
            if open {
                e.open += 1;
                *d += if major { 15.0 } else { 5.0 };
                if year == Year::Reporting && finding.due.is_some_and(|due| date(2024, due) < as_of)
                {
                    e.overdue += 1;
                }
            } else {
                e.rectified += 1;
                let closed = finding.closed.map(closed_date);
                let due = finding.due.map(|d| date(2024, d));
                if year == Year::Reporting && closed.zip(due).is_some_and(|(c, d)| c > d) {
                    e.late += 1;
                }
            }
        }
    }
    e.covered = covered.len();

    // Honours of the year, by date then id.
    let mut honours: Vec<(NaiveDate, &str, &Honour)> = f
        .honours
        .iter()
        .zip(&ids.honours)
        .filter(|(h, _)| year.holds(h.in_2023))
        .map(|(h, id)| (honour_date(h), id.as_str(), h))
        .collect();
    honours.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    e.honours_held = honours.len();
    let mut bonus = vec![(0usize, 0usize); f.units];
    let mut people_seen: Vec<Vec<(usize, Option<usize>)>> = Vec::new();
    for (_, _, h) in &honours {
        for award in &h.awards {
            let category = CATEGORIES[award.category].to_owned();
            let index = match e.categories.iter().position(|c| c.0 == category) {
                Some(i) => i,
                None => {
                    e.categories.push((category, Vec::new(), Vec::new()));
                    people_seen.push(Vec::new());
                    e.categories.len() - 1
                }
            };
            for u in dedup_units(f, &award.units) {
                bonus[u].0 += 1;
                let short = f.unit_short(u);
                if !e.categories[index].1.contains(&short) {
                    e.categories[index].1.push(short);
                }
            }
            for person in dedup_people(f, &award.people) {
                if let Some(u) = person.1 {
                    bonus[u].1 += 1;
                }
                // Namesakes of two units are two recipients in the list.
                if !people_seen[index].contains(&person) {
                    people_seen[index].push(person);
                    e.categories[index].2.push(PEOPLE[person.0].to_owned());
                }
            }
        }
    }

    let mut votes = vec![(0u64, 0u64, 0u64); f.units];
    for a in f.appraisals.iter().filter(|a| year.holds(a.in_2023)) {
        if let Some((s, b, u)) = a.votes {
            e.public += 1;
            e.satisfied += s;
            e.basic += b;
            e.unsatisfied += u;
            let v = &mut votes[f.unit(a.unit)];
            v.0 += s;
            v.1 += b;
            v.2 += u;
        }
    }

    for (u, score) in e.scores.iter_mut().enumerate() {
        let (count, points) = earned[u];
        score.pledges = (count > 0).then(|| 100.0 * points / count as f64);
        score.inspections = deducted[u].map(|d| (100.0 - d).max(0.0));
        let (s, b, n) = votes[u];
        let total = s + b + n;
        score.appraisal = (total > 0).then(|| 100.0 * (s as f64 + 0.5 * b as f64) / total as f64);
        score.bonus = (3.0 * bonus[u].0 as f64 + bonus[u].1 as f64).min(5.0);
        let parts = [
            (score.pledges, 0.4),
            (score.inspections, 0.3),
            (score.appraisal, 0.3),
        ];
        let weight: f64 = parts.iter().filter(|(c, _)| c.is_some()).map(|p| p.1).sum();
        let sum: f64 = parts.iter().filter_map(|(c, w)| c.map(|c| c * w)).sum();
        score.score = (weight > 0.0).then(|| round1((sum / weight + score.bonus).min(100.0)));
    }
    e
}

// ---------------------------------------------------------------------------
// Reading the reports
// ---------------------------------------------------------------------------

/// The text between `start` and `end` (or the end of `text`).
fn section<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no `{start}` in\n{text}"));
    let rest = &text[from..];
    match rest.find(end) {
        Some(to) => &rest[..to],
        None => rest,
    }
}

/// Every figure written between `prefix` and `suffix`: digits, a decimal
/// point, `%`, or the dash of an absent rate.
fn numbers(text: &str, prefix: &str, suffix: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(prefix) {
        rest = &rest[i + prefix.len()..];
        if let Some(j) = rest.find(suffix) {
            let value = &rest[..j];
            if !value.is_empty()
                && value
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | '%' | '—'))
            {
                found.push(value.to_owned());
            }
        }
    }
    found
}

/// Asserts that every figure between `prefix` and `suffix` is `expected`
/// and that there is at least one.
fn assert_figure(text: &str, prefix: &str, suffix: &str, expected: impl ToString) {
    let expected = expected.to_string();
    let found = numbers(text, prefix, suffix);
    assert!(
        !found.is_empty(),
        "no figure `{prefix}N{suffix}` in\n{text}"
    );
    for value in &found {
        assert_eq!(
            value, &expected,
            "`{prefix}N{suffix}`: the report says {value}, the recount {expected}\n{text}"
        );
    }
}

/// `text` without the comparisons with last year ("，比上年增加3个",
/// "，比上年提高5.2个百分点", "，与上年持平"), so that the figures of the
/// year read as before them.
fn without_comparisons(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let next = ["，比上年", "，与上年持平"]
            .iter()
            .filter_map(|m| rest.find(m).map(|i| (i, *m)))
            .min();
        let Some((i, marker)) = next else { break };
        out.push_str(&rest[..i]);
        rest = &rest[i + marker.len()..];
        if marker == "，比上年" {
            // 增加/减少/提高/下降, the number, then its measure word.
            let after_verb = rest.char_indices().nth(2).map_or(rest.len(), |(j, _)| j);
            rest = &rest[after_verb..];
            rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
            rest = rest
                .strip_prefix("个百分点")
                .or_else(|| rest.strip_prefix('份'))
                .or_else(|| rest.strip_prefix('项'))
                .or_else(|| rest.strip_prefix('次'))
                .or_else(|| rest.strip_prefix('个'))
                .or_else(|| rest.strip_prefix('名'))
                .unwrap_or(rest);
        }
    }
    out.push_str(rest);
    out
}

/// Like [`assert_figure`] for a count the report leaves out when it is 0.
fn assert_count(text: &str, prefix: &str, suffix: &str, expected: usize) {
    if expected > 0 {
        assert_figure(text, prefix, suffix, expected);
    } else {
        assert!(
            numbers(text, prefix, suffix).iter().all(|v| v == "0"),
            "`{prefix}N{suffix}` should be left out\n{text}"
        );
    }
}

/// The cells of every table row of `text` whose first cell is a number.
fn rows(text: &str) -> Vec<Vec<String>> {
    cells(text)
        .into_iter()
        .filter(|cells| cells[0].parse::<usize>().is_ok())
        .collect()
}

/// The cells of every body row of the tables of `text` (header and
/// separator rows left out).
fn cells(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---") && !l.starts_with("| 名次"))
        .map(|l| {
            l.trim()
                .trim_start_matches('|')
                .trim_end_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_owned())
                .collect::<Vec<String>>()
        })
        .collect()
}

/// The value after `label` in a two-column figures table row.
fn table_value(text: &str, label: &str) -> String {
    for line in text.lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split(" | ")
            .map(str::trim)
            .collect();
        if let Some(i) = cells.iter().position(|c| *c == label) {
            return cells[i + 1].to_owned();
        }
    }
    panic!("no table row `{label}` in\n{text}");
}

fn one_decimal(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |x| format!("{:.1}", round1(x)))
}

/// Whether a shown one-decimal figure matches a recomputed value: equal
/// when printed, or within a rounding step of it (the last digit of a
/// value on a .x5 boundary may go either way between two computations).
fn close(shown: &str, value: Option<f64>) -> bool {
    match value {
        None => shown == "—",
        Some(v) => {
            shown == one_decimal(Some(v))
                || shown
                    .parse::<f64>()
                    .is_ok_and(|s| (s - round1(v)).abs() <= 0.1 + 1e-9)
        }
    }
}

const GRADES: [(&str, f64); 4] = [
    ("优秀", 90.0),
    ("良好", 80.0),
    ("一般", 60.0),
    ("较差", 0.0),
];

fn check_summary(summary: &str, e: &Expected, compared: bool) {
    let summary = &without_comparisons(summary);
    let basics = section(summary, "## 一、基本情况", "## 二、");
    assert!(
        basics.contains(&format!("所属基层党组织共{}个", e.units)),
        "{basics}"
    );
    let p = section(basics, "### （一）", "### （二）");
    let rate = pct(e.done as f64, (e.items - e.dropped) as f64);
    if e.p_total > 0 {
        if e.p_members > 0 {
            assert_figure(p, "全年", "个党组织、", e.p_units);
            assert_figure(p, "个党组织、", "名党员作出", e.p_members);
        } else {
            // No member pledged: no "0名党员" clause.
            assert_figure(p, "全年", "个党组织作出", e.p_units);
            assert!(!p.contains("名党员"), "{p}");
        }
        if e.p_by_units > 0 && e.p_by_members > 0 {
            assert_figure(p, "作出公开承诺", "份（", e.p_total);
            assert_figure(p, "党组织承诺", "份、", e.p_by_units);
            assert_figure(p, "党员承诺", "份）", e.p_by_members);
        } else {
            // One kind of pledger only: the breakdown would repeat the total.
            assert_figure(p, "作出公开承诺", "份，", e.p_total);
            assert!(!p.contains("党员承诺"), "{p}");
        }
        assert_figure(p, "承诺事项", "项。", e.items);
        if e.done > 0 {
            assert_figure(p, "已兑现", "项，", e.done);
        } else {
            // No "已兑现0项": nothing fulfilled is said in words.
            assert!(p.contains("，尚无兑现事项，"), "{p}");
            assert!(numbers(p, "已兑现", "项，").is_empty(), "{p}");
        }
        assert_count(p, "，部分兑现", "项", e.partial);
        assert_count(p, "，正在推进", "项", e.progressing);
        assert_count(p, "，未兑现", "项", e.missed);
        assert_count(p, "，因故撤销", "项", e.dropped);
        assert_figure(p, "承诺兑现率", "（不含撤销事项）。", &rate);
    } else {
        assert!(p.contains("全年未录入公开承诺。"), "{p}");
    }
    let i = section(basics, "### （二）", "### （三）");
    let irate = pct(e.rectified as f64, e.findings as f64);
    if e.held > 0 {
        assert_figure(i, "开展督办检查", "次，", e.held);
        assert_figure(i, "覆盖", "个单位", e.covered);
        assert_figure(i, "发现问题", "个", e.findings);
        if e.findings > 0 {
            // A severity or a state with none is not told as 0.
            if e.minor > 0 && e.major > 0 {
                assert_figure(i, "一般问题", "个、", e.minor);
                assert_figure(i, "严重问题", "个。", e.major);
            } else {
                let all = if e.major > 0 { "严重" } else { "一般" };
                assert!(i.contains(&format!("，均为{all}问题。")), "{i}");
                assert!(!i.contains("其中一般问题"), "{i}");
            }
            if e.open == 0 {
                assert!(i.contains("，已全部整改销号，"), "{i}");
            } else if e.rectified == 0 {
                assert_figure(i, "日，", "个问题均尚未整改", e.open);
            } else {
                assert_figure(i, "已整改销号", "个，", e.rectified);
                assert_figure(i, "尚未整改", "个", e.open);
            }
            assert_count(i, "超过整改时限", "个", e.overdue);
            assert_figure(i, "整改率", "。", &irate);
        }
        if e.commendations > 0 {
            assert_figure(i, "检查中对", "项工作亮点", e.commendations);
        } else {
            assert!(!i.contains("通报表扬"), "{i}");
        }
    } else {
        assert!(i.contains("全年未录入督办检查。"), "{i}");
    }
    for (label, value) in [
        ("公开承诺（份）", e.p_total.to_string()),
        ("承诺事项（项）", e.items.to_string()),
        ("已兑现（项）", e.done.to_string()),
        ("部分兑现（项）", e.partial.to_string()),
        ("未兑现（项）", e.missed.to_string()),
        ("承诺兑现率", rate),
        ("督办检查（次）", e.held.to_string()),
        ("发现问题（个）", e.findings.to_string()),
        ("已整改（个）", e.rectified.to_string()),
        ("未整改（个）", e.open.to_string()),
        ("其中逾期（个）", e.overdue.to_string()),
        ("整改率", irate),
    ] {
        assert_eq!(table_value(i, label), value, "table row {label}\n{i}");
    }
    let h = section(basics, "### （三）", "### （四）");
    if e.categories.is_empty() {
        assert!(h.contains("全年未录入表彰。"), "{h}");
    } else {
        let mut told = format!("全年召开表彰大会{}次，共表彰", e.honours_held);
        for (k, (category, units, people)) in e.categories.iter().enumerate() {
            if k > 0 {
                told.push('、');
            }
            told.push_str(category);
            if !units.is_empty() {
                write!(told, "{}个", units.len()).unwrap();
            }
            if !units.is_empty() && !people.is_empty() {
                told.push_str("（人）");
            }
            if !people.is_empty() {
                write!(told, "{}名", people.len()).unwrap();
            }
        }
        let units: usize = e.categories.iter().map(|c| c.1.len()).sum();
        let people: usize = e.categories.iter().map(|c| c.2.len()).sum();
        // With the year before, each count carries its own comparison.
        let and = if compared { "；" } else { "、" };
        write!(
            told,
            "，合计表彰先进集体{units}个{and}先进个人{people}名（名单见附件1）。"
        )
        .unwrap();
        assert!(h.contains(&told), "no `{told}` in\n{h}");
    }
    let a = section(basics, "### （四）", "## 二、");
    let votes = e.satisfied + e.basic + e.unsatisfied;
    assert_count(basics, "组织群众评议", "场", e.public);
    let recorded = e.p_total + e.held + e.honours_held + e.public;
    assert_eq!(
        basics.contains("全年未录入公开承诺、督办检查、表彰和群众评议记录。"),
        recorded == 0,
        "{basics}"
    );
    if votes > 0 {
        assert_figure(a, "收回有效评议票", "张，", votes);
        assert_figure(a, "其中满意", "票、", e.satisfied);
        assert_figure(a, "、基本满意", "票、", e.basic);
        assert_figure(a, "不满意", "票，", e.unsatisfied);
        assert_figure(
            a,
            "群众满意率",
            "（满意与基本满意合计）。",
            pct((e.satisfied + e.basic) as f64, votes as f64),
        );
    } else {
        assert!(a.contains("全年未录入群众评议票数。"), "{a}");
    }

    let problems = section(summary, "## 三、存在的问题和不足", "## 四、");
    if e.unfulfilled > 0 {
        assert_figure(problems, "仍有", "项承诺事项未完全兑现", e.unfulfilled);
        let list = section(summary, "未完全兑现承诺事项清单\n\n| ", "\n\n# ");
        assert_eq!(rows(list).len(), e.unfulfilled, "{list}");
    } else {
        assert!(!problems.contains("部分承诺事项兑现不够到位"), "{problems}");
        assert!(!summary.contains("未完全兑现承诺事项清单"));
    }
    if e.overdue > 0 {
        assert_figure(problems, "有", "个检查发现的问题超过整改时限", e.overdue);
        let list = section(summary, "逾期未整改问题清单\n\n| ", "\n\n# ");
        assert_eq!(rows(list).len(), e.overdue, "{list}");
    } else {
        assert!(!problems.contains("部分问题整改不够及时"), "{problems}");
    }
}

/// Checks the evaluation table against the recount; returns each unit's
/// grade as shown, in roster order.
fn check_evaluation(evaluation: &str, f: &Folder, e: &Expected) -> Vec<String> {
    let table = section(evaluation, "## 一、考核评价结果", "注：");
    let rows = cells(table);
    assert_eq!(rows.len(), f.units, "one row a unit\n{table}");
    let mut grades = vec![String::new(); f.units];
    let mut order: Vec<(Option<f64>, usize)> = Vec::new();
    let shown: Vec<Option<f64>> = rows.iter().map(|r| r[7].parse().ok()).collect();
    for (k, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), 9, "{row:?}");
        let unit = (0..f.units)
            .find(|&u| f.unit_name(u) == row[1])
            .unwrap_or_else(|| panic!("unknown unit {:?}\n{table}", row[1]));
        let want = &e.scores[unit];
        let context = || format!("unit u{}: {row:?}, recount {want:?}\n{table}", unit + 1);
        // Points: weight × component, the weights re-normalised over the
        // components present; inspections at full share, deductions apart.
        let parts = [
            (want.pledges, 0.4),
            (want.inspections, 0.3),
            (want.appraisal, 0.3),
        ];
        let total: f64 = parts.iter().filter(|p| p.0.is_some()).map(|p| p.1).sum();
        let share = |w: f64| w / total;
        assert!(
            close(&row[2], want.pledges.map(|c| share(0.4) * c)),
            "pledges: {}",
            context()
        );
        assert!(
            close(&row[3], want.inspections.map(|_| share(0.3) * 100.0)),
            "inspections: {}",
            context()
        );
        assert!(
            close(&row[4], want.appraisal.map(|c| share(0.3) * c)),
            "appraisal: {}",
            context()
        );
        assert!(close(&row[5], Some(want.bonus)), "bonus: {}", context());
        let deduction = want.inspections.map_or(0.0, |c| share(0.3) * (100.0 - c));
        assert!(close(&row[6], Some(deduction)), "deduction: {}", context());
        assert!(close(&row[7], want.score), "score: {}", context());
        // Rank: one more than the units with a higher shown score; 并列
        // when another shares it; unrated units have none.
        match shown[k] {
            Some(s) => {
                let higher = shown.iter().filter(|o| o.is_some_and(|o| o > s)).count();
                let same = shown.iter().filter(|o| **o == Some(s)).count();
                let rank = format!("{}{}", higher + 1, if same > 1 { "（并列）" } else { "" });
                assert_eq!(row[0], rank, "rank: {}", context());
            }
            None => assert_eq!(row[0], "—", "rank: {}", context()),
        }
        let grade = match shown[k] {
            Some(s) => GRADES.iter().find(|g| g.1 <= s).expect("a floor").0,
            None => "未评定",
        };
        assert_eq!(row[8], grade, "grade: {}", context());
        grades[unit] = row[8].clone();
        order.push((shown[k], unit));
    }
    // By score descending, ties by unit id (u1 < u2 …, fewer than 10
    // units), unrated last.
    for w in order.windows(2) {
        let ((sa, ua), (sb, ub)) = (w[0], w[1]);
        let ok = match (sa, sb) {
            (Some(a), Some(b)) => a > b || (a == b && ua < ub),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => ua < ub,
        };
        assert!(
            ok,
            "rank order at units u{} and u{}\n{table}",
            ua + 1,
            ub + 1
        );
    }
    grades
}

/// Checks the summary's sentence of grades and, when the folder holds a
/// year before, every comparison with it: each headline count and rate of
/// 一、基本情况 and each grade, by the recount of both years. Without a
/// year before, no comparison at all.
fn check_comparisons(summary: &str, e: &Expected, grades: &[String], before: Option<&Expected>) {
    let a = section(summary, "### （四）", "## 二、");
    let now: Vec<usize> = GRADES
        .iter()
        .map(|(name, _)| grades.iter().filter(|g| *g == name).count())
        .collect();
    let unrated = grades.iter().filter(|g| *g == "未评定").count();
    let rated = grades.len() - unrated;
    if rated == 0 {
        let told =
            format!("本年度{unrated}个单位均无公开承诺、督办检查和群众评议数据，未评定等次。");
        assert!(a.contains(&told), "no `{told}` in\n{a}");
        assert!(!a.contains("评定，"), "{a}");
    } else if unrated > 0 {
        assert!(
            a.contains(&format!("另有{unrated}个单位因无考核数据未评定")),
            "{a}"
        );
    }
    let Some(b) = before else {
        assert!(!summary.contains("上年"), "no year before\n{summary}");
        if rated > 0 {
            check_grade_distribution(a, &now);
        }
        return;
    };
    let then: Vec<usize> = GRADES
        .iter()
        .map(|(_, min)| {
            b.scores
                .iter()
                .filter_map(|s| s.score)
                .filter(|&s| GRADES.iter().find(|g| g.1 <= s).expect("a floor").1 == *min)
                .count()
        })
        .collect();
    if rated > 0 {
        let told = grades_sentence(&now, &then);
        assert!(a.contains(&told), "no `{told}` in\n{a}");
    }
    let basics = section(summary, "## 一、基本情况", "## 二、");
    let mut clauses = Vec::new();
    if e.p_total > 0 {
        let change = compared(e.p_total, b.p_total, "份");
        clauses.push(if e.p_by_units > 0 && e.p_by_members > 0 {
            // After the breakdown, so that it does not read as the change's.
            format!("党员承诺{}份）{change}，", e.p_by_members)
        } else {
            format!("公开承诺{}份{change}，", e.p_total)
        });
        clauses.push(format!(
            "承诺事项{}项{}",
            e.items,
            compared(e.items, b.items, "项")
        ));
        clauses.push(format!(
            "（不含撤销事项）{}。",
            compared_rate(pledge_rate(e), pledge_rate(b))
        ));
    }
    if e.held > 0 {
        clauses.push(format!(
            "开展督办检查{}次{}",
            e.held,
            compared(e.held, b.held, "次")
        ));
        clauses.push(format!(
            "发现问题{}个{}",
            e.findings,
            compared(e.findings, b.findings, "个")
        ));
        if e.findings > 0 {
            let rate = pct(e.rectified as f64, e.findings as f64);
            let change = compared_rate(rectification_rate(e), rectification_rate(b));
            clauses.push(format!("整改率{rate}{change}。"));
        }
    }
    if !e.categories.is_empty() {
        let (units, people) = honoured(e);
        let (units_then, people_then) = honoured(b);
        clauses.push(format!(
            "合计表彰先进集体{units}个{}；先进个人{people}名{}（",
            compared(units, units_then, "个"),
            compared(people, people_then, "名")
        ));
    }
    if e.satisfied + e.basic + e.unsatisfied > 0 {
        clauses.push(format!(
            "（满意与基本满意合计）{}。",
            compared_rate(satisfaction_rate(e), satisfaction_rate(b))
        ));
    }
    for told in clauses {
        assert!(basics.contains(&told), "no `{told}` in\n{basics}");
    }
}

/// The summary's sentence of grades without a year before.
fn check_grade_distribution(a: &str, now: &[usize]) {
    let given: Vec<String> = (0..GRADES.len())
        .filter(|&g| now[g] > 0)
        .map(|g| format!("{}{}个", GRADES[g].0, now[g]))
        .collect();
    let none: Vec<&str> = (0..GRADES.len())
        .filter(|&g| now[g] == 0)
        .map(|g| GRADES[g].0)
        .collect();
    let mut sentence = format!("评定{}", given.join("、"));
    if !none.is_empty() {
        write!(sentence, "，无{}等次", none.join("、")).unwrap();
    }
    assert!(a.contains(&sentence), "no `{sentence}` in\n{a}");
}

/// done ÷ items counted, in percent, or none without items.
fn pledge_rate(e: &Expected) -> Option<f64> {
    let counted = e.items - e.dropped;
    (counted > 0).then(|| 100.0 * e.done as f64 / counted as f64)
}

/// rectified ÷ findings, in percent, or none without findings.
fn rectification_rate(e: &Expected) -> Option<f64> {
    (e.findings > 0).then(|| 100.0 * e.rectified as f64 / e.findings as f64)
}

/// (satisfied + basic) ÷ votes, in percent, or none without votes.
fn satisfaction_rate(e: &Expected) -> Option<f64> {
    let votes = e.satisfied + e.basic + e.unsatisfied;
    (votes > 0).then(|| 100.0 * (e.satisfied + e.basic) as f64 / votes as f64)
}

/// Units and people honoured, summed over the categories.
fn honoured(e: &Expected) -> (usize, usize) {
    (
        e.categories.iter().map(|c| c.1.len()).sum(),
        e.categories.iter().map(|c| c.2.len()).sum(),
    )
}

/// A rate against last year's in percentage points, one decimal, as the
/// reports write it; nothing when either year has no rate.
fn compared_rate(now: Option<f64>, then: Option<f64>) -> String {
    let (Some(now), Some(then)) = (now, then) else {
        return String::new();
    };
    let change = round1(now) - round1(then);
    let points = format!("{:.1}", round1(change.abs()));
    if points == "0.0" {
        "，与上年持平".to_owned()
    } else if change > 0.0 {
        format!("，比上年提高{points}个百分点")
    } else {
        format!("，比上年下降{points}个百分点")
    }
}

/// The ledger's account above its table, by the recount: no count of 0
/// told, 逾期销号 for the findings closed after their deadline.
fn check_ledger_header(ledger: &str, e: &Expected) {
    if e.findings == 0 {
        assert!(ledger.contains("全年督办检查未发现问题。"), "{ledger}");
        return;
    }
    let mut told = format!("全年督办检查共发现问题{}个（", e.findings);
    match (e.minor, e.major) {
        (0, _) => told.push_str("均为严重问题"),
        (_, 0) => told.push_str("均为一般问题"),
        (minor, major) => write!(told, "一般{minor}个、严重{major}个").unwrap(),
    }
    told.push_str("），");
    match (e.open, e.rectified) {
        (0, _) => told.push_str("已全部整改销号"),
        (_, 0) => told.push_str("均尚未整改"),
        (_, rectified) => write!(told, "已整改销号{rectified}个").unwrap(),
    }
    if e.late > 0 {
        write!(told, "（其中逾期销号{}个）", e.late).unwrap();
    }
    if e.open > 0 && e.rectified > 0 {
        write!(told, "，尚未整改{}个", e.open).unwrap();
    }
    if e.overdue > 0 {
        write!(told, "，其中超过整改时限{}个", e.overdue).unwrap();
    }
    let rate = pct(e.rectified as f64, e.findings as f64);
    write!(told, "，整改率{rate}。").unwrap();
    assert!(ledger.contains(&told), "no `{told}` in\n{ledger}");
}

fn check_ledger(ledger: &str, f: &Folder, e: &Expected) {
    check_ledger_header(ledger, e);
    let rows = rows(ledger);
    assert_eq!(rows.len(), e.findings, "{ledger}");
    let statuses: Vec<&str> = rows.iter().map(|r| r[9].as_str()).collect();
    let open = statuses.iter().filter(|s| **s == "未整改").count();
    assert_eq!(open, e.open, "{ledger}");
    assert!(
        statuses[..open].iter().all(|s| *s == "未整改"),
        "open ones first\n{ledger}"
    );
    let overdue: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[12].starts_with("逾期") && !r[12].contains("销号"))
        .collect();
    assert_eq!(overdue.len(), e.overdue, "{ledger}");
    // Days overdue: from the deadline to as_of.
    let as_of = f.as_of();
    for row in overdue {
        let due = NaiveDate::parse_from_str(&row[8], "%Y年%-m月%-d日").expect("a cn date");
        assert_eq!(
            row[12],
            format!("逾期{}天", (as_of - due).num_days()),
            "{row:?}"
        );
        assert!(due < as_of);
        assert!(due.year() == 2024);
    }
    // Closed after the deadline: 逾期销号 by the days from deadline to closing.
    for row in rows.iter().filter(|r| r[12].starts_with("逾期销号")) {
        let due = NaiveDate::parse_from_str(&row[8], "%Y年%-m月%-d日").expect("a cn date");
        let closed = NaiveDate::parse_from_str(&row[10], "%Y年%-m月%-d日").expect("a cn date");
        assert_eq!(row[9], "已整改", "{row:?}");
        assert_eq!(
            row[12],
            format!("逾期销号（{}天）", (closed - due).num_days()),
            "{row:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Mangling
// ---------------------------------------------------------------------------

/// Values put where a field's value was.
const GARBAGE: [&str; 40] = [
    "",
    "~",
    "[",
    "]",
    "{",
    "}",
    "-1",
    "1.5",
    "99999999999999999999999",
    "-9223372036854775809",
    "1e400",
    ".nan",
    "-.inf",
    "0x1F",
    "2024-02-30",
    "2024-13-01",
    "0000-01-01",
    "9999-12-31",
    "2024-1-1",
    "*nothing",
    "&anchor value",
    "!!binary aGVsbG8=",
    "!!map {}",
    "? complex",
    "|",
    ">-",
    "'",
    "\"",
    "@",
    "`",
    "%YAML 1.1",
    "---",
    "...",
    "\u{FEFF}",
    "true",
    "[[[]]]",
    "{a: {b: [1, {c: d}]}}",
    "- x",
    "u9",
    "已完成, status: done",
];

#[derive(Debug, Clone)]
enum Mangle {
    DeleteLine(usize),
    ReplaceValue(usize, usize),
    InsertLine(usize, usize),
    DuplicateLine(usize),
    Indent(usize, usize),
    Truncate(usize),
    SetByte(usize, u8),
}

fn mangle() -> impl Strategy<Value = Mangle> {
    prop_oneof![
        3 => any::<usize>().prop_map(Mangle::DeleteLine),
        4 => (any::<usize>(), 0..GARBAGE.len()).prop_map(|(l, g)| Mangle::ReplaceValue(l, g)),
        1 => (any::<usize>(), 0..GARBAGE.len()).prop_map(|(l, g)| Mangle::InsertLine(l, g)),
        1 => any::<usize>().prop_map(Mangle::DuplicateLine),
        1 => (any::<usize>(), 0usize..3).prop_map(|(l, k)| Mangle::Indent(l, k)),
        1 => any::<usize>().prop_map(Mangle::Truncate),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mangle::SetByte(at, b)),
    ]
}

/// Every file under `dir`, sorted.
fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("list a folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn apply(path: &Path, m: &Mangle) {
    let bytes = std::fs::read(path).expect("read a record");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let pick = |n: usize| if lines.is_empty() { 0 } else { n % lines.len() };
    let bytes = match *m {
        Mangle::Truncate(at) => bytes[..at % (bytes.len() + 1)].to_vec(),
        Mangle::SetByte(at, b) => {
            let mut bytes = bytes;
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = b;
            }
            bytes
        }
        _ => {
            match *m {
                Mangle::DeleteLine(l) if !lines.is_empty() => {
                    let l = pick(l);
                    lines.remove(l);
                }
                Mangle::ReplaceValue(l, g) if !lines.is_empty() => {
                    let l = pick(l);
                    let line = &lines[l];
                    lines[l] = match line.find(": ") {
                        Some(at) => format!("{}: {}", &line[..at], GARBAGE[g]),
                        None => format!("{line} {}", GARBAGE[g]),
                    };
                }
                Mangle::InsertLine(l, g) => {
                    let l = pick(l);
                    lines.insert(l, GARBAGE[g].to_owned());
                }
                Mangle::DuplicateLine(l) if !lines.is_empty() => {
                    let l = pick(l);
                    let line = lines[l].clone();
                    lines.insert(l, line);
                }
                Mangle::Indent(l, k) if !lines.is_empty() => {
                    let l = pick(l);
                    let lead = ["  ", " ", "\t"][k];
                    lines[l] = format!("{lead}{}", lines[l]);
                }
                _ => {}
            }
            let mut text = lines.join("\n");
            text.push('\n');
            text.into_bytes()
        }
    };
    std::fs::write(path, bytes).expect("write a mangled record");
}

// ---------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(48))]

    /// A valid folder checks, builds twice to the same bytes, and every
    /// figure of its reports equals the recount.
    #[test]
    fn reports_of_a_valid_folder_carry_the_recounted_figures(f in folder()) {
        let dir = common::temporary_folder();
        let root = dir.path().join("records");
        let ids = write_folder(&f, &root);
        let before = snapshot(&root);

        let check = annals(&root, &["check"]);
        prop_assert_eq!(check.code, Some(0), "check failed:\n{}", check.stderr);
        prop_assert!(
            !check.stderr.lines().any(|l| l.starts_with("error")),
            "{}", check.stderr
        );

        let (out1, out2) = (dir.path().join("out1"), dir.path().join("out2"));
        for out in [&out1, &out2] {
            let build = annals(&root, &["build", "--out", out.to_str().expect("UTF-8")]);
            prop_assert_eq!(build.code, Some(0), "build failed:\n{}", build.stderr);
        }
        for name in ["summary.md", "evaluation.md", "ledger.md"] {
            let a = std::fs::read(out1.join(name)).expect("a report");
            let b = std::fs::read(out2.join(name)).expect("a report");
            prop_assert!(a == b, "{} differs between two builds", name);
        }

        let read = |name: &str| std::fs::read_to_string(out1.join(name)).expect("a report");
        let (summary, evaluation, ledger) =
            (read("summary.md"), read("evaluation.md"), read("ledger.md"));
        let expected = recount(&f, &ids, Year::Reporting);
        let year_before = has_year_before(&f).then(|| recount(&f, &ids, Year::Before));
        check_summary(&summary, &expected, year_before.is_some());
        let grades = check_evaluation(&evaluation, &f, &expected);
        check_comparisons(&summary, &expected, &grades, year_before.as_ref());
        check_ledger(&ledger, &f, &expected);
        // check, build (with --out elsewhere) and status wrote nothing into
        // the records and changed no file there.
        let status = annals(&root, &["status", "--as-of", "2024-12-31"]);
        prop_assert_eq!(status.code, Some(0), "status failed:\n{}", status.stderr);
        prop_assert!(snapshot(&root) == before, "the records folder changed");
    }
}

proptest! {
    #![proptest_config(config(8))]

    /// html and docx are byte-identical between two builds too.
    #[test]
    fn html_and_docx_builds_are_byte_identical(f in folder()) {
        let dir = common::temporary_folder();
        let root = dir.path().join("records");
        write_folder(&f, &root);
        let (out1, out2) = (dir.path().join("out1"), dir.path().join("out2"));
        for out in [&out1, &out2] {
            let build = annals(&root, &[
                "build", "--format", "md", "--format", "html", "--format", "docx",
                "--out", out.to_str().expect("UTF-8"),
            ]);
            prop_assert_eq!(build.code, Some(0), "build failed:\n{}", build.stderr);
        }
        for report in ["summary", "evaluation", "ledger"] {
            for ext in ["md", "html", "docx"] {
                let name = format!("{report}.{ext}");
                let a = std::fs::read(out1.join(&name)).expect("a report");
                let b = std::fs::read(out2.join(&name)).expect("a report");
                prop_assert!(!a.is_empty(), "{} is empty", name);
                prop_assert!(a == b, "{} differs between two builds", name);
            }
        }
    }
}

proptest! {
    #![proptest_config(config(96))]

    /// With fields dropped or mangled anywhere (config and roster
    /// included), nothing panics or hangs; `check` and `build` agree; a
    /// failed build writes nothing.
    #[test]
    fn mangled_folders_never_panic(
        f in folder(),
        mangles in proptest::collection::vec((any::<usize>(), mangle()), 1..=4),
    ) {
        let dir = common::temporary_folder();
        let root = dir.path().join("records");
        write_folder(&f, &root);
        let mut all = Vec::new();
        files(&root, &mut all);
        for (which, m) in &mangles {
            apply(&all[which % all.len()], m);
        }
        let check = annals(&root, &["check"]);
        prop_assert!(
            matches!(check.code, Some(0 | 1)),
            "check exited {:?}:\n{}", check.code, check.stderr
        );
        prop_assert!(!check.stderr.contains("panicked"), "{}", check.stderr);
        if check.code == Some(1) {
            prop_assert!(
                check.stderr.lines().any(|l| l.starts_with("error")),
                "{}", check.stderr
            );
        }

        let out = dir.path().join("out");
        let build = annals(&root, &["build", "--out", out.to_str().expect("UTF-8")]);
        prop_assert!(!build.stderr.contains("panicked"), "{}", build.stderr);
        prop_assert_eq!(
            build.code, check.code,
            "check and build disagree:\n--- check\n{}\n--- build\n{}",
            check.stderr, build.stderr
        );
        if build.code != Some(0) {
            prop_assert!(!out.exists(), "a failed build wrote {}", out.display());
        }

        let status = annals(&root, &["status", "--as-of", "2024-12-31"]);
        prop_assert!(
            matches!(status.code, Some(0 | 1)),
            "status exited {:?}:\n{}", status.code, status.stderr
        );
        prop_assert!(!status.stderr.contains("panicked"), "{}", status.stderr);
        let json = annals(&root, &["check", "--format", "json"]);
        prop_assert_eq!(json.code, check.code);
        prop_assert!(
            serde_json::from_str::<serde_json::Value>(&json.stdout).is_ok(),
            "check --format json printed no JSON:\n{}", json.stdout
        );
    }
}

// ---------------------------------------------------------------------------
// tests/fixtures/edition2: a previous year, a veto, a cap that bites and a
// tie at the cap boundary, recounted here from the fixture's description
// ---------------------------------------------------------------------------

/// One unit of tests/fixtures/edition2: full name, items done of 10, an
/// inspection (open minor findings), a veto finding.
struct Edition2Unit {
    name: &'static str,
    done: u32,
    inspected_open: Option<u32>,
    veto: bool,
}

const EDITION2: [Edition2Unit; 5] = [
    Edition2Unit {
        name: "甲村党支部",
        done: 10,
        inspected_open: None,
        veto: false,
    },
    Edition2Unit {
        name: "乙村党支部",
        done: 9,
        inspected_open: None,
        veto: false,
    },
    Edition2Unit {
        name: "丙村党支部",
        done: 9,
        inspected_open: None,
        veto: false,
    },
    Edition2Unit {
        name: "丁村党支部",
        done: 10,
        inspected_open: Some(0),
        veto: true,
    },
    Edition2Unit {
        name: "乡机关党支部",
        done: 6,
        inspected_open: Some(1),
        veto: false,
    },
];

/// Each unit's shown score, by SPEC §6 with the default weights and deductions.
fn edition2_scores() -> Vec<f64> {
    EDITION2
        .iter()
        .map(|u| {
            let pledges = 100.0 * f64::from(u.done) / 10.0;
            let score = match u.inspected_open {
                None => pledges,
                Some(open) => {
                    let inspections = (100.0 - 5.0 * f64::from(open)).max(0.0);
                    (0.4 * pledges + 0.3 * inspections) / 0.7
                }
            };
            round1(score.min(100.0))
        })
        .collect()
}

/// Grades by SPEC §6 of units with these shown scores (and veto findings):
/// 优秀 capped at ⌊0.4 × rated⌋ in rank order, a tie that would cross the
/// cap falls whole (and so does everyone below it); a veto keeps a unit at
/// 一般 or below. Only 优秀 has a cap here.
fn edition2_grades(scores: &[f64], vetoes: &[bool]) -> Vec<&'static str> {
    let by_score = |s: f64| GRADES.iter().position(|g| g.1 <= s).expect("a floor");
    let own: Vec<usize> = (0..scores.len())
        .map(|u| {
            if vetoes[u] {
                by_score(scores[u]).max(2)
            } else {
                by_score(scores[u])
            }
        })
        .collect();
    let cap = (0.4 * scores.len() as f64 + 1e-9).floor() as usize;
    // Scores of the candidates for 优秀, best first, and how many share each.
    let mut best: Vec<f64> = (0..scores.len())
        .filter(|&u| own[u] == 0)
        .map(|u| scores[u])
        .collect();
    best.sort_by(|a, b| b.total_cmp(a));
    let mut admitted = Vec::new();
    let mut taken = 0;
    for s in best.iter().copied() {
        if admitted.contains(&s) {
            continue;
        }
        let group = best.iter().filter(|&&t| t == s).count();
        if taken + group > cap {
            break;
        }
        taken += group;
        admitted.push(s);
    }
    (0..scores.len())
        .map(|u| match own[u] {
            0 if admitted.contains(&scores[u]) => GRADES[0].0,
            0 => GRADES[by_score(scores[u]).max(1)].0,
            g => GRADES[g].0,
        })
        .collect()
}

/// The year before in tests/fixtures/edition2: the one pledge of each unit
/// that pledged in 2023, as (items done, items partly done, items); no
/// other records, so only these units are rated that year.
const EDITION2_BEFORE: [(u32, u32, u32); 3] = [(2, 1, 4), (1, 0, 4), (2, 0, 2)];

/// Units per grade, in the order of [`GRADES`].
fn tally(grades: &[&str]) -> Vec<usize> {
    GRADES
        .iter()
        .map(|(name, _)| grades.iter().filter(|g| *g == name).count())
        .collect()
}

/// A count against last year's, with its measure word, as the reports write it.
fn compared(now: usize, then: usize, measure: &str) -> String {
    match now.cmp(&then) {
        std::cmp::Ordering::Greater => format!("，比上年增加{}{measure}", now - then),
        std::cmp::Ordering::Less => format!("，比上年减少{}{measure}", then - now),
        std::cmp::Ordering::Equal => "，与上年持平".to_owned(),
    }
}

/// The summary's sentence of grades against the year before: each grade
/// given with its change, each grade given only the year before with
/// last year's count, then the grades given in neither year.
fn grades_sentence(now: &[usize], then: &[usize]) -> String {
    let mut clauses: Vec<String> = (0..GRADES.len())
        .filter(|&g| now[g] > 0)
        .map(|g| {
            format!(
                "{}等次{}个{}",
                GRADES[g].0,
                now[g],
                compared(now[g], then[g], "个")
            )
        })
        .collect();
    for g in (0..GRADES.len()).filter(|&g| now[g] == 0 && then[g] > 0) {
        clauses.push(format!("无{}等次，上年为{}个", GRADES[g].0, then[g]));
    }
    let never: Vec<&str> = (0..GRADES.len())
        .filter(|&g| now[g] == 0 && then[g] == 0)
        .map(|g| GRADES[g].0)
        .collect();
    if !never.is_empty() {
        clauses.push(format!("无{}等次", never.join("、")));
    }
    format!("评定{}", clauses.join("；"))
}

#[test]
fn the_edition2_fixture_ranks_caps_and_vetoes_as_recounted() {
    let out = tempfile::tempdir().unwrap();
    let run = annals(
        &common::fixture("edition2"),
        &["build", "--out", out.path().to_str().unwrap()],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let evaluation = std::fs::read_to_string(out.path().join("evaluation.md")).unwrap();
    let summary = std::fs::read_to_string(out.path().join("summary.md")).unwrap();
    let scores = edition2_scores();
    let vetoes: Vec<bool> = EDITION2.iter().map(|u| u.veto).collect();
    let grades = edition2_grades(&scores, &vetoes);
    let table = section(&evaluation, "## 一、考核评价结果", "注：");
    for row in cells(table) {
        let u = EDITION2
            .iter()
            .position(|u| u.name == row[1])
            .expect("a unit");
        let higher = scores.iter().filter(|&&s| s > scores[u]).count();
        let same = scores.iter().filter(|&&s| s == scores[u]).count();
        let rank = format!("{}{}", higher + 1, if same > 1 { "（并列）" } else { "" });
        assert_eq!(row[0], rank, "{row:?}");
        assert_eq!(row[7], format!("{:.1}", scores[u]), "{row:?}");
        assert_eq!(row[8], grades[u], "{row:?}");
    }
    // The tie at 90 crosses the cap of 优秀 and falls whole; the veto is named.
    assert_eq!(grades, ["优秀", "良好", "良好", "一般", "一般"]);
    assert!(evaluation.contains("最多2个"), "{evaluation}");
    assert!(evaluation.contains("“发生安全生产责任事故”（已整改），属一票否决事项"));
    // The year before: the pledges of EDITION2_BEFORE, nothing else.
    let items: u32 = 10 * EDITION2.len() as u32;
    let done: u32 = EDITION2.iter().map(|u| u.done).sum();
    let items_then: u32 = EDITION2_BEFORE.iter().map(|p| p.2).sum();
    let done_then: u32 = EDITION2_BEFORE.iter().map(|p| p.0).sum();
    let rate_now = round1(100.0 * f64::from(done) / f64::from(items));
    let rate_then = round1(100.0 * f64::from(done_then) / f64::from(items_then));
    let told = format!("承诺事项{items}项，比上年增加{}项", items - items_then);
    assert!(summary.contains(&told), "no `{told}` in\n{summary}");
    let told = format!(
        "承诺兑现率{rate_now:.1}%（不含撤销事项），比上年提高{:.1}个百分点",
        rate_now - rate_then
    );
    assert!(summary.contains(&told), "no `{told}` in\n{summary}");
    // The year before's grades, by the same rules over its own rated units.
    let scores_then: Vec<f64> = EDITION2_BEFORE
        .iter()
        .map(|&(done, partial, items)| {
            round1(100.0 * (f64::from(done) + 0.5 * f64::from(partial)) / f64::from(items))
        })
        .collect();
    let then = tally(&edition2_grades(&scores_then, &[false; 3]));
    let now = tally(&grades);
    assert_eq!(
        (now.clone(), then.clone()),
        (vec![1, 2, 2, 0], vec![1, 0, 1, 1])
    );
    let told = grades_sentence(&now, &then);
    assert!(summary.contains(&told), "no `{told}` in\n{summary}");
    let grade_table = section(&summary, "| 等次 | 单位数 | 上年 | 单位 |", "\n\n");
    for (g, (name, _)) in GRADES.iter().enumerate() {
        let row = cells(grade_table)
            .into_iter()
            .find(|r| r[0] == *name)
            .unwrap_or_else(|| panic!("no row {name}\n{grade_table}"));
        assert_eq!(
            row[1..3],
            [now[g].to_string(), then[g].to_string()],
            "{row:?}"
        );
    }
    let distribution = section(&evaluation, "## 三、等次分布", "## 四、");
    for (g, (name, _)) in GRADES.iter().enumerate() {
        let line = distribution
            .lines()
            .find(|l| l.starts_with(&format!("**{name}**")))
            .unwrap_or_else(|| panic!("no {name}\n{distribution}"));
        let told = match (now[g], then[g]) {
            (0, 0) => "：无".to_owned(),
            (0, t) => format!("：无，上年为{t}个"),
            (n, t) => format!("{n}个单位{}", compared(n, t, "个")),
        };
        assert!(line.contains(&told), "no `{told}` in {line}");
    }
}
