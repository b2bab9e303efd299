//! What a scalar's text means: the YAML 1.2 core schema, as annals has
//! always read it (the rules of serde_yaml 0.9, which read records before).
//!
//! A plain scalar is nothing (`~`, `null`, empty), true/false, a whole
//! number (decimal, `0x`, `0o`, `0b`), a number with a fraction (`2.5`,
//! `1e3`, `.inf`), or else text; `2024-02-20` and `007` stay text. A quoted
//! or block scalar is always text. The core tags `!!str`, `!!int`,
//! `!!float`, `!!bool` and `!!null` ask for one meaning.

use super::Node;
use std::borrow::Cow;

/// Why a scalar cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub enum ScalarError {
    /// A whole number outside what annals counts with (i64).
    TooLarge(String),
    /// A core tag whose text does not have that meaning (`!!int x`).
    NotA {
        /// What the tag asks for ("a whole number").
        expected: &'static str,
        /// The text.
        text: String,
    },
}

impl std::fmt::Display for ScalarError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            ScalarError::TooLarge(text) => write!(f, "the number {text} is too large"),
            ScalarError::NotA { expected, text } => {
                write!(f, "the tag asks for {expected}, but \"{text}\" is not one")
            }
        }
    }
}

/// The core tags a scalar may carry, by their suffix after `!!`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoreTag {
    /// `!!str`, and core tags annals gives no meaning of their own (`!!timestamp`).
    Str,
    /// `!!int`.
    Int,
    /// `!!float`.
    Float,
    /// `!!bool`.
    Bool,
    /// `!!null`.
    Null,
}

impl CoreTag {
    /// The tag named by the suffix of `!!suffix`.
    pub fn from_suffix(suffix: &str) -> CoreTag {
        match suffix {
            "int" => CoreTag::Int,
            "float" => CoreTag::Float,
            "bool" => CoreTag::Bool,
            "null" => CoreTag::Null,
            _ => CoreTag::Str,
        }
    }
}

/// The value of a plain (unquoted, untagged) scalar.
pub fn plain<'a>(text: impl Into<Cow<'a, str>>) -> Result<Node<'a>, ScalarError> {
    let text = text.into();
    if !might_not_be_text(&text) {
        return Ok(Node::Str(text));
    }
    if text.is_empty() || is_null(&text) {
        return Ok(Node::Null);
    }
    if let Some(b) = boolean(&text) {
        return Ok(Node::Bool(b));
    }
    if let Some(int) = integer(&text)? {
        return Ok(Node::Int(int));
    }
    if !leading_zero_digits(&text)
        && let Some(f) = float(&text)
    {
        return Ok(Node::Float(f));
    }
    Ok(Node::Str(text))
}

/// The value of a scalar carrying a core tag.
pub fn tagged<'a>(tag: CoreTag, text: impl Into<Cow<'a, str>>) -> Result<Node<'a>, ScalarError> {
    let text = text.into();
    let not_a = |expected| ScalarError::NotA {
        expected,
        text: text.to_string(),
    };
    match tag {
        CoreTag::Str => Ok(Node::Str(text)),
        CoreTag::Null if is_null(&text) || text.is_empty() => Ok(Node::Null),
        CoreTag::Null => Err(not_a("nothing (null)")),
        CoreTag::Bool => boolean(&text).map(Node::Bool).ok_or(not_a("true/false")),
        CoreTag::Int => integer(&text)?
            .map(Node::Int)
            .ok_or(not_a("a whole number")),
        CoreTag::Float => float(&text).map(Node::Float).ok_or(not_a("a number")),
    }
}

/// False for a scalar that can only be text: nothing, true/false and
/// numbers all begin with one of these (most scalars of a record, its ids,
/// choices and Chinese texts, are known as text by their first byte).
fn might_not_be_text(text: &str) -> bool {
    text.as_bytes().first().is_none_or(|first| {
        matches!(
            first,
            b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'+' | b'-' | b'.' | b'0'..=b'9'
        )
    })
}

fn is_null(text: &str) -> bool {
    matches!(text, "~" | "null" | "Null" | "NULL")
}

fn boolean(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `007`, `-01`: digits after a leading zero are text in YAML 1.2.
fn leading_zero_digits(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    digits.len() > 1 && digits.starts_with('0') && digits[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A whole number, `Ok(None)` when the text is not one, an error when it
/// is one too large for i64.
fn integer(text: &str) -> Result<Option<i64>, ScalarError> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = if let Some(d) = unsigned.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = unsigned.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = unsigned.strip_prefix("0b") {
        (2, d)
    } else {
        (10, unsigned)
    };
    let well_formed = !digits.is_empty()
        && digits.chars().all(|c| c.is_digit(radix))
        && !(radix == 10 && leading_zero_digits(unsigned));
    if !well_formed {
        return Ok(None);
    }
    let magnitude = u128::from_str_radix(digits, radix).ok();
    let value = magnitude.and_then(|m| {
        let signed = if negative {
            0i128.checked_sub_unsigned(m)?
        } else {
            i128::try_from(m).ok()?
        };
        i64::try_from(signed).ok()
    });
    value
        .map(Some)
        .ok_or_else(|| ScalarError::TooLarge(text.to_owned()))
}

fn float(text: &str) -> Option<f64> {
    let unsigned = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => text,
    };
    match unsigned {
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    unsigned.parse::<f64>().ok().filter(|f| f.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_follow_the_core_schema() {
        assert_eq!(plain(""), Ok(Node::Null));
        assert_eq!(plain("~"), Ok(Node::Null));
        assert_eq!(plain("NULL"), Ok(Node::Null));
        assert_eq!(plain("True"), Ok(Node::Bool(true)));
        assert_eq!(plain("yes"), Ok(Node::Str("yes".into())));
        assert_eq!(plain("45"), Ok(Node::Int(45)));
        assert_eq!(plain("-3"), Ok(Node::Int(-3)));
        assert_eq!(plain("+3"), Ok(Node::Int(3)));
        assert_eq!(plain("0x1F"), Ok(Node::Int(31)));
        assert_eq!(plain("-0o17"), Ok(Node::Int(-15)));
        assert_eq!(plain("0b101"), Ok(Node::Int(5)));
        assert_eq!(plain("2.5"), Ok(Node::Float(2.5)));
        assert_eq!(plain("1e3"), Ok(Node::Float(1000.0)));
        assert_eq!(plain("-.inf"), Ok(Node::Float(f64::NEG_INFINITY)));
        assert!(matches!(plain(".nan"), Ok(Node::Float(f)) if f.is_nan()));
        for text in [
            "007",
            "-01",
            "2024-02-20",
            "1_000",
            "0x",
            "--1",
            "inf",
            "1.2.3",
            "+-1",
        ] {
            assert_eq!(plain(text), Ok(Node::Str(text.into())), "{text}");
        }
        assert_eq!(plain("0"), Ok(Node::Int(0)));
        assert_eq!(plain("0.5"), Ok(Node::Float(0.5)));
    }

    #[test]
    fn whole_numbers_beyond_i64_are_errors_not_wrapped() {
        assert_eq!(plain("9223372036854775807"), Ok(Node::Int(i64::MAX)));
        assert_eq!(plain("-9223372036854775808"), Ok(Node::Int(i64::MIN)));
        for text in [
            "9223372036854775808",
            "10000000000000000000",
            "1".repeat(50).as_str(),
        ] {
            assert_eq!(
                plain(text),
                Err(ScalarError::TooLarge(text.into())),
                "{text}"
            );
        }
    }

    #[test]
    fn core_tags_ask_for_one_meaning() {
        assert_eq!(tagged(CoreTag::Str, "45"), Ok(Node::Str("45".into())));
        assert_eq!(tagged(CoreTag::Int, "45"), Ok(Node::Int(45)));
        assert_eq!(tagged(CoreTag::Float, "45"), Ok(Node::Float(45.0)));
        assert_eq!(tagged(CoreTag::Null, ""), Ok(Node::Null));
        assert!(tagged(CoreTag::Int, "x").is_err());
        assert!(tagged(CoreTag::Bool, "yes").is_err());
        assert_eq!(CoreTag::from_suffix("timestamp"), CoreTag::Str);
    }
}
