//! 发文机关署名 and 成文日期 (GB/T 9704 §7.3.5): where the signature block
//! stands on the page.

use super::page::{Metrics, TEXT_W};
use super::{Block, Sign, plain_text};
use crate::document::text::width;

/// Places the lines of the signature block (GB/T 9704 §7.3.5):
/// - without a seal (§7.3.5.2): a blank line under the body, the date two
///   characters from the right, the signature centred over the date;
/// - with a seal (§7.3.5.1): three lines of room for the seal, the date four
///   characters from the right, the signature centred over it.
///
/// A signature wider than the date stands at that distance from the right
/// instead and the date is centred under it. The paragraph before the block
/// and every line but the last are kept with the next, so no page holds the
/// signature alone.
pub(super) fn place(blocks: &mut [Block], m: &Metrics, sealed: bool) {
    let lines: Vec<usize> = (0..blocks.len())
        .filter(|&i| matches!(&blocks[i], Block::Para(p) if p.signs != Sign::No))
        .collect();
    let (Some(&first), Some(&last)) = (lines.first(), lines.last()) else {
        return;
    };
    // Widths in half characters; one half character is `char_w / 2` twips.
    let widths: Vec<u32> = blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => width(plain_text(&p.runs).trim()),
            Block::Table(_) | Block::Chart(_) => 0,
        })
        .collect();
    let w = |i: usize| widths[i];
    let date = lines
        .iter()
        .copied()
        .find(|&i| matches!(&blocks[i], Block::Para(p) if p.signs == Sign::Date));
    let base = if sealed { 8 } else { 4 };
    let widest_signer = lines
        .iter()
        .filter(|&&i| Some(i) != date)
        .map(|&i| w(i))
        .max()
        .unwrap_or(0);
    let date_w = date.map_or(0, w);
    // The centre line of the block, as halves from the right margin.
    let centre = 2 * base + date_w.max(widest_signer);
    let half = m.char_w / 2;
    let cap = |halves: u32| (halves * half).min(TEXT_W / 2);
    for &i in &lines {
        let right = (centre - w(i)) / 2;
        if let Block::Para(p) = &mut blocks[i] {
            p.signature = Some((cap(right), i == first));
            p.lines_before = if i == first && sealed { 2 } else { 0 };
            p.keep_with_next = i != last;
        }
    }
    if let Some(Block::Para(p)) = first.checked_sub(1).and_then(|i| blocks.get_mut(i)) {
        p.keep_with_next = true;
    }
}
