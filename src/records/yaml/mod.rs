//! The one module that reads YAML.
//!
//! Everything else in annals sees YAML only as a [`Node`] tree and addresses
//! places in it by a [`YamlPath`]. [`parse`] reads a text with
//! `saphyr-parser` (a pure-Rust parser that passes the YAML test suite) and
//! builds, from its events and in the same pass, the tree and the place of
//! every node ([`build`]); the common shape of a record file gets the same
//! events from [`quick`], without saphyr-parser's scanner; scalars get
//! their meaning in [`scalar`]. A
//! diagnostic is placed by looking its path up in the [`Positions`] of the
//! document, so no text is ever parsed twice to find a line and column.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

mod build;
mod lenient;
mod quick;
mod scalar;

/// A parsed YAML value, as annals needs it: mapping keys are text and keep the
/// order they were written in, and a key written twice is a syntax error.
/// Its texts borrow from the text parsed where they stand in it unchanged
/// (every text of a file that [`quick`] reads), so a record file's tree
/// copies little.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    /// `~`, `null` or nothing at all.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// Any other scalar.
    Str(Cow<'a, str>),
    /// A block or flow sequence.
    Seq(Vec<Node<'a>>),
    /// A block or flow mapping, in written order.
    Map(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl Node<'_> {
    /// The same value owning its texts.
    pub fn into_owned(self) -> Node<'static> {
        let owned = |text: Cow<'_, str>| Cow::Owned(text.into_owned());
        match self {
            Node::Null => Node::Null,
            Node::Bool(b) => Node::Bool(b),
            Node::Int(i) => Node::Int(i),
            Node::Float(f) => Node::Float(f),
            Node::Str(text) => Node::Str(owned(text)),
            Node::Seq(items) => Node::Seq(items.into_iter().map(Node::into_owned).collect()),
            Node::Map(entries) => Node::Map(
                entries
                    .into_iter()
                    .map(|(key, value)| (owned(key), value.into_owned()))
                    .collect(),
            ),
        }
    }

    /// The word a diagnostic uses for this kind of value ("a mapping", "text" …).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Node::Null => "nothing",
            Node::Bool(_) => "true/false",
            Node::Int(_) => "a whole number",
            Node::Float(_) => "a number",
            Node::Str(_) => "text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }
}

/// The deepest nesting of brackets (`[`, `{`) anywhere in the text: a cheap
/// look before parsing, as the scanner slows down on deep nesting.
/// Quotes are not followed (an apostrophe in a comment must not hide a
/// bomb), so brackets in text count too; the limit is far above both real
/// text and the builder's own limit of [`build::MAX_NESTING`] levels, which
/// reports real nesting with its place.
fn flow_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for c in text.bytes() {
        match c {
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Deeper than this, a document is refused before parsing.
const MAX_DEPTH: usize = 1000;

/// A YAML syntax error with the place where the parser gave up.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// What the parser says is wrong, without the position.
    pub message: String,
    /// 1-based line in the parsed text, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters) in the parsed text, when known.
    pub column: Option<usize>,
    /// What the parser was reading when it failed, and where that began
    /// (1-based line and column): "while parsing a flow sequence", 4, 16.
    pub within: Option<(String, usize, usize)>,
}

impl SyntaxError {
    fn at(message: &str, spot: Spot) -> Self {
        SyntaxError {
            message: message.to_owned(),
            line: Some(spot.line as usize),
            column: Some(spot.column as usize),
            within: None,
        }
    }
}

/// One parsed document: its value, and the place of each of its nodes.
#[derive(Debug)]
pub struct Document<'a> {
    /// The value.
    pub root: Node<'a>,
    /// The place of every node of `root` in pre-order (a node, then its
    /// children; for a mapping, each entry's value with its key's place).
    /// The nodes an alias copies are all placed at the alias.
    places: Vec<Spots>,
}

impl Document<'_> {
    /// The same document owning its texts.
    fn into_owned(self) -> Document<'static> {
        Document {
            root: self.root.into_owned(),
            places: self.places,
        }
    }

    /// The positions of every key and value, for diagnostics.
    pub fn positions(&self) -> Positions {
        self.positions_at(&YamlPath::root())
    }

    /// The positions of a document that stands at `at` in its text (an
    /// item that [`parse_items`] handed over on its own).
    pub fn positions_at(&self, at: &YamlPath) -> Positions {
        let mut index = HashMap::with_capacity(self.places.len());
        let mut next = 0;
        let mut path = at.steps().to_vec();
        self.index(&self.root, &mut path, &mut next, &mut index);
        Positions { index }
    }

    fn index(
        &self,
        node: &Node,
        path: &mut Vec<Step>,
        next: &mut usize,
        index: &mut HashMap<Vec<Step>, (Option<Place>, Place)>,
    ) {
        let Some(spots) = self.places.get(*next) else {
            return;
        };
        *next += 1;
        index.entry(path.clone()).or_insert((
            spots.key.place(),
            spots.value.place().unwrap_or(Place::START),
        ));
        let mut child = |step: Step, node: &Node, next: &mut usize| {
            path.push(step);
            self.index(node, path, next, index);
            path.pop();
        };
        match node {
            Node::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    child(Step::Index(i), item, next);
                }
            }
            Node::Map(entries) => {
                for (key, value) in entries {
                    child(Step::Key(Cow::Owned(key.to_string())), value, next);
                }
            }
            _ => {}
        }
    }
}

/// Parses one YAML document. An empty text is [`Node::Null`].
pub fn parse(text: &str) -> Result<Document<'_>, SyntaxError> {
    parse_with(text, None)
}

/// Parses one YAML document, handing each item of a root sequence to
/// `each` (with its index, from 0) as a document of its own as soon as it
/// is read, so that a long file of records never stands whole in memory;
/// the document returned leaves those items out. A text that must be read
/// again (see [`lenient`]) hands its items over again from index 0.
pub fn parse_items<'t>(text: &'t str, each: Sink<'_>) -> Result<Document<'t>, SyntaxError> {
    parse_with(text, Some(each))
}

fn parse_with<'t>(text: &'t str, mut each: Option<Sink<'_>>) -> Result<Document<'t>, SyntaxError> {
    if flow_depth(text) > MAX_DEPTH {
        return Err(SyntaxError {
            message: format!("the brackets are nested more than {MAX_DEPTH} levels deep"),
            line: None,
            column: None,
            within: None,
        });
    }
    let mut error = match build::Builder::new(text, sink(&mut each)).run(text) {
        Err(e) => e,
        read => return read,
    };
    // Each repair costs a parse of the text again: a few for a large
    // file, many for a small one. A repaired text is the parse's own, so
    // its document is made to own its texts.
    let mut retries = (16 * 1024 * 1024 / text.len().max(1)).clamp(3, 1000);
    let mut source = Cow::Borrowed(text);
    while retries > 0 {
        let Some(repaired) = lenient::repair(&source, &error) else {
            break;
        };
        retries -= 1;
        let read = build::Builder::new(&repaired, sink(&mut each)).run(&repaired);
        match read {
            Ok(document) => return Ok(document.into_owned()),
            Err(e) => error = e,
        }
        source = Cow::Owned(repaired);
    }
    Err(error)
}

/// Where the items of a root sequence go as they are read (see
/// [`parse_items`]): each item borrows the text only while it is handed
/// over.
pub type Sink<'e> = &'e mut dyn for<'d> FnMut(usize, Document<'d>);

/// `each` lent to one parse.
fn sink<'e>(each: &'e mut Option<Sink<'_>>) -> Option<Sink<'e>> {
    match each {
        Some(f) => Some(&mut **f),
        None => None,
    }
}

/// One step from a node to a child: a mapping key or a sequence index (0-based).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// The value under this key of a mapping: a field's name is borrowed,
    /// so that a path made for every value read costs no copy of it.
    Key(Cow<'static, str>),
    /// The n-th item (from 0) of a sequence.
    Index(usize),
}

/// Where a value sits in a document: the steps from the root.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YamlPath(Vec<Step>);

impl YamlPath {
    /// The document's root.
    pub fn root() -> Self {
        YamlPath(Vec::new())
    }
    /// This path, one key further.
    pub fn key(&self, key: &str) -> Self {
        self.then(Step::Key(Cow::Owned(key.to_owned())))
    }
    /// This path, one field further: a key known to the program.
    pub fn field(&self, name: &'static str) -> Self {
        self.then(Step::Key(Cow::Borrowed(name)))
    }
    /// This path, one sequence item further.
    pub fn index(&self, index: usize) -> Self {
        self.then(Step::Index(index))
    }
    fn then(&self, step: Step) -> Self {
        let mut steps = Vec::with_capacity(self.0.len() + 1);
        steps.extend_from_slice(&self.0);
        steps.push(step);
        YamlPath(steps)
    }
    /// The steps from the root.
    pub fn steps(&self) -> &[Step] {
        &self.0
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{}]", n + 1)?,
            }
        }
        Ok(())
    }
}

/// Which part of a mapping entry a diagnostic points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The key itself (`status` in `status: finished`): for unknown keys.
    Key,
    /// The value (`finished`): for wrong values.
    Value,
}

/// A place in the text: 1-based line, 1-based column in characters, and how
/// many characters to underline (at least 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Characters to underline on that line.
    pub width: usize,
}

impl Place {
    /// The first character of a text: where a diagnostic about a value
    /// with no place of its own (an empty document) points.
    pub const START: Place = Place {
        line: 1,
        column: 1,
        width: 1,
    };
}

/// A [`Place`] as the builder keeps it for every node: a third of the size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Spot {
    line: u32,
    column: u32,
    width: u32,
}

impl Spot {
    /// No place (the key of a node that is not a mapping's value).
    const NONE: Spot = Spot {
        line: 0,
        column: 0,
        width: 0,
    };

    fn at(line: usize, column: usize) -> Spot {
        Spot {
            line: narrow(line),
            column: narrow(column),
            width: 1,
        }
    }

    /// Where a parser event begins, underlining it when it fits one line.
    fn of(span: &saphyr_parser::Span) -> Spot {
        let (start, end) = (span.start, span.end);
        let end = if end.line() == start.line() {
            end.col()
        } else {
            start.col()
        };
        Spot::token(start.line(), start.col(), end)
    }

    /// The place of what lies on `line` (1-based) from 0-based column
    /// `start` to `end`, underlining at least one character.
    fn token(line: usize, start: usize, end: usize) -> Spot {
        Spot {
            width: narrow(end.saturating_sub(start).max(1)),
            ..Spot::at(line, start + 1)
        }
    }

    fn place(self) -> Option<Place> {
        (self.line > 0).then_some(Place {
            line: self.line as usize,
            column: self.column as usize,
            width: self.width as usize,
        })
    }
}

fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where one node is: its value and, for a mapping's value, its key.
#[derive(Debug, Clone, Copy)]
struct Spots {
    value: Spot,
    key: Spot,
}

/// The source positions of every key and value of one document, looked up
/// by path when diagnostics are placed.
pub struct Positions {
    /// Key place and value place of each path.
    index: HashMap<Vec<Step>, (Option<Place>, Place)>,
}

impl Positions {
    /// Reads the positions of `text`; a text that does not parse has none.
    pub fn of(text: &str) -> Positions {
        match parse(text) {
            Ok(document) => document.positions(),
            Err(_) => Positions {
                index: HashMap::new(),
            },
        }
    }

    /// The place of the key or value at `path`, or of the nearest enclosing
    /// node that exists (a missing key points at its mapping).
    pub fn find(&self, path: &YamlPath, part: Part) -> Option<Place> {
        let mut steps = path.steps();
        loop {
            if let Some((key, value)) = self.index.get(steps) {
                return Some(match (part, key) {
                    (Part::Key, Some(k)) if steps.len() == path.steps().len() => *k,
                    _ => *value,
                });
            }
            steps = steps.split_last()?.1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_scalars_sequences_and_ordered_mappings() {
        let node = parse("b: 1\na: [x, 2.5, true, ~]\n").unwrap().root;
        assert_eq!(
            node,
            Node::Map(vec![
                ("b".into(), Node::Int(1)),
                (
                    "a".into(),
                    Node::Seq(vec![
                        Node::Str("x".into()),
                        Node::Float(2.5),
                        Node::Bool(true),
                        Node::Null
                    ])
                ),
            ])
        );
    }

    #[test]
    fn dates_stay_text() {
        assert_eq!(
            parse("made: 2024-02-20").unwrap().root,
            Node::Map(vec![("made".into(), Node::Str("2024-02-20".into()))])
        );
    }

    #[test]
    fn a_key_written_twice_is_an_error_with_its_line() {
        let err = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert!(err.message.contains("`a` is written twice"), "{err:?}");
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!("a: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        let err = parse(&deep).unwrap_err();
        assert!(
            err.message.contains("nested more than 1000 levels"),
            "{err:?}"
        );
        assert!(parse("a: '[[[[[[[[[['\nb: [[1]]").is_ok());
        let hidden = format!("a: 1 # it's\nb: {}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(parse(&hidden).is_err());
    }

    #[test]
    fn aliases_cannot_expand_without_bound() {
        let wide: Vec<String> = (0..2000).map(|_| "x".to_owned()).collect();
        let refs: Vec<String> = (0..2000).map(|_| "*a".to_owned()).collect();
        let bomb = format!("a: &a [{}]\nb: [{}]\n", wide.join(","), refs.join(","));
        let err = parse(&bomb).unwrap_err();
        assert!(
            err.message.contains("expands to far more values"),
            "{err:?}"
        );
        // A few aliases are fine.
        assert!(parse("a: &a [1, 2]\nb: [*a, *a]\n").is_ok());
    }

    #[test]
    fn many_keys_are_read_once_each() {
        let text: String = (0..50_000).map(|i| format!("k{i}: {i}\n")).collect();
        let Node::Map(entries) = parse(&text).unwrap().root else {
            panic!("a mapping")
        };
        assert_eq!(entries.len(), 50_000);
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.line.is_some());
        assert!(!err.message.contains(" at line "));
    }

    fn error_at(text: &str) -> (String, Option<usize>, Option<usize>) {
        let err = parse(text).unwrap_err();
        (err.message, err.line, err.column)
    }

    #[test]
    fn errors_of_values_point_at_the_value() {
        let (message, line, column) = error_at("a: 1\nvotes: 99999999999999999999\n");
        assert_eq!(message, "the number 99999999999999999999 is too large");
        assert_eq!((line, column), (Some(2), Some(8)));
        let (message, line, _) = error_at("a: 1\nb: !custom x\n");
        assert!(
            message.contains("tag `!custom` has no meaning"),
            "{message}"
        );
        assert_eq!(line, Some(2));
        let (message, ..) = error_at("a: !!int many\n");
        assert!(message.contains("a whole number"), "{message}");
        let (message, line, _) = error_at("a: 1\n? [x]\n: 2\n");
        assert_eq!(message, "a key must be a plain word, not a list");
        assert_eq!(line, Some(2));
    }

    #[test]
    fn core_tags_and_quotes_decide_the_type() {
        let node = parse("a: !!str 45\nb: '45'\nc: !!float 1\nd: |\n  true\n")
            .unwrap()
            .root;
        assert_eq!(
            node,
            Node::Map(vec![
                ("a".into(), Node::Str("45".into())),
                ("b".into(), Node::Str("45".into())),
                ("c".into(), Node::Float(1.0)),
                ("d".into(), Node::Str("true\n".into())),
            ])
        );
        let keys = parse("1: a\ntrue: b\n").unwrap().root;
        assert_eq!(
            keys,
            Node::Map(vec![
                ("1".into(), Node::Str("a".into())),
                ("true".into(), Node::Str("b".into())),
            ])
        );
    }

    #[test]
    fn a_tab_after_a_colon_separates_as_a_space_does() {
        let node = parse("a:\tb\nc:\t\t1\nd:\t\"x\ty\"\n").unwrap().root;
        assert_eq!(
            node,
            Node::Map(vec![
                ("a".into(), Node::Str("b".into())),
                ("c".into(), Node::Int(1)),
                ("d".into(), Node::Str("x\ty".into())),
            ])
        );
        let pos = parse("a: 1\nb:\tvalue\n").unwrap().positions();
        let b = YamlPath::root().key("b");
        assert_eq!(
            pos.find(&b, Part::Value).map(|p| (p.line, p.column)),
            Some((2, 4))
        );
    }

    #[test]
    fn a_second_document_is_an_error() {
        let (message, line, _) = error_at("a: 1\n---\nb: 2\n");
        assert!(message.contains("second YAML document"), "{message}");
        assert_eq!(line, Some(2));
        assert!(parse("---\na: 1\n...\n").is_ok());
    }

    #[test]
    fn nesting_past_the_limit_is_an_error_with_its_place() {
        let mut text = String::new();
        for depth in 0..200 {
            text.push_str(&format!("{}a:\n", "  ".repeat(depth)));
        }
        let (message, line, _) = error_at(&text);
        assert!(message.contains("nested more than 128 levels"), "{message}");
        assert_eq!(line, Some(129));
        // Aliases cannot nest deeper than the text does.
        let mut aliases = String::from("a0: &a0 [x]\n");
        for i in 1..200 {
            aliases.push_str(&format!("a{i}: &a{i} [*a{}]\n", i - 1));
        }
        let (message, line, _) = error_at(&aliases);
        assert!(message.contains("nested more than 128 levels"), "{message}");
        assert_eq!(line, Some(128));
    }

    #[test]
    fn a_repeated_key_of_a_long_mapping_is_found() {
        let mut text: String = (0..1000).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k500: again\n");
        let (message, line, column) = error_at(&text);
        assert!(message.contains("`k500` is written twice"), "{message}");
        assert_eq!((line, column), (Some(1001), Some(1)));
    }

    #[test]
    fn items_read_again_by_the_general_parser_are_handed_over_again_from_the_first() {
        // The quick reader hands over the first two items, then gives up at
        // the block scalar; saphyr-parser reads the text from the start.
        let text = "- {unit: a}\n- unit: b\n- unit: c\n  note: |\n    多行\n";
        let mut handed = Vec::new();
        parse_items(text, &mut |i, item| {
            handed.push((i, item.root.into_owned()))
        })
        .unwrap();
        let indices: Vec<usize> = handed.iter().map(|(i, _)| *i).collect();
        assert_eq!(indices, [0, 1, 0, 1, 2]);
        let last = &handed[4].1;
        let Node::Map(entries) = last else {
            panic!("not a mapping: {last:?}")
        };
        assert_eq!(entries[1], ("note".into(), Node::Str("多行\n".into())));
    }

    #[test]
    fn an_unclosed_bracket_names_where_it_opened() {
        let err = parse("a: 1\nb: {x: 1, y: 2\nc: 3\n").unwrap_err();
        assert_eq!(err.message, "did not find expected ',' or '}'");
        assert_eq!(
            err.within,
            Some(("while parsing a flow mapping".into(), 2, 4))
        );
        // Past the end of the text, the error is placed where the list began.
        let err = parse("a: [1, 2").unwrap_err();
        assert_eq!((err.line, err.column), (Some(1), Some(4)));
    }

    #[test]
    fn positions_come_from_the_same_parse() {
        let document = parse("a: &x [1, 2]\nb: *x\nc:\n  d: 3\n").unwrap();
        let pos = document.positions();
        let d = YamlPath::root().key("c").key("d");
        assert_eq!(
            pos.find(&d, Part::Value).map(|p| (p.line, p.column)),
            Some((4, 6))
        );
        assert_eq!(
            pos.find(&d, Part::Key).map(|p| (p.line, p.column)),
            Some((4, 3))
        );
        // What an alias copies is placed at the alias.
        let copied = YamlPath::root().key("b").index(1);
        assert_eq!(
            pos.find(&copied, Part::Value).map(|p| (p.line, p.column)),
            Some((2, 4))
        );
        let missing = YamlPath::root().key("e");
        assert_eq!(pos.find(&missing, Part::Value).map(|p| p.line), Some(1));
    }

    #[test]
    fn finds_keys_and_values_in_block_and_flow_style() {
        let text = "unit: leifan\nitems:\n  - text: 广场\n    status: finished\n  - {text: b, status: done}\n";
        let pos = Positions::of(text);
        let status = YamlPath::root().key("items").index(0).key("status");
        assert_eq!(
            pos.find(&status, Part::Value),
            Some(Place {
                line: 4,
                column: 13,
                width: 8
            })
        );
        assert_eq!(
            pos.find(&status, Part::Key),
            Some(Place {
                line: 4,
                column: 5,
                width: 6
            })
        );
        let flow = YamlPath::root().key("items").index(1).key("status");
        assert_eq!(
            pos.find(&flow, Part::Value).map(|p| (p.line, p.column)),
            Some((5, 23))
        );
        let chinese = YamlPath::root().key("items").index(0).key("text");
        assert_eq!(pos.find(&chinese, Part::Value).map(|p| p.width), Some(2));
    }

    #[test]
    fn a_missing_key_points_at_its_mapping() {
        let text = "items:\n  - text: a\n";
        let pos = Positions::of(text);
        let missing = YamlPath::root().key("items").index(0).key("status");
        assert_eq!(pos.find(&missing, Part::Key).map(|p| p.line), Some(2));
    }
}
