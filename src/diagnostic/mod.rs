//! Problems found in the records, and how they are shown to people and tools.
//!
//! A [`Diagnostic`] is complete on its own: it carries the file, the place and
//! the offending source line, so it can be printed (compiler style, with an
//! excerpt and a caret) or serialised to JSON without going back to the files.

pub mod suggest;

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::records::yaml::Place;

/// How bad a problem is: errors fail `check` and stop `build`, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The records cannot be used as they are.
    Error,
    /// The records can be used, but something looks wrong.
    Warning,
}

/// What kind of problem it is: a stable name for scripts and editors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// The file could not be read.
    Io,
    /// The file is not UTF-8.
    Encoding,
    /// A required file (annals.yaml, units.yaml) is missing.
    MissingFile,
    /// The YAML does not parse.
    YamlSyntax,
    /// A `.md` record lacks its `---` front matter lines.
    FrontMatter,
    /// A required field is absent or empty.
    MissingField,
    /// A field that the record kind does not have.
    UnknownField,
    /// A value of the wrong type (a list where text belongs …).
    WrongType,
    /// A value that is not a valid `YYYY-MM-DD` day.
    InvalidDate,
    /// A value outside an enumeration (status, severity, kind …).
    UnknownValue,
    /// A value out of its allowed range (negative votes, a weight below 0 …).
    InvalidNumber,
    /// A list that must have at least one entry is empty.
    EmptyList,
    /// A reference to a unit id that the roster does not have.
    UnknownUnit,
    /// Two units with the same id.
    DuplicateUnit,
    /// Two record files that would get the same id.
    DuplicateId,
    /// A name from the records that would become a path outside its
    /// folder, or one some system cannot store (`../x`, `CON`, `a:b`).
    UnsafeName,
    /// A count or sum too large to be counted (votes near 2^64).
    Overflow,
    /// A unit or person written twice in one award.
    DuplicateRecipient,
    /// Units whose parents lead back to themselves.
    ParentCycle,
    /// A file in a kind folder that looks like a record but is not read.
    Skipped,
    /// A template that does not parse or render.
    Template,
    /// A done/closed date on an item that is not done/closed.
    DateOnUnfinished,
    /// A date outside the record's year.
    OutsideYear,
    /// A value still holding the placeholder a skeleton of `annals new` left.
    Placeholder,
    /// Two columns of an imported sheet give the same field.
    DuplicateColumn,
    /// Rows of one imported record disagree on a value they share.
    ConflictingRows,
}

impl Code {
    /// The kebab-case name shown in JSON output.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// One problem, in one file, at one place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The kind of problem.
    pub code: Code,
    /// The file, relative to the records root, with `/` separators.
    pub file: String,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// 1-based column in characters, when the problem has a place.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The source line the place is on, for the excerpt.
    #[serde(skip)]
    pub excerpt: Option<Box<Excerpt>>,
}

/// The offending source line and the part of it to underline.
#[derive(Debug, Clone, PartialEq)]
pub struct Excerpt {
    /// The whole line, without its line break.
    pub text: String,
    /// Where on the line, and how wide.
    pub place: Place,
}

impl Diagnostic {
    /// A problem with the file as a whole.
    pub fn file(severity: Severity, code: Code, file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            file: file.to_owned(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
            excerpt: None,
        }
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Places the problem at `place` of `source` (the whole file's text).
    pub fn at(self, source: &str, place: Place) -> Self {
        let line = source.lines().nth(place.line.saturating_sub(1));
        self.on_line(line, place)
    }

    /// Places the problem at `place`, whose line's text is `line` (when
    /// the caller has the file's lines at hand already).
    pub fn on_line(mut self, line: Option<&str>, place: Place) -> Self {
        self.line = Some(place.line);
        self.column = Some(place.column);
        self.excerpt = line.map(|text| {
            Box::new(Excerpt {
                text: text.to_owned(),
                place,
            })
        });
        self
    }

    /// `file:line:col`, or just the file when there is no place.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.clone(),
        }
    }

    /// The diagnostic as a person reads it: a title line, the source line
    /// with a caret under the spot, and the hint.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        // Nothing from the records reaches the terminal raw: a newline in a
        // file name would forge a line, an escape would recolour it.
        let title = visible(&format!("{}: {}", self.location(), self.message));
        let help = self.help.as_deref().map(visible);
        let mut group = Group::with_title(level.primary_title(&title));
        let excerpt = self
            .excerpt
            .as_ref()
            .map(|e| (visible_in_place(&e.text), e.place));
        if let Some((text, place)) = &excerpt {
            let start = byte_offset(text, place.column.saturating_sub(1));
            let end = byte_offset(text, place.column.saturating_sub(1) + place.width);
            group = group.element(
                Snippet::source(text)
                    .line_start(place.line)
                    .annotation(AnnotationKind::Primary.span(start..end.max(start))),
            );
        }
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }
}

/// Control characters (C0, DEL, C1) and the invisible format characters
/// that can make one text look like another: zero-width spaces and joiners,
/// bidi marks, embeddings, overrides and isolates, the byte order mark.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{AD}'
                | '\u{61C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// `text` as it may be shown on a terminal: C0 controls as their Unicode
/// pictures (`␛`, `␊`), DEL as `␡`, every other hidden character as
/// `<U+200B>`, so that what a name really holds can be seen.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c as u32 {
            code @ 0..=0x1F => out.push(char::from_u32(0x2400 + code).unwrap_or('?')),
            0x7F => out.push('␡'),
            code if is_hidden(c) => out.push_str(&format!("<U+{code:04X}>")),
            _ => out.push(c),
        }
    }
    out
}

/// Like [`visible`], one character for one so that columns stay where
/// they are (for the excerpt under a caret); tabs are kept for the renderer.
fn visible_in_place(text: &str) -> String {
    text.chars()
        .map(|c| match c as u32 {
            0x09 => c,
            code @ 0..=0x1F => char::from_u32(0x2400 + code).unwrap_or('?'),
            0x7F => '␡',
            _ if is_hidden(c) => '\u{FFFD}',
            _ => c,
        })
        .collect()
}

fn byte_offset(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// The closing line of `check`: "2 errors, 1 warning in 57 files".
pub fn summary(diagnostics: &[Diagnostic], files: usize) -> String {
    let errors = count(diagnostics, Severity::Error);
    let warnings = count(diagnostics, Severity::Warning);
    let files = plural(files, "file");
    if errors == 0 && warnings == 0 {
        return format!("no problems in {files}");
    }
    format!(
        "{}, {} in {files}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// How many diagnostics have this severity.
pub fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_place_the_line_and_a_caret() {
        let source = "unit: leifan\nitems:\n  - text: 广场\n    status: finished\n";
        let d = Diagnostic::file(
            Severity::Error,
            Code::UnknownValue,
            "pledges/a.md",
            "unknown status \"finished\"",
        )
        .at(
            source,
            Place {
                line: 4,
                column: 13,
                width: 8,
            },
        )
        .with_help(Some("expected one of planned, done".into()));
        assert_eq!(
            d.render(false),
            "error: pledges/a.md:4:13: unknown status \"finished\"\n  |\n4 |     status: finished\n  |             ^^^^^^^^\n  |\n  = help: expected one of planned, done"
        );
    }

    #[test]
    fn counts_for_the_summary_line() {
        let e = Diagnostic::file(Severity::Error, Code::Io, "a", "x");
        let w = Diagnostic::file(Severity::Warning, Code::OutsideYear, "a", "x");
        assert_eq!(
            summary(&[e.clone(), e, w], 57),
            "2 errors, 1 warning in 57 files"
        );
        assert_eq!(summary(&[], 1), "no problems in 1 file");
    }

    #[test]
    fn codes_have_kebab_names() {
        assert_eq!(Code::DateOnUnfinished.name(), "date-on-unfinished");
    }
}
