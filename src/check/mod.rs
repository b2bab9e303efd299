//! `annals check`: load everything, then find the problems that span files
//! (unit ids and references to them), and return every diagnostic, sorted.
//! Depends on records and compute; renders nothing and writes nothing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::suggest;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Message;
use crate::output::{self, UnsafeName};
use crate::records::decode::Problem;
use crate::records::load::{self, LoadError, SourceFile, Text};
use crate::records::model::{RecordId, Records, Site, UnitRef, Votes};
use crate::records::yaml::{Part, YamlPath};

/// The outcome of checking a records folder.
#[derive(Debug)]
pub struct Checked {
    /// The records that could be read (possibly with errors elsewhere).
    pub records: Records,
    /// Every problem, sorted by file, line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// The record files read.
    pub files: Vec<SourceFile>,
    /// The text each file was parsed from, by the same index, for placing
    /// problems found later (see [`load::Loaded::texts`]).
    pub texts: Vec<Option<Arc<Text>>>,
}

impl Checked {
    /// The records, files and texts as the load gave them, to go back into
    /// the cache of a process that builds again.
    pub fn into_loaded(self) -> load::Loaded {
        load::Loaded {
            records: self.records,
            files: self.files,
            texts: self.texts,
            diagnostics: Vec::new(),
        }
    }

    /// The record files and their texts, taken out; a copy of annals.yaml's
    /// stays (at index 0), for the problems of its `reports:` list. Every
    /// problem of a record is placed by now, so a build that ends after
    /// writing lets go of them, and of the places in them that the records
    /// remember, before it makes the reports, which then reuse their
    /// memory; no other file can be named afterwards.
    pub fn take_record_sources(&mut self) -> (Vec<SourceFile>, Vec<Option<Arc<Text>>>) {
        self.records.forget_places();
        // Copying annals.yaml's out leaves the long lists where they are.
        let config_file = self.files.first().cloned().into_iter().collect();
        let config_text = self.texts.first().cloned().into_iter().collect();
        let files = std::mem::replace(&mut self.files, config_file);
        let texts = std::mem::replace(&mut self.texts, config_text);
        (files, texts)
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Loads and validates the records folder at `root`.
pub fn check(root: &Path) -> Result<Checked, LoadError> {
    validate(load::load(root)?)
}

/// Like [`check`], reading again only the files changed since the last call
/// with the same cache (for `watch`).
pub fn check_cached(root: &Path, cache: &mut load::Cache) -> Result<Checked, LoadError> {
    validate(load::load_cached(root, cache)?)
}

fn validate(loaded: load::Loaded) -> Result<Checked, LoadError> {
    let mut diagnostics = loaded.diagnostics;
    // The checks of the files and those between records, side by side.
    let (of_files, problems) = rayon::join(
        || {
            let mut found = unsafe_file_names(&loaded.files);
            found.extend(colliding_record_ids(&loaded.records, &loaded.files));
            found
        },
        || between_records(&loaded.records),
    );
    diagnostics.extend(of_files);
    for (index, problems) in problems {
        let text = loaded.texts[index].as_deref();
        diagnostics.extend(load::place(&loaded.files[index], text, problems));
    }
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity).cmp(&(&b.file, b.line, b.column, b.severity))
    });
    Ok(Checked {
        records: loaded.records,
        diagnostics,
        files: loaded.files,
        texts: loaded.texts,
    })
}

/// The problems between records, by the file each is placed in.
fn between_records(records: &Records) -> BTreeMap<usize, Vec<Problem>> {
    let mut problems: BTreeMap<usize, Vec<Problem>> = BTreeMap::new();
    let mut emit = |site: &Site, problem: Problem| {
        problems.entry(site.file).or_default().push(problem);
    };
    cross_check(records, &mut emit);
    parent_cycles(records, &mut emit);
    unsafe_names(records, &mut emit);
    vote_totals(records, &mut emit);
    problems
}

/// Every name from the records that becomes part of a path, through the
/// path guard: unit ids (`new`, `import`), report names (`build`) and the
/// templates they name.
fn unsafe_names(records: &Records, emit: &mut dyn FnMut(&Site, Problem)) {
    let mut refuse = |site: &Site, path: YamlPath, what: Message, refused: UnsafeName| {
        emit(
            site,
            Problem {
                severity: Severity::Error,
                path,
                part: Part::Value,
                message: Message::UnsafeName {
                    what: what.boxed(),
                    refused: refused.message().boxed(),
                },
                help: Some(Message::HintSafeName),
            },
        );
    };
    for unit in &records.units {
        if let Err(e) = output::safe_name(&unit.id) {
            refuse(&unit.site, unit.site.path.clone(), Message::WhatUnitId, e);
        }
    }
    for spec in records.config.iter().flat_map(|c| &c.reports) {
        if let Err(e) = output::safe_name(&spec.name) {
            refuse(
                &spec.site,
                spec.site.path.key("name"),
                Message::WhatReportName,
                e,
            );
        }
        if let Err(e) = output::safe_relative(&spec.template) {
            refuse(
                &spec.site,
                spec.site.path.key("template"),
                Message::WhatTemplate,
                e,
            );
        }
    }
}

/// Units whose `parent` leads back to themselves (`a` → `b` → `a`): there
/// is no top to group them under. Each cycle is reported once, at the
/// `parent` of its first unit on the roster; linear in the roster.
fn parent_cycles(records: &Records, emit: &mut dyn FnMut(&Site, Problem)) {
    let units = &records.units;
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(units.len());
    for (i, unit) in units.iter().enumerate() {
        index.entry(unit.id.as_str()).or_insert(i);
    }
    let parent_of = |i: usize| -> Option<usize> {
        units[i]
            .parent
            .as_ref()
            .and_then(|p| index.get(&*p.id).copied())
    };
    // 0: not seen, 1: on the path being walked, 2: done.
    let mut state = vec![0u8; units.len()];
    for start in 0..units.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at.filter(|&i| state[i] == 0) {
            state[i] = 1;
            path.push(i);
            at = parent_of(i);
        }
        if let Some(i) = at.filter(|&i| state[i] == 1) {
            let begins = path.iter().position(|&p| p == i).unwrap_or(0);
            let cycle = &path[begins..];
            let first = cycle.iter().copied().min().unwrap_or(i);
            report_cycle(units, cycle, first, emit);
        }
        for i in path {
            state[i] = 2;
        }
    }
}

fn report_cycle(
    units: &[crate::records::model::Unit],
    cycle: &[usize],
    first: usize,
    emit: &mut dyn FnMut(&Site, Problem),
) {
    let Some(parent) = &units[first].parent else {
        return;
    };
    let from = cycle.iter().position(|&i| i == first).unwrap_or(0);
    let mut chain: Vec<&str> = cycle[from..]
        .iter()
        .chain(&cycle[..from])
        .map(|&i| units[i].id.as_str())
        .collect();
    chain.push(&units[first].id);
    emit(
        &parent.site,
        Problem {
            severity: Severity::Error,
            path: parent.site.path.clone(),
            part: Part::Value,
            message: Message::ParentCycle {
                chain: chain.join(" → "),
            },
            help: Some(Message::HintParentCycle),
        },
    );
}

/// The votes of every appraisal added up with checked arithmetic: the
/// record at which a total would overflow is an error, so that no figure of
/// any year or unit (each a part of these totals) can wrap.
fn vote_totals(records: &Records, emit: &mut dyn FnMut(&Site, Problem)) {
    let mut sum = Votes::default();
    for appraisal in &records.appraisals {
        let Some(votes) = appraisal.votes else {
            continue;
        };
        match sum.checked_add(&votes) {
            Some(added) => sum = added,
            None => {
                let site = &appraisal.unit.site;
                let message = Message::VotesSumOverflow {
                    max: u64::MAX.to_string(),
                };
                emit(
                    site,
                    Problem {
                        severity: Severity::Error,
                        path: sibling(&site.path, "votes"),
                        part: Part::Key,
                        message,
                        help: Some(Message::HintVotesCount),
                    },
                );
                return;
            }
        }
    }
}

/// The path of the entry `key` beside the one `path` leads to.
fn sibling(path: &YamlPath, key: &str) -> YamlPath {
    use crate::records::yaml::Step;
    let steps = path.steps();
    let parent = &steps[..steps.len().saturating_sub(1)];
    parent
        .iter()
        .fold(YamlPath::root(), |p, step| match step {
            Step::Key(k) => p.key(k),
            Step::Index(i) => p.index(*i),
        })
        .key(key)
}

/// Two records of one kind with the same id, where a sequence file's
/// `#n` is involved (`x#1.yaml` beside a two-record `x.yaml`) or the ids
/// differ only in Unicode normalisation (`café` written as NFC and NFD,
/// one file on macOS). Two files giving the same id on their own
/// (`a.md`, `a.yaml`) are reported when the files are listed.
fn colliding_record_ids(records: &Records, files: &[SourceFile]) -> Vec<Diagnostic> {
    use std::borrow::Cow;
    use unicode_normalization::UnicodeNormalization;
    let ids = || {
        let pledges = records.pledges.iter().map(|r| ("pledges", &r.id));
        pledges
            .chain(records.inspections.iter().map(|r| ("inspections", &r.id)))
            .chain(records.honours.iter().map(|r| ("honours", &r.id)))
            .chain(records.appraisals.iter().map(|r| ("appraisals", &r.id)))
            .chain(records.narratives.iter().map(|r| ("narrative", &r.id)))
    };
    fn is_nfc(id: &str) -> bool {
        id.is_ascii()
            || unicode_normalization::is_nfc_quick(id.chars())
                == unicode_normalization::IsNormalized::Yes
    }
    // Most ids are already NFC: only the others are copied, normalised.
    fn key<'a>(kind: &'a str, id: &'a RecordId) -> (&'a str, Cow<'a, str>) {
        let nfc = if is_nfc(id.id()) {
            Cow::Borrowed(id.id())
        } else {
            Cow::Owned(id.id().nfc().collect::<String>())
        };
        (kind, nfc)
    }
    // An id without `#` is its file's own id (a sequence's records are
    // `file#N`), and two files with one id are reported on their own (see
    // load::duplicate_ids): only a key that an id of a sequence, or an id
    // not in NFC, has can be one worth reporting.
    let suspects: HashSet<(&str, Cow<str>)> = ids()
        .filter(|(_, id)| id.id().contains('#') || !is_nfc(id.id()))
        .map(|(kind, id)| key(kind, id))
        .collect();
    if suspects.is_empty() {
        return Vec::new();
    }
    // Each file's own id, made at the first pair that shares a key.
    let mut file_id: Option<HashMap<&str, &str>> = None;
    let mut first: HashMap<(&str, Cow<str>), &RecordId> = HashMap::new();
    let mut found = Vec::new();
    for (kind, id) in ids() {
        let key = key(kind, id);
        if !suspects.contains(&key) {
            continue;
        }
        let Some(earlier) = first.get(&key) else {
            first.insert(key, id);
            continue;
        };
        let file_id = file_id.get_or_insert_with(|| {
            let ids = files.iter().map(|f| (f.rel.as_str(), f.id.as_str()));
            ids.collect()
        });
        let own = |r: &RecordId| file_id.get(r.file()) == Some(&r.id());
        if earlier.file() == id.file() || (own(earlier) && own(id) && earlier.id() == id.id()) {
            continue;
        }
        let (a, b) = if earlier.file() < id.file() {
            (*earlier, id)
        } else {
            (id, *earlier)
        };
        let (message, help) = if a.id() == b.id() {
            (
                Message::DuplicateSequenceId {
                    other: a.file().to_owned(),
                    id: a.id().to_owned(),
                },
                Message::HintSequenceId,
            )
        } else {
            (
                Message::UnicodeFormsId {
                    other: a.file().to_owned(),
                },
                Message::HintUnicodeForms,
            )
        };
        let d = Diagnostic::file(Severity::Error, b.file(), message);
        found.push(d.with_help(Some(help)));
    }
    found
}

/// Record files whose id the path guard refuses (a control character, a
/// name Windows cannot store): such a name breaks a checkout elsewhere and
/// hides what it says.
fn unsafe_file_names(files: &[SourceFile]) -> Vec<Diagnostic> {
    files
        .iter()
        .filter_map(|file| {
            let refused = output::safe_relative(&file.id).err()?;
            let message = Message::UnsafeName {
                what: Message::WhatRecordId.boxed(),
                refused: refused.message().boxed(),
            };
            let help = Message::HintRenameUnsafeFile {
                hint: Message::HintSafeName.boxed(),
            };
            Some(Diagnostic::file(Severity::Error, &file.rel, message).with_help(Some(help)))
        })
        .collect()
}

/// Problems between records: duplicate unit ids and unknown unit references.
fn cross_check(records: &Records, emit: &mut dyn FnMut(&Site, Problem)) {
    let mut first: HashMap<&str, &Site> = HashMap::with_capacity(records.units.len());
    for unit in &records.units {
        if let Some(earlier) = first.get(unit.id.as_str()) {
            let line = earlier.path.steps().first().map(|s| match s {
                crate::records::yaml::Step::Index(i) => i + 1,
                crate::records::yaml::Step::Key(_) => 0,
            });
            emit(
                &unit.site,
                Problem {
                    severity: Severity::Error,
                    path: unit.site.path.clone(),
                    part: Part::Value,
                    message: Message::DuplicateUnit {
                        id: unit.id.clone(),
                    },
                    help: line.map(|line| Message::HintDuplicateUnit { line }),
                },
            );
        } else {
            first.insert(&unit.id, &unit.site);
        }
    }
    let ids: Vec<&str> = records.units.iter().map(|u| u.id.as_str()).collect();
    // An unknown id is often written many times (a unit left out of
    // units.yaml): its suggestion is looked for once.
    let mut near: HashMap<Arc<str>, Option<&str>> = HashMap::new();
    let mut check_ref = |r: &UnitRef| {
        if first.contains_key(&*r.id) {
            return;
        }
        let suggested = near
            .entry(r.id.clone())
            .or_insert_with(|| suggest::closest(&r.id, ids.iter().copied()));
        let help = match suggested {
            Some(near) => Message::HintDidYouMeanUnit {
                near: (*near).to_owned(),
            },
            None => Message::HintUnitsListed,
        };
        emit(
            &r.site,
            Problem {
                severity: Severity::Error,
                path: r.site.path.clone(),
                part: Part::Value,
                message: Message::UnknownUnit {
                    id: r.id.to_string(),
                },
                help: Some(help),
            },
        );
    };
    for unit in &records.units {
        if let Some(parent) = &unit.parent {
            check_ref(parent);
        }
    }
    for pledge in &records.pledges {
        check_ref(&pledge.unit);
    }
    for inspection in &records.inspections {
        check_ref(&inspection.unit);
    }
    for honour in &records.honours {
        for award in &honour.awards {
            award.units.iter().for_each(&mut check_ref);
            award
                .people
                .iter()
                .filter_map(|p| p.unit.as_ref())
                .for_each(&mut check_ref);
        }
    }
    for appraisal in &records.appraisals {
        check_ref(&appraisal.unit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_found_after_loading_shows_the_text_that_was_parsed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("annals.yaml"), "organisation: x\nyear: 2024\n").unwrap();
        std::fs::write(root.join("units.yaml"), "- {id: a, name: A}\n").unwrap();
        std::fs::create_dir(root.join("pledges")).unwrap();
        let pledge = root.join("pledges/p.yaml");
        let parsed = "unit: nowhere\nmade: 2024-01-01\nitems: [{text: t, status: done}]\n";
        std::fs::write(&pledge, parsed).unwrap();
        let loaded = load::load(root).unwrap();
        // The file changes on disk between the load and the check, as it
        // can while `watch` rebuilds.
        std::fs::write(&pledge, format!("# edited\n\n{parsed}")).unwrap();
        let checked = validate(loaded).unwrap();
        let unknown = checked
            .diagnostics
            .iter()
            .find(|d| d.file == "pledges/p.yaml")
            .expect("the unknown unit is reported");
        assert_eq!(unknown.line, Some(1));
        let excerpt = unknown.excerpt.as_ref().expect("an excerpt of the line");
        assert_eq!(excerpt.text, "unit: nowhere");
    }
}
