//! The report templates: the built-in ones compiled into the binary, the
//! user's in `<root>/templates/` (a same-named file replaces a built-in one),
//! and the turning of tera's errors into diagnostics that name the template
//! file and line.

use std::collections::BTreeMap;
use std::path::Path;

use tera::{ErrorKind, Tera};

use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Message;
use crate::records::load;
use crate::records::model::{Choice, Locale};
use crate::records::yaml::Place;
use crate::render::filters;

/// The folder of the user's templates, under the root.
pub const USER_DIR: &str = "templates";

/// The built-in templates of a locale: (name, source).
pub fn builtin(locale: Locale) -> &'static [(&'static str, &'static str)] {
    match locale {
        Locale::ZhCn => &[
            (
                "summary.md",
                include_str!("../../templates/zh-CN/summary.md"),
            ),
            (
                "evaluation.md",
                include_str!("../../templates/zh-CN/evaluation.md"),
            ),
            ("ledger.md", include_str!("../../templates/zh-CN/ledger.md")),
            ("layout.html", include_str!("../../templates/layout.html")),
        ],
        Locale::En => &[
            ("summary.md", include_str!("../../templates/en/summary.md")),
            (
                "evaluation.md",
                include_str!("../../templates/en/evaluation.md"),
            ),
            ("ledger.md", include_str!("../../templates/en/ledger.md")),
            ("layout.html", include_str!("../../templates/layout.html")),
        ],
    }
}

/// The insides of the tags of a template source, comments left out.
fn tags(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            let open = rest.find('{')?;
            let after = &rest[open + 1..];
            let close = match after.chars().next() {
                Some('{') => "}}",
                Some('%') => "%}",
                _ => {
                    rest = after;
                    continue;
                }
            };
            let inside = &after[1..];
            let end = inside.find(close).unwrap_or(inside.len());
            rest = &inside[end..];
            return Some(&inside[..end]);
        }
    })
}

/// Whether `key` stands in `tag` as a variable: not part of a longer word,
/// not after a `.`, and not followed by `.` and one of `spared`, the
/// attributes of the key that do not count.
fn names_variable(tag: &str, key: &str, spared: &[&str]) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    tag.match_indices(key).any(|(at, _)| {
        let before = tag[..at].chars().next_back();
        let rest = &tag[at + key.len()..];
        let attribute = rest.strip_prefix('.').map(|r| {
            let end = r.find(|c: char| !word(c)).unwrap_or(r.len());
            &r[..end]
        });
        !before.is_some_and(|c| word(c) || c == '.')
            && !rest.chars().next().is_some_and(word)
            && !attribute.is_some_and(|a| spared.contains(&a))
    })
}

/// The templates of one root compiled by an earlier build of a process that
/// builds again (`watch`, `serve`), with what they were compiled from: the
/// language, and each user template's name, modification time and size.
/// Compiling them takes a millisecond or two of a rebuild's thirty.
#[derive(Default)]
pub struct Compiled {
    kept: Option<(Locale, Vec<Stamp>, Templates)>,
}

/// A user template's name, modification time and size.
type Stamp = (String, Option<std::time::SystemTime>, Option<u64>);

impl Compiled {
    /// The templates of `root` in `locale`: those compiled last time when
    /// the language is the same and no user template was added, removed or
    /// changed since, else compiled again. `None` when they do not compile,
    /// for the build to compile them again and report why.
    pub fn get(&mut self, root: &Path, locale: Locale) -> Option<&Templates> {
        let stamps = user_stamps(root);
        let same = |(kept_locale, kept_stamps, _): &(Locale, Vec<Stamp>, Templates)| {
            *kept_locale == locale && *kept_stamps == stamps
        };
        if !self.kept.as_ref().is_some_and(same) {
            self.kept = Templates::load(root, locale)
                .ok()
                .map(|templates| (locale, stamps, templates));
        }
        self.kept.as_ref().map(|(_, _, templates)| templates)
    }
}

/// The name, modification time and size of each user template under
/// `root`, in name order.
fn user_stamps(root: &Path) -> Vec<Stamp> {
    user_files(root)
        .into_iter()
        .map(|found| {
            let meta = std::fs::metadata(&found.path).ok();
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            (found.rel, modified, meta.map(|m| m.len()))
        })
        .collect()
}

/// A compiled set of templates and where each came from, for diagnostics.
pub struct Templates {
    tera: Tera,
    /// Template name → (file named in diagnostics, its source text).
    sources: BTreeMap<String, (String, String)>,
}

impl Templates {
    /// Compiles the built-in templates of `locale` and the user's templates
    /// under `root`. Every problem is a diagnostic.
    pub fn load(root: &Path, locale: Locale) -> Result<Templates, Vec<Diagnostic>> {
        let mut sources = BTreeMap::new();
        for (name, source) in builtin(locale) {
            let label = format!("(built-in {}) {name}", locale.key());
            sources.insert(name.to_string(), (label, source.to_string()));
        }
        let mut problems = Vec::new();
        for (name, result) in user_templates(root) {
            let file = format!("{USER_DIR}/{name}");
            match result {
                Ok(text) => {
                    sources.insert(name, (file, text));
                }
                Err(message) => problems.push(Diagnostic::file(Severity::Error, &file, message)),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut tera = Tera::new();
        tera.autoescape_on(Vec::<&str>::new());
        filters::register(&mut tera);
        let mut templates = Templates { tera, sources };
        let batch = templates
            .sources
            .iter()
            .map(|(name, (_, text))| (name, text));
        if let Err(e) = templates.tera.add_raw_templates(batch) {
            return Err(vec![templates.diagnostic(&e, "")]);
        }
        Ok(templates)
    }

    /// Which of the context keys `keys` (in their order) some template that
    /// takes part in rendering may read: written inside a tag (`{{ … }}`,
    /// `{% … %}`) as a variable of its own (`pledges`, not
    /// `figures.pledges`), each template's tags read once for all keys.
    /// Each key comes with the attributes of it that do not count
    /// (`evaluation.grades` is not the evaluation's rows). Conservative: a
    /// mention in a string inside a tag counts too. `idle` are the
    /// templates of the other reports: they take part only when a template
    /// that does mentions one by name (an include), so that the summary is
    /// not given what only the ledger reads.
    pub fn names<'k>(&self, keys: &[(&'k str, &[&str])], idle: &[&str]) -> Vec<&'k str> {
        let takes_part = |name: &str| {
            !idle.contains(&name)
                || self.sources.iter().any(|(other, (_, text))| {
                    other != name && !idle.contains(&other.as_str()) && text.contains(name)
                })
        };
        let mut named = vec![false; keys.len()];
        let taking_part = self.sources.iter().filter(|(name, _)| takes_part(name));
        for tag in taking_part.flat_map(|(_, (_, text))| tags(text)) {
            for (found, (key, spared)) in named.iter_mut().zip(keys) {
                *found = *found || names_variable(tag, key, spared);
            }
        }
        keys.iter()
            .zip(named)
            .filter_map(|(&(key, _), found)| found.then_some(key))
            .collect()
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| self.diagnostic(&e, name))
    }

    /// A tera error as a diagnostic naming the template file and line;
    /// `rendering` is the template being rendered, named when tera's error
    /// names none (a runaway recursive component).
    fn diagnostic(&self, error: &tera::Error, rendering: &str) -> Diagnostic {
        let (mut name, mut line, column, message) = match error.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => (
                r.filename().to_owned(),
                Some(r.span().start_line),
                r.span().start_col + 1,
                r.message().to_owned(),
            ),
            ErrorKind::CircularInclude { tpl, include_chain } => {
                let next = include_chain.get(1).unwrap_or(tpl);
                let at =
                    self.first_line(tpl, |l| l.contains("include") && l.contains(next.as_str()));
                (tpl.clone(), at, 1, error.to_string())
            }
            _ => parse_report(&error.to_string()),
        };
        if name.is_empty() && !rendering.is_empty() {
            name = rendering.to_owned();
            // A component that calls itself without end: point at the first
            // component the template defines.
            if message.contains("recursion depth") {
                line = self.first_line(&name, |l| l.contains("{% component"));
            }
        }
        let (file, source) = match self.sources.get(&name) {
            Some((file, source)) => (file.clone(), Some(source.as_str())),
            None => (format!("{USER_DIR}/{name}"), None),
        };
        let d = Diagnostic::file(
            Severity::Error,
            &file,
            Message::TemplateError {
                detail: message.clone(),
            },
        );
        let d = if message == "Unexpected end of input" {
            d.with_help(Some(Message::HintTemplateUnclosed))
        } else if message.contains("recursion depth") {
            d.with_help(Some(Message::HintTemplateRecursion))
        } else {
            d
        };
        match (line, source) {
            (Some(line), Some(source)) => {
                // The end of input is reported past the last line: show the last.
                let last = source.lines().count().max(1);
                let (line, column) = if line > last {
                    let width = source.lines().last().map_or(0, |l| l.chars().count());
                    (last, width + 1)
                } else {
                    (line, column)
                };
                d.at(
                    source,
                    Place {
                        line,
                        column,
                        width: 1,
                    },
                )
            }
            (Some(line), None) => Diagnostic {
                line: Some(line),
                column: Some(column),
                ..d
            },
            _ => d,
        }
    }
}

impl Templates {
    /// The 1-based number of the first line of template `name` that `wanted`
    /// accepts.
    fn first_line(&self, name: &str, wanted: impl Fn(&str) -> bool) -> Option<usize> {
        let (_, source) = self.sources.get(name)?;
        source.lines().position(wanted).map(|i| i + 1)
    }
}

/// Reads a tera report printed as text (`error: MSG` then ` --> NAME:LINE:COL`),
/// the only form some errors come in.
fn parse_report(text: &str) -> (String, Option<usize>, usize, String) {
    let message = text
        .lines()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or(text.lines().next().unwrap_or_default())
        .to_owned();
    let place = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))
        .and_then(|loc| {
            let mut parts = loc.rsplitn(3, ':');
            let column = parts.next()?.parse().ok()?;
            let line = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_owned(), line, column))
        });
    match place {
        Some((name, line, column)) => (name, Some(line), column, message),
        None => (String::new(), None, 1, message),
    }
}

/// Every file under `<root>/templates/`, in name order.
fn user_files(root: &Path) -> Vec<load::Found> {
    let base = root.join(USER_DIR);
    if !base.is_dir() {
        return Vec::new();
    }
    load::walk(&base).filter_map(Result::ok).collect()
}

/// Every file under `<root>/templates/`, by name relative to that folder,
/// with its text or why it cannot be read.
fn user_templates(root: &Path) -> Vec<(String, Result<String, Message>)> {
    user_files(root)
        .into_iter()
        .map(|found| {
            let text = std::fs::read(&found.path)
                .map_err(|err| Message::TemplateUnreadable {
                    error: err.to_string(),
                })
                .and_then(|bytes| {
                    crate::records::source::decode(&bytes).map_err(|_| Message::TemplateNotUtf8)
                });
            (found.rel, text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::values::List;

    #[test]
    fn the_built_in_reports_name_the_lists_they_read_and_no_others() {
        let empty = tempfile::tempdir().unwrap();
        for locale in [Locale::ZhCn, Locale::En] {
            let templates = Templates::load(empty.path(), locale).unwrap();
            let keys = [
                "findings",
                "overdue",
                "unfulfilled",
                "honours",
                "figures",
                // `figures.pledges` is not the list `pledges`.
                "pledges",
                "inspections",
                "appraisals",
                "ledger_rows",
            ];
            let keys = keys.map(|key| (key, &[][..]));
            assert_eq!(
                templates.names(&keys, &[]),
                ["findings", "overdue", "unfulfilled", "honours", "figures"],
            );
            // Only the ledger shows every finding.
            let not_ledger = ["summary.md", "evaluation.md"];
            let findings = [("findings", &[][..])];
            assert_eq!(templates.names(&findings, &not_ledger), ["findings"]);
            assert!(templates.names(&findings, &["ledger.md"]).is_empty());
            // The summary lists each grade's units without the rows of the
            // evaluation; the evaluation shows them.
            let rows = [("evaluation", List::Evaluation.spared())];
            let not_summary = ["evaluation.md", "ledger.md"];
            assert!(templates.names(&rows, &not_summary).is_empty());
            let not_evaluation = ["summary.md", "ledger.md"];
            assert_eq!(templates.names(&rows, &not_evaluation), ["evaluation"]);
        }
    }

    #[test]
    fn reads_the_place_from_a_printed_report() {
        let text = "error: Unknown filter `nope`\n --> brief.md:3:12\n  |\n";
        assert_eq!(
            parse_report(text),
            (
                "brief.md".into(),
                Some(3),
                12,
                "Unknown filter `nope`".into()
            )
        );
    }
}
