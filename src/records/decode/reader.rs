//! Reading typed values out of a YAML [`Node`] while collecting every problem.
//!
//! A [`Reader`] never stops at the first problem: each method returns `None`
//! for a value it cannot use and records why, with the [`YamlPath`] of the
//! value, so that one run reports everything wrong with a file.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use crate::diagnostic::Severity;
use crate::diagnostic::suggest;
use crate::i18n::Message;
use crate::records::decode::shape::Shape;
use crate::records::model::{Choice, Date, Site, UnitRef, date_parts};
use crate::records::yaml::{Node, Part, YamlPath};

/// A problem found in one file, placed by path; turned into a
/// [`Diagnostic`](crate::diagnostic::Diagnostic) once positions are known.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Which value.
    pub path: YamlPath,
    /// Key or value of that entry.
    pub part: Part,
    /// What is wrong.
    pub message: Message,
    /// How to fix it.
    pub help: Option<Message>,
}

/// Reads values of one file and collects its problems.
pub struct Reader {
    /// Index of the file in the loaded set, for [`Site`]s.
    pub file: usize,
    /// Problems found so far.
    pub problems: Vec<Problem>,
}

/// The entries of a mapping whose keys have been checked against the fields
/// its record kind allows.
pub struct Fields<'n> {
    entries: &'n [(Cow<'n, str>, Node<'n>)],
    /// Where the mapping is.
    pub path: YamlPath,
    /// Allowed keys that an unknown key was taken for a misspelling of: their
    /// absence is not reported again.
    misspelt: Vec<String>,
}

impl<'n> Fields<'n> {
    /// The value under `key`, unless absent or null.
    pub fn get(&self, key: &str) -> Option<&'n Node<'n>> {
        self.entries
            .iter()
            .find(|(k, v)| k == key && *v != Node::Null)
            .map(|(_, v)| v)
    }
}

impl Reader {
    /// A reader for the file with this index.
    pub fn new(file: usize) -> Self {
        Reader {
            file,
            problems: Vec::new(),
        }
    }

    /// Records a problem.
    pub fn report(
        &mut self,
        severity: Severity,
        path: &YamlPath,
        part: Part,
        message: Message,
        help: Option<Message>,
    ) {
        self.problems.push(Problem {
            severity,
            path: path.clone(),
            part,
            message,
            help,
        });
    }

    /// Records an error at a value.
    pub fn error(&mut self, path: &YamlPath, message: Message, help: Option<Message>) {
        self.report(Severity::Error, path, Part::Value, message, help);
    }

    /// Records a warning at the key of an entry.
    pub fn warn(&mut self, path: &YamlPath, message: Message, help: Option<Message>) {
        self.report(Severity::Warning, path, Part::Key, message, help);
    }

    /// Where `path` is in this file.
    pub fn site(&self, path: &YamlPath) -> Site {
        Site {
            file: self.file,
            path: path.clone(),
        }
    }

    /// Reports that the value at `path` is not the `expected` kind of value.
    pub fn wrong_type(&mut self, path: &YamlPath, expected: Message, found: &Node) {
        let message = Message::WrongType {
            name: name(path).boxed(),
            expected: expected.boxed(),
            found: kind_of(found).boxed(),
        };
        self.error(path, message, None);
    }

    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        path: &YamlPath,
        shape: &Shape,
    ) -> Option<Fields<'n>> {
        let what = (shape.noun)();
        // The names are written out only for a message: most mappings have none.
        let names = || -> Vec<String> { shape.names().map(str::to_owned).collect() };
        let entries = match node {
            Node::Map(entries) => entries,
            Node::Null => {
                let hint = Message::HintFillMapping {
                    what: what.boxed(),
                    fields: names(),
                };
                let message = Message::EmptyMapping {
                    name: name(path).boxed(),
                };
                self.error(path, message, Some(hint));
                return None;
            }
            _ if path.steps().is_empty() => {
                let expected = Message::NounRecordLines {
                    what: what.boxed(),
                    fields: names(),
                };
                self.wrong_type(path, expected, node);
                return None;
            }
            _ => {
                let expected = Message::NounMappingWithFields { fields: names() };
                self.wrong_type(path, expected, node);
                return None;
            }
        };
        let mut misspelt = Vec::new();
        for (key, _) in entries {
            if !shape.names().any(|name| name == key) {
                let near = suggest::closest(key, shape.names());
                misspelt.extend(near.map(str::to_owned));
                let hint = did_you_mean(
                    near,
                    Message::HintFields {
                        what: what.clone().boxed(),
                        fields: names(),
                    },
                );
                let message = Message::UnknownField {
                    key: key.to_string(),
                    what: what.clone().boxed(),
                };
                self.report(
                    Severity::Error,
                    &path.key(key),
                    Part::Key,
                    message,
                    Some(hint),
                );
            }
        }
        Some(Fields {
            entries,
            path: path.clone(),
            misspelt,
        })
    }

    /// Reads a required entry with `read`; its absence is an error at the mapping.
    pub fn required<'n, T>(
        &mut self,
        fields: &Fields<'n>,
        key: &'static str,
        read: impl FnOnce(&mut Self, &'n Node, &YamlPath) -> Option<T>,
    ) -> Option<T> {
        match fields.get(key) {
            Some(node) => read(self, node, &fields.path.field(key)),
            None if fields.misspelt.iter().any(|m| m == key) => None,
            None => {
                self.report(
                    Severity::Error,
                    &fields.path.field(key),
                    Part::Key,
                    Message::MissingField { key: key.into() },
                    Some(Message::HintAddField { key: key.into() }),
                );
                None
            }
        }
    }

    /// Reads an optional entry with `read`.
    pub fn optional<'n, T>(
        &mut self,
        fields: &Fields<'n>,
        key: &'static str,
        read: impl FnOnce(&mut Self, &'n Node, &YamlPath) -> Option<T>,
    ) -> Option<T> {
        let node = fields.get(key)?;
        read(self, node, &fields.path.field(key))
    }

    /// Reads text; numbers are taken as written. Empty text counts as missing.
    pub fn text(&mut self, node: &Node, path: &YamlPath) -> Option<String> {
        let text = match node {
            Node::Str(s) => s.trim().to_owned(),
            Node::Int(i) => i.to_string(),
            Node::Float(f) => f.to_string(),
            other => {
                self.wrong_type(path, Message::NounText, other);
                return None;
            }
        };
        if text.is_empty() {
            let message = Message::EmptyValue {
                name: name(path).boxed(),
            };
            self.error(path, message, Some(Message::HintWriteValue));
            return None;
        }
        if PLACEHOLDERS.iter().any(|p| text.starts_with(p)) {
            let message = Message::Placeholder {
                name: name(path).boxed(),
                text: text.clone(),
            };
            self.warn(path, message, Some(Message::HintFillPlaceholder));
        }
        Some(text)
    }

    /// Reads a unit id, to be checked against the roster later.
    pub fn unit(&mut self, node: &Node, path: &YamlPath) -> Option<UnitRef> {
        let id = self.unit_id(node, path)?;
        Some(UnitRef {
            id: id.into(),
            site: self.site(path),
        })
    }

    /// Reads a unit id in Unicode's composed form (NFC), so that `café`
    /// typed on macOS (NFD) and on Windows (NFC) is one id.
    pub fn unit_id(&mut self, node: &Node, path: &YamlPath) -> Option<String> {
        use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
        let id = self.text(node, path)?;
        match is_nfc_quick(id.chars()) {
            IsNormalized::Yes => Some(id),
            _ => Some(id.nfc().collect()),
        }
    }

    /// Reads a `YYYY-MM-DD` date.
    pub fn date(&mut self, node: &Node, path: &YamlPath) -> Option<Date> {
        let written = match node {
            Node::Str(s) => Cow::Borrowed(s.trim()),
            Node::Int(i) => Cow::Owned(i.to_string()),
            other => {
                self.wrong_type(path, Message::NounDate, other);
                return None;
            }
        };
        let Some((year, month, day)) = date_parts(&written) else {
            self.error(
                path,
                Message::InvalidDate {
                    written: written.into_owned(),
                },
                Some(Message::HintDateFormat),
            );
            return None;
        };
        if let Some(date) = Date::from_ymd_opt(year, month, day) {
            return Some(date);
        }
        let help = month_length(&written).map(|(year, m, days)| Message::HintMonthLength {
            year,
            month: format!("{m:02}"),
            days,
        });
        self.error(
            path,
            Message::NoSuchDay {
                written: written.into_owned(),
            },
            help.or(Some(Message::HintMonthRange)),
        );
        None
    }

    /// Reads `true` or `false`.
    pub fn flag(&mut self, node: &Node, path: &YamlPath) -> Option<bool> {
        match node {
            Node::Bool(b) => Some(*b),
            other => {
                self.wrong_type(path, Message::NounTrueOrFalse, other);
                None
            }
        }
    }

    /// Reads a whole number (a year, an order).
    pub fn int(&mut self, node: &Node, path: &YamlPath) -> Option<i64> {
        match node {
            Node::Int(i) => Some(*i),
            other => {
                self.wrong_type(path, Message::NounWholeNumber, other);
                None
            }
        }
    }

    /// Reads a whole number of zero or more (votes).
    pub fn count(&mut self, node: &Node, path: &YamlPath) -> Option<u64> {
        match node {
            Node::Int(i) if *i >= 0 => Some(*i as u64),
            Node::Int(_) | Node::Float(_) => {
                let message = Message::NotACount {
                    name: name(path).boxed(),
                };
                let found = Message::HintFound {
                    value: scalar_text(node),
                };
                self.error(path, message, Some(found));
                None
            }
            other => {
                self.wrong_type(path, Message::NounWholeNumber, other);
                None
            }
        }
    }

    /// Reads a number of zero or more (weights, deductions, bonuses, scores).
    pub fn amount(&mut self, node: &Node, path: &YamlPath) -> Option<f64> {
        let value = match node {
            Node::Int(i) => *i as f64,
            Node::Float(f) => *f,
            other => {
                self.wrong_type(path, Message::NounNumber, other);
                return None;
            }
        };
        if !(value.is_finite() && value >= 0.0) {
            let message = Message::NotAnAmount {
                name: name(path).boxed(),
            };
            let found = Message::HintFound {
                value: scalar_text(node),
            };
            self.error(path, message, Some(found));
            return None;
        }
        Some(value)
    }

    /// Reads a number that may be negative (an order).
    pub fn number(&mut self, node: &Node, path: &YamlPath) -> Option<f64> {
        match node {
            Node::Int(i) => Some(*i as f64),
            Node::Float(f) if f.is_finite() => Some(*f),
            other => {
                self.wrong_type(path, Message::NounNumber, other);
                None
            }
        }
    }

    /// Reads one of a fixed set of values, by English key or Chinese label.
    pub fn choice<C: Choice>(&mut self, node: &Node, path: &YamlPath) -> Option<C> {
        let word = match node {
            Node::Str(s) => s.trim(),
            other => {
                self.wrong_type(path, C::noun(), other);
                return None;
            }
        };
        if let Some(choice) = C::from_word(word) {
            return Some(choice);
        }
        self.error(path, C::unknown(word), Some(C::expected(word)));
        None
    }

    /// Reads a list, each item with `read`. `what` names an item in messages.
    pub fn list<'n, T>(
        &mut self,
        node: &'n Node,
        path: &YamlPath,
        mut read: impl FnMut(&mut Self, &'n Node, &YamlPath) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Node::Seq(items) = node else {
            self.wrong_type(path, Message::NounListOfLines, node);
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if let Some(value) = read(self, item, &path.index(i)) {
                out.push(value);
            }
        }
        Some(out)
    }

    /// Like [`Reader::list`], but an empty list is an error; `what` names
    /// one entry ([`Message::OneItem`]).
    pub fn non_empty_list<'n, T>(
        &mut self,
        node: &'n Node,
        path: &YamlPath,
        what: Message,
        read: impl FnMut(&mut Self, &'n Node, &YamlPath) -> Option<T>,
    ) -> Option<Vec<T>> {
        if matches!(node, Node::Seq(items) if items.is_empty()) {
            let message = Message::EmptyList {
                name: name(path).boxed(),
                what: what.boxed(),
            };
            self.error(path, message, None);
            return None;
        }
        self.list(node, path, read)
    }

    /// Warns when a deadline lies before `year` or after the year that
    /// follows it: a rectification due next January is normal (SPEC §4).
    pub fn check_deadline(
        &mut self,
        date: Option<Date>,
        year: i32,
        path: &YamlPath,
        whose: Message,
    ) {
        let normal = |d: &Date| d.year() == year || d.year() == year + 1;
        self.check_year(date.filter(|d| !normal(d)), year, path, whose);
    }

    /// Warns when `date` lies outside `year`; `whose` says whose year it is
    /// ([`Message::WhosePledge`]).
    pub fn check_year(&mut self, date: Option<Date>, year: i32, path: &YamlPath, whose: Message) {
        if let Some(date) = date.filter(|d| d.year() != year) {
            let message = Message::OutsideYear {
                key: bare_name(path),
                date: date.to_string(),
                whose: whose.boxed(),
                year,
            };
            self.report(
                Severity::Warning,
                path,
                Part::Value,
                message,
                Some(Message::HintCheckYear),
            );
        }
    }
}

/// How the skeletons of `annals new` begin a value still to be written.
pub const PLACEHOLDERS: [&str; 2] = ["待填写", "TO FILL IN"];

/// What messages call the value at `path`: "`status`", "`items[2]`", "the record".
fn name(path: &YamlPath) -> Message {
    match path.steps().last() {
        Some(_) => Message::NameKey {
            key: bare_name(path),
        },
        None => Message::NameRecord,
    }
}

/// `hint`, led by "did you mean `near`?" when there is a near miss.
fn did_you_mean(near: Option<&str>, hint: Message) -> Message {
    match near {
        Some(near) => Message::HintDidYouMean {
            near: near.to_owned(),
            rest: hint.boxed(),
        },
        None => hint,
    }
}

/// What messages call the kind of value a node holds.
fn kind_of(node: &Node) -> Message {
    match node {
        Node::Null => Message::NounNothing,
        Node::Bool(_) => Message::NounTrueFalse,
        Node::Int(_) => Message::NounWholeNumber,
        Node::Float(_) => Message::NounNumber,
        Node::Str(_) => Message::NounText,
        Node::Seq(_) => Message::NounList,
        Node::Map(_) => Message::NounMapping,
    }
}

/// The key a path ends in, or the whole path for a list item.
fn bare_name(path: &YamlPath) -> String {
    use crate::records::yaml::Step;
    match path.steps().last() {
        Some(Step::Key(k)) => k.to_string(),
        _ => path.to_string(),
    }
}

fn scalar_text(node: &Node) -> String {
    match node {
        Node::Int(i) => i.to_string(),
        Node::Float(f) => f.to_string(),
        Node::Str(s) => s.to_string(),
        other => other.kind_name().to_owned(),
    }
}

/// For a well-shaped but impossible date: its year, month and the month's length.
fn month_length(written: &str) -> Option<(i32, u32, u32)> {
    let year: i32 = written.get(0..4)?.parse().ok()?;
    let month: u32 = written.get(5..7)?.parse().ok()?;
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    Some((year, month, (next - first).num_days() as u32))
}
