//! The custom tera filters that make report templates read like the reports
//! offices write: "雷畈村、金垱村等10个", 一二三, 2024年11月3日, 81.8%.
//! Each filter is a plain function with unit tests; [`register`] adds them
//! all to a tera instance.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use tera::value::{Key, Map};
use tera::{Error, Kwargs, State, Tera, TeraResult, Value};

use crate::records::model::date_parts;

/// Adds every annals filter to `tera` (before any template is added, as
/// tera 2 checks filter names when a template is added).
pub fn register(tera: &mut Tera) {
    tera.register_filter(
        "list_count",
        |names: Vec<String>, kw: Kwargs, st: &State| {
            let measure: Option<String> = kw.get("measure")?;
            let show: Option<usize> = kw.get("show")?;
            let locale: Option<String> = st.get("locale")?;
            Ok::<_, Error>(list_count(
                &names,
                measure.as_deref().unwrap_or("个"),
                show.unwrap_or(2),
                locale.as_deref() == Some("en"),
            ))
        },
    );
    tera.register_filter("cn_num", |n: i64, _: Kwargs, _: &State| cn_num(n));
    tera.register_filter("group_by", |rows: &[Value], kw: Kwargs, _: &State| {
        if rows.is_empty() {
            return Ok(Value::from(Map::new()));
        }
        group_by(rows, kw.must_get::<&str>("attribute")?)
    });
    tera.register_filter("cn_date", |d: &Value, _: Kwargs, _: &State| {
        date_filter(d, cn_date)
    });
    tera.register_filter("en_date", |d: &Value, _: Kwargs, _: &State| {
        date_filter(d, en_date)
    });
    tera.register_filter("pct", |x: &Value, _: Kwargs, _: &State| {
        Ok::<_, Error>(one_decimal(x).map_or_else(|| DASH.to_owned(), |s| s + "%"))
    });
    tera.register_filter("num1", |x: &Value, _: Kwargs, _: &State| {
        Ok::<_, Error>(one_decimal(x).unwrap_or_else(|| DASH.to_owned()))
    });
    tera.register_filter("num", |x: &Value, _: Kwargs, _: &State| {
        Ok::<_, Error>(x.as_f64().map_or_else(|| DASH.to_owned(), num))
    });
    tera.register_filter("compare", |x: &Value, kw: Kwargs, st: &State| {
        let prev: Option<Value> = kw.get("prev")?;
        let measure: Option<String> = kw.get("measure")?;
        let locale: Option<String> = st.get("locale")?;
        let english = locale.as_deref() == Some("en");
        Ok::<_, Error>(match (x.as_f64(), prev.and_then(|p| p.as_f64())) {
            (Some(now), Some(then)) => {
                compare(now, then, measure.as_deref().unwrap_or(""), english)
            }
            _ => String::new(),
        })
    });
    tera.register_filter("compare_pct", |x: &Value, kw: Kwargs, st: &State| {
        let prev: Option<Value> = kw.get("prev")?;
        let locale: Option<String> = st.get("locale")?;
        let english = locale.as_deref() == Some("en");
        Ok::<_, Error>(match (x.as_f64(), prev.and_then(|p| p.as_f64())) {
            (Some(now), Some(then)) => compare_pct(now, then, english),
            _ => String::new(),
        })
    });
    tera.register_filter("stop", |text: &str, _: Kwargs, _: &State| stop(text));
    // Most cells need no change: their value is handed on as it is, not
    // copied, for every row of a ledger.
    tera.register_filter("cell", |text: &Value, _: Kwargs, _: &State| {
        Ok::<_, Error>(match text.as_str() {
            Some(s) if !s.contains(['|', '\n', '\r']) => text.clone(),
            s => Value::from(cell(s.unwrap_or_default())),
        })
    });
}

/// `rows` grouped by the value at `attribute` (a path: `unit.id`), the
/// groups in the order of their first row; a row whose value is null is in
/// none, and one without the attribute is an error. It replaces tera's own
/// `group_by`, whose groups came in the order of a hash map, different from
/// one build to the next; the engine's maps keep the order they are made
/// in (its `preserve_order` feature, which annals turns on).
fn group_by(rows: &[Value], attribute: &str) -> TeraResult<Value> {
    let mut groups: Vec<(Key<'static>, Vec<Value>)> = Vec::new();
    let mut at: HashMap<Key<'static>, usize> = HashMap::new();
    for (index, row) in rows.iter().enumerate() {
        let Some(value) = row.get_from_path(attribute) else {
            return Err(Error::message(format!(
                "Value at index {index} (a {}) does not have an attribute at path: {attribute}",
                row.name()
            )));
        };
        if value.is_none() {
            continue;
        }
        let key = group_key(value)?;
        match at.get(&key) {
            Some(&group) => groups[group].1.push(row.clone()),
            None => {
                at.insert(key.clone(), groups.len());
                groups.push((key, vec![row.clone()]));
            }
        }
    }
    let groups: Map = groups
        .into_iter()
        .map(|(key, rows)| (key, Value::from(rows)))
        .collect();
    Ok(Value::from(groups))
}

/// A value that can name a group, as tera's maps take it: text, a truth
/// value or a whole number.
fn group_key(value: &Value) -> TeraResult<Key<'static>> {
    let key = if let Some(text) = value.as_str() {
        Some(Key::String(Arc::from(text)))
    } else if let Some(truth) = value.as_bool() {
        Some(Key::Bool(truth))
    } else if value.is_u64() {
        value.as_u64().map(Key::U64)
    } else if value.is_i64() {
        value.as_i64().map(Key::I64)
    } else if value.is_u128() {
        value.as_u128().map(Key::U128)
    } else if value.is_i128() {
        value.as_i128().map(Key::I128)
    } else {
        None
    };
    key.ok_or_else(|| Error::message("Not a valid key type".to_string()))
}

/// What a report shows for a figure that does not exist (no items, no votes).
const DASH: &str = "—";

/// "A、B等N个": the first `show` names and the count with its measure word;
/// one name alone is just the name. English: "A, B and 3 others".
pub fn list_count(names: &[String], measure: &str, show: usize, english: bool) -> String {
    let n = names.len();
    let show = show.max(1).min(n);
    let shown = &names[..show];
    match (english, n) {
        (_, 0) => String::new(),
        (_, 1) => names[0].clone(),
        (false, _) => format!("{}等{n}{measure}", shown.join("、")),
        (true, _) if show == n => {
            format!("{} and {}", names[..n - 1].join(", "), names[n - 1])
        }
        (true, _) => {
            let rest = n - show;
            let others = if rest == 1 { "other" } else { "others" };
            format!("{} and {rest} {others}", shown.join(", "))
        }
    }
}

/// A whole number in Chinese numerals: 3 → 三, 12 → 十二, 105 → 一百零五.
pub fn cn_num(n: i64) -> TeraResult<String> {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const UNITS: [&str; 4] = ["", "十", "百", "千"];
    if !(0..100_000_000).contains(&n) {
        return Err(Error::message(format!(
            "cn_num writes numbers from 0 to 99999999, not {n}"
        )));
    }
    if n == 0 {
        return Ok(DIGITS[0].to_owned());
    }
    let four = |mut x: i64| {
        let mut out = String::new();
        let mut zero = false;
        for place in (0..4).rev() {
            let p = 10_i64.pow(place);
            let d = (x / p) as usize;
            x %= p;
            if d == 0 {
                zero = !out.is_empty();
                continue;
            }
            if zero {
                out.push_str(DIGITS[0]);
                zero = false;
            }
            out.push_str(DIGITS[d]);
            out.push_str(UNITS[place as usize]);
        }
        out
    };
    let (high, low) = (n / 10_000, n % 10_000);
    let mut out = String::new();
    if high > 0 {
        out = four(high) + "万";
        if low > 0 && low < 1000 {
            out.push_str(DIGITS[0]);
        }
    }
    out.push_str(&four(low));
    // 一十二 is written 十二 at the start.
    if let Some(rest) = out.strip_prefix("一十") {
        out = format!("十{rest}");
    }
    Ok(out)
}

/// A date given as text (YYYY-MM-DD, as the context holds dates) written
/// by `write`; a dash for none. Written without a strftime pattern, which
/// chrono parses again at every call: the ledger has several dates a row.
fn date_filter(value: &Value, write: fn(NaiveDate) -> String) -> TeraResult<String> {
    if value.is_none() || value.is_undefined() {
        return Ok(DASH.to_owned());
    }
    let text = value.as_str().unwrap_or_default();
    let written = date_parts(text).and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
    let date = written
        .map_or_else(|| text.parse::<NaiveDate>(), Ok)
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .map_err(|_| Error::message(format!("expected a date as YYYY-MM-DD, got `{text}`")))?;
    Ok(write(date))
}

/// 2024年11月3日.
fn cn_date(date: NaiveDate) -> String {
    let mut out = String::with_capacity(20);
    push_number(&mut out, date.year());
    out.push('年');
    push_number(&mut out, date.month());
    out.push('月');
    push_number(&mut out, date.day());
    out.push('日');
    out
}

/// 3 November 2024.
fn en_date(date: NaiveDate) -> String {
    let month = chrono::Month::try_from(date.month() as u8).map_or("", |m| m.name());
    let mut out = String::with_capacity(20);
    push_number(&mut out, date.day());
    out.push(' ');
    out.push_str(month);
    out.push(' ');
    push_number(&mut out, date.year());
    out
}

/// Appends `n` in decimal digits: a date filter runs for every row of a
/// ledger, and `format!` took some 1 500 instructions for one date.
fn push_number(out: &mut String, n: impl Into<i64>) {
    let n: i64 = n.into();
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// A count against last year's, as a clause to append: "，比上年增加3个",
/// "，比上年减少2个", "，与上年持平"; English " (3 more than last year)".
pub fn compare(now: f64, then: f64, measure: &str, english: bool) -> String {
    let change = num((now - then).abs());
    match (english, now.total_cmp(&then)) {
        (false, Ordering::Greater) => format!("，比上年增加{change}{measure}"),
        (false, Ordering::Less) => format!("，比上年减少{change}{measure}"),
        (false, Ordering::Equal) => "，与上年持平".to_owned(),
        (true, Ordering::Greater) => format!(" ({change} more than last year)"),
        (true, Ordering::Less) => format!(" ({change} fewer than last year)"),
        (true, Ordering::Equal) => " (the same as last year)".to_owned(),
    }
}

/// A rate against last year's, in percentage points with one decimal:
/// "，比上年提高5.2个百分点"; English " (up 5.2 percentage points on last year)".
/// A change that rounds to 0.0 is no change.
pub fn compare_pct(now: f64, then: f64, english: bool) -> String {
    let change = crate::compute::scoring::round1(now) - crate::compute::scoring::round1(then);
    let points = format!("{:.1}", crate::compute::scoring::round1(change.abs()));
    let same = points == "0.0";
    match (english, same, change > 0.0) {
        (false, true, _) => "，与上年持平".to_owned(),
        (false, false, true) => format!("，比上年提高{points}个百分点"),
        (false, false, false) => format!("，比上年下降{points}个百分点"),
        (true, true, _) => " (the same as last year)".to_owned(),
        (true, false, true) => format!(" (up {points} percentage points on last year)"),
        (true, false, false) => format!(" (down {points} percentage points on last year)"),
    }
}

/// Text ended as a sentence: "." after Latin text, "。" after Chinese text
/// (never an English full stop after Chinese), nothing after a closing mark.
pub fn stop(text: &str) -> String {
    let text = text.trim_end();
    match text.chars().last() {
        None => String::new(),
        Some(c) if ".!?。！？；：".contains(c) => text.to_owned(),
        Some(c) if c > '\u{2e80}' => format!("{text}。"),
        Some(_) => format!("{text}."),
    }
}

/// A number with one decimal, or `None` for null.
fn one_decimal(value: &Value) -> Option<String> {
    value
        .as_f64()
        .map(|x| tenths(crate::compute::scoring::round1(x), true))
}

/// A number in its shortest form: 5 → "5", 85.5 → "85.5" (one decimal at most).
pub fn num(x: f64) -> String {
    let rounded = crate::compute::scoring::round1(x);
    tenths(rounded, rounded.fract() != 0.0)
}

/// `rounded`, a number already rounded to tenths, with one decimal or none:
/// what `format!("{rounded:.1}")` or `format!("{rounded:.0}")` writes, from
/// its count of tenths. The evaluation shows a dozen figures for every
/// unit, and printing a float to a fixed precision took a fifth of its
/// rendering.
fn tenths(rounded: f64, decimal: bool) -> String {
    let count = (rounded * 10.0).round().abs();
    // Beyond 2^53 tenths a float holds no tenths to count.
    if count.is_nan() || count >= 9e15 {
        return match decimal {
            true => format!("{rounded:.1}"),
            false => format!("{rounded:.0}"),
        };
    }
    let count = count as i64;
    let mut out = String::with_capacity(12);
    if rounded.is_sign_negative() {
        out.push('-');
    }
    push_number(&mut out, count / 10);
    if decimal {
        out.push('.');
        push_number(&mut out, count % 10);
    }
    out
}

/// Text made safe for one cell of a Markdown table: no `|`, no line break.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        ["雷畈村", "金垱村", "青石村", "白河村"][..n]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn lists_the_first_names_and_the_count() {
        assert_eq!(list_count(&names(4), "个", 2, false), "雷畈村、金垱村等4个");
        assert_eq!(list_count(&names(2), "名", 2, false), "雷畈村、金垱村等2名");
        assert_eq!(list_count(&names(1), "个", 2, false), "雷畈村");
        assert_eq!(list_count(&[], "个", 2, false), "");
        assert_eq!(
            list_count(&names(4), "个", 3, true),
            "雷畈村, 金垱村, 青石村 and 1 other"
        );
        assert_eq!(list_count(&names(2), "个", 2, true), "雷畈村 and 金垱村");
    }

    #[test]
    fn writes_chinese_numerals() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1001, "一千零一"),
            (10_000, "一万"),
            (10_500, "一万零五百"),
            (0, "零"),
        ];
        for (n, want) in cases {
            assert_eq!(cn_num(n).unwrap(), want, "{n}");
        }
        assert!(cn_num(-1).is_err());
    }

    #[test]
    fn ends_sentences_in_their_own_script() {
        assert_eq!(stop("Broad publicity"), "Broad publicity.");
        assert_eq!(stop("广泛宣传，营造氛围"), "广泛宣传，营造氛围。");
        assert_eq!(stop("广泛宣传。"), "广泛宣传。");
        assert_eq!(stop("Done."), "Done.");
    }

    #[test]
    fn compares_with_last_year() {
        assert_eq!(compare(13.0, 10.0, "个", false), "，比上年增加3个");
        assert_eq!(compare(8.0, 10.0, "份", false), "，比上年减少2份");
        assert_eq!(compare(8.0, 8.0, "份", false), "，与上年持平");
        assert_eq!(compare(1.0, 4.0, "", true), " (3 fewer than last year)");
        assert_eq!(compare_pct(73.66, 68.42, false), "，比上年提高5.3个百分点");
        assert_eq!(compare_pct(50.0, 52.5, false), "，比上年下降2.5个百分点");
        assert_eq!(compare_pct(50.01, 49.99, false), "，与上年持平");
        assert_eq!(
            compare_pct(60.0, 54.8, true),
            " (up 5.2 percentage points on last year)"
        );
    }

    /// A template's `cell` filter, as a build registers it, over `text`.
    fn in_a_cell(text: Value) -> String {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.add_raw_template("t", "[{{ text | cell }}]").unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("text", &text);
        tera.render("t", &ctx).unwrap()
    }

    #[test]
    fn a_cell_keeps_plain_text_and_escapes_what_breaks_a_table_row() {
        assert_eq!(in_a_cell(Value::from("村规民约修订")), "[村规民约修订]");
        assert_eq!(in_a_cell(Value::from("a|b\nc\rd")), "[a\\|b c d]");
        assert_eq!(in_a_cell(Value::from(3)), "[]");
        assert_eq!(in_a_cell(Value::none()), "[]");
    }

    #[test]
    fn tenths_are_written_as_a_fixed_precision_writes_them() {
        let mut numbers: Vec<f64> = (-30_000..30_000).map(|k| f64::from(k) / 1000.0).collect();
        numbers.extend([0.0, -0.0, 0.05, -0.05, 99.95, 1e15, -1e16, 2.5e17, 1e300]);
        // Where a float holds few tenths: just under the cut-off, and above
        // 2^49, where its fraction is a multiple of 1/8.
        let near_the_cut = [
            2f64.powi(49) + 0.25,
            8.99e14 + 0.7,
            -8.99e14 - 0.3,
            8.999e14,
        ];
        numbers.extend(
            near_the_cut
                .iter()
                .flat_map(|&x| (0..50).map(move |k| x + f64::from(k))),
        );
        numbers.extend([
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
        ]);
        for x in numbers {
            let rounded = crate::compute::scoring::round1(x);
            assert_eq!(tenths(rounded, true), format!("{rounded:.1}"), "{x}");
            if rounded.fract() == 0.0 {
                assert_eq!(tenths(rounded, false), format!("{rounded:.0}"), "{x}");
            }
        }
    }

    #[test]
    fn groups_come_in_the_order_of_their_first_row() {
        let mut tera = Tera::default();
        register(&mut tera);
        let template = "{% for status, rows in rows | group_by(attribute=\"s.k\") %}\
                        {{ status }}:{{ rows | length }} {% endfor %}";
        tera.add_raw_template("t", template).unwrap();
        let row = |k: Option<&str>| serde_json::json!({ "s": { "k": k } });
        let rows = [
            row(Some("open")),
            row(Some("closed")),
            row(None),
            row(Some("open")),
            row(Some("b")),
            row(Some("a")),
        ];
        let mut ctx = tera::Context::new();
        ctx.insert("rows", &rows);
        for _ in 0..5 {
            let text = Tera::render(&tera, "t", &ctx).unwrap();
            assert_eq!(text, "open:2 closed:1 b:1 a:1 ");
        }
        ctx.insert("rows", &[serde_json::json!({ "t": 1 })]);
        let error = tera.render("t", &ctx).unwrap_err();
        assert!(format!("{error:?}").contains("does not have an attribute at path: s.k"));
        ctx.insert("rows", &[serde_json::json!({ "s": { "k": 0.5 } })]);
        let error = tera.render("t", &ctx).unwrap_err();
        assert!(format!("{error:?}").contains("Not a valid key type"));
        // As tera's: no rows, no groups, and no attribute needed.
        tera.add_raw_template("none", "[{{ [] | group_by | length }}]")
            .unwrap();
        assert_eq!(tera.render("none", &ctx).unwrap(), "[0]");
    }

    #[test]
    fn formats_dates_and_numbers() {
        let d = Value::from("2024-11-03");
        assert_eq!(date_filter(&d, cn_date).unwrap(), "2024年11月3日");
        assert_eq!(date_filter(&d, en_date).unwrap(), "3 November 2024");
        assert_eq!(date_filter(&Value::none(), cn_date).unwrap(), "—");
        assert!(date_filter(&Value::from("3/11"), cn_date).is_err());
        let far = Value::from("0999-01-20");
        assert_eq!(date_filter(&far, cn_date).unwrap(), "999年1月20日");
        assert_eq!(date_filter(&far, en_date).unwrap(), "20 January 999");
        let mut numbers = String::new();
        for n in [0, 7, 10, 2024, -35] {
            push_number(&mut numbers, n);
            numbers.push(' ');
        }
        assert_eq!(numbers, "0 7 10 2024 -35 ");
        assert_eq!(one_decimal(&Value::from(81.75)), Some("81.8".into()));
        assert_eq!(one_decimal(&Value::from(90)), Some("90.0".into()));
        assert_eq!(one_decimal(&Value::none()), None);
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        assert_eq!(
            (num(5.0), num(85.5), num(0.0)),
            ("5".into(), "85.5".into(), "0".into())
        );
    }
}
