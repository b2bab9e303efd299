//! Which reports exist (the three built-in ones and the user's from
//! annals.yaml) and rendering them to Markdown: the context is built once,
//! and its long lists are made into template values for one group of
//! reports at a time (see [`crate::render::values`]).

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;

use crate::check::Checked;
use crate::compute::period::Period;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{self, Document};
use crate::formats::{self, Format};
use crate::i18n::Message;
use crate::records::decode::Problem;
use crate::records::load;
use crate::records::model::{Choice, Config, DocxStyle, Locale};
use crate::records::yaml::Part;
use crate::render::context;
use crate::render::templates::{Templates, USER_DIR};
use crate::render::values::{self, List, Values};

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

/// What to render: the checked records, for which period, which reports
/// in which formats.
pub struct Job<'a> {
    /// The records folder (for the user's templates).
    pub root: &'a Path,
    /// The checked records.
    pub checked: &'a Checked,
    /// Their configuration.
    pub config: &'a Config,
    /// The period reported on.
    pub period: Period,
    /// The records' commit, when the reports should name it.
    pub stamp: Option<&'a str>,
    /// The reports.
    pub reports: &'a [Report],
    /// The formats of each.
    pub formats: &'a [Format],
    /// The templates compiled by an earlier build of the same root and
    /// language (`watch`, `serve`); when `None` they are compiled here.
    pub templates: Option<&'a Templates>,
}

impl<'a> Job<'a> {
    /// What `check` renders to find the templates' problems: `reports` in
    /// md, without the records' commit.
    pub fn checking(
        root: &'a Path,
        checked: &'a Checked,
        config: &'a Config,
        period: Period,
        reports: &'a [Report],
    ) -> Job<'a> {
        Job {
            root,
            checked,
            config,
            period,
            stamp: None,
            reports,
            formats: &[Format::Md],
            templates: None,
        }
    }
}

/// One report in one format, ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The output file name (`summary.html`).
    pub file: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// Renders every report of `job` to Markdown through its template, then to
/// each format. Every problem is collected before returning; nothing is
/// written here.
pub fn render(job: &Job) -> Result<Vec<Output>, Vec<Diagnostic>> {
    render_with(job, values::SIDE_BY_SIDE)
}

/// [`render`], rendering reports side by side while their long lists hold
/// at most `side_by_side` rows together.
fn render_with(job: &Job, side_by_side: usize) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let mut problems = declared_problems(job.root, job.checked, job.config);
    let compiled;
    let templates = match job.templates {
        Some(templates) => Some(templates),
        None => {
            compiled = Templates::load(job.root, job.config.locale);
            match &compiled {
                Ok(templates) => Some(templates),
                Err(d) => {
                    problems.extend(d.iter().cloned());
                    None
                }
            }
        }
    };
    let Some(templates) = templates.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    let lists = report_lists(job, templates);
    let mut values = match typed_values(job, &lists) {
        Ok(values) => values,
        Err(problem) => return Err(vec![problem]),
    };
    let mut rendered: Vec<Option<Rendered>> = job.reports.iter().map(|_| None).collect();
    let groups = values::groups(&lists, |list| values.rows(list), side_by_side);
    let count = groups.len();
    // The Markdown of a group that another follows, in md only: made into
    // its outputs while the next group renders (see `render_group`).
    let mut waiting = Vec::new();
    for (index, group) in groups.into_iter().enumerate() {
        let ctx = match values.context(&group.lists) {
            Ok(ctx) => ctx,
            Err(e) => {
                problems.push(context_problem(&e));
                break;
            }
        };
        let last = index + 1 == count;
        let before = std::mem::take(&mut waiting);
        let (earlier, (results, left)) = rayon::join(
            || in_all_formats(job, templates, before.into_par_iter()),
            || render_group(job, templates, ctx, &group, last, count > 1),
        );
        waiting = left;
        for (at, result) in earlier.into_iter().chain(results) {
            rendered[at] = Some(result);
        }
    }
    for (at, result) in in_all_formats(job, templates, waiting.into_par_iter()) {
        rendered[at] = Some(result);
    }
    let mut documents = Vec::new();
    for result in rendered.into_iter().flatten() {
        match result {
            Ok(mut outputs) => documents.append(&mut outputs),
            Err(mut d) => problems.append(&mut d),
        }
    }
    unless_problems(documents, problems)
}

/// A report's Markdown, or the problem found rendering it, by its
/// position in report order.
type Markdown = (usize, Result<String, Diagnostic>);

/// Renders the reports of one group with its context, each on its own
/// thread (they are independent once the context is made): each report in
/// each format, and, when another group follows and only md is asked for,
/// the Markdown still to be made into md, which adds nothing to the memory
/// and is made while the next group renders, on the core that would wait
/// for the group's longest report. `grouped`: groups came or come.
fn render_group(
    job: &Job,
    templates: &Templates,
    ctx: tera::Context,
    group: &values::Group,
    last: bool,
    grouped: bool,
) -> (Vec<(usize, Rendered)>, Vec<Markdown>) {
    let render =
        |at: usize, ctx: &tera::Context| (at, templates.render(&job.reports[at].template, ctx));
    if last {
        // Each report has its own copy of the context (the long lists in
        // it are shared, not copied) and lets go of it once its Markdown is
        // made. When the lists are long (groups came before) and the
        // reports are laid out, the values are freed as soon as the last
        // report has read them, before the trees of the formats are built;
        // else they are kept until every report is made, and the process
        // ends before they are all freed.
        let early = grouped && lays_out(job.formats);
        let copies: Vec<_> = group.reports.iter().map(|&at| (at, ctx.clone())).collect();
        let kept = (!early).then_some(ctx);
        let reports = copies.into_par_iter().map(|(at, ctx)| {
            let markdown = render(at, &ctx);
            if early {
                free(ctx);
            }
            markdown
        });
        let results = in_all_formats(job, templates, reports);
        if let Some(ctx) = kept {
            free(ctx);
        }
        return (results, Vec::new());
    }
    // Another group follows: these values are let go of before the
    // Markdown is read and written in each format, so that they do not add
    // to the next group's memory (their pages go back to the system at
    // once: see `crate::heap`); reading the Markdown while they are held
    // would raise the peak of a build of 100 000 records by a tenth.
    let markdowns: Vec<Markdown> = group
        .reports
        .par_iter()
        .map(|&at| render(at, &ctx))
        .collect();
    free_side_by_side(ctx, &group.lists);
    if lays_out(job.formats) {
        (
            in_all_formats(job, templates, markdowns.into_par_iter()),
            Vec::new(),
        )
    } else {
        (Vec::new(), markdowns)
    }
}

/// A report in each format of a build, or every problem found making it.
type Rendered = Result<Vec<Output>, Vec<Diagnostic>>;

/// Each report's Markdown (by its position in report order) in each
/// format of `job`, side by side.
fn in_all_formats(
    job: &Job,
    templates: &Templates,
    markdowns: impl ParallelIterator<Item = Markdown>,
) -> Vec<(usize, Rendered)> {
    markdowns
        .map(|(at, markdown)| (at, in_formats(job, templates, &job.reports[at], markdown)))
        .collect()
}

/// Whether any of `formats` lays out the document's whole tree (all but
/// md, which needs only its chart and signature blocks).
fn lays_out(formats: &[Format]) -> bool {
    formats.iter().any(|&f| f != Format::Md)
}

/// One report's Markdown, as its template rendered it, in each format of
/// `job`.
fn in_formats(
    job: &Job,
    templates: &Templates,
    report: &Report,
    markdown: Result<String, Diagnostic>,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let markdown = markdown.map_err(|d| vec![d])?;
    // md needs only the chart and signature blocks: the whole tree is read
    // only for a format that lays it out, and dropped after this report.
    let document = if lays_out(job.formats) {
        document::read(&markdown)
    } else {
        Document {
            fenced: document::fenced(&markdown),
            ..Document::default()
        }
    };
    // The formats of one report read the same tree, each on its own
    // thread; md takes the Markdown itself and changes its chart and
    // signature blocks in place.
    let (mut md, laid_out) = rayon::join(
        || {
            let wanted = job.formats.contains(&Format::Md);
            wanted.then(|| formats::md::write(markdown, &document.fenced).into_bytes())
        },
        || {
            job.formats
                .par_iter()
                .map(|&format| write_format(job, templates, report, &document, format))
                .collect::<Vec<_>>()
        },
    );
    let mut outputs = Vec::new();
    let mut problems = Vec::new();
    for (&format, bytes) in job.formats.iter().zip(laid_out) {
        match bytes.or_else(|| md.take().map(Ok)) {
            Some(Ok(mut bytes)) => {
                bytes.shrink_to_fit();
                outputs.push(Output {
                    file: format!("{}.{}", report.name, format.extension()),
                    bytes,
                })
            }
            Some(Err(d)) => problems.push(d),
            // md, once: a build asks for each format once.
            None => {}
        }
    }
    unless_problems(outputs, problems)
}

/// The outputs when nothing went wrong, else every problem.
fn unless_problems(
    outputs: Vec<Output>,
    problems: Vec<Diagnostic>,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    if problems.is_empty() {
        Ok(outputs)
    } else {
        Err(problems)
    }
}

/// One report's bytes in a format laid out from its tree; `None` for md,
/// which is the Markdown itself.
fn write_format(
    job: &Job,
    templates: &Templates,
    report: &Report,
    document: &Document,
    format: Format,
) -> Option<Result<Vec<u8>, Diagnostic>> {
    let failed = |message| Diagnostic::file(Severity::Error, &report.template, message);
    let bytes = match format {
        Format::Md => return None,
        Format::Html => html_page(
            templates,
            document,
            &report.name,
            job.config,
            job.period.year,
            furniture(job, &report.name).as_ref(),
        )
        .map(String::into_bytes),
        Format::Docx => {
            formats::docx::to_docx(document, &docx_style(job, &report.name)).map_err(|e| {
                failed(Message::DocxFailed {
                    error: e.to_string(),
                })
            })
        }
        Format::Xlsx => formats::xlsx::to_xlsx(document, job.period.signed).map_err(|e| {
            failed(Message::XlsxFailed {
                error: e.to_string(),
            })
        }),
    };
    Some(bytes)
}

/// Frees a group's context before the next group's is made, its long
/// lists side by side on rayon's threads: one thread would take a
/// twentieth of a build of 100 000 records to free them, while the other
/// core waits.
fn free_side_by_side(mut ctx: tera::Context, lists: &BTreeSet<List>) {
    let long: Vec<tera::Value> = lists
        .iter()
        .filter_map(|list| ctx.remove(list.key()))
        .collect();
    long.into_par_iter().for_each(drop);
}

/// Frees the last group's context (or a report's copy of it) on another
/// thread, while the reports are laid out and written: freeing the values
/// of 100 000 records takes a fifth of a second (here, when no thread can
/// be started).
fn free(ctx: tera::Context) {
    let _ = std::thread::Builder::new().spawn(move || drop(ctx));
}

/// The long lists each report of `job` names, in report order: its own
/// template's and those of the templates that are not a report's (the
/// user's includes and macros), but not the other reports'.
fn report_lists(job: &Job, templates: &Templates) -> Vec<BTreeSet<List>> {
    let every = all(job.config);
    job.reports
        .iter()
        .map(|report| {
            let others: Vec<&str> = every
                .iter()
                .map(|r| r.template.as_str())
                .filter(|&t| t != report.template)
                .collect();
            let keys = List::ALL.map(|list| (list.key(), list.spared()));
            let named = templates.names(&keys, &others);
            List::ALL
                .into_iter()
                .filter(|list| named.contains(&list.key()))
                .collect()
        })
        .collect()
}

/// The context of `job` with its long lists still typed: only the lists
/// some report names are made (see [`crate::render::values`]).
fn typed_values<'a>(job: &'a Job, lists: &[BTreeSet<List>]) -> Result<Values<'a>, Diagnostic> {
    let named = |key: &str| lists.iter().flatten().any(|list| list.key() == key);
    let ctx = context::build(
        &job.checked.records,
        job.config,
        job.period,
        job.stamp,
        named,
    );
    Values::new(ctx).map_err(|e| context_problem(&e))
}

/// A context the template engine could not take, as a diagnostic.
fn context_problem(error: &tera::Error) -> Diagnostic {
    Diagnostic::file(
        Severity::Error,
        "annals.yaml",
        Message::TemplateContext {
            error: error.to_string(),
        },
    )
}

/// The template every HTML page is placed in (built in; a user's
/// `templates/layout.html` replaces it).
pub const LAYOUT: &str = "layout.html";

/// One report's whole HTML page: its document as a safe fragment (framed by
/// the 版头 and 版记 of `furniture`), placed in the layout template with the
/// title, language, report name, organisation and year.
pub fn html_page(
    templates: &Templates,
    document: &Document,
    report: &str,
    config: &Config,
    year: i32,
    furniture: Option<&formats::Furniture>,
) -> Result<String, Diagnostic> {
    let mut ctx = tera::Context::new();
    // The layout escapes title and organisation itself (escape_html),
    // which keeps characters html cannot carry: drop those first.
    ctx.insert("title", &formats::text_chars(&document.title()));
    ctx.insert("lang", config.locale.key());
    ctx.insert("report", report);
    ctx.insert("body", &formats::html::framed(document, furniture));
    ctx.insert("organisation", &formats::text_chars(&config.organisation));
    ctx.insert("year", &year);
    templates.render(LAYOUT, &ctx)
}

/// The docx writer's style, from annals.yaml: the `docx:` fonts and sizes
/// and `sealed`. An English report whose `docx:` sizes are the 公文 defaults
/// is set as an English report: 12 pt body, 16 pt title, headings and
/// paragraphs flush left. The summary and the evaluation get the 版头 and
/// 版记 of `document:` (SPEC §1).
pub fn docx_style(job: &Job, report: &str) -> formats::docx::Style {
    let config = job.config;
    let docx: &DocxStyle = &config.docx;
    let english = config.locale == Locale::En;
    let defaults = formats::docx::Style::default();
    let size = |given: Option<f64>, default: f64, english_size: f64| {
        let size = given.unwrap_or(default);
        if english && size == default {
            english_size
        } else {
            size
        }
    };
    let font = |given: &Option<String>, default: String| given.clone().unwrap_or(default);
    formats::docx::Style {
        body_size: size(docx.body_size, defaults.body_size, 12.0),
        title_size: size(docx.title_size, defaults.title_size, 16.0),
        body_font: font(&docx.body_font, defaults.body_font),
        title_font: font(&docx.title_font, defaults.title_font),
        heading_font: font(&docx.heading_font, defaults.heading_font),
        subheading_font: font(&docx.subheading_font, defaults.subheading_font),
        latin_font: font(&docx.latin_font, defaults.latin_font),
        page_number_font: defaults.page_number_font,
        sealed: config.sealed,
        flush: english,
        furniture: furniture(job, report),
    }
}

/// The 版头 and 版记 of a formal summary or evaluation.
fn furniture(job: &Job, report: &str) -> Option<formats::Furniture> {
    let document = job.config.document.as_ref()?;
    if !matches!(report, "summary" | "evaluation") {
        return None;
    }
    Some(formats::Furniture {
        issuer: document.issuer.clone(),
        number: document.number.clone(),
        cc: document.cc.clone(),
        printed_by: document.printed_by.clone(),
        printed_on: job.period.signed.format("%Y年%-m月%-d日").to_string(),
    })
}

/// Problems with the `reports:` list of annals.yaml: a name taken twice or
/// by a built-in report, or a template that is not in `templates/`.
fn declared_problems(root: &Path, checked: &Checked, config: &Config) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut names: Vec<&str> = BUILTIN.to_vec();
    for spec in &config.reports {
        let problem = |path, message: Message, help: Message| Problem {
            severity: Severity::Error,
            path,
            part: Part::Value,
            message,
            help: Some(help),
        };
        if names.contains(&spec.name.as_str()) {
            problems.push(problem(
                spec.site.path.key("name"),
                Message::DuplicateReport {
                    name: spec.name.clone(),
                },
                Message::HintRenameReport,
            ));
        }
        names.push(&spec.name);
        let path = root.join(USER_DIR).join(&spec.template);
        if !path.is_file() {
            problems.push(problem(
                spec.site.path.key("template"),
                Message::TemplateMissing {
                    template: spec.template.clone(),
                    folder: USER_DIR.to_owned(),
                },
                Message::HintCreateTemplate {
                    path: format!("{USER_DIR}/{}", spec.template),
                },
            ));
        }
    }
    if problems.is_empty() {
        return Vec::new();
    }
    load::place(&checked.files[0], checked.texts[0].as_deref(), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of sample-data with one report of the user's, `lists`, that
    /// names lists no built-in report names (the summary names `honours`).
    fn sample_with_lists_report() -> tempfile::TempDir {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        let copy = tempfile::tempdir().expect("a temporary folder");
        for found in load::walk(&sample) {
            let found = found.expect("sample-data is readable");
            let to = copy.path().join(&found.rel);
            std::fs::create_dir_all(to.parent().expect("inside")).expect("a folder");
            std::fs::copy(&found.path, &to).expect("a copy");
        }
        let config = copy.path().join("annals.yaml");
        let mut text = std::fs::read_to_string(&config).expect("annals.yaml");
        text.push_str("reports:\n  - {name: lists, template: lists.md}\n");
        std::fs::write(&config, text).expect("annals.yaml written");
        std::fs::create_dir_all(copy.path().join(USER_DIR)).expect("templates/");
        let template = "{% for p in pledges %}{{ p.id }} {{ p.items | length }}\n{% endfor %}\
            {% for i in inspections %}{{ i.id }} {{ i.findings | length }}\n{% endfor %}\
            {% for a in appraisals %}{{ a.id }}\n{% endfor %}";
        std::fs::write(copy.path().join(USER_DIR).join("lists.md"), template)
            .expect("lists.md written");
        copy
    }

    #[test]
    fn reports_rendered_one_group_at_a_time_are_those_rendered_side_by_side() {
        let records = sample_with_lists_report();
        let checked = crate::check::check(records.path()).expect("sample-data loads");
        let config = checked.records.config.clone().expect("annals.yaml");
        let period = Period::new(&config, None, None).expect("a period");
        let reports = all(&config);
        let job = Job::checking(records.path(), &checked, &config, period, &reports);
        let apart = render_with(&job, 0).expect("rendered one group at a time");
        let together = render_with(&job, usize::MAX).expect("rendered side by side");
        assert_eq!(apart, together);
        // Formats laid out from the tree, one group at a time or side by
        // side, give the same files, each report's in the formats' order.
        let laid_out = Job {
            formats: &[Format::Html, Format::Md],
            ..job
        };
        let apart_html = render_with(&laid_out, 0).expect("html one group at a time");
        assert_eq!(
            apart_html,
            render_with(&laid_out, usize::MAX).expect("html")
        );
        let names: Vec<&str> = apart_html.iter().map(|o| o.file.as_str()).collect();
        assert_eq!(&names[..2], ["summary.html", "summary.md"]);
        let lists = &apart
            .iter()
            .find(|o| o.file == "lists.md")
            .expect("lists.md");
        let lines = String::from_utf8_lossy(&lists.bytes).lines().count();
        assert!(
            lines > 20,
            "every pledge, inspection and appraisal: {lines}"
        );
    }
}
