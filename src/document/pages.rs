//! Which blocks stand on landscape pages: one rule for every paged format,
//! so that the docx's landscape sections and the html's landscape print
//! pages always cover the same part of a report.

/// What the landscape rule needs to know of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A table too wide for a portrait page.
    WideTable,
    /// Any other table.
    Table,
    /// A heading or an attachment's label: where a part begins.
    Heading,
    /// Anything else.
    Other,
}

/// Which of `blocks` stand on landscape pages: each wide table with the
/// part of the document it belongs to, back to its heading (or the start)
/// and on to the next heading, table or attachment (or the end). The ledger
/// is thus landscape throughout, title and signature included; the
/// evaluation only from the heading of its wide table to the next heading.
/// `role` says what each block is (the docx and the html lay out trees of
/// their own).
pub fn landscape<B>(blocks: &[B], role: impl Fn(&B) -> Role) -> Vec<bool> {
    let roles: Vec<Role> = blocks.iter().map(role).collect();
    let table = |r: Role| matches!(r, Role::WideTable | Role::Table);
    let mut landscape = vec![false; roles.len()];
    for (i, &r) in roles.iter().enumerate() {
        if r != Role::WideTable {
            continue;
        }
        let mut start = i;
        while start > 0 && roles[start] != Role::Heading {
            if table(roles[start - 1]) {
                break;
            }
            start -= 1;
        }
        let mut end = i + 1;
        while end < roles.len() && roles[end] != Role::Heading && !table(roles[end]) {
            end += 1;
        }
        landscape[start..end].iter_mut().for_each(|l| *l = true);
    }
    landscape
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_table_takes_its_part_from_its_heading_to_the_next() {
        use Role::*;
        let blocks = [
            Other, Heading, Other, WideTable, Other, Table, Heading, Other,
        ];
        assert_eq!(
            landscape(&blocks, |&r| r),
            [false, true, true, true, true, false, false, false]
        );
        // Without headings, a wide table takes the whole document.
        assert_eq!(landscape(&[Other, WideTable, Other], |&r| r), [true; 3]);
    }
}
