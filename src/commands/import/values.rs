//! Reading one cell as the value a record field wants: text, a day written
//! in any of the ways offices write one, a unit, or a status.

use chrono::Days;

use crate::diagnostic::suggest;
use crate::i18n::Message;
use crate::records::model::{Choice, Date, FindingStatus, Unit};

use super::sheet::Cell;

/// Why a cell cannot be used: the diagnostic's code, message and hint.
#[derive(Debug, Clone, PartialEq)]
pub struct Bad {
    /// What is wrong with the value; its id is the diagnostic's code.
    /// (Boxed, as is the hint, so that a cell's reading stays small.)
    pub message: Box<Message>,
    /// How to fix it.
    pub help: Option<Box<Message>>,
}

/// What a cell holds once read: `Ok(None)` when it is empty.
pub type Read<T> = Result<Option<T>, Bad>;

/// Cells that mean "nothing here" in office sheets: a dash or a slash.
const PLACEHOLDERS: &[&str] = &["—", "——", "-", "－", "/", "／"];

/// The cell as text, trimmed; empty and placeholder cells are `None`.
pub fn text(cell: &Cell) -> Read<String> {
    Ok(match cell {
        Cell::Empty => None,
        Cell::Text(t) => Some(t.trim())
            .filter(|t| !t.is_empty() && !PLACEHOLDERS.contains(t))
            .map(str::to_owned),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
        Cell::Number(n) => Some(n.to_string()),
        Cell::Date(d) => Some(d.to_string()),
    })
}

/// A day: an Excel date cell or serial number, or text written as
/// 2024-04-18, 2024年4月18日, 2024.4.18 or 2024/4/18.
pub fn date(cell: &Cell) -> Read<Date> {
    match cell {
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) => excel_serial(*n)
            .map(Some)
            .ok_or_else(|| not_a_date(&n.to_string())),
        _ => match text(cell)? {
            None => Ok(None),
            Some(t) => written_date(&t).map(Some).ok_or_else(|| not_a_date(&t)),
        },
    }
}

/// The day of an Excel serial number (days since 1899-12-30, the 1900
/// date system; the days before March 1900 are not worth the leap bug).
fn excel_serial(n: f64) -> Option<Date> {
    if !(61.0..2_958_466.0).contains(&n) {
        return None;
    }
    Date::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(n.floor() as u64))
}

fn written_date(text: &str) -> Option<Date> {
    // A time after the day (2024-04-18 00:00:00, 2024-04-18T08:00) is dropped.
    let day = text.split([' ', 'T']).next().unwrap_or(text);
    let day = match day.strip_suffix('日') {
        Some(rest) => rest.replace(['年', '月'], "-"),
        None => day.to_owned(),
    };
    let parts: Vec<&str> = day.split(['-', '/', '.']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if y.len() != 4 {
        return None;
    }
    Date::from_ymd_opt(number(y)? as i32, number(m)?, number(d)?)
}

fn not_a_date(text: &str) -> Bad {
    Bad {
        message: Message::ImportNotADate {
            text: text.to_owned(),
        }
        .boxed(),
        help: Some(Message::HintImportDate.boxed()),
    }
}

/// A unit named by its id, its full name or its short name; the result is
/// its id. Two units with the same short name make that name ambiguous.
pub fn unit(cell: &Cell, units: &[Unit]) -> Read<String> {
    let Some(word) = text(cell)? else {
        return Ok(None);
    };
    if let Some(unit) = units.iter().find(|u| u.id == word || u.name == word) {
        return Ok(Some(unit.id.clone()));
    }
    let by_short: Vec<&Unit> = units
        .iter()
        .filter(|u| u.short.as_deref() == Some(word.as_str()))
        .collect();
    match by_short.as_slice() {
        [one] => Ok(Some(one.id.clone())),
        [] => Err(unknown_unit(&word, units)),
        many => Err(Bad {
            message: Message::ImportAmbiguousUnit { word }.boxed(),
            help: Some(
                Message::HintImportAmbiguousUnit {
                    units: many
                        .iter()
                        .map(|u| format!("{} ({})", u.id, u.name))
                        .collect(),
                }
                .boxed(),
            ),
        }),
    }
}

fn unknown_unit(word: &str, units: &[Unit]) -> Bad {
    let names = units.iter().flat_map(|u| {
        [u.id.as_str(), u.name.as_str()]
            .into_iter()
            .chain(u.short.as_deref())
    });
    let help = match suggest::closest(word, names) {
        Some(near) => Message::HintDidYouMeanUnit {
            near: near.to_owned(),
        },
        None => Message::HintImportUnitsListed,
    };
    Bad {
        message: Message::UnknownUnit {
            id: word.to_owned(),
        }
        .boxed(),
        help: Some(help.boxed()),
    }
}

/// A value of a fixed set, by its English key, Chinese label or English
/// label (the words the English reports print), ASCII case ignored.
pub fn choice<C: Choice>(cell: &Cell) -> Read<C> {
    let Some(word) = text(cell)? else {
        return Ok(None);
    };
    C::ALL
        .iter()
        .copied()
        .find(|c| {
            c.key().eq_ignore_ascii_case(&word)
                || c.zh() == word
                || c.en().eq_ignore_ascii_case(&word)
        })
        .map(Some)
        .ok_or_else(|| Bad {
            message: C::unknown(&word).boxed(),
            help: Some(C::expected(&word).boxed()),
        })
}

/// A finding's status; a 是否整改 column answers 是 (closed) or 否 (open).
pub fn finding_status(cell: &Cell) -> Read<FindingStatus> {
    match text(cell)?.as_deref() {
        Some("是") => Ok(Some(FindingStatus::Closed)),
        Some("否") => Ok(Some(FindingStatus::Open)),
        _ => choice(cell),
    }
}

/// A yes-or-no cell (一票否决: 是/否, yes/no, true/false); empty is no.
pub fn yes_no(cell: &Cell) -> Read<bool> {
    let Some(word) = text(cell)? else {
        return Ok(None);
    };
    match word.to_ascii_lowercase().as_str() {
        "是" | "yes" | "true" | "y" => Ok(Some(true)),
        "否" | "no" | "false" | "n" => Ok(Some(false)),
        _ => Err(Bad {
            message: Message::ImportNotYesNo { word }.boxed(),
            help: Some(Message::HintImportYesNo.boxed()),
        }),
    }
}

/// The marks the ledgers put after the issue of a 一票否决 finding.
const VETO_MARKS: &[&str] = &["（一票否决事项）", "(一票否决事项)", " (veto matter)"];

/// The issue without the ledger's veto mark, and whether it had one.
pub fn veto_mark(issue: String) -> (String, bool) {
    VETO_MARKS
        .iter()
        .find_map(|mark| issue.strip_suffix(mark))
        .map_or((issue.clone(), false), |bare| {
            (bare.trim_end().to_owned(), true)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::records::model::{PledgeStatus, Severity};

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn reads_every_way_of_writing_a_day() {
        let day = Date::from_ymd_opt(2024, 4, 18);
        for written in [
            "2024-04-18",
            "2024年4月18日",
            "2024.4.18",
            "2024/4/18",
            "2024-4-18",
            " 2024/04/18 00:00:00 ",
        ] {
            assert_eq!(date(&t(written)), Ok(day), "{written}");
        }
        assert_eq!(date(&Cell::Number(45400.0)), Ok(day));
        assert_eq!(date(&Cell::Date(day.unwrap())), Ok(day));
        assert_eq!(date(&t("—")), Ok(None));
        assert_eq!(date(&Cell::Empty), Ok(None));
    }

    #[test]
    fn refuses_days_that_do_not_exist() {
        for written in [
            "2024-02-30",
            "24/4/18",
            "2024年4月",
            "明年春天",
            "2024-04-18-1",
        ] {
            let bad = date(&t(written)).unwrap_err();
            assert_eq!(bad.message.id(), "import-not-a-date", "{written}");
            assert_eq!(
                bad.message.text(Lang::En),
                format!("`{}` is not a date", written.trim())
            );
        }
    }

    #[test]
    fn statuses_by_key_or_label() {
        assert_eq!(choice(&t("已完成")), Ok(Some(PledgeStatus::Done)));
        assert_eq!(
            choice(&t("In-Progress")),
            Ok(Some(PledgeStatus::InProgress))
        );
        assert_eq!(choice(&t("partly done")), Ok(Some(PledgeStatus::Partial)));
        assert_eq!(choice(&t("严重")), Ok(Some(Severity::Major)));
        assert_eq!(finding_status(&t("是")), Ok(Some(FindingStatus::Closed)));
        assert_eq!(finding_status(&t("未整改")), Ok(Some(FindingStatus::Open)));
        let bad = choice::<PledgeStatus>(&t("已完")).unwrap_err();
        assert_eq!(bad.message.text(Lang::En), "unknown status \"已完\"");
        assert_eq!(
            bad.help.map(|h| h.text(Lang::En)).as_deref(),
            Some(
                "did you mean `已完成`? expected one of planned, in-progress, done, partial, missed, dropped (或 计划中、推进中、已完成、部分完成、未完成、已撤销)"
            )
        );
    }

    #[test]
    fn the_veto_mark_of_a_ledger_makes_a_veto_finding() {
        assert_eq!(
            veto_mark("合同未经审议即签订（一票否决事项）".into()),
            ("合同未经审议即签订".into(), true)
        );
        assert_eq!(
            veto_mark("Contract signed unreviewed (veto matter)".into()),
            ("Contract signed unreviewed".into(), true)
        );
        assert_eq!(veto_mark("记录不全".into()), ("记录不全".into(), false));
        assert_eq!(yes_no(&t("是")), Ok(Some(true)));
        assert_eq!(yes_no(&t("No")), Ok(Some(false)));
        assert_eq!(yes_no(&Cell::Empty), Ok(None));
        assert_eq!(
            *yes_no(&t("也许")).unwrap_err().message,
            Message::ImportNotYesNo {
                word: "也许".into()
            }
        );
    }

    #[test]
    fn numbers_read_as_text_without_a_decimal_point() {
        assert_eq!(text(&Cell::Number(3.0)), Ok(Some("3".into())));
        assert_eq!(text(&t("  广场 ")), Ok(Some("广场".into())));
    }
}
