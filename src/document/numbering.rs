//! The numbers of the lower heading levels (GB/T 9704 §7.3.3): a Chinese
//! report's structure is numbered 一、 / （一） / 1. / （1）. Templates write
//! the first two themselves (`## 一、`, `### （一）`), as the text of the
//! heading; the third and fourth levels, Markdown's `####` and `#####`, are
//! numbered here when their text has no number of its own, so that a
//! template can loop over records without counting, and every format shows
//! the same numbers.

use super::text::is_wide;
use super::{Block, Inline, Span, plain_text};

/// Numbers the level-4 headings "1." "2." … anew under each heading above
/// them, and the level-5 headings "（1）" "（2）" … anew under each level-4
/// one, by putting the number in front of the heading's text. Only headings
/// with Chinese text and without a number of their own get one (an English
/// report's headings stay as written); those with their own number count
/// all the same.
pub(super) fn number_minor_headings(blocks: &mut [Block]) {
    let mut third = 0u32;
    let mut fourth = 0u32;
    for block in blocks {
        let (level, content) = match block {
            Block::Heading { level, content } => (*level, content),
            Block::Title(_) | Block::Attachment(_) => {
                (third, fourth) = (0, 0);
                continue;
            }
            _ => continue,
        };
        let number = match level {
            4 => {
                (third, fourth) = (third + 1, 0);
                format!("{third}.")
            }
            5 => {
                fourth += 1;
                format!("（{fourth}）")
            }
            _ => {
                (third, fourth) = (0, 0);
                continue;
            }
        };
        let text = plain_text(content);
        if text.chars().any(is_wide) && !has_own_number(&text) {
            content.insert(
                0,
                Inline::Text(Span {
                    text: number,
                    ..Span::default()
                }),
            );
        }
    }
}

/// Whether a heading starts with a number of its own: `1.`, `１．`, `(1)`,
/// `（一）`, `一、`, `第一`.
fn has_own_number(text: &str) -> bool {
    let text = text.trim_start();
    let numeral = |c: char| "一二三四五六七八九十百零〇".contains(c);
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() || ('０'..='９').contains(&c) => true,
        Some('(' | '（' | '〔' | '【' | '[') => true,
        Some('第') => chars.next().is_some_and(numeral),
        Some(c) if numeral(c) => chars.find(|c| !numeral(*c)) == Some('、'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::has_own_number;

    #[test]
    fn numbers_of_their_own_are_recognised() {
        for own in [
            "1.组织",
            "１２．组织",
            "(1)组织",
            "（一）组织",
            "十一、组织",
            "第三组",
        ] {
            assert!(has_own_number(own), "{own}");
        }
        for none in ["组织建设", "十分重要的事", "第 组", "Organisation"] {
            assert!(!has_own_number(none), "{none}");
        }
    }
}
