//! What libyaml (under serde_yaml, which read records before) accepted and
//! saphyr-parser, closer to the YAML 1.2 letter, refuses — repaired so that
//! a folder that was read before is read the same now.
//!
//! Each repair is made where the builder's error points, changes only
//! whitespace that is no part of any value, and the text is parsed again:
//! - `key:<tab>value`: the tabs become spaces (every column stays put);
//! - a quoted value whose next lines start at the margin
//!   (`comment: "1. 作风扎实` / `2. 群众满意"`): those lines are indented,
//!   which a quoted value folds away (only columns inside it move).

use super::SyntaxError;
use super::build::{QUOTED_UNINDENTED, TAB_AFTER_COLON};

/// The text with the whitespace the error is about repaired, or `None`
/// when the error is not one of the above (or there is nothing to repair).
pub fn repair(text: &str, error: &SyntaxError) -> Option<String> {
    let (line, column) = (error.line?, error.column?);
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let line_text = text.get(line_start..)?.split('\n').next().unwrap_or("");
    let at: usize = line_text
        .chars()
        .take(column.checked_sub(1)?)
        .map(char::len_utf8)
        .sum();
    if error.message == TAB_AFTER_COLON {
        untab(text, line_start, line_text, at)
    } else if error.message == QUOTED_UNINDENTED {
        indent_quoted(text, line_start + at, line_text)
    } else {
        None
    }
}

/// Turns the run of blanks around byte `at` of the line into spaces.
fn untab(text: &str, line_start: usize, line_text: &str, at: usize) -> Option<String> {
    let blank = [' ', '\t'];
    let start = line_text.get(..at)?.trim_end_matches(blank).len();
    let end = line_text.len() - line_text.get(at..)?.trim_start_matches(blank).len();
    let range = line_start + start..line_start + end;
    if !text[range.clone()].contains('\t') {
        return None;
    }
    let mut repaired = text.to_owned();
    repaired.replace_range(range.clone(), &text[range].replace('\t', " "));
    Some(repaired)
}

/// Indents, one space past the line where it begins, every line of the
/// quoted value opening at byte `quote` that is indented less. `None` when
/// the value has no closing quote: then the quote is what is missing.
fn indent_quoted(text: &str, quote: usize, line_text: &str) -> Option<String> {
    let close = closing_quote(text, quote)?;
    let indent = 1 + line_text.len() - line_text.trim_start_matches(' ').len();
    let mut repaired = String::with_capacity(text.len() + 64);
    repaired.push_str(&text[..quote]);
    for (i, piece) in text[quote..close].split('\n').enumerate() {
        if i > 0 {
            repaired.push('\n');
            let has = piece.len() - piece.trim_start_matches(' ').len();
            if has < indent && !piece.trim().is_empty() {
                repaired.extend(std::iter::repeat_n(' ', indent - has));
            }
        }
        repaired.push_str(piece);
    }
    repaired.push_str(&text[close..]);
    Some(repaired)
}

/// The byte offset of the quote that closes the one at `open`.
fn closing_quote(text: &str, open: usize) -> Option<usize> {
    let quote = *text.as_bytes().get(open)?;
    let bytes = text.as_bytes();
    let mut i = open + 1;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (b'"', b'\\') => i += 1,
            (b'\'', b'\'') if bytes.get(i + 1) == Some(&b'\'') => i += 1,
            (q, b) if q == b => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::{Node, parse};

    fn text_of<'y>(yaml: &'y str, key: &str) -> Node<'y> {
        let Node::Map(entries) = parse(yaml).unwrap().root else {
            panic!("a mapping")
        };
        entries.into_iter().find(|(k, _)| k == key).unwrap().1
    }

    #[test]
    fn a_quoted_value_may_go_on_at_the_margin() {
        let yaml = "date: 2024-12-20\ncomment: \"1. 作风扎实\n2. 群众满意\"\nunit: u1\n";
        assert_eq!(
            text_of(yaml, "comment"),
            Node::Str("1. 作风扎实 2. 群众满意".into())
        );
        assert_eq!(text_of(yaml, "unit"), Node::Str("u1".into()));
        let single = "a:\n  b: 'it''s\nx\n\n  y'\n";
        let Node::Map(a) = text_of(single, "a") else {
            panic!("a mapping")
        };
        assert_eq!(a[0].1, Node::Str("it's x\ny".into()));
    }

    #[test]
    fn an_unclosed_quote_stays_an_error() {
        let err = parse("unit: \"u1\nmade: 2024-02-01\n").unwrap_err();
        assert!(err.message.contains("closing quote missing"), "{err:?}");
        assert_eq!((err.line, err.column), (Some(1), Some(7)));
    }
}
