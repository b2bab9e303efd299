//! The shape nearly every record file has, read without the general
//! parser: block mappings and sequences, one value to a line, plain or
//! quoted scalars without escapes, flow collections that close on their
//! line, and comments.
//!
//! It gives the builder the very events, at the very places, that
//! saphyr-parser gives for such a text, with every scalar borrowed from the
//! text instead of copied a character at a time. At the first thing outside
//! that shape — a block scalar, an anchor, a tab, a value that goes on to
//! the next line, anything that might be an error — it gives up, and the
//! text is read again by saphyr-parser, which alone decides what a text
//! outside the shape means and words every syntax error. A test compares
//! the two readers over the fixtures and over generated texts.

use std::borrow::Cow;

use saphyr_parser::{Event, ScalarStyle};

use super::Spot;

/// Keys longer than this (in characters, with the spaces before their
/// colon) are left to the general parser, which refuses more than 1024.
const MAX_KEY: usize = 1000;
/// Block and flow collections nested deeper than this are left to the
/// general parser.
const MAX_DEPTH: usize = 64;

/// Reads `text`, handing each event and its place to `take`, in the order
/// saphyr-parser would. `None` when the text is not of the shape read here
/// or `take` refused an event: the events handed over so far are then to be
/// thrown away, and the text read by the general parser.
pub fn read<'t, E>(
    text: &'t str,
    take: impl FnMut(Event<'t>, Spot) -> Result<(), E>,
) -> Option<()> {
    if !plain_characters(text) {
        return None;
    }
    let mut reader = Reader {
        rest: text,
        number: 0,
        line: None,
        depth: 0,
        counted: (0, 0, 0),
        take,
    };
    reader.advance()?;
    let Some(first) = reader.line else {
        return Some(());
    };
    if first.indent != 0 {
        return None;
    }
    if first.is_entry(0) {
        reader.block_sequence(0, false)?;
    } else {
        reader.block_mapping(0)?;
    }
    reader.line.is_none().then_some(())
}

/// Whether `text` is free of what only the general parser reads right:
/// tabs, carriage returns, other control characters and byte order marks.
fn plain_characters(text: &str) -> bool {
    let controls = text.bytes().all(|b| b >= 0x20 || b == b'\n');
    controls && !text.contains('\u{FEFF}')
}

/// One line with content (not blank, not only a comment).
#[derive(Clone, Copy)]
struct Line<'t> {
    /// The line without its line break.
    text: &'t str,
    /// 1-based.
    number: usize,
    /// Spaces before the content.
    indent: usize,
}

impl<'t> Line<'t> {
    /// Whether a block sequence entry (`-` then a space or the end) starts
    /// at byte `at`.
    fn is_entry(&self, at: usize) -> bool {
        let rest = &self.text.as_bytes()[at..];
        rest.first() == Some(&b'-') && matches!(rest.get(1), None | Some(b' '))
    }

    /// The first byte at or after `at` that is not a space.
    fn skip_spaces(&self, at: usize) -> usize {
        let bytes = self.text.as_bytes();
        at + bytes[at..].iter().take_while(|&&b| b == b' ').count()
    }

    /// Whether nothing but spaces and a comment follow byte `at`, where a
    /// comment needs a space before it.
    fn ends_at(&self, at: usize) -> bool {
        let next = self.skip_spaces(at);
        next == self.text.len() || (next > at && self.text.as_bytes()[next] == b'#')
    }

    /// The key that starts at byte `at`: where it ends (trailing spaces
    /// left out) and where its colon is. `None` if the content at `at` is
    /// not a plain key followed by `: ` or a colon that ends the line.
    fn key(&self, at: usize) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        if !starts_plain(&bytes[at..]) {
            return None;
        }
        let mut i = at;
        while i < bytes.len() {
            match bytes[i] {
                b':' if matches!(bytes.get(i + 1), None | Some(b' ')) => {
                    let end = at + self.text[at..i].trim_end_matches(' ').len();
                    // The general parser counts the spaces before the colon.
                    let short = i - at <= MAX_KEY || self.text[at..i].chars().count() <= MAX_KEY;
                    return short.then_some((end, i));
                }
                b'#' if bytes[i - 1] == b' ' => return None,
                _ => i += 1,
            }
        }
        None
    }
}

/// Whether a plain scalar may start with these bytes in block context
/// (the general parser decides the rarer starts `?x` and `:x`).
fn starts_plain(bytes: &[u8]) -> bool {
    match bytes {
        [b'-', next, ..] => !matches!(next, b' ' | b',' | b'[' | b']' | b'{' | b'}'),
        [first, ..] => !is_indicator(*first),
        [] => false,
    }
}

/// The characters that start something other than a plain scalar.
fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
            | b' '
    )
}

/// Whether a flow collection's plain scalars end at this byte (or give up
/// on it: `:` and `#` are left to the general parser).
fn ends_flow_plain(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}' | b':' | b'#')
}

/// The state of one read: the text not yet looked at, the current line
/// with content, and where the events go.
struct Reader<'t, F> {
    rest: &'t str,
    /// The number of the last line taken from `rest`.
    number: usize,
    line: Option<Line<'t>>,
    depth: usize,
    /// The line, byte and column in characters where the last place
    /// ended: the places of one line are counted on from there, so that a
    /// long line of many values costs no more than a short one.
    counted: (usize, usize, usize),
    take: F,
}

impl<'t, E, F: FnMut(Event<'t>, Spot) -> Result<(), E>> Reader<'t, F> {
    /// The place of the bytes `start..end` of `line`, in characters.
    fn spot(&mut self, line: Line<'t>, start: usize, end: usize) -> Spot {
        let (from, column) = match self.counted {
            (number, byte, column) if number == line.number && byte <= start => (byte, column),
            _ => (0, 0),
        };
        let column = column + line.text[from..start].chars().count();
        let width = line.text[start..end].chars().count();
        self.counted = (line.number, end, column + width);
        Spot::token(line.number, column, column + width)
    }

    /// Hands over `event`, placed at the bytes `at.1..at.2` of line `at.0`.
    fn emit(&mut self, event: Event<'t>, at: (Line<'t>, usize, usize)) -> Option<()> {
        let spot = self.spot(at.0, at.1, at.2);
        (self.take)(event, spot).ok()
    }

    fn scalar(
        &mut self,
        text: &'t str,
        style: ScalarStyle,
        at: (Line<'t>, usize, usize),
    ) -> Option<()> {
        self.emit(Event::Scalar(Cow::Borrowed(text), style, 0, None), at)
    }

    /// Hands over the end of a collection, which has no place of its own.
    fn close(&mut self, event: Event<'t>) -> Option<()> {
        (self.take)(event, Spot::NONE).ok()
    }

    /// Moves to the next line with content; `None` at a line only the
    /// general parser reads (a document marker or a directive).
    fn advance(&mut self) -> Option<()> {
        self.line = None;
        while !self.rest.is_empty() {
            let (text, rest) = match memchr::memchr(b'\n', self.rest.as_bytes()) {
                Some(end) => (&self.rest[..end], &self.rest[end + 1..]),
                None => (self.rest, ""),
            };
            self.rest = rest;
            self.number += 1;
            let indent = text.bytes().take_while(|&b| b == b' ').count();
            let content = &text[indent..];
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            if indent == 0 && (content.starts_with('%') || is_marker(content)) {
                return None;
            }
            self.line = Some(Line {
                text,
                number: self.number,
                indent,
            });
            return Some(());
        }
        Some(())
    }

    /// Enters one more level of nesting.
    fn deeper(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// A block mapping whose first key starts at column `column` of the
    /// current line (the line's indent, or further in for a mapping that
    /// is a sequence entry).
    fn block_mapping(&mut self, column: usize) -> Option<()> {
        self.deeper()?;
        let line = self.line?;
        self.emit(Event::MappingStart(0, None), (line, column, column))?;
        let mut at = column;
        loop {
            let line = self.line?;
            let (end, colon) = line.key(at)?;
            self.scalar(&line.text[at..end], ScalarStyle::Plain, (line, at, end))?;
            self.mapping_value(line, column, colon)?;
            match self.line {
                Some(next) if next.indent == column && !next.is_entry(column) => at = column,
                Some(next) if next.indent >= column => return None,
                _ => break,
            }
        }
        self.depth -= 1;
        self.close(Event::MappingEnd)
    }

    /// The value of the key whose colon is at byte `colon` of `line`, in a
    /// mapping at `column`: on the same line, on the lines below, or none.
    fn mapping_value(&mut self, line: Line<'t>, column: usize, colon: usize) -> Option<()> {
        let start = line.skip_spaces(colon + 1);
        if !line.ends_at(colon + 1) {
            return self.inline_value(line, column, start);
        }
        self.advance()?;
        match self.line {
            Some(next) if next.indent > column && next.is_entry(next.indent) => {
                self.block_sequence(next.indent, false)
            }
            Some(next) if next.indent > column => self.block_mapping(next.indent),
            Some(next) if next.indent == column && next.is_entry(column) => {
                self.block_sequence(column, true)
            }
            _ => self.scalar("", ScalarStyle::Plain, (line, colon, colon)),
        }
    }

    /// A value that stands on its line from byte `start` on, in a
    /// collection at `column`; the next line must not be further in.
    fn inline_value(&mut self, line: Line<'t>, column: usize, start: usize) -> Option<()> {
        let bytes = line.text.as_bytes();
        let end = match bytes[start] {
            b'[' | b'{' => self.flow(line, start)?,
            b'"' | b'\'' => self.quoted(line, start, false)?,
            _ if starts_plain(&bytes[start..]) => self.block_plain(line, start)?,
            _ => return None,
        };
        if !line.ends_at(end) {
            return None;
        }
        self.advance()?;
        match self.line {
            Some(next) if next.indent > column => None,
            _ => Some(()),
        }
    }

    /// A plain scalar in block context from byte `start` to the end of the
    /// line or a comment; `None` if a `: ` or a final colon makes it more.
    fn block_plain(&mut self, line: Line<'t>, start: usize) -> Option<usize> {
        let bytes = line.text.as_bytes();
        let mut end = bytes.len();
        for i in start..bytes.len() {
            match bytes[i] {
                b':' if matches!(bytes.get(i + 1), None | Some(b' ')) => return None,
                b'#' if bytes[i - 1] == b' ' => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let end = start + line.text[start..end].trim_end_matches(' ').len();
        self.scalar(
            &line.text[start..end],
            ScalarStyle::Plain,
            (line, start, end),
        )?;
        Some(end)
    }

    /// A quoted scalar that closes on its line and has no escape in it
    /// (`\` in double quotes, `''` in single ones). Returns the byte after
    /// the closing quote.
    fn quoted(&mut self, line: Line<'t>, start: usize, in_flow: bool) -> Option<usize> {
        let quote = line.text.as_bytes()[start];
        let inner = &line.text[start + 1..];
        let close = start + 1 + inner.find(quote as char)?;
        let text = &line.text[start + 1..close];
        let after = close + 1;
        let style = if quote == b'"' {
            if text.contains('\\') {
                return None;
            }
            ScalarStyle::DoubleQuoted
        } else {
            if line.text.as_bytes().get(after) == Some(&b'\'') {
                return None;
            }
            ScalarStyle::SingleQuoted
        };
        // The general parser's place of a quoted scalar takes in the
        // spaces after it and, in block context, a comment.
        let mut end = line.skip_spaces(after);
        if !in_flow && end > after && line.text.as_bytes().get(end) == Some(&b'#') {
            end = line.text.len();
        }
        self.scalar(text, style, (line, start, end))?;
        Some(after)
    }

    /// A flow collection that closes on its line, starting at the bracket
    /// at byte `start`. Returns the byte after the closing bracket.
    fn flow(&mut self, line: Line<'t>, start: usize) -> Option<usize> {
        self.deeper()?;
        let bytes = line.text.as_bytes();
        let is_mapping = bytes[start] == b'{';
        let (open, close, end_event) = if is_mapping {
            (Event::MappingStart(0, None), b'}', Event::MappingEnd)
        } else {
            (Event::SequenceStart(0, None), b']', Event::SequenceEnd)
        };
        // The general parser's place of a bracket takes in the spaces after it.
        let mut at = line.skip_spaces(start + 1);
        self.emit(open, (line, start, at))?;
        if bytes.get(at) != Some(&close) {
            loop {
                if is_mapping {
                    at = self.flow_key(line, at)?;
                }
                at = line.skip_spaces(self.flow_node(line, at)?);
                match bytes.get(at) {
                    Some(b',') => at = line.skip_spaces(at + 1),
                    Some(&b) if b == close => break,
                    _ => return None,
                }
                if bytes.get(at).is_none_or(|&b| b == close) {
                    return None;
                }
            }
        }
        self.depth -= 1;
        self.close(end_event)?;
        Some(at + 1)
    }

    /// A key of a flow mapping, `key: `, at byte `at`. Returns where its
    /// value starts.
    fn flow_key(&mut self, line: Line<'t>, at: usize) -> Option<usize> {
        let end = self.flow_plain(line, at)?;
        let bytes = line.text.as_bytes();
        (bytes.get(end) == Some(&b':') && bytes.get(end + 1) == Some(&b' ')).then_some(())?;
        Some(line.skip_spaces(end + 1))
    }

    /// A value inside a flow collection at byte `at`. Returns the byte
    /// after it.
    fn flow_node(&mut self, line: Line<'t>, at: usize) -> Option<usize> {
        match line.text.as_bytes().get(at)? {
            b'[' | b'{' => self.flow(line, at),
            b'"' | b'\'' => self.quoted(line, at, true),
            _ => self.flow_plain(line, at),
        }
    }

    /// A plain scalar inside a flow collection at byte `at`, up to the
    /// next `,`, bracket or brace. Returns the byte after it.
    fn flow_plain(&mut self, line: Line<'t>, at: usize) -> Option<usize> {
        let bytes = line.text.as_bytes();
        if !starts_plain(&bytes[at..]) {
            return None;
        }
        let stop = bytes[at..]
            .iter()
            .position(|&b| ends_flow_plain(b))
            .map_or(bytes.len(), |n| at + n);
        if bytes.get(stop).is_some_and(|&b| b == b'#') {
            return None;
        }
        // A word `-` right before a bracket or comma is an error to the
        // general parser, as at the start of the value.
        if stop < bytes.len() && line.text[at..stop].ends_with(" -") {
            return None;
        }
        let end = at + line.text[at..stop].trim_end_matches(' ').len();
        self.scalar(&line.text[at..end], ScalarStyle::Plain, (line, at, end))?;
        Some(end)
    }

    /// A block sequence whose entries' dashes stand at `column`. An
    /// indentless one (the value of a key at the same column) starts, for
    /// the general parser, where its first entry's value does.
    fn block_sequence(&mut self, column: usize, indentless: bool) -> Option<()> {
        self.deeper()?;
        let mut first = true;
        loop {
            let line = self.line?;
            let start = line.skip_spaces(column + 1);
            if start == column + 1 || line.ends_at(column + 1) || line.is_entry(start) {
                return None;
            }
            if first {
                let at = if indentless { start } else { column };
                self.emit(Event::SequenceStart(0, None), (line, at, at))?;
                first = false;
            }
            if line.key(start).is_some() {
                self.block_mapping(start)?;
            } else {
                self.inline_value(line, column, start)?;
            }
            match self.line {
                Some(next) if next.indent == column && next.is_entry(column) => {}
                Some(next) if next.indent > column || (next.indent == column && !indentless) => {
                    return None;
                }
                _ => break,
            }
        }
        self.depth -= 1;
        self.close(Event::SequenceEnd)
    }
}

/// Whether a line at the margin is a document marker, `---` or `...`.
fn is_marker(content: &str) -> bool {
    let bytes = content.as_bytes();
    (bytes.starts_with(b"---") || bytes.starts_with(b"..."))
        && matches!(bytes.get(3), None | Some(b' '))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;
    use saphyr_parser::Parser;

    use super::*;

    type Events<'t> = Vec<(Event<'t>, Spot)>;

    /// The events the builder acts on, with their places, as saphyr-parser
    /// gives them; `None` for a text it refuses.
    fn general(text: &str) -> Option<Events<'_>> {
        let mut parser = Parser::new_from_str(text);
        let mut events = Vec::new();
        while let Some(next) = parser.next_event() {
            let (event, span) = next.ok()?;
            match event {
                Event::MappingEnd | Event::SequenceEnd => events.push((event, Spot::NONE)),
                Event::Scalar(..) | Event::MappingStart(..) | Event::SequenceStart(..) => {
                    events.push((event, Spot::of(&span)));
                }
                _ => {}
            }
        }
        Some(events)
    }

    fn quick(text: &str) -> Option<Events<'_>> {
        let mut events = Vec::new();
        read(text, |event, spot| {
            events.push((event, spot));
            Ok::<(), ()>(())
        })?;
        Some(events)
    }

    /// Asserts that a text the quick reader reads is read the same by the
    /// general parser; says whether the quick reader read it.
    fn agrees(text: &str) -> bool {
        let Some(events) = quick(text) else {
            return false;
        };
        assert_eq!(
            Some(&events),
            general(text).as_ref(),
            "the two readers differ on {text:?}"
        );
        true
    }

    /// The YAML of every record file under the project's record folders:
    /// a `.yaml` file whole, a `.md` file's front matter.
    fn record_texts() -> &'static [String] {
        static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        TEXTS.get_or_init(read_record_texts)
    }

    fn read_record_texts() -> Vec<String> {
        let base = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for folder in ["sample-data", "tests/fixtures", "tests/fuzz-regressions"] {
            for entry in walkdir::WalkDir::new(base.join(folder)).sort_by_file_name() {
                let Ok(entry) = entry else { continue };
                let Ok(bytes) = std::fs::read(entry.path()) else {
                    continue;
                };
                let text = String::from_utf8_lossy(&bytes).into_owned();
                match entry.path().extension().and_then(|e| e.to_str()) {
                    Some("yaml" | "yml") => texts.push(text),
                    Some("md") => {
                        let front = text
                            .strip_prefix("---\n")
                            .and_then(|t| t.split_once("\n---"));
                        texts.extend(front.map(|(yaml, _)| format!("{yaml}\n")));
                    }
                    _ => {}
                }
            }
        }
        texts
    }

    #[test]
    fn reads_the_record_files_as_the_general_parser_does() {
        let texts = record_texts();
        let read = texts.iter().filter(|text| agrees(text)).count();
        assert!(texts.len() > 200, "only {} record files found", texts.len());
        // Most records have the common shape; the rest are left to the
        // general parser.
        assert!(read * 2 > texts.len(), "{read} of {} read", texts.len());
    }

    #[test]
    fn reads_a_typical_record_without_the_general_parser() {
        let pledge = "unit: u02235\nmade: 2024-03-15   # 承诺日期\nitems:\n  - text: 完成危房改造10户\n    due: 2024-09-28\n    status: partial\n  - {text: 建设服务站, due: 2024-12-28, status: done}\n  - text: '规范村级财务公开'\n    note: \"按季度\"\n";
        assert!(agrees(pledge));
        let roster = "- {id: u00000, name: 第0村党支部, short: 第0村, kind: village}\n- id: u00001\n  name: 第1村党支部\n";
        assert!(agrees(roster));
    }

    #[test]
    fn places_brackets_and_quoted_values_as_the_general_parser_does() {
        // The general parser's place of `{` takes in the spaces after it,
        // and that of a quoted value the spaces and the comment after it.
        for text in [
            "- { text: 事项5, status: done}\n",
            "a: [  x ,  'y'  ]\n",
            "a:   'q'   # 注\n",
            "a: \"q\"   \nb: 1\n",
        ] {
            assert!(agrees(text), "left {text:?} to the general parser");
        }
    }

    #[test]
    fn leaves_the_rest_to_the_general_parser() {
        for text in [
            "a: |\n  text\n",
            "a: &x 1\nb: *x\n",
            "a:\tb\n",
            "a: b\n  c\n",
            "--- \na: 1\n",
            "a: \"x\\ny\"\n",
            "a: 'it''s'\n",
            "a: [1,\n  2]\n",
            "a: b: c\n",
            "a: 1\n a: 2\n",
            "a: [x -, b]\n",
            "a: {k: [x -], y: z}\n",
            &format!("{}{}: v\n", "k".repeat(1000), " ".repeat(25)),
        ] {
            assert!(quick(text).is_none(), "read {text:?}");
            agrees(text);
        }
    }

    /// Keys of the shape read here, and others.
    const KEYS: [&str; 14] = [
        "a", "b", "键", "-k", "k#x", "1", "~", "k:x", "a b", "x  ", "\"q\"", "?k", "a #b", "[k]",
    ];

    /// Values of the shape read here.
    const SHAPED: [&str; 24] = [
        "v",
        "v w",
        "v  w  ",
        "完成10户",
        "1",
        "-1",
        "--",
        "a:b",
        "v # c",
        "v#c",
        "\"q\"",
        "\"q\" # 注",
        "'q'",
        "\"a: b # c\"",
        "[a, b]",
        "[ a , b ]",
        "[]",
        "{}",
        "{a: 1}",
        "{ a: 1 ,b: [x, {c: d}]}",
        "[\"x\" , 'y'  ]",
        "[-a, b c]",
        "#c",
        "",
    ];

    /// Values the general parser alone reads, or refuses.
    const OTHER: [&str; 28] = [
        "- x",
        "[a -]",
        "{a: b -}",
        "-",
        "a: b",
        "a:",
        "\"q\"#c",
        "\"a\\\"b\"",
        "'it''s'",
        "'a'b",
        "[a,b]",
        "[a, ]",
        "{a:1}",
        "{a}",
        "{a: }",
        "[a: 1]",
        "[a] b",
        "[a # c]",
        "[-a, -]",
        "*x",
        "&a v",
        "!t v",
        "|",
        ">",
        ":a",
        "?a",
        "%x",
        "@x",
    ];

    /// A line of a generated text: an indent, a form and what fills it.
    fn line() -> impl Strategy<Value = String> {
        let indents = prop::sample::select(&[0usize, 0, 0, 2, 2, 2, 4, 4, 1, 3, 6][..]);
        let keys = prop_oneof![6 => 0..9usize, 1 => 9..KEYS.len()].prop_map(|k| KEYS[k]);
        let values = prop_oneof![
            8 => prop::sample::select(&SHAPED[..]),
            1 => prop::sample::select(&OTHER[..]),
        ];
        (indents, 0usize..11, keys, values).prop_map(|(indent, form, key, value)| {
            let content = match form {
                0 | 1 => format!("{key}: {value}"),
                2 => format!("{key}:"),
                3 => format!("- {value}"),
                4 | 5 => format!("- {key}: {value}"),
                6 => "# comment".to_owned(),
                7 => String::new(),
                8 => format!("{key}:   {value}   # c"),
                9 => format!("-   {key}:"),
                _ => ["-", "---", value][indent % 3].to_owned(),
            };
            format!("{}{content}", " ".repeat(indent))
        })
    }

    /// A document to write out in block style.
    #[derive(Debug, Clone)]
    enum Tree {
        Scalar(&'static str),
        Map(Vec<(&'static str, Tree)>),
        Seq(Vec<Tree>),
    }

    fn tree() -> impl Strategy<Value = Tree> {
        let keys = prop_oneof![6 => 0..9usize, 1 => 9..KEYS.len()].prop_map(|k| KEYS[k]);
        let leaf = prop_oneof![
            8 => prop::sample::select(&SHAPED[..]),
            1 => prop::sample::select(&OTHER[..]),
        ]
        .prop_map(Tree::Scalar);
        leaf.prop_recursive(4, 24, 4, move |inner| {
            prop_oneof![
                proptest::collection::vec((keys.clone(), inner.clone()), 1..4).prop_map(Tree::Map),
                proptest::collection::vec(inner, 1..4).prop_map(Tree::Seq),
            ]
        })
    }

    /// Writes `tree` as the value of a key, of a sequence entry or of the
    /// document at `indent`; `style` picks among the ways YAML allows.
    fn write(tree: &Tree, indent: usize, style: &mut impl Iterator<Item = bool>, out: &mut String) {
        let pad = " ".repeat(indent);
        match tree {
            Tree::Scalar(value) => {
                out.push_str(value);
                out.push('\n');
            }
            Tree::Map(entries) => {
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(&pad);
                    }
                    out.push_str(key);
                    out.push(':');
                    match value {
                        Tree::Scalar(_) => {
                            out.push(' ');
                            write(value, indent, style, out);
                        }
                        Tree::Seq(_) if style.next().unwrap_or(false) => {
                            out.push('\n');
                            out.push_str(&pad);
                            write(value, indent, style, out);
                        }
                        _ => {
                            out.push('\n');
                            out.push_str(&" ".repeat(indent + 2));
                            write(value, indent + 2, style, out);
                        }
                    }
                }
            }
            Tree::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(&pad);
                    }
                    let wide = style.next().unwrap_or(false);
                    out.push_str(if wide { "-   " } else { "- " });
                    write(item, indent + if wide { 4 } else { 2 }, style, out);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn generated_texts_are_read_as_the_general_parser_reads_them(
            lines in proptest::collection::vec(line(), 1..10),
        ) {
            agrees(&(lines.join("\n") + "\n"));
        }

        #[test]
        fn written_trees_are_read_as_the_general_parser_reads_them(
            tree in tree(),
            styles in proptest::collection::vec(any::<bool>(), 16),
            comments in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..4), 0..3),
        ) {
            let mut text = String::new();
            write(&tree, 0, &mut styles.into_iter(), &mut text);
            let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
            for (at, kind) in comments {
                let at = at.index(lines.len() + 1);
                lines.insert(at, ["", "# 注", "   # c", "  "][kind].to_owned());
            }
            agrees(&(lines.join("\n") + "\n"));
        }

        #[test]
        fn edited_record_files_are_read_as_the_general_parser_reads_them(
            file in any::<prop::sample::Index>(),
            edits in proptest::collection::vec(
                (any::<prop::sample::Index>(), prop::sample::select(&[
                    " ", "  ", "\n", "-", ":", ": ", "#", " #", "'", "\"", "[", "]", "{", "}",
                    ",", "\\", "完", "\n  ", "\n- ", "&", "*", "?", "---\n",
                ][..])),
                1..4,
            ),
        ) {
            let texts = record_texts();
            let mut text = file.get(texts).clone();
            for (at, insert) in edits {
                let mut at = at.index(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.insert_str(at, insert);
            }
            agrees(&text);
        }
    }
}
