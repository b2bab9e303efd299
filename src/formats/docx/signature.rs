//! 发文机关署名 and 成文日期 (GB/T 9704 §7.3.5): where the signature block
//! stands on the page.

use super::page::{Metrics, TEXT_W};
use super::{Block, plain_text};
use crate::document::text::width;

/// Sets right the lines of the signature block (GB/T 9704 §7.3.5.2, a
/// document without a seal): the signature two characters from the right,
/// the date below it starting two characters further right (or, when it is
/// longer, two from the right and the signature moved left accordingly).
pub(super) fn place(blocks: &mut [Block], m: &Metrics) {
    // The block's lines, last first (the date), as `run` held them before.
    let run: Vec<usize> = (0..blocks.len())
        .rev()
        .filter(|&i| matches!(&blocks[i], Block::Para(p) if p.signs))
        .take(2)
        .collect();
    let Some(&last) = run.first() else { return };
    // Widths in half characters; one half character is `char_w / 2` twips.
    let w = |i: usize| match blocks.get(i) {
        Some(Block::Para(p)) => width(plain_text(&p.runs).trim()),
        _ => 0,
    };
    let half = m.char_w / 2;
    let cap = |halves: u32| (halves * half).min(TEXT_W / 2);
    if let [date, sign] = run[..] {
        let (s, d) = (w(sign), w(date));
        let (sign_r, date_r) = if s >= d + 4 {
            (4, s - d)
        } else {
            (d + 8 - s, 4)
        };
        set_signature(blocks, sign, cap(sign_r), true);
        set_signature(blocks, date, cap(date_r), false);
    } else {
        set_signature(blocks, last, cap(4), true);
    }
}

fn set_signature(blocks: &mut [Block], i: usize, right: u32, space_before: bool) {
    if let Some(Block::Para(p)) = blocks.get_mut(i) {
        p.signature = Some((right, space_before));
    }
}
