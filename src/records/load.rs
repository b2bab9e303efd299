//! Finding the record files under a root and reading them, in parallel, into
//! [`Records`] plus the diagnostics of every file (SPEC §1).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::{Lang, Message};
use crate::records::decode::{self, Origin, Problem, Reader};
use crate::records::folders::Folders;
use crate::records::model::*;
use crate::records::source::{self, ControlCharacter, DecodeError, FrontMatterError};
use crate::records::yaml::{self, Node, Positions, YamlPath};

/// The folder name of each record kind, and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// annals.yaml.
    Config,
    /// units.yaml.
    Units,
    /// pledges/.
    Pledges,
    /// inspections/.
    Inspections,
    /// honours/.
    Honours,
    /// appraisals/.
    Appraisals,
    /// narrative/.
    Narrative,
}

impl Kind {
    /// The kinds kept in a folder of their own, with the folder's name.
    pub const FOLDERS: [(Kind, &'static str); 5] = [
        (Kind::Pledges, "pledges"),
        (Kind::Inspections, "inspections"),
        (Kind::Honours, "honours"),
        (Kind::Appraisals, "appraisals"),
        (Kind::Narrative, "narrative"),
    ];
}

/// The configuration file every records folder has.
pub const CONFIG_FILE: &str = "annals.yaml";
/// The roster every records folder has.
pub const UNITS_FILE: &str = "units.yaml";

/// A record file found under the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the root, `/`-separated: how diagnostics name it.
    pub rel: String,
    /// Path on disk.
    pub path: PathBuf,
    /// Which kind of record it holds.
    pub kind: Kind,
    /// Id of its (first) record: path inside the kind folder, no extension.
    pub id: String,
}

impl SourceFile {
    fn is_markdown(&self) -> bool {
        self.rel.ends_with(".md")
    }
}

/// Why a folder cannot be loaded at all (as opposed to records with problems).
#[derive(Debug)]
pub enum LoadError {
    /// The root is missing or not a records folder.
    NotRecords(Message),
    /// The folder could not be listed.
    Io(Message),
}

impl LoadError {
    /// What went wrong, to be put in the user's words.
    pub fn message(&self) -> &Message {
        match self {
            LoadError::NotRecords(m) | LoadError::Io(m) => m,
        }
    }
}

/// Everything read from a root: the records, the files they came from, and
/// the problems found in each file on its own.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The typed records.
    pub records: Records,
    /// Every record file, in path order; [`Site::file`] indexes this.
    pub files: Vec<SourceFile>,
    /// The text each file was parsed from, by the same index (`None` when
    /// it could not be read or decoded): later stages place their
    /// diagnostics in it, so that they never read a file a second time and
    /// always point at the text the records came from.
    pub texts: Vec<Option<Arc<Text>>>,
    /// Problems found reading the files, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Lists the record files of `root`: annals.yaml, units.yaml and every
/// `.md`/`.yaml`/`.yml` file under a kind folder, skipping hidden entries and
/// never following symbolic links. Files skipped only because their
/// extension is in capitals (`.YAML`, `.Md`) come back as warnings.
pub fn discover(root: &Path) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), LoadError> {
    if !root.is_dir() {
        return Err(LoadError::NotRecords(Message::NotAFolder {
            path: root.display().to_string(),
        }));
    }
    if !root.join(CONFIG_FILE).is_file() {
        return Err(LoadError::NotRecords(Message::NoConfig {
            path: root.display().to_string(),
        }));
    }
    let mut files = vec![SourceFile {
        rel: CONFIG_FILE.into(),
        path: root.join(CONFIG_FILE),
        kind: Kind::Config,
        id: "annals".into(),
    }];
    if root.join(UNITS_FILE).is_file() {
        files.push(SourceFile {
            rel: UNITS_FILE.into(),
            path: root.join(UNITS_FILE),
            kind: Kind::Units,
            id: "units".into(),
        });
    }
    // The kind folders are listed side by side (listing 100 000 files
    // takes a fifth of a second), then put together in their order.
    let listed: Vec<Result<Listed, LoadError>> = Kind::FOLDERS
        .par_iter()
        .map(|&(kind, folder)| {
            let base = root.join(folder);
            if base.is_dir() {
                walk_kind(&base, folder, kind)
            } else {
                Ok(Listed::default())
            }
        })
        .collect();
    let mut skipped = Vec::new();
    for one in listed {
        let mut one = one?;
        files.append(&mut one.files);
        skipped.append(&mut one.skipped);
    }
    Ok((files, skipped))
}

/// The record files of one kind folder, and the files skipped in it.
#[derive(Default)]
struct Listed {
    files: Vec<SourceFile>,
    skipped: Vec<Diagnostic>,
}

/// A file found under a folder by [`walk`].
pub struct Found {
    /// Path on disk.
    pub path: PathBuf,
    /// Path relative to the folder walked, `/`-separated.
    pub rel: String,
}

/// The files under `base`, in path order, skipping hidden entries (a name
/// starting with `.`, such as an editor's swap file or `.git`) and never
/// following symbolic links: the one walk over a folder of the user's, for
/// record folders and the templates folder alike.
pub fn walk(base: &Path) -> impl Iterator<Item = Result<Found, walkdir::Error>> + '_ {
    let mut found: Vec<Result<Found, walkdir::Error>> = WalkDir::new(base)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."))
        .filter(|entry| entry.as_ref().map_or(true, |e| e.file_type().is_file()))
        .map(move |entry| {
            entry.map(|e| Found {
                rel: relative(e.path(), base),
                path: e.into_path(),
            })
        })
        .collect();
    // Sorted once by the relative paths' parts, which is the order of a walk
    // sorted by name in every folder, without taking each path apart again
    // for every comparison (a folder of 25 000 records took 0.1 s that way).
    // Problems come first: the caller stops at one.
    found.sort_by_cached_key(|found| found.as_ref().ok().map(|f| part_order(&f.rel)));
    found.into_iter()
}

/// A key whose byte order is the order of relative paths part by part
/// (`a/b` before `a-b`, as a walk sorted by name in every folder gives
/// them): a `/` ends a part, so it comes before any other byte. File
/// names hold no NUL, which stands for it.
fn part_order(rel: &str) -> Vec<u8> {
    rel.bytes()
        .map(|byte| if byte == b'/' { 0 } else { byte })
        .collect()
}

/// The record files of one kind folder, in path order.
fn walk_kind(base: &Path, folder: &str, kind: Kind) -> Result<Listed, LoadError> {
    let mut listed = Listed::default();
    for found in walk(base) {
        let Found { path, rel: inner } = found.map_err(|e| {
            LoadError::Io(Message::CannotList {
                folder: folder.to_owned(),
                error: e.to_string(),
            })
        })?;
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if !matches!(ext, "md" | "yaml" | "yml") {
            let lower = ext.to_ascii_lowercase();
            if matches!(lower.as_str(), "md" | "yaml" | "yml") {
                let rel = format!("{folder}/{inner}");
                listed.skipped.push(capital_extension(&rel, ext, &lower));
            }
            continue;
        }
        let id = inner
            .strip_suffix(&format!(".{ext}"))
            .unwrap_or(&inner)
            .to_owned();
        listed.files.push(SourceFile {
            rel: format!("{folder}/{inner}"),
            path,
            kind,
            id,
        });
    }
    Ok(listed)
}

/// The warning for a record file that is not read because its extension is
/// written in capitals: silently skipping it would lose its record.
fn capital_extension(rel: &str, ext: &str, lower: &str) -> Diagnostic {
    let message = Message::CapitalExtension {
        lower: lower.to_owned(),
        ext: ext.to_owned(),
    };
    let help = Message::HintCapitalExtension {
        lower: lower.to_owned(),
    };
    Diagnostic::file(Severity::Warning, rel, message).with_help(Some(help))
}

/// `path`, found under `base`, relative to it with `/` between its
/// parts. A walk makes each path by adding names to `base`, so the text
/// after `base` and a separator is the relative path; a path that is not
/// valid Unicode is taken apart instead.
fn relative(path: &Path, base: &Path) -> String {
    let (Some(path_text), Some(base_text)) = (path.to_str(), base.to_str()) else {
        return relative_by_parts(path, base);
    };
    match path_text
        .strip_prefix(base_text)
        .and_then(|inner| inner.strip_prefix(std::path::MAIN_SEPARATOR))
    {
        Some(inner) if std::path::MAIN_SEPARATOR == '/' => inner.to_owned(),
        Some(inner) => inner.replace(std::path::MAIN_SEPARATOR, "/"),
        None => relative_by_parts(path, base),
    }
}

/// [`relative`] for any path: part by part, each part made valid Unicode.
fn relative_by_parts(path: &Path, base: &Path) -> String {
    let inner = path.strip_prefix(base).unwrap_or(path);
    let mut rel = String::with_capacity(inner.as_os_str().len());
    for part in inner.components() {
        if !rel.is_empty() {
            rel.push('/');
        }
        rel.push_str(&part.as_os_str().to_string_lossy());
    }
    rel
}

/// The language of messages that `root`'s annals.yaml states with `locale`,
/// if the file can be read and states one.
pub fn stated_lang(root: &Path) -> Option<Lang> {
    let file = SourceFile {
        rel: CONFIG_FILE.into(),
        path: root.join(CONFIG_FILE),
        kind: Kind::Config,
        id: "annals".into(),
    };
    let bytes = fs::read(&file.path).ok()?;
    let (records, _) = read_one(&file, &bytes);
    records.config?.stated_locale.map(Locale::lang)
}

/// Reads and checks every file of `root` on its own, in parallel.
pub fn load(root: &Path) -> Result<Loaded, LoadError> {
    let (files, skipped) = discover(root)?;
    crate::heap::suit_to(files.len());
    let folders = Folders::open(files.iter().map(|f| f.path.as_path()));
    let outcomes: Vec<Outcome> = files
        .par_iter()
        .enumerate()
        .map(|(index, file)| read_file(index, file, &folders))
        .collect();
    Ok(assemble(files, outcomes, skipped))
}

/// What earlier loads of one root read, so that a rebuild reads again only
/// the files that changed (by modification time and size). It holds while
/// the set of files stays the same; a file added or removed starts afresh,
/// since records refer to their files by position.
#[derive(Default)]
pub struct Cache {
    files: Vec<SourceFile>,
    skipped: Vec<Diagnostic>,
    stamps: Vec<Option<(std::time::SystemTime, u64)>>,
    outcomes: Vec<Arc<Outcome>>,
    changed: Option<Vec<PathBuf>>,
    /// Each file's absolute path (as a watcher names it) → its index,
    /// made when the set of files changes.
    index: HashMap<PathBuf, usize>,
    /// Every folder that holds one of those files, at any depth.
    folders: HashSet<PathBuf>,
    /// The records the last load put together, given back once the build
    /// that used them is done ([`Cache::keep`]): the next load puts in the
    /// changed files' records instead of copying every record again.
    assembled: Option<Loaded>,
}

impl Cache {
    /// Tells the next load which files changed since this one (absolute
    /// paths, as a file watcher reports them), so that it need not list the
    /// folder and look at every file again when only known files changed.
    /// Any path it does not know, or one that is no longer a file, and the
    /// next load lists and looks at everything as usual.
    pub fn changed(&mut self, paths: Vec<PathBuf>) {
        self.changed = Some(paths);
    }

    /// The stamps of the last load with the changed files' stamps taken
    /// again, when every changed path is a file it knows or one that came
    /// and went: the files are then the same as last time.
    fn known(&mut self) -> Option<Vec<Option<(std::time::SystemTime, u64)>>> {
        let changed = self.changed.take()?;
        let mut stamps = self.stamps.clone();
        for path in &changed {
            match self.index.get(path) {
                Some(&i) => {
                    let is_file = fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
                    if !is_file {
                        return None;
                    }
                    stamps[i] = stamp(&self.files[i]);
                }
                None if !self.came_and_went(path) => return None,
                None => {}
            }
        }
        Some(stamps)
    }

    /// Whether `path`, which no file of the last load had, is gone again
    /// without taking any of them along: the backup an editor keeps while
    /// it saves (vim's `name~`, its test file `4913`), a temporary file
    /// renamed over a record. A folder moved away holds known files and is
    /// not such a path.
    fn came_and_went(&self, path: &Path) -> bool {
        fs::symlink_metadata(path).is_err() && !self.folders.contains(path)
    }

    /// Takes back what the last load gave, once its build is done with it.
    pub fn keep(&mut self, loaded: Loaded) {
        self.assembled = Some(loaded);
    }

    /// Takes `files` as the set of files from now on.
    fn keep_files(&mut self, root: &Path, files: &[SourceFile]) {
        self.files = files.to_vec();
        self.index = match root.canonicalize() {
            Ok(root) => files
                .iter()
                .enumerate()
                .map(|(i, f)| (root.join(&f.rel), i))
                .collect(),
            Err(_) => HashMap::new(),
        };
        self.folders = self
            .index
            .keys()
            .flat_map(|file| file.ancestors().skip(1))
            .map(Path::to_path_buf)
            .collect();
    }
}

fn stamp(file: &SourceFile) -> Option<(std::time::SystemTime, u64)> {
    let meta = fs::metadata(&file.path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Like [`load`], reading again only what changed since the last call with
/// the same cache.
pub fn load_cached(root: &Path, cache: &mut Cache) -> Result<Loaded, LoadError> {
    let (listed, skipped, stamps, same_files) = match cache.known() {
        Some(stamps) => (None, cache.skipped.clone(), stamps, true),
        None => {
            let (files, skipped) = discover(root)?;
            crate::heap::suit_to(files.len());
            let stamps = files.par_iter().map(stamp).collect();
            let same_files = cache.files == files;
            (Some(files), skipped, stamps, same_files)
        }
    };
    let files = listed.as_deref().unwrap_or(&cache.files);
    // The folders are opened when the files were listed again; the few
    // files a watcher named are opened by their paths.
    let folders = Folders::open(listed.iter().flatten().map(|f| f.path.as_path()));
    let outcomes: Vec<Arc<Outcome>> = files
        .par_iter()
        .enumerate()
        .map(|(index, file)| {
            let unchanged =
                same_files && stamps[index].is_some() && cache.stamps[index] == stamps[index];
            if unchanged {
                Arc::clone(&cache.outcomes[index])
            } else {
                Arc::new(read_file(index, file, &folders))
            }
        })
        .collect();
    let loaded = match cache.assembled.take().filter(|_| same_files) {
        Some(previous) => {
            let read_again = |&i: &usize| !Arc::ptr_eq(&outcomes[i], &cache.outcomes[i]);
            let changed: Vec<usize> = (0..outcomes.len()).filter(read_again).collect();
            patch(previous, &outcomes, &changed, skipped.clone())
        }
        None => {
            let files = listed.unwrap_or_else(|| cache.files.clone());
            // The records are copied once, out of the cache that keeps them.
            let copies = outcomes.par_iter().map(|o| Outcome::clone(o)).collect();
            assemble(files, copies, skipped.clone())
        }
    };
    if !same_files {
        cache.keep_files(root, &loaded.files);
    }
    cache.skipped = skipped;
    cache.stamps = stamps;
    cache.outcomes = outcomes;
    Ok(loaded)
}

/// `loaded` with the records and texts of the files at `changed` taken
/// from their new `outcomes`: what [`assemble`] would make of all the
/// outcomes, without copying the records of the files that stayed the same.
/// Their unit ids are not shared again: the records that stayed share them
/// already, and those of a few changed files may keep their own copies.
fn patch(
    mut loaded: Loaded,
    outcomes: &[Arc<Outcome>],
    changed: &[usize],
    skipped: Vec<Diagnostic>,
) -> Loaded {
    let files: Vec<&str> = changed
        .iter()
        .map(|&i| loaded.files[i].rel.as_str())
        .collect();
    let stays = |id: &RecordId| !files.contains(&id.file());
    let records = &mut loaded.records;
    records.pledges.retain(|p| stays(&p.id));
    records.inspections.retain(|i| stays(&i.id));
    records.honours.retain(|h| stays(&h.id));
    records.appraisals.retain(|a| stays(&a.id));
    records.narratives.retain(|n| stays(&n.id));
    for &i in changed {
        match loaded.files[i].kind {
            Kind::Config => records.config = None,
            Kind::Units => {
                records.units.clear();
                records.kinds.clear();
            }
            _ => {}
        }
        gather(records, outcomes[i].parsed.clone());
        loaded.texts[i] = outcomes[i].text.clone();
    }
    sort(records);
    loaded.diagnostics = skipped;
    for outcome in outcomes {
        loaded
            .diagnostics
            .extend(outcome.diagnostics.iter().cloned());
    }
    let on_the_set = checks_on_the_set(&loaded.files);
    loaded.diagnostics.extend(on_the_set);
    loaded
}

/// Puts the records of every file together, with the checks on the set.
fn assemble(files: Vec<SourceFile>, outcomes: Vec<Outcome>, skipped: Vec<Diagnostic>) -> Loaded {
    let mut loaded = Loaded {
        diagnostics: skipped,
        ..Loaded::default()
    };
    // The checks on the set of files need only the files: they are made
    // beside the gathering of the records.
    let (_, on_the_set) = rayon::join(
        || {
            reserve(&mut loaded.records, &outcomes);
            loaded.texts.reserve_exact(outcomes.len());
            for outcome in outcomes {
                loaded.diagnostics.extend(outcome.diagnostics);
                loaded.texts.push(outcome.text);
                gather(&mut loaded.records, outcome.parsed);
            }
        },
        || checks_on_the_set(&files),
    );
    loaded.diagnostics.extend(on_the_set);
    loaded.files = files;
    loaded.records.share_unit_ids();
    sort(&mut loaded.records);
    loaded
}

/// The problems of the set of files rather than of one: no units.yaml, and
/// two files whose ids collide.
fn checks_on_the_set(files: &[SourceFile]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    if !files.iter().any(|f| f.kind == Kind::Units) {
        diagnostics.push(
            Diagnostic::file(Severity::Error, UNITS_FILE, Message::MissingUnitsFile)
                .with_help(Some(Message::HintCreateUnits)),
        );
    }
    duplicate_ids(files, &mut diagnostics);
    diagnostics
}

/// Adds the records read from one file to `records`.
fn gather(records: &mut Records, parsed: Vec<Parsed>) {
    for parsed in parsed {
        match parsed {
            Parsed::Config(c) => records.config = Some(*c),
            Parsed::Units(roster) => {
                records.units = roster.units;
                records.kinds = roster.kinds;
            }
            Parsed::Pledge(p) => records.pledges.push(p),
            Parsed::Inspection(i) => records.inspections.push(i),
            Parsed::Honour(h) => records.honours.push(h),
            Parsed::Appraisal(a) => records.appraisals.push(a),
            Parsed::Narrative(n) => records.narratives.push(n),
        }
    }
}

/// Makes room for exactly the records `outcomes` hold, so that the lists
/// of a large folder do not carry the slack of growing by doubling.
fn reserve(records: &mut Records, outcomes: &[Outcome]) {
    let (mut pledges, mut inspections, mut honours, mut appraisals, mut narratives) =
        (0, 0, 0, 0, 0);
    for parsed in outcomes.iter().flat_map(|o| &o.parsed) {
        match parsed {
            Parsed::Pledge(_) => pledges += 1,
            Parsed::Inspection(_) => inspections += 1,
            Parsed::Honour(_) => honours += 1,
            Parsed::Appraisal(_) => appraisals += 1,
            Parsed::Narrative(_) => narratives += 1,
            Parsed::Config(_) | Parsed::Units(_) => {}
        }
    }
    records.pledges.reserve_exact(pledges);
    records.inspections.reserve_exact(inspections);
    records.honours.reserve_exact(honours);
    records.appraisals.reserve_exact(appraisals);
    records.narratives.reserve_exact(narratives);
}

/// Puts each kind's records in date order (then by id), the kinds side
/// by side: each list is sorted on its own.
fn sort(r: &mut Records) {
    let Records {
        pledges,
        inspections,
        honours,
        appraisals,
        narratives,
        ..
    } = r;
    rayon::join(
        || {
            rayon::join(
                || pledges.sort_by(|a, b| (a.made, &a.id).cmp(&(b.made, &b.id))),
                || appraisals.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id))),
            )
        },
        || {
            inspections.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
            honours.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
            narratives.sort_by(|a, b| {
                (a.section, a.order)
                    .partial_cmp(&(b.section, b.order))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then_with(|| a.id.file().cmp(b.id.file()))
            });
        },
    );
}

/// Two files of one kind whose ids collide (`a.md` and `a.yaml`).
fn duplicate_ids(files: &[SourceFile], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(&Kind, &str, &str)> = files
        .iter()
        .map(|f| (&f.kind, f.id.as_str(), f.rel.as_str()))
        .collect();
    seen.sort();
    for pair in seen.windows(2) {
        if pair[0].0 == pair[1].0 && pair[0].1 == pair[1].1 {
            diagnostics.push(
                Diagnostic::file(
                    Severity::Error,
                    pair[1].2,
                    Message::DuplicateRecordId {
                        other: pair[0].2.to_owned(),
                        id: pair[0].1.to_owned(),
                    },
                )
                .with_help(Some(Message::HintRenameOne)),
            );
        }
    }
}

#[derive(Clone)]
enum Parsed {
    Config(Box<Config>),
    Units(Roster),
    Pledge(Pledge),
    Inspection(Inspection),
    Honour(Honour),
    Appraisal(Appraisal),
    Narrative(Narrative),
}

#[derive(Clone)]
struct Outcome {
    parsed: Vec<Parsed>,
    diagnostics: Vec<Diagnostic>,
    text: Option<Arc<Text>>,
}

impl Outcome {
    fn failed(diagnostic: Diagnostic) -> Self {
        Outcome {
            parsed: Vec::new(),
            diagnostics: vec![diagnostic],
            text: None,
        }
    }
}

/// Places problems found after loading (by `check` or `build`) in the text
/// `file` was parsed from; without one (the file could not be read, and
/// said so when loading), each problem names the file only.
pub fn place(file: &SourceFile, text: Option<&Text>, problems: Vec<Problem>) -> Vec<Diagnostic> {
    match text {
        Some(text) => text.place(&file.rel, problems),
        None => problems
            .into_iter()
            .map(|p| Diagnostic::file(p.severity, &file.rel, p.message).with_help(p.help))
            .collect(),
    }
}

/// The text of a record file, split into the part that is YAML and the body.
#[derive(Debug)]
pub struct Text {
    /// The whole file, decoded.
    pub full: String,
    /// Byte range of the YAML in `full`.
    yaml: std::ops::Range<usize>,
    /// Lines before the YAML.
    line_offset: usize,
    /// Byte offset of the Markdown body in `full` (its end for YAML files).
    body: usize,
}

impl Text {
    /// The YAML part.
    pub fn yaml(&self) -> &str {
        &self.full[self.yaml.clone()]
    }

    /// The Markdown body (empty for YAML files).
    pub fn body(&self) -> &str {
        &self.full[self.body..]
    }

    /// Turns path-placed problems into diagnostics with lines and columns,
    /// reading the positions from the text (for problems found after the
    /// file's own parse, such as unknown units).
    pub fn place(&self, file: &str, problems: Vec<Problem>) -> Vec<Diagnostic> {
        if problems.is_empty() {
            return Vec::new();
        }
        let lines: Vec<&str> = self.full.lines().collect();
        self.place_by(&Positions::of(self.yaml()), &lines, file, problems)
    }

    /// Turns path-placed problems into diagnostics at `positions`; `lines`
    /// are the lines of the whole file.
    fn place_by(
        &self,
        positions: &Positions,
        lines: &[&str],
        file: &str,
        problems: Vec<Problem>,
    ) -> Vec<Diagnostic> {
        problems
            .into_iter()
            .map(|p| {
                let d = Diagnostic::file(p.severity, file, p.message).with_help(p.help);
                // A value with no place (an empty document) is placed at the
                // document's first line.
                let mut place = positions
                    .find(&p.path, p.part)
                    .unwrap_or(yaml::Place::START);
                place.line += self.line_offset;
                d.on_line(lines.get(place.line.saturating_sub(1)).copied(), place)
            })
            .collect()
    }
}

fn unreadable(file: &SourceFile, e: &std::io::Error) -> Diagnostic {
    Diagnostic::file(
        Severity::Error,
        &file.rel,
        Message::CannotRead {
            error: e.to_string(),
        },
    )
}

/// Decodes a file's bytes and splits off the YAML, or says why it cannot:
/// the file is not UTF-8, has no front matter, or its YAML holds a raw
/// control character (the first one is shown at its line and column).
fn split_text(file: &SourceFile, bytes: &[u8]) -> Result<Text, Diagnostic> {
    let text = split_parts(file, bytes)?;
    match source::first_control_character(text.yaml()) {
        None => Ok(text),
        Some(found) => Err(control_character(file, &text, found)),
    }
}

/// A warning for each line of a Markdown body that still begins with the
/// placeholder `annals new` wrote (`待填写：正文。`), so that it is never
/// printed in a report unnoticed.
fn body_placeholders(file: &SourceFile, text: &Text) -> Vec<Diagnostic> {
    // Most bodies hold no placeholder: one search of each finds that
    // without going through the body line by line.
    if !decode::PLACEHOLDERS.iter().any(|p| text.body().contains(p)) {
        return Vec::new();
    }
    let lines_before = text.full[..text.body].lines().count();
    text.body()
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let start = line.len() - line.trim_start().len();
            let rest = &line[start..];
            decode::PLACEHOLDERS.iter().find(|p| rest.starts_with(*p))?;
            let message = Message::Placeholder {
                name: Message::NameBody.boxed(),
                text: rest.trim_end().to_owned(),
            };
            let place = yaml::Place {
                line: lines_before + i + 1,
                column: start + 1,
                width: rest.trim_end().chars().count().max(1),
            };
            let d = Diagnostic::file(Severity::Warning, &file.rel, message);
            Some(
                d.with_help(Some(Message::HintFillBody))
                    .on_line(Some(line), place),
            )
        })
        .collect()
}

/// The error for a raw control character in a record's YAML.
fn control_character(file: &SourceFile, text: &Text, found: ControlCharacter) -> Diagnostic {
    let character = format!("U+{:04X}", found.character as u32);
    Diagnostic::file(
        Severity::Error,
        &file.rel,
        Message::ControlCharacter { character },
    )
    .with_help(Some(Message::HintControlCharacter))
    .at(
        &text.full,
        yaml::Place {
            line: found.line + text.line_offset,
            column: found.column,
            width: 1,
        },
    )
}

/// Decodes a file's bytes and splits off the YAML, or says why it cannot.
fn split_parts(file: &SourceFile, bytes: &[u8]) -> Result<Text, Diagnostic> {
    let error = |message| Diagnostic::file(Severity::Error, &file.rel, message);
    let full = match source::decode(bytes) {
        Ok(text) => text,
        Err(DecodeError::NotUtf8 { line, gbk }) => {
            let (message, help) = if gbk {
                (Message::NotUtf8Gbk, Message::HintResaveGbk)
            } else {
                (Message::NotUtf8, Message::HintResave)
            };
            let mut d = error(message).with_help(Some(help));
            d.line = Some(line);
            return Err(d);
        }
    };
    if !file.is_markdown() {
        let len = full.len();
        return Ok(Text {
            full,
            yaml: 0..len,
            line_offset: 0,
            body: len,
        });
    }
    let split = source::split_front_matter(&full).map(|fm| {
        let start = fm.yaml.as_ptr() as usize - full.as_ptr() as usize;
        let body = fm.body.as_ptr() as usize - full.as_ptr() as usize;
        (start..start + fm.yaml.len(), body)
    });
    match split {
        Ok((yaml, body)) => Ok(Text {
            full,
            yaml,
            // The opening `---` line comes before the YAML.
            line_offset: 1,
            body,
        }),
        Err(FrontMatterError::NoOpening) => {
            let d = error(Message::NoFrontMatter).with_help(Some(Message::HintFrontMatter));
            Err(d.at(
                &full,
                yaml::Place {
                    line: 1,
                    column: 1,
                    width: 1,
                },
            ))
        }
        Err(FrontMatterError::NoClosing { line }) => {
            let d = error(Message::UnclosedFrontMatter)
                .with_help(Some(Message::HintCloseFrontMatter { line }));
            Err(d.at(
                &full,
                yaml::Place {
                    line: 1,
                    column: 1,
                    width: 3,
                },
            ))
        }
    }
}

/// The largest record file read. Records are small files; reading one
/// takes some 8 times its size in memory (a sequence file is decoded record
/// by record as it is parsed), so a 50 MB file is read within 1 GiB (SPEC
/// §8) and a larger one than this is refused before reading.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads the `index`th file of a load, opened in its folder.
fn read_file(index: usize, file: &SourceFile, folders: &Folders) -> Outcome {
    match read_within_limit(folders.file(index, &file.path)) {
        Ok(Ok(bytes)) => read_bytes(index, file, &bytes),
        Ok(Err(len)) => Outcome::failed(
            Diagnostic::file(
                Severity::Error,
                &file.rel,
                Message::FileTooLarge {
                    mib: len / (1024 * 1024),
                    max: MAX_FILE_BYTES / (1024 * 1024),
                },
            )
            .with_help(Some(Message::HintSplitFile)),
        ),
        Err(e) => Outcome::failed(unreadable(file, &e)),
    }
}

/// The bytes of the file `opened` as long as it was when opened, or that
/// length when it is larger than [`MAX_FILE_BYTES`] (then nothing is
/// read). Four system calls: the file is opened, sized through its handle
/// and read up to that size, where reading a `File` to its end would look
/// its size up again, ask for its position and read once more to find
/// the end, which at 100 000 small files costs more than reading them.
fn read_within_limit(opened: std::io::Result<fs::File>) -> std::io::Result<Result<Vec<u8>, u64>> {
    let handle = opened?;
    let len = handle.metadata()?.len();
    if len > MAX_FILE_BYTES {
        return Ok(Err(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    handle.take(len).read_to_end(&mut bytes)?;
    Ok(Ok(bytes))
}

/// Reads one record file's bytes on their own, as [`load`] reads each file
/// it finds: the records they hold and the problems found in them alone
/// (none of the checks on the whole set, such as a missing units.yaml).
pub fn read_one(file: &SourceFile, bytes: &[u8]) -> (Records, Vec<Diagnostic>) {
    let outcome = read_bytes(0, file, bytes);
    let mut records = Records::default();
    gather(&mut records, outcome.parsed);
    (records, outcome.diagnostics)
}

fn read_bytes(index: usize, file: &SourceFile, bytes: &[u8]) -> Outcome {
    let text = match split_text(file, bytes) {
        Ok(text) => text,
        Err(d) => return Outcome::failed(d),
    };
    let mut outcome = read_records(index, file, &text);
    outcome.text = Some(Arc::new(text));
    outcome
}

/// The records of a file's text and the problems found in them.
fn read_records(index: usize, file: &SourceFile, text: &Text) -> Outcome {
    let record_kind = !matches!(file.kind, Kind::Config | Kind::Units | Kind::Narrative);
    if record_kind && !file.is_markdown() {
        return read_items(index, file, text);
    }
    let document = match yaml::parse(text.yaml()) {
        Ok(document) => document,
        Err(e) => return Outcome::failed(syntax_error(file, text, &e)),
    };
    let mut reader = Reader::new(index);
    let parsed = records_of(&mut reader, file, &document.root, text.body());
    let mut diagnostics = if reader.problems.is_empty() {
        Vec::new()
    } else {
        let lines: Vec<&str> = text.full.lines().collect();
        text.place_by(&document.positions(), &lines, &file.rel, reader.problems)
    };
    diagnostics.extend(body_placeholders(file, text));
    Outcome {
        parsed,
        diagnostics,
        text: None,
    }
}

/// Reads a `.yaml` file of records: one record, or a sequence of records
/// decoded one by one as the parser reads them, so that a large file never
/// stands whole in memory as a YAML tree.
fn read_items(index: usize, file: &SourceFile, text: &Text) -> Outcome {
    let mut outcome = Outcome {
        parsed: Vec::new(),
        diagnostics: Vec::new(),
        text: None,
    };
    let mut reader = Reader::new(index);
    let mut lines: Option<Vec<&str>> = None;
    let parsed = yaml::parse_items(text.yaml(), &mut |i, item| {
        if i == 0 {
            // The text is being read again from the start.
            outcome.parsed.clear();
            outcome.diagnostics.clear();
            reader.problems.clear();
        }
        let path = YamlPath::root().index(i);
        let id = format!("{}#{}", file.id, i + 1);
        outcome.parsed.extend(record(
            &mut reader,
            file,
            &item.root,
            &path,
            id,
            text.body(),
        ));
        if !reader.problems.is_empty() {
            let problems = std::mem::take(&mut reader.problems);
            let lines = lines.get_or_insert_with(|| text.full.lines().collect());
            let positions = item.positions_at(&path);
            let placed = text.place_by(&positions, lines, &file.rel, problems);
            outcome.diagnostics.extend(placed);
        }
    });
    match parsed {
        Err(e) => Outcome::failed(syntax_error(file, text, &e)),
        Ok(document) if matches!(document.root, Node::Seq(_)) => outcome,
        Ok(document) => {
            let mut reader = Reader::new(index);
            let root = YamlPath::root();
            let id = file.id.clone();
            let parsed = record(&mut reader, file, &document.root, &root, id, text.body());
            // Positions are worked out only for a file with problems.
            let diagnostics = if reader.problems.is_empty() {
                Vec::new()
            } else {
                let lines: Vec<&str> = text.full.lines().collect();
                text.place_by(&document.positions(), &lines, &file.rel, reader.problems)
            };
            Outcome {
                parsed: parsed.into_iter().collect(),
                diagnostics,
                text: None,
            }
        }
    }
}

/// The diagnostic of a YAML syntax error in `text`.
fn syntax_error(file: &SourceFile, text: &Text, e: &yaml::SyntaxError) -> Diagnostic {
    let line_text = e
        .line
        .and_then(|l| text.yaml().lines().nth(l.saturating_sub(1)));
    let help = if line_text.is_some_and(|l| l.starts_with([' ', '\t']) && l.contains('\t')) {
        Some(Message::HintYamlTab)
    } else {
        e.within
            .as_ref()
            .map(|(what, line, column)| Message::HintYamlWithin {
                what: what.clone(),
                line: line + text.line_offset,
                column: *column,
            })
    };
    let d = Diagnostic::file(
        Severity::Error,
        &file.rel,
        Message::YamlSyntax {
            detail: e.message.clone(),
        },
    )
    .with_help(help);
    match (e.line, e.column) {
        (Some(line), Some(column)) => d.at(
            &text.full,
            yaml::Place {
                line: line + text.line_offset,
                column,
                width: 1,
            },
        ),
        _ => d,
    }
}

/// The records of one file that is not a `.yaml` file of records: the
/// configuration, the roster, a narrative, or a `.md` record.
fn records_of(r: &mut Reader, file: &SourceFile, node: &Node, body: &str) -> Vec<Parsed> {
    let root = YamlPath::root();
    match file.kind {
        Kind::Config => decode::config(r, node)
            .map(|c| Parsed::Config(Box::new(c)))
            .into_iter()
            .collect(),
        Kind::Units => vec![Parsed::Units(decode::roster(r, node))],
        Kind::Narrative => {
            let origin = Origin {
                id: file.id.clone(),
                file: &file.rel,
                body,
            };
            if !file.is_markdown() {
                r.error(
                    &root,
                    Message::NarrativeNotMarkdown,
                    Some(Message::HintNarrativeMarkdown),
                );
                return Vec::new();
            }
            decode::narrative(r, node, &origin)
                .map(Parsed::Narrative)
                .into_iter()
                .collect()
        }
        _ => record(r, file, node, &root, file.id.clone(), body)
            .into_iter()
            .collect(),
    }
}

/// One pledge, inspection, honour or appraisal at `path` of its file.
fn record(
    r: &mut Reader,
    file: &SourceFile,
    node: &Node,
    path: &YamlPath,
    id: String,
    body: &str,
) -> Option<Parsed> {
    let origin = Origin {
        id,
        file: &file.rel,
        body,
    };
    match file.kind {
        Kind::Pledges => decode::pledge(r, node, path, &origin).map(Parsed::Pledge),
        Kind::Inspections => decode::inspection(r, node, path, &origin).map(Parsed::Inspection),
        Kind::Honours => decode::honour(r, node, path, &origin).map(Parsed::Honour),
        Kind::Appraisals => decode::appraisal(r, node, path, &origin).map(Parsed::Appraisal),
        Kind::Config | Kind::Units | Kind::Narrative => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, name: &str, text: &str) {
        let path = root.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn a_walk_lists_a_folder_before_the_names_that_sort_after_it() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "a.yaml",
            "a-b.yaml",
            "a/x.yaml",
            "a/b/y.yaml",
            "b.yaml",
            ".hidden/z.yaml",
        ] {
            write(dir.path(), name, "");
        }
        let listed: Vec<String> = walk(dir.path()).map(|f| f.unwrap().rel).collect();
        assert_eq!(
            listed,
            ["a/b/y.yaml", "a/x.yaml", "a-b.yaml", "a.yaml", "b.yaml"]
        );
    }

    #[test]
    fn paths_are_ordered_part_by_part() {
        let paths = [
            "a", "a/b", "a/b/c", "a!", "a b/c", "a-b", "a.b/c", "ab", "甲/乙", "甲乙", "甲", "",
        ];
        for a in paths {
            for b in paths {
                assert_eq!(
                    part_order(a).cmp(&part_order(b)),
                    a.split('/').cmp(b.split('/')),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn a_relative_path_is_its_parts_after_the_folder_walked() {
        let base = Path::new("./pledges");
        assert_eq!(relative(&base.join("甲/乙.yaml"), base), "甲/乙.yaml");
        let slashed = Path::new("pledges/");
        assert_eq!(relative(&slashed.join("a.yaml"), slashed), "a.yaml");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let odd = base.join(std::ffi::OsStr::from_bytes(b"a/\xff.yaml"));
            assert_eq!(relative(&odd, base), "a/\u{fffd}.yaml");
        }
    }

    #[test]
    fn the_cache_trusts_a_watcher_only_about_files_it_knows() {
        let dir = tempfile::tempdir().unwrap();
        let root = &dir.path().canonicalize().unwrap();
        write(root, "annals.yaml", "organisation: x\nyear: 2024\n");
        write(root, "units.yaml", "- {id: a, name: A}\n");
        let pledge = "unit: a\nmade: 2024-01-01\nitems: [{text: t, status: done}]\n";
        write(root, "pledges/p.yaml", pledge);
        let mut cache = Cache::default();
        load_cached(root, &mut cache).unwrap();
        // A known file, said to have changed: read again.
        write(root, "pledges/p.yaml", &pledge.replace("done", "partial"));
        cache.changed(vec![root.join("pledges/p.yaml")]);
        let changed = load_cached(root, &mut cache).unwrap();
        assert_eq!(changed.records, load(root).unwrap().records);
        assert_eq!(
            changed.records.pledges[0].items[0].status,
            PledgeStatus::Partial
        );
        // A new file is not one the cache knows: the folder is listed again.
        write(root, "pledges/q.yaml", pledge);
        cache.changed(vec![root.join("pledges/q.yaml")]);
        assert_eq!(
            load_cached(root, &mut cache).unwrap().records.pledges.len(),
            2
        );
        // Nor is a file that is gone.
        fs::remove_file(root.join("pledges/p.yaml")).unwrap();
        cache.changed(vec![root.join("pledges/p.yaml")]);
        let removed = load_cached(root, &mut cache).unwrap();
        assert_eq!(removed.records, load(root).unwrap().records);
        assert_eq!(removed.records.pledges.len(), 1);
    }

    #[test]
    fn the_cache_reads_changed_and_added_files_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "annals.yaml", "organisation: x\nyear: 2024\n");
        write(root, "units.yaml", "- {id: a, name: A}\n");
        let pledge = "unit: a\nmade: 2024-01-01\nitems: [{text: t, status: done}]\n";
        write(root, "pledges/p.yaml", pledge);
        let mut cache = Cache::default();
        let first = load_cached(root, &mut cache).unwrap();
        assert_eq!(first.records.pledges[0].items[0].status, PledgeStatus::Done);
        // A longer file, so that the size changes whatever the clock's grain.
        write(root, "pledges/p.yaml", &pledge.replace("done", "partial"));
        let second = load_cached(root, &mut cache).unwrap();
        assert_eq!(
            second.records.pledges[0].items[0].status,
            PledgeStatus::Partial
        );
        write(
            root,
            "pledges/q.yaml",
            &pledge.replace("unit: a", "unit: b"),
        );
        let third = load_cached(root, &mut cache).unwrap();
        assert_eq!(third.records.pledges.len(), 2);
        assert_eq!(third.records, load(root).unwrap().records);
    }
}
