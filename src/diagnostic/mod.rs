//! Problems found in the records, and how they are shown to people and tools.
//!
//! A [`Diagnostic`] is complete on its own: it carries the file, the place and
//! the offending source line, so it can be printed (compiler style, with an
//! excerpt and a caret) or serialised to JSON without going back to the files.

pub mod suggest;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::i18n::{Lang, Message};
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

/// One problem, in one file, at one place. Its words are kept as a
/// [`Message`] until it is shown, in the language chosen by then.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the records root, with `/` separators.
    pub file: String,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// 1-based column in characters, when the problem has a place.
    pub column: Option<usize>,
    /// What is wrong; its id is the diagnostic's stable code. (Boxed, as
    /// are the hint and the excerpt, to keep results that carry a
    /// diagnostic small.)
    pub message: Box<Message>,
    /// How to fix it, when there is something useful to say.
    pub help: Option<Box<Message>>,
    /// The source line the place is on, for the excerpt.
    pub excerpt: Option<Box<Excerpt>>,
}

/// The offending source line and the part of it to underline.
#[derive(Debug, Clone, PartialEq)]
pub struct Excerpt {
    /// The line without its line break; of a line longer than
    /// [`EXCERPT_LINE`], the part around the place, `...` marking what is
    /// left out (see [`EXCERPT_REACH`]).
    pub text: String,
    /// Where on `text`, and how wide.
    pub place: Place,
}

/// The longest line, in characters, that an excerpt shows whole.
pub const EXCERPT_LINE: usize = 200;

/// How many characters of a longer line an excerpt shows before the
/// place, of the place, and after it. A line of a generated file can be a
/// megabyte long: each problem on it kept and printed all of it, and
/// 20 000 problems on one such line took 22 s and 1.6 GB to print.
pub const EXCERPT_REACH: usize = 60;

impl Excerpt {
    /// The excerpt of `line` around `place`.
    fn of(line: &str, place: Place) -> Excerpt {
        if line.char_indices().nth(EXCERPT_LINE).is_none() {
            return Excerpt {
                text: line.to_owned(),
                place,
            };
        }
        let spot = place.column.saturating_sub(1);
        let width = place.width.min(EXCERPT_REACH);
        let first = spot.saturating_sub(EXCERPT_REACH);
        let from = byte_offset(line, first);
        let to = from + byte_offset(&line[from..], spot - first + width + EXCERPT_REACH);
        let cut_before = from > 0;
        let mut text = String::with_capacity(to - from + 6);
        if cut_before {
            text.push_str("...");
        }
        text.push_str(&line[from..to]);
        if to < line.len() {
            text.push_str("...");
        }
        let column = spot - first + 1 + if cut_before { 3 } else { 0 };
        Excerpt {
            text,
            place: Place {
                column,
                width,
                ..place
            },
        }
    }
}

impl Diagnostic {
    /// A problem with the file as a whole.
    pub fn file(severity: Severity, file: &str, message: Message) -> Self {
        Diagnostic {
            severity,
            file: file.to_owned(),
            line: None,
            column: None,
            message: message.boxed(),
            help: None,
            excerpt: None,
        }
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_help(mut self, help: Option<Message>) -> Self {
        self.help = help.map(Message::boxed);
        self
    }

    /// The stable kebab-case name of the problem, for scripts and editors
    /// (`unknown-status`): the id of its message.
    pub fn code(&self) -> &'static str {
        self.message.id()
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
        self.excerpt = line.map(|text| Box::new(Excerpt::of(text, place)));
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

    /// The diagnostic as a person reads it, in `lang`: a title line, the
    /// source line with a caret under the spot, and the hint.
    pub fn render(&self, color: bool, lang: Lang) -> String {
        let (label, ansi) = match self.severity {
            Severity::Error => (Message::LabelError, "\x1b[1;31m"),
            Severity::Warning => (Message::LabelWarning, "\x1b[1;33m"),
        };
        let title = Message::DiagnosticTitle {
            label: paint(&label.text(lang), ansi, color),
            location: visible(&self.location()),
            message: shown(&self.message, lang),
        }
        .text(lang);
        // The level's name is part of the title, so that each language
        // chooses its own words and punctuation around it.
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_title(level.no_name().primary_title(&title));
        // Nothing from the records reaches the terminal raw: a newline in a
        // file name would forge a line, an escape would recolour it.
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
        let help = self.help.as_ref().map(|help| {
            Message::DiagnosticHelp {
                label: paint(&Message::LabelHelp.text(lang), "\x1b[1;36m", color),
                hint: shown(help, lang),
            }
            .text(lang)
        });
        if let Some(help) = &help {
            group = group.element(Level::HELP.no_name().message(help));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }

    /// The diagnostic as `check --format json` gives it: the stable
    /// `code` beside the message and hint in `lang`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let mut value = serde_json::json!({
            "severity": self.severity,
            "code": self.code(),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message.text(lang),
        });
        if let Some(help) = &self.help {
            value["help"] = help.text(lang).into();
        }
        value
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

/// A message's words with whatever came from the records made visible.
fn shown(message: &Message, lang: Lang) -> Box<Message> {
    Message::Verbatim {
        text: visible(&message.text(lang)),
    }
    .boxed()
}

/// `text` in the terminal colour `ansi` when colour is on.
fn paint(text: &str, ansi: &str, color: bool) -> String {
    if color {
        format!("{ansi}{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

fn byte_offset(text: &str, chars: usize) -> usize {
    // Where the characters before are ASCII, as in most YAML, they are
    // bytes, and one check of them replaces counting them one by one.
    let ascii = text.as_bytes().get(..chars).is_some_and(<[u8]>::is_ascii);
    if ascii {
        return chars;
    }
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// The closing line of `check`: "2 errors, 1 warning in 57 files".
pub fn summary(diagnostics: &[Diagnostic], files: usize) -> Message {
    let errors = count(diagnostics, Severity::Error);
    let warnings = count(diagnostics, Severity::Warning);
    if errors == 0 && warnings == 0 {
        return Message::CheckClean { files };
    }
    Message::CheckSummary {
        errors,
        warnings,
        files,
    }
}

/// How many diagnostics have this severity.
pub fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown_finished() -> Diagnostic {
        let source = "unit: leifan\nitems:\n  - text: 广场\n    status: finished\n";
        Diagnostic::file(
            Severity::Error,
            "pledges/a.md",
            Message::UnknownStatus {
                word: "finished".into(),
            },
        )
        .at(
            source,
            Place {
                line: 4,
                column: 13,
                width: 8,
            },
        )
        .with_help(Some(Message::HintOneOf {
            keys: vec!["planned".into(), "done".into()],
            labels: "计划中、已完成".into(),
        }))
    }

    #[test]
    fn renders_the_place_the_line_and_a_caret() {
        assert_eq!(
            unknown_finished().render(false, Lang::En),
            "error: pledges/a.md:4:13: unknown status \"finished\"\n  |\n4 |     status: finished\n  |             ^^^^^^^^\n  |\n  = help: expected one of planned, done (或 计划中、已完成)"
        );
    }

    /// A problem at `column` of `width` on a line of `line`.
    fn on(line: &str, column: usize, width: usize) -> Diagnostic {
        let message = Message::UnknownUnit { id: "u1".into() };
        Diagnostic::file(Severity::Error, "honours/a.yaml", message).on_line(
            Some(line),
            Place {
                line: 5,
                column,
                width,
            },
        )
    }

    #[test]
    fn a_long_line_is_shown_around_the_place_only() {
        let line = format!("units: [{}]", "u2, ".repeat(500) + "u1");
        let column = line.len() - 2;
        let d = on(&line, column, 2);
        assert_eq!((d.line, d.column), (Some(5), Some(column)));
        let excerpt = d.excerpt.as_deref().unwrap();
        let before = "u2, ".repeat(15);
        assert_eq!(excerpt.text, format!("...{before}u1]"));
        assert_eq!(excerpt.place.column, 3 + EXCERPT_REACH + 1);
        let caret = format!("  |{}^^", " ".repeat(excerpt.place.column));
        assert!(d.render(false, Lang::En).contains(&caret));
    }

    #[test]
    fn a_wide_place_is_underlined_up_to_the_reach() {
        let line = format!("text: {}", "字".repeat(500));
        let d = on(&line, 7, 500);
        let excerpt = d.excerpt.as_deref().unwrap();
        let shown = "字".repeat(2 * EXCERPT_REACH);
        assert_eq!(excerpt.text, format!("text: {shown}..."));
        assert_eq!(
            (excerpt.place.column, excerpt.place.width),
            (7, EXCERPT_REACH)
        );
        let whole = format!("text: {}", "字".repeat(EXCERPT_LINE - 6));
        let d = on(&whole, 7, EXCERPT_LINE - 6);
        assert_eq!(d.excerpt.unwrap().text, whole);
    }

    #[test]
    fn renders_in_chinese_like_a_chinese_compiler() {
        assert_eq!(
            unknown_finished().render(false, Lang::ZhCn),
            "错误：pledges/a.md:4:13：未知的状态“finished”\n  |\n4 |     status: finished\n  |             ^^^^^^^^\n  |\n  = 提示：应为 planned、done 之一（或 计划中、已完成）"
        );
    }

    #[test]
    fn json_carries_the_code_beside_the_words() {
        let json = unknown_finished().to_json(Lang::ZhCn);
        assert_eq!(json["code"], "unknown-status");
        assert_eq!(json["message"], "未知的状态“finished”");
        assert_eq!(json["line"], 4);
    }

    #[test]
    fn counts_for_the_summary_line() {
        let e = Diagnostic::file(Severity::Error, "a", Message::NotUtf8);
        let w = Diagnostic::file(Severity::Warning, "a", Message::ClosedDateOpen);
        assert_eq!(
            summary(&[e.clone(), e, w], 57).text(Lang::En),
            "2 errors, 1 warning in 57 files"
        );
        assert_eq!(summary(&[], 1).text(Lang::En), "no problems in 1 file");
    }
}
