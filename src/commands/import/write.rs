//! The text of the record files `import` writes: commented YAML in the
//! layout of the skeletons `new` writes, saying which rows it came from.

use std::fmt::Write;

use crate::records::model::{Choice, Date, Finding, Locale, PledgeItem};

use super::rows::{Draft, InspectionDraft, PledgeDraft};

/// An inspection record (`.yaml`) made from sheet rows; `source` names the
/// file and sheet.
pub fn inspection(draft: &Draft<InspectionDraft>, source: &str, locale: Locale) -> String {
    let r = &draft.record;
    let mut out = header(locale, "督办检查", "Inspection", source, &draft.rows);
    date_line(&mut out, "", "date", Some(r.date));
    line(&mut out, "", "unit", &r.unit);
    if let Some(team) = &r.team {
        line(&mut out, "", "team", team);
    }
    if let Some(kind) = r.kind {
        choice_line(&mut out, "", "kind", kind);
    }
    if !r.findings.is_empty() {
        out.push_str("findings:\n");
    }
    for finding in &r.findings {
        finding_lines(&mut out, finding);
    }
    out
}

fn finding_lines(out: &mut String, f: &Finding) {
    line(out, "  - ", "issue", &f.issue);
    let indent = "    ";
    choice_line(out, indent, "severity", f.severity);
    if let Some(action) = &f.action {
        line(out, indent, "action", action);
    }
    date_line(out, indent, "due", f.due);
    choice_line(out, indent, "status", f.status);
    date_line(out, indent, "closed", f.closed);
    if let Some(responsible) = &f.responsible {
        line(out, indent, "responsible", responsible);
    }
    if let Some(result) = &f.result {
        line(out, indent, "result", result);
    }
    if f.veto {
        let _ = writeln!(out, "{indent}veto: true                 # 一票否决事项");
    }
}

/// A pledge record (`.md` with front matter and an empty body) made from
/// sheet rows; `source` names the file and sheet.
pub fn pledge(draft: &Draft<PledgeDraft>, source: &str, locale: Locale) -> String {
    let r = &draft.record;
    let mut out = String::from("---\n");
    out.push_str(&header(locale, "公开承诺", "Pledge", source, &draft.rows));
    line(&mut out, "", "unit", &r.unit);
    if let Some(person) = &r.person {
        line(&mut out, "", "person", person);
    }
    date_line(&mut out, "", "made", Some(r.made));
    out.push_str("items:\n");
    for item in &r.items {
        item_lines(&mut out, item);
    }
    out.push_str("---\n");
    out
}

fn item_lines(out: &mut String, item: &PledgeItem) {
    line(out, "  - ", "text", &item.text);
    let indent = "    ";
    date_line(out, indent, "due", item.due);
    choice_line(out, indent, "status", item.status);
    date_line(out, indent, "done", item.done);
}

fn header(locale: Locale, zh: &str, en: &str, source: &str, rows: &[usize]) -> String {
    match locale {
        Locale::ZhCn => format!(
            "# {zh}，由 annals import 从 {source} 第{}行导入。\n",
            row_list(rows, "—", "、")
        ),
        Locale::En => format!(
            "# {en}, imported by annals import from {source}, row{} {}.\n",
            if rows.len() == 1 { "" } else { "s" },
            row_list(rows, "–", ", ")
        ),
    }
}

/// "3—5" for a run of rows, "3、5、9" otherwise.
fn row_list(rows: &[usize], dash: &str, comma: &str) -> String {
    let consecutive = rows.windows(2).all(|w| w[1] == w[0] + 1);
    match (rows.first(), rows.last()) {
        (Some(first), Some(last)) if consecutive && rows.len() > 2 => {
            format!("{first}{dash}{last}")
        }
        _ => rows
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(comma),
    }
}

fn line(out: &mut String, indent: &str, key: &str, value: &str) {
    let _ = writeln!(out, "{indent}{key}: {}", scalar(value));
}

fn date_line(out: &mut String, indent: &str, key: &str, value: Option<Date>) {
    if let Some(day) = value {
        let _ = writeln!(out, "{indent}{key}: {day}");
    }
}

/// `status: open  # open 未整改 | closed 已整改`: the key, and every value
/// the field takes as a comment, as the skeletons of `new` show them.
fn choice_line<C: Choice>(out: &mut String, indent: &str, key: &str, value: C) {
    let choices: Vec<String> = C::ALL
        .iter()
        .map(|c| format!("{} {}", c.key(), c.zh()))
        .collect();
    let text = format!("{indent}{key}: {}", value.key());
    let _ = writeln!(out, "{text:<28} # {}", choices.join(" | "));
}

/// A YAML scalar for `text`: plain when YAML reads it back as the same
/// string, else double-quoted (JSON's escapes are YAML's too).
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_owned()
    } else {
        serde_json::to_string(text).unwrap_or_default()
    }
}

fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let special_start = "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace();
    let ascii_only = text.is_ascii();
    // Words YAML 1.1 readers take for booleans or null, numbers and dates.
    let looks_typed = ascii_only
        && (matches!(
            text.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null" | "~"
        ) || text.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '+'));
    !special_start
        && !looks_typed
        && !text.ends_with(char::is_whitespace)
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_yaml_would_misread() {
        assert_eq!(scalar("三会一课记录不完整"), "三会一课记录不完整");
        assert_eq!(scalar("2024-05-10"), "\"2024-05-10\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("- 补齐"), "\"- 补齐\"");
        assert_eq!(scalar("注意: 这里"), "\"注意: 这里\"");
        assert_eq!(scalar("第一行\n第二行"), "\"第一行\\n第二行\"");
        assert_eq!(scalar("“四议两公开”程序"), "“四议两公开”程序");
        assert_eq!(scalar(""), "\"\"");
    }

    #[test]
    fn the_comment_on_top_names_the_rows_in_the_folder_language() {
        assert_eq!(
            header(
                Locale::ZhCn,
                "督办检查",
                "Inspection",
                "台账.xlsx[2024年]",
                &[3, 4, 5]
            ),
            "# 督办检查，由 annals import 从 台账.xlsx[2024年] 第3—5行导入。\n"
        );
        assert_eq!(
            header(Locale::En, "督办检查", "Inspection", "ledger.csv", &[7]),
            "# Inspection, imported by annals import from ledger.csv, row 7.\n"
        );
        assert_eq!(
            header(Locale::En, "公开承诺", "Pledge", "p.csv", &[2, 9]),
            "# Pledge, imported by annals import from p.csv, rows 2, 9.\n"
        );
    }

    #[test]
    fn rows_as_a_run_or_a_list() {
        assert_eq!(row_list(&[3, 4, 5], "—", "、"), "3—5");
        assert_eq!(row_list(&[3, 5, 9], "—", "、"), "3、5、9");
        assert_eq!(row_list(&[3, 4], "—", "、"), "3、4");
    }
}
