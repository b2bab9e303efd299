//! The second layer of the html's safety: exactly the tags, attributes,
//! classes and link schemes the writer emits, and a strict reader that
//! confirms a fragment holds nothing else.
//!
//! The writer's fragment is already in the form ammonia writes (lower-case
//! tags, every attribute double-quoted, void elements without `/`, only the
//! entities its serialiser uses), so ammonia's parse and re-serialisation of
//! a whole report would hand back the same bytes for a third of the html's
//! cost. [`conforms`] reads the fragment once and accepts it only when it is
//! in that form and within the allow-list; anything else (a tag, attribute,
//! class, entity or URL it does not know, a stray `<` or `>`, a tag closed
//! out of order) goes through ammonia, with the same allow-list, as before.

use std::collections::{HashMap, HashSet};

/// The placeholder of a drawing (a chart, the issuer) in the fragment
/// until the allow-list has been applied.
pub(super) const DRAWING_TAG: &str = "annals-chart";

/// Every tag the writer emits, with the attributes it may carry (besides
/// `class`, see [`CLASSES`]).
const TAGS: &[(&str, &[&str])] = &[
    ("p", &[]),
    ("h1", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("ul", &[]),
    ("ol", &["start"]),
    ("li", &[]),
    ("em", &[]),
    ("strong", &[]),
    ("code", &[]),
    ("pre", &[]),
    ("blockquote", &[]),
    ("hr", &[]),
    ("br", &[]),
    ("a", &["href", "title"]),
    ("img", &["src", "alt", "title"]),
    ("div", &[]),
    ("table", &[]),
    ("thead", &[]),
    ("tbody", &[]),
    ("tr", &[]),
    ("th", &[]),
    ("td", &[]),
    ("section", &[]),
    ("span", &[]),
    (DRAWING_TAG, &[]),
];

/// The tags without content or end tag.
const VOID: &[&str] = &["br", "hr", "img"];

/// The classes of a table cell: its alignment and what it holds.
const CELL_CLASSES: &[&str] = &[
    "align-left",
    "align-center",
    "align-right",
    "number",
    "percent",
    "date",
    "short",
];

/// The classes each tag may carry.
const CLASSES: &[(&str, &[&str])] = &[
    (
        "p",
        &[
            "signature",
            "addressee",
            "attachment-note",
            "attachment",
            "document-number",
            "cc",
            "printed",
        ],
    ),
    (
        "div",
        &["table-wrap", "signature-block", "masthead", "colophon"],
    ),
    ("section", &["landscape"]),
    ("span", &["printed-by", "printed-on"]),
    ("th", CELL_CLASSES),
    ("td", CELL_CLASSES),
];

/// The schemes a link or an image may name; any other URL is relative.
const URL_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// The fragment, safe: as it is when it [`conforms`], else cleaned by
/// ammonia with the same allow-list.
pub(super) fn sanitise(html: String) -> String {
    if conforms(&html) { html } else { clean(&html) }
}

/// Ammonia over `html`, allowing exactly [`TAGS`], [`CLASSES`] and
/// [`URL_SCHEMES`].
pub(super) fn clean(html: &str) -> String {
    let tags: HashSet<&str> = TAGS.iter().map(|&(tag, _)| tag).collect();
    let attributes: HashMap<&str, HashSet<&str>> = TAGS
        .iter()
        .filter(|(_, attributes)| !attributes.is_empty())
        .map(|&(tag, attributes)| (tag, attributes.iter().copied().collect()))
        .collect();
    let classes: HashMap<&str, HashSet<&str>> = CLASSES
        .iter()
        .map(|&(tag, classes)| (tag, classes.iter().copied().collect()))
        .collect();
    ammonia::Builder::empty()
        .tags(tags)
        .tag_attributes(attributes)
        .generic_attributes(HashSet::new())
        .allowed_classes(classes)
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .clean(html)
        .to_string()
}

/// Whether `html` holds only allowed tags, attributes, classes and URLs,
/// every element closed in order, in the form ammonia would write it.
pub(super) fn conforms(html: &str) -> bool {
    let bytes = html.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        at = match byte {
            b'<' => match tag(html, at + 1, &mut open) {
                Some(end) => end,
                None => return false,
            },
            b'&' => match entity(bytes, at, TEXT_ENTITIES) {
                Some(end) => end,
                None => return false,
            },
            b'>' | b'\r' => return false,
            0xC2 if bytes.get(at + 1) == Some(&0xA0) => return false,
            _ => at + 1,
        };
    }
    open.is_empty()
}

/// The entities ammonia writes in text.
const TEXT_ENTITIES: &[&str] = &["&amp;", "&lt;", "&gt;"];

/// The entities ammonia writes in attribute values.
const ATTRIBUTE_ENTITIES: &[&str] = &["&amp;", "&quot;"];

/// The end of the entity at `at`, when it is one of `allowed`.
fn entity(bytes: &[u8], at: usize, allowed: &[&str]) -> Option<usize> {
    allowed
        .iter()
        .find(|e| bytes[at..].starts_with(e.as_bytes()))
        .map(|e| at + e.len())
}

/// Reads the tag whose name starts at `at` (just after its `<`) and returns
/// the position after its `>`; `None` when it is not allowed.
fn tag<'a>(html: &'a str, at: usize, open: &mut Vec<&'a str>) -> Option<usize> {
    let bytes = html.as_bytes();
    if bytes.get(at) == Some(&b'/') {
        let (name, end) = name(html, at + 1)?;
        (bytes.get(end) == Some(&b'>') && open.pop() == Some(name)).then_some(end + 1)
    } else {
        let (name, mut end) = name(html, at)?;
        let &(_, attributes) = TAGS.iter().find(|&&(tag, _)| tag == name)?;
        let mut seen: Vec<&str> = Vec::new();
        while bytes.get(end) == Some(&b' ') {
            let (attribute, value, next) = attribute(html, end + 1)?;
            let allowed = if attribute == "class" {
                classes_allowed(name, value)
            } else {
                attributes.contains(&attribute)
                    && (!matches!(attribute, "href" | "src") || url_allowed(value))
            };
            if !allowed || seen.contains(&attribute) {
                return None;
            }
            seen.push(attribute);
            end = next;
        }
        if bytes.get(end) != Some(&b'>') {
            return None;
        }
        if !VOID.contains(&name) {
            open.push(name);
        }
        Some(end + 1)
    }
}

/// The lower-case name (letters, digits, `-`) at `at`, and where it ends.
fn name(html: &str, at: usize) -> Option<(&str, usize)> {
    let len = html.as_bytes()[at.min(html.len())..]
        .iter()
        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || **b == b'-')
        .count();
    (len > 0).then(|| (&html[at..at + len], at + len))
}

/// The attribute `name="value"` at `at`: its name, its raw value and the
/// position after its closing quote. The value holds no `<`, `>`, CR or
/// no-break space, and only the entities of [`ATTRIBUTE_ENTITIES`].
fn attribute(html: &str, at: usize) -> Option<(&str, &str, usize)> {
    let (attribute, end) = name(html, at)?;
    let start = end + 2;
    if html.as_bytes().get(end..start) != Some(b"=\"") {
        return None;
    }
    let bytes = html.as_bytes();
    let mut at = start;
    loop {
        at = match *bytes.get(at)? {
            b'"' => return Some((attribute, &html[start..at], at + 1)),
            b'&' => entity(bytes, at, ATTRIBUTE_ENTITIES)?,
            b'<' | b'>' | b'\r' => return None,
            0xC2 if bytes.get(at + 1) == Some(&0xA0) => return None,
            _ => at + 1,
        };
    }
}

/// Whether every class of `value` (one space between two) is allowed on
/// `tag`.
fn classes_allowed(tag: &str, value: &str) -> bool {
    let Some(&(_, allowed)) = CLASSES.iter().find(|&&(t, _)| t == tag) else {
        return false;
    };
    value.split(' ').all(|class| allowed.contains(&class))
}

/// Whether a link or image target is kept as it stands: read as ammonia
/// reads it (entities decoded, then parsed as a URL), with an allowed
/// scheme or none, and nothing a browser would drop before reading the
/// scheme (whitespace, control characters) nor a `:` before the first `/`,
/// `?` or `#` of a relative one.
fn url_allowed(value: &str) -> bool {
    if value
        .bytes()
        .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    {
        return false;
    }
    let value = value.replace("&quot;", "\"").replace("&amp;", "&");
    match url::Url::parse(&value) {
        Ok(url) => URL_SCHEMES.contains(&url.scheme()),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let head = value.split(['/', '?', '#']).next().unwrap_or("");
            !head.contains(':')
        }
        Err(_) => false,
    }
}
