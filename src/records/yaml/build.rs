//! The event builder: saphyr-parser's events made into a [`Node`] tree and
//! the place of every node, in one pass over the text.
//!
//! Besides building, it enforces what a record may not do: a key written
//! twice in one mapping (found in linear time), nesting deeper than
//! [`MAX_NESTING`], and aliases expanding to more values than the text can
//! hold (see [`Builder::new`]).

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Tag};

use super::quick;
use super::scalar::{self, CoreTag};
use super::{Document, Node, Sink, Spot, Spots, SyntaxError};

/// Collections nested deeper than this are refused: no record needs more
/// than a handful of levels, and every later stage may then recurse freely.
pub const MAX_NESTING: usize = 128;

/// Mappings with more entries than this find repeated keys by hash.
const SCAN_LIMIT: usize = 16;

/// A collection whose end has not been read yet.
enum Open<'a> {
    Seq {
        items: Vec<Node<'a>>,
        anchor: usize,
        first: usize,
        start: Spot,
    },
    Map {
        entries: Vec<(Cow<'a, str>, Node<'a>)>,
        /// The key read and its place, while its value is being read.
        key: Option<(Cow<'a, str>, Spot)>,
        /// Hashes of the keys, once the mapping is too long to scan.
        hashes: HashSet<u64>,
        anchor: usize,
        first: usize,
        start: Spot,
    },
}

impl Open<'_> {
    fn start(&self) -> Spot {
        match self {
            Open::Seq { start, .. } | Open::Map { start, .. } => *start,
        }
    }
}

/// A node kept for aliases, with how many nodes it holds and how many
/// levels of collections.
#[derive(Clone)]
struct Anchored<'a> {
    node: Node<'a>,
    count: usize,
    depth: usize,
}

/// Builds one document from the parser's events.
pub struct Builder<'s, 'a> {
    open: Vec<Open<'a>>,
    places: Vec<Spots>,
    /// Each anchored node (by the parser's anchor id), for aliases to copy.
    anchors: Vec<Option<Anchored<'a>>>,
    /// How many more nodes the document may have.
    budget: u64,
    root: Option<Node<'a>>,
    documents: usize,
    /// Where each item of a root sequence goes once read, if not into the
    /// tree, and how many have gone.
    sink: Option<Sink<'s>>,
    sunk: usize,
}

type Built = Result<(), SyntaxError>;

impl<'s, 'a> Builder<'s, 'a> {
    /// A builder for `text`. Every value of a real record stands in its
    /// text: the document may have ten times as many nodes as the text has
    /// bytes (and a floor for tiny documents), which only aliases can pass.
    pub fn new(text: &str, sink: Option<Sink<'s>>) -> Self {
        Builder {
            sink,
            sunk: 0,
            open: Vec::new(),
            places: Vec::new(),
            anchors: Vec::new(),
            budget: 10 * text.len() as u64 + 10_000,
            root: None,
            documents: 0,
        }
    }

    /// Reads the whole of `text`: by the [`quick`] reader if the text has
    /// its shape, else (from the start again) by saphyr-parser.
    pub fn run(mut self, text: &'a str) -> Result<Document<'a>, SyntaxError> {
        if quick::read(text, |event, spot| self.event(event, spot)).is_none() {
            self.start_again(text);
            let mut parser = Parser::new_from_str(text);
            while let Some(next) = parser.next_event() {
                match next {
                    Ok((event, span)) => self.event(event, Spot::of(&span))?,
                    Err(e) => return Err(self.scan_error(text, &e)),
                }
            }
        }
        Ok(Document {
            root: self.root.unwrap_or(Node::Null),
            places: self.places,
        })
    }

    /// Forgets what a read that gave up built; the items it handed over
    /// will be handed over again from the first.
    fn start_again(&mut self, text: &str) {
        let sink = self.sink.take();
        *self = Builder::new(text, sink);
    }

    fn event(&mut self, event: Event<'a>, spot: Spot) -> Built {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(SyntaxError::at(
                        "the text holds a second YAML document (after a line `---` or `...`)",
                        spot,
                    ));
                }
                Ok(())
            }
            Event::Scalar(text, style, anchor, tag) => {
                let node = resolve(text, style, tag.as_deref())
                    .map_err(|e| SyntaxError::at(&e.to_string(), spot))?;
                if self.wants_key() {
                    self.remember(anchor, &node, 1);
                    return self.key(node, spot);
                }
                self.begin(spot, 1)?;
                self.end(node, anchor, self.places.len() - 1);
                Ok(())
            }
            Event::Alias(id) => {
                let Some(anchored) = self.anchors.get(id).and_then(Option::as_ref) else {
                    return Err(SyntaxError::at(
                        "this alias is inside the value its anchor names",
                        spot,
                    ));
                };
                let (node, count) = (anchored.node.clone(), anchored.count);
                if self.wants_key() {
                    return self.key(node, spot);
                }
                if self.open.len() + anchored.depth > MAX_NESTING {
                    return Err(too_deep(spot));
                }
                self.begin(spot, count)?;
                self.end(node, 0, self.places.len() - count);
                Ok(())
            }
            Event::SequenceStart(anchor, tag) => self.open(false, anchor, tag.as_deref(), spot),
            Event::MappingStart(anchor, tag) => self.open(true, anchor, tag.as_deref(), spot),
            Event::SequenceEnd | Event::MappingEnd => {
                self.close();
                Ok(())
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => Ok(()),
        }
    }

    /// Whether the next node is a key of the innermost mapping.
    fn wants_key(&self) -> bool {
        matches!(self.open.last(), Some(Open::Map { key: None, .. }))
    }

    /// Takes `node` as the key of the innermost mapping.
    fn key(&mut self, node: Node<'a>, spot: Spot) -> Built {
        let key = match node {
            Node::Str(s) => s,
            Node::Int(i) => Cow::Owned(i.to_string()),
            Node::Bool(b) => Cow::Owned(b.to_string()),
            other => {
                let message = format!("a key must be a plain word, not {}", other.kind_name());
                return Err(SyntaxError::at(&message, spot));
            }
        };
        let Some(Open::Map {
            entries,
            key: slot,
            hashes,
            ..
        }) = self.open.last_mut()
        else {
            return Ok(());
        };
        if repeats(entries, hashes, &key) {
            let message = format!("the key `{key}` is written twice in the same mapping");
            return Err(SyntaxError::at(&message, spot));
        }
        *slot = Some((key, spot));
        Ok(())
    }

    /// Places a node of `count` nodes (more than one for an alias) that
    /// starts at `spot`, against the budget.
    fn begin(&mut self, spot: Spot, count: usize) -> Built {
        let Some(left) = self.budget.checked_sub(count as u64) else {
            return Err(SyntaxError::at(
                "the document expands to far more values than it has text (aliases `*name` repeated?)",
                spot,
            ));
        };
        self.budget = left;
        let key = match self.open.last() {
            Some(Open::Map {
                key: Some((_, k)), ..
            }) => *k,
            _ => Spot::NONE,
        };
        self.places.push(Spots { value: spot, key });
        let inner = Spots {
            value: spot,
            key: Spot::NONE,
        };
        self.places.extend(std::iter::repeat_n(inner, count - 1));
        Ok(())
    }

    fn open(&mut self, is_map: bool, anchor: usize, tag: Option<&Tag>, spot: Spot) -> Built {
        if let Some(tag) = tag.filter(|t| !t.is_yaml_core_schema()) {
            return Err(SyntaxError::at(&unknown_tag(tag), spot));
        }
        if self.wants_key() {
            let what = if is_map { "a mapping" } else { "a list" };
            let message = format!("a key must be a plain word, not {what}");
            return Err(SyntaxError::at(&message, spot));
        }
        if self.open.len() >= MAX_NESTING {
            return Err(too_deep(spot));
        }
        self.begin(spot, 1)?;
        let first = self.places.len() - 1;
        self.open.push(if is_map {
            Open::Map {
                entries: Vec::new(),
                key: None,
                hashes: HashSet::new(),
                anchor,
                first,
                start: spot,
            }
        } else {
            Open::Seq {
                items: Vec::new(),
                anchor,
                first,
                start: spot,
            }
        });
        Ok(())
    }

    fn close(&mut self) {
        let (node, anchor, first) = match self.open.pop() {
            Some(Open::Seq {
                items,
                anchor,
                first,
                ..
            }) => (Node::Seq(items), anchor, first),
            Some(Open::Map {
                entries,
                anchor,
                first,
                ..
            }) => (Node::Map(entries), anchor, first),
            None => return,
        };
        self.end(node, anchor, first);
    }

    /// A node is complete: keeps it for aliases if anchored, and puts it
    /// into its parent.
    fn end(&mut self, node: Node<'a>, anchor: usize, first: usize) {
        self.remember(anchor, &node, self.places.len() - first);
        if let (Some(sink), [Open::Seq { .. }]) = (self.sink.as_mut(), self.open.as_slice()) {
            let places = self.places.split_off(first);
            sink(self.sunk, Document { root: node, places });
            self.sunk += 1;
            return;
        }
        match self.open.last_mut() {
            Some(Open::Seq { items, .. }) => items.push(node),
            Some(Open::Map { entries, key, .. }) => {
                if let Some((key, _)) = key.take() {
                    entries.push((key, node));
                }
            }
            None => self.root = Some(node),
        }
    }

    fn remember(&mut self, anchor: usize, node: &Node<'a>, count: usize) {
        if anchor == 0 {
            return;
        }
        if self.anchors.len() <= anchor {
            self.anchors.resize(anchor + 1, None);
        }
        self.anchors[anchor] = Some(Anchored {
            node: node.clone(),
            count,
            depth: depth(node),
        });
    }

    /// The parser's error, with what was open when it failed, in words
    /// for the person who wrote the text.
    fn scan_error(&self, text: &str, e: &ScanError) -> SyntaxError {
        let info = e.info();
        let marker = e.marker();
        let at = Spot::at(marker.line(), marker.col() + 1);
        let mut error = SyntaxError::at(info, at);
        let innermost = self
            .open
            .last()
            .map(|open| (open.start(), opener(text, open.start())));
        let within = |what: &str, spot: Spot| {
            Some((what.to_owned(), spot.line as usize, spot.column as usize))
        };
        match (innermost, info.split_once(", ")) {
            // Inside `[…]` or `{…}`, whatever the scanner stumbled on, a
            // comma or the closing bracket is what it needed.
            (Some((start, Some(bracket))), _) if !info.starts_with("while scanning") => {
                let (what, close) = match bracket {
                    '[' => ("while parsing a flow sequence", ']'),
                    _ => ("while parsing a flow mapping", '}'),
                };
                error.message = format!("did not find expected ',' or '{close}'");
                error.within = within(what, start);
            }
            (Some((start, None)), Some((what, problem)))
                if what.starts_with("while parsing a block") =>
            {
                error.message = problem.to_owned();
                error.within = within(what, start);
            }
            // "while scanning a quoted scalar, …": the scanner's place is
            // where the scalar began.
            (_, Some((what, problem)))
                if what.starts_with("while scanning") || what.starts_with("while parsing a") =>
            {
                error.message = problem.to_owned();
                error.within = within(what, at);
            }
            _ => error.message = reword(info),
        }
        if error.message.contains("tab") {
            place_at_tab(text, &mut error);
        }
        // Past the end of the text, the place where the construct began
        // says more; the last line otherwise.
        let lines = text.lines().count().max(1);
        if error.line.is_some_and(|line| line > lines) {
            let (line, column) = match &error.within {
                Some((_, line, column)) => (*line, *column),
                None => (lines, 1),
            };
            error.line = Some(line);
            error.column = Some(column);
        }
        error
    }
}

/// `key:<tab>value`, which libyaml accepted and saphyr-parser refuses
/// (see [`lenient`](super::lenient)).
pub const TAB_AFTER_COLON: &str = "YAML needs a space after `:`, not a tab";

/// A quoted value whose next line is not indented, which libyaml accepted
/// and saphyr-parser refuses (see [`lenient`](super::lenient)).
pub const QUOTED_UNINDENTED: &str = "the quoted value that begins here goes on to a line that is \
     not indented: is its closing quote missing?";

/// The scanner's own words where they say less than they could.
fn reword(info: &str) -> String {
    if info == "':' must be followed by a valid YAML whitespace" {
        return TAB_AFTER_COLON.to_owned();
    }
    if info == "invalid indentation in quoted scalar" {
        return QUOTED_UNINDENTED.to_owned();
    }
    if info.ends_with("found unknown anchor") {
        return "this alias (`*name`) names no anchor (`&name`) written before it".to_owned();
    }
    if let Some(c) = info
        .strip_prefix("unexpected character: `")
        .and_then(|rest| rest.strip_suffix('\''))
    {
        return format!("a value cannot start with `{c}`; put the value in quotes");
    }
    info.to_owned()
}

/// Moves a tab error to the tab itself: the first on the error's line at
/// or before its column, else the first after it.
fn place_at_tab(text: &str, error: &mut SyntaxError) {
    let (Some(line), Some(column)) = (error.line, error.column) else {
        return;
    };
    let lines = text.lines().enumerate().skip(line.saturating_sub(1));
    for (index, content) in lines {
        let tabs = content.chars().enumerate().filter(|(_, c)| *c == '\t');
        let mut tabs = tabs.map(|(i, _)| i + 1);
        let found = if index + 1 == line {
            let on_line: Vec<usize> = tabs.collect();
            on_line
                .iter()
                .rev()
                .find(|&&c| c <= column)
                .or(on_line.first())
                .copied()
        } else {
            tabs.next()
        };
        if let Some(tab) = found {
            error.line = Some(index + 1);
            error.column = Some(tab);
            return;
        }
    }
}

/// The bracket that opens the flow collection starting at `spot`, if it is
/// one (a block collection starts at its first `-` or key).
fn opener(text: &str, spot: Spot) -> Option<char> {
    let line = text.lines().nth((spot.line as usize).checked_sub(1)?)?;
    let c = line.chars().nth((spot.column as usize).checked_sub(1)?)?;
    matches!(c, '[' | '{').then_some(c)
}

fn too_deep(spot: Spot) -> SyntaxError {
    let message = format!("the values are nested more than {MAX_NESTING} levels deep");
    SyntaxError::at(&message, spot)
}

/// How many levels of collections `node` has (0 for a scalar).
fn depth(node: &Node) -> usize {
    match node {
        Node::Seq(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Node::Map(entries) => 1 + entries.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
        _ => 0,
    }
}

/// Whether `key` repeats a key of `entries`: a scan for short mappings, a
/// hash set (then a scan to confirm) for long ones, so that a mapping of
/// n keys costs O(n).
fn repeats(entries: &[(Cow<str>, Node)], hashes: &mut HashSet<u64>, key: &str) -> bool {
    let scan = || entries.iter().any(|(k, _)| k == key);
    if entries.len() < SCAN_LIMIT {
        return scan();
    }
    if hashes.is_empty() {
        hashes.extend(entries.iter().map(|(k, _)| hash(k)));
    }
    !hashes.insert(hash(key)) && scan()
}

fn hash(key: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    key.hash(&mut hasher);
    hasher.finish()
}

fn unknown_tag(tag: &Tag) -> String {
    format!("the tag `{tag}` has no meaning in a record; remove it")
}

/// The value of a scalar, by its style and tag.
fn resolve<'a>(
    text: Cow<'a, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Result<Node<'a>, TagOrScalar> {
    match tag {
        Some(tag) if tag.is_yaml_core_schema() => {
            Ok(scalar::tagged(CoreTag::from_suffix(&tag.suffix), text)?)
        }
        Some(tag) => Err(TagOrScalar::Tag(unknown_tag(tag))),
        None if style == ScalarStyle::Plain => Ok(scalar::plain(text)?),
        None => Ok(Node::Str(text)),
    }
}

/// Why a scalar cannot be read: its tag, or its text.
enum TagOrScalar {
    Tag(String),
    Scalar(scalar::ScalarError),
}

impl From<scalar::ScalarError> for TagOrScalar {
    fn from(e: scalar::ScalarError) -> Self {
        TagOrScalar::Scalar(e)
    }
}

impl std::fmt::Display for TagOrScalar {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            TagOrScalar::Tag(message) => f.write_str(message),
            TagOrScalar::Scalar(e) => e.fmt(f),
        }
    }
}
