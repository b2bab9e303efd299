//! Which reports exist (the three built-in ones and the user's from
//! annals.yaml) and rendering them to Markdown with the one shared context.

use std::path::Path;

use crate::check::Checked;
use crate::context;
use crate::decode::Problem;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::load;
use crate::model::Config;
use crate::period::Period;
use crate::templates::{Templates, USER_DIR};
use crate::yaml::Part;

/// The built-in reports, in the order they are rendered.
pub const BUILTIN: [&str; 3] = ["summary", "evaluation", "ledger"];

/// A report to render: its output name and its template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Output file name without extension (`summary`).
    pub name: String,
    /// Template name (`summary.md`).
    pub template: String,
}

/// Every report of a records folder: the built-in ones, then the user's.
pub fn all(config: &Config) -> Vec<Report> {
    BUILTIN
        .iter()
        .map(|name| Report {
            name: name.to_string(),
            template: format!("{name}.md"),
        })
        .chain(config.reports.iter().map(|r| Report {
            name: r.name.clone(),
            template: r.template.clone(),
        }))
        .collect()
}

/// One report rendered to Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The report's name.
    pub name: String,
    /// Its Markdown.
    pub markdown: String,
}

/// Renders `reports` for `period`. Every template problem is collected before returning.
pub fn render(
    root: &Path,
    checked: &Checked,
    config: &Config,
    period: Period,
    stamp: Option<&str>,
    reports: &[Report],
) -> Result<Vec<Rendered>, Vec<Diagnostic>> {
    let mut problems = declared_problems(root, checked, config);
    let templates = match Templates::load(root, config.locale) {
        Ok(t) => Some(t),
        Err(mut d) => {
            problems.append(&mut d);
            None
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let Some(templates) = templates else {
        return Err(problems);
    };
    let ctx = context::build(&checked.records, config, period, stamp);
    let ctx = match tera::Context::from_serialize(&ctx) {
        Ok(ctx) => ctx,
        Err(e) => {
            return Err(vec![Diagnostic::file(
                Severity::Error,
                Code::Template,
                "annals.yaml",
                format!("cannot build the template context: {e}"),
            )]);
        }
    };
    let mut rendered = Vec::new();
    for report in reports {
        match templates.render(&report.template, &ctx) {
            Ok(markdown) => rendered.push(Rendered {
                name: report.name.clone(),
                markdown,
            }),
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok(rendered)
    } else {
        Err(problems)
    }
}

/// Problems with the `reports:` list of annals.yaml: a name taken twice or
/// by a built-in report, or a template that is not in `templates/`.
fn declared_problems(root: &Path, checked: &Checked, config: &Config) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut names: Vec<&str> = BUILTIN.to_vec();
    for spec in &config.reports {
        let problem = |path, message: String, help: String| Problem {
            severity: Severity::Error,
            code: Code::Template,
            path,
            part: Part::Value,
            message,
            help: Some(help),
        };
        if names.contains(&spec.name.as_str()) {
            problems.push(problem(
                spec.site.path.key("name"),
                format!("there is already a report named `{}`", spec.name),
                "give the report another name; to change a built-in report, put a template of the same name in templates/".into(),
            ));
        }
        names.push(&spec.name);
        let path = root.join(USER_DIR).join(&spec.template);
        if !path.is_file() {
            problems.push(problem(
                spec.site.path.key("template"),
                format!("the template `{}` is not in {USER_DIR}/", spec.template),
                format!("create {USER_DIR}/{} or correct the name", spec.template),
            ));
        }
    }
    if problems.is_empty() {
        return Vec::new();
    }
    let config_file = &checked.files[0];
    match load::read_text(config_file) {
        Ok(text) => text.place(&config_file.rel, problems),
        Err(d) => vec![d],
    }
}
