//! The one module that reads YAML.
//!
//! Everything else in annals sees YAML only as a [`Node`] tree and addresses
//! places in it by a [`YamlPath`]. Parsing goes through serde (today
//! `serde_yaml`), so a maintained serde YAML parser such as `serde-saphyr` can
//! replace it by changing [`parse`] alone.
//!
//! serde does not carry source positions, so positions are found only when a
//! diagnostic needs one: [`Positions::of`] re-reads the text with
//! `saphyr-parser`, whose events carry spans, and looks the path up. The fast
//! path (a valid record) therefore parses each file exactly once.

use std::fmt;

use std::cell::Cell;
use std::collections::HashSet;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A parsed YAML value, as annals needs it: mapping keys are text and keep the
/// order they were written in, and a key written twice is a syntax error.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `~`, `null` or nothing at all.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// Any other scalar.
    Str(String),
    /// A block or flow sequence.
    Seq(Vec<Node>),
    /// A block or flow mapping, in written order.
    Map(Vec<(String, Node)>),
}

impl Node {
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

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        i64::try_from(v)
            .map(Node::Int)
            .map_err(|_| E::custom(format!("the number {v} is too large")))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            spend::<A::Error>()?;
            items.push(item);
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries: Vec<(String, Node)> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<Node>()? {
            let key = match key {
                Node::Str(s) => s,
                Node::Int(i) => i.to_string(),
                Node::Bool(b) => b.to_string(),
                other => {
                    return Err(de::Error::custom(format!(
                        "a key must be a plain word, not {}",
                        other.kind_name()
                    )));
                }
            };
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!(
                    "the key `{key}` {DUPLICATE_KEY}"
                )));
            }
            let value = map.next_value()?;
            spend::<A::Error>()?;
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }
}

const DUPLICATE_KEY: &str = "is written twice in the same mapping";

thread_local! {
    /// How many more list items and mapping entries the document being
    /// parsed may hold: aliases can make a small text expand without bound.
    static BUDGET: Cell<u64> = const { Cell::new(u64::MAX) };
}

/// Counts one list item or mapping entry against the budget.
fn spend<E: de::Error>() -> Result<(), E> {
    BUDGET.with(|budget| match budget.get() {
        0 => Err(E::custom(
            "the document expands to far more values than it has text (aliases `*name` repeated?)",
        )),
        left => {
            budget.set(left - 1);
            Ok(())
        }
    })
}

/// The deepest nesting of brackets (`[`, `{`) anywhere in the text: a cheap
/// look before parsing, as the parser slows down badly on deep nesting.
/// Quotes are not followed (an apostrophe in a comment must not hide a
/// bomb), so brackets in text count too; the limit is far above both real
/// text and the parser's own limit of 128 levels, which reports real
/// nesting with its place.
fn flow_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '[' | '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ']' | '}' => depth = depth.saturating_sub(1),
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

/// Parses one YAML document. An empty text is [`Node::Null`].
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    if text.trim().is_empty() {
        return Ok(Node::Null);
    }
    if flow_depth(text) > MAX_DEPTH {
        return Err(SyntaxError {
            message: format!("the brackets are nested more than {MAX_DEPTH} levels deep"),
            line: None,
            column: None,
            within: None,
        });
    }
    // Every value of a real record stands in its text: allow ten times as
    // many values as the text has bytes, and a floor for tiny documents.
    let budget = 10 * text.len() as u64 + 10_000;
    BUDGET.with(|b| b.set(budget));
    let parsed = serde_yaml::from_str::<Node>(text).map_err(|e| syntax_error(text, &e));
    BUDGET.with(|b| b.set(u64::MAX));
    parsed
}

/// Reads serde_yaml's error text, "PROBLEM at line L column C, while
/// parsing a flow sequence at line L2 column C2", into its parts.
fn syntax_error(text: &str, e: &serde_yaml::Error) -> SyntaxError {
    let full = e.to_string();
    let (head, tail) = full.split_once(", while ").unwrap_or((&full, ""));
    let mut message = head.split(" at line ").next().unwrap_or(head).to_owned();
    let within = tail.split_once(" at line ").and_then(|(what, at)| {
        let (line, column) = at.split_once(" column ")?;
        Some((
            format!("while {what}"),
            line.parse().ok()?,
            column.trim().parse().ok()?,
        ))
    });
    let mut place = e.location().map(|l| (l.line(), l.column()));
    if let Some(start) = message.find("the key `") {
        // serde prefixes the path of the mapping; the place says enough.
        message = message[start..].to_owned();
        // serde reports a repeated key at its mapping; point at the repeat.
        if let Some(p) = Positions::of(text).first_repeated_key() {
            place = Some((p.line, p.column));
        }
    }
    // At the end of the text, the place where the construct began says more.
    let lines = text.lines().count();
    if let (Some((line, _)), Some((_, l2, c2))) = (place, &within)
        && line > lines
    {
        place = Some((*l2, *c2));
    }
    SyntaxError {
        message,
        line: place.map(|p| p.0),
        column: place.map(|p| p.1),
        within,
    }
}

/// One step from a node to a child: a mapping key or a sequence index (0-based).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// The value under this key of a mapping.
    Key(String),
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
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_owned()));
        YamlPath(steps)
    }
    /// This path, one sequence item further.
    pub fn index(&self, index: usize) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
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

/// The source positions of every key and value of one document, made only
/// when a diagnostic needs them.
pub struct Positions {
    /// Every node in document order: path, key place, value place.
    entries: Vec<(YamlPath, Option<Place>, Place)>,
    /// The first node of each path, for lookups.
    index: std::collections::HashMap<Vec<Step>, (Option<Place>, Place)>,
}

impl Positions {
    /// Reads the positions of `text`. A text that this parser cannot read
    /// gives whatever was read before the error.
    pub fn of(text: &str) -> Positions {
        let mut entries = Vec::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut path = YamlPath::root();
        for event in saphyr_parser::Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            let place = to_place(&span);
            use saphyr_parser::Event as E;
            let starts_node = matches!(
                event,
                E::Scalar(..) | E::SequenceStart(..) | E::MappingStart(..) | E::Alias(_)
            );
            if starts_node {
                // Is this node a key of the enclosing mapping?
                if let Some(Frame::Map { pending_key, .. }) = stack.last_mut()
                    && pending_key.is_none()
                {
                    let key = match &event {
                        E::Scalar(s, ..) => s.to_string(),
                        _ => "?".to_owned(),
                    };
                    *pending_key = Some((key, place));
                    if let E::MappingStart(..) | E::SequenceStart(..) = event {
                        // A complex key: skip its contents.
                        stack.push(Frame::Skip { depth: 1 });
                    }
                    continue;
                }
                if let Some(Frame::Skip { depth }) = stack.last_mut() {
                    match event {
                        E::MappingStart(..) | E::SequenceStart(..) => *depth += 1,
                        _ => {}
                    }
                    continue;
                }
                let (child, key_place) = match stack.last_mut() {
                    Some(Frame::Map { pending_key, .. }) => {
                        let (key, kp) = pending_key.take().unwrap_or(("?".to_owned(), place));
                        (path.key(&key), Some(kp))
                    }
                    Some(Frame::Seq { next, .. }) => {
                        *next += 1;
                        (path.index(*next - 1), None)
                    }
                    _ => (path.clone(), None),
                };
                entries.push((child.clone(), key_place, place));
                match event {
                    E::MappingStart(..) => {
                        stack.push(Frame::Map {
                            parent: std::mem::replace(&mut path, child),
                            pending_key: None,
                        });
                    }
                    E::SequenceStart(..) => {
                        stack.push(Frame::Seq {
                            parent: std::mem::replace(&mut path, child),
                            next: 0,
                        });
                    }
                    _ => {}
                }
                continue;
            }
            match event {
                E::MappingEnd | E::SequenceEnd => match stack.pop() {
                    Some(Frame::Skip { depth }) if depth > 1 => {
                        stack.push(Frame::Skip { depth: depth - 1 })
                    }
                    Some(Frame::Map { parent, .. }) | Some(Frame::Seq { parent, .. }) => {
                        path = parent
                    }
                    _ => {}
                },
                E::DocumentEnd => break,
                _ => {}
            }
        }
        let mut index = std::collections::HashMap::with_capacity(entries.len());
        for (path, key, value) in &entries {
            index.entry(path.0.clone()).or_insert((*key, *value));
        }
        Positions { entries, index }
    }

    /// The place of the first key that repeats an earlier key of its mapping.
    fn first_repeated_key(&self) -> Option<Place> {
        self.entries
            .iter()
            .enumerate()
            .find_map(|(i, (path, key, _))| {
                let repeats = self.entries[..i].iter().any(|(p, _, _)| p == path);
                if repeats { *key } else { None }
            })
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

enum Frame {
    Map {
        parent: YamlPath,
        pending_key: Option<(String, Place)>,
    },
    Seq {
        parent: YamlPath,
        next: usize,
    },
    Skip {
        depth: usize,
    },
}

fn to_place(span: &saphyr_parser::Span) -> Place {
    let start = span.start;
    let end = span.end;
    let width = if end.line() == start.line() && end.col() > start.col() {
        end.col() - start.col()
    } else {
        1
    };
    Place {
        line: start.line(),
        column: start.col() + 1,
        width,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_scalars_sequences_and_ordered_mappings() {
        let node = parse("b: 1\na: [x, 2.5, true, ~]\n").unwrap();
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
            parse("made: 2024-02-20").unwrap(),
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
        let Node::Map(entries) = parse(&text).unwrap() else {
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
