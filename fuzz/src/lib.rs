//! The checks behind annals' two fuzz targets, and a small seed mutator.
//!
//! This file is shared: the cargo-fuzz targets in `fuzz/fuzz_targets/` call
//! it through the `annals_fuzz` crate, and the stable replay test
//! `tests/fuzz_regressions.rs` of the main crate includes it with `#[path]`,
//! so that a saved input is checked the same way on stable Rust as under
//! libFuzzer. It therefore uses nothing but `annals`, `zip` and std.
//!
//! * [`loader`]: any bytes, read as every record kind, as `.md` and `.yaml`,
//!   through `annals::records::load::read_one`; every diagnostic must name
//!   the file, place itself on a line the input has, and render.
//! * [`markdown`]: any text through `annals::formats::html::fragment` (the
//!   fragment must stay safe: no script-like tag, no `on…=` attribute, no
//!   URL scheme other than http, https and mailto) and through
//!   `annals::formats::docx::to_docx` (the result must be a zip whose XML
//!   parts are well-formed).
//!
//! A broken invariant panics, so that libFuzzer, `catch_unwind` and the test
//! harness all see it as a crash.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use annals::document;
use annals::formats::docx::{Style as DocxStyle, to_docx};
use annals::formats::html;
use annals::records::load::{Kind, SourceFile, read_one};

// ---------------------------------------------------------------------------
// loader

/// Every record kind, with the path and id a file of that kind gets.
const KINDS: [(Kind, &str, &str); 7] = [
    (Kind::Config, "annals", "annals"),
    (Kind::Units, "units", "units"),
    (Kind::Pledges, "pledges/2024/fuzz", "2024/fuzz"),
    (Kind::Inspections, "inspections/2024/fuzz", "2024/fuzz"),
    (Kind::Honours, "honours/2024-07-01-fuzz", "2024-07-01-fuzz"),
    (Kind::Appraisals, "appraisals/2024/fuzz", "2024/fuzz"),
    (Kind::Narrative, "narrative/plans/fuzz", "plans/fuzz"),
];

/// The fourteen files the loader target reads each input as: every kind, as
/// Markdown with front matter and as plain YAML.
pub fn source_files() -> Vec<SourceFile> {
    let mut files = Vec::with_capacity(KINDS.len() * 2);
    for (kind, stem, id) in KINDS {
        for ext in ["md", "yaml"] {
            let rel = format!("{stem}.{ext}");
            files.push(SourceFile {
                path: PathBuf::from("/nonexistent/records").join(&rel),
                rel,
                kind,
                id: id.to_owned(),
            });
        }
    }
    files
}

/// Reads `bytes` as every kind of record file and checks each diagnostic.
pub fn loader(files: &[SourceFile], bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    // YAML also breaks lines at a lone CR (old Mac line ends), and its
    // syntax errors count lines that way, while annals counts LF only: a
    // known mismatch (tests/fuzz-regressions/loader-lone-cr-line-number.yaml),
    // so the bound allows either count.
    let lines = text.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1;
    for file in files {
        let (_records, diagnostics) = read_one(file, bytes);
        for d in &diagnostics {
            let context = || format!("{}: {d:#?}", file.rel);
            assert_eq!(
                d.file,
                file.rel,
                "diagnostic names another file: {}",
                context()
            );
            for lang in annals::i18n::Lang::ALL {
                assert!(
                    !d.message.text(lang).is_empty(),
                    "empty message: {}",
                    context()
                );
            }
            if let Some(line) = d.line {
                assert!(
                    (1..=lines + 1).contains(&line),
                    "line {line} outside the input's {lines} lines: {}",
                    context()
                );
            }
            if let Some(column) = d.column {
                assert!(column >= 1, "column 0: {}", context());
            }
            // The renderer shows tabs as spaces, controls as symbols and
            // hidden characters as `<U+202E>`: compare letters and digits
            // only, without those.
            let words = |s: &str| {
                s.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
            };
            for lang in annals::i18n::Lang::ALL {
                let plain = d.render(false, lang);
                let message = d.message.text(lang);
                let shown = without_code_points(&plain);
                assert!(
                    plain.contains(&d.location()) && words(&shown).contains(&words(&message)),
                    "rendering lost the place or the message: {}\n{plain}",
                    context()
                );
                let _ = d.render(true, lang);
            }
        }
    }
}

/// `text` without the `<U+XXXX>` that diagnostics write for a character
/// that would not show.
fn without_code_points(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<U+") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let hex = after.len()
            - after
                .trim_start_matches(|c: char| c.is_ascii_hexdigit())
                .len();
        if (4..=6).contains(&hex) && after[hex..].starts_with('>') {
            rest = &after[hex + 1..];
        } else {
            out.push_str("<U+");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------
// markdown

/// Converts `markdown` to an HTML fragment and to a Word document, and checks
/// both. `data` (the raw input) picks a second, odd but valid, docx style.
pub fn markdown(markdown: &str, data: &[u8]) {
    let document = document::read(markdown);
    let fragment = html::fragment(&document);
    if let Err(e) = check_html(&fragment) {
        panic!("unsafe html: {e}\n--- fragment ---\n{fragment}");
    }
    let _ = document.title();
    docx(&document, &DocxStyle::default());
    docx(&document, &odd_style(data));
}

fn docx(document: &document::Document, style: &DocxStyle) {
    let bytes = match to_docx(document, style) {
        Ok(bytes) => bytes,
        Err(e) => panic!("to_docx failed: {e} (style {style:?})"),
    };
    if let Err(e) = check_docx(&bytes) {
        panic!("bad docx: {e} (style {style:?})");
    }
}

/// A style that annals.yaml could give (any font name, any finite size of
/// zero or more), chosen from the input's first bytes.
fn odd_style(data: &[u8]) -> DocxStyle {
    const SIZES: [f64; 8] = [0.0, 0.01, 1.0, 10.5, 16.0, 72.0, 1.0e6, 1.0e300];
    const FONTS: [&str; 4] = ["", "A & B <\"Sans\">", "'宋体'", "Font\u{1}\u{FFFE}x"];
    let pick = |i: usize| data.get(i).copied().unwrap_or(0) as usize;
    DocxStyle {
        body_font: FONTS[pick(0) % FONTS.len()].to_owned(),
        title_font: FONTS[pick(1) % FONTS.len()].to_owned(),
        heading_font: FONTS[(pick(1) + 1) % FONTS.len()].to_owned(),
        subheading_font: FONTS[(pick(1) + 2) % FONTS.len()].to_owned(),
        latin_font: FONTS[(pick(0) + 3) % FONTS.len()].to_owned(),
        body_size: SIZES[pick(2) % SIZES.len()],
        title_size: SIZES[pick(3) % SIZES.len()],
        page_number_font: FONTS[(pick(0) + 1) % FONTS.len()].to_owned(),
        sealed: pick(4) % 2 == 1,
        flush: pick(5) % 2 == 1,
        furniture: None,
    }
}

/// Tags that must never come out of the html format.
const DENIED_TAGS: [&str; 18] = [
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "form",
    "meta",
    "link",
    "input",
    "button",
    "foreignobject",
    "animate",
    "set",
    "use",
];

/// Attributes that hold a URL.
const URL_ATTRIBUTES: [&str; 8] = [
    "href",
    "src",
    "xlink:href",
    "action",
    "formaction",
    "poster",
    "background",
    "data",
];

/// Checks the safety contract of `annals::formats::html::fragment`: every `<` in
/// the fragment opens a tag (text has `&lt;`), no tag is script-like, no
/// attribute is an event handler or a `style`, and every URL is http,
/// https, mailto or relative.
pub fn check_html(fragment: &str) -> Result<(), String> {
    let mut rest = fragment;
    while let Some(at) = rest.find('<') {
        let tag = &rest[at + 1..];
        if let Some(comment) = tag.strip_prefix("!--") {
            let end = comment.find("-->").ok_or("an unclosed comment")?;
            rest = &comment[end + 3..];
            continue;
        }
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name_len = tag
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(tag.len());
        if name_len == 0 {
            return Err(format!(
                "a literal `<` in text at {:?}",
                snippet(&rest[at..])
            ));
        }
        let name = tag[..name_len].to_ascii_lowercase();
        if DENIED_TAGS.contains(&name.as_str()) {
            return Err(format!("a <{name}> tag"));
        }
        let (attributes, after) = attributes(&tag[name_len..])?;
        for (key, value) in attributes {
            let key = key.to_ascii_lowercase();
            if key.starts_with("on") {
                return Err(format!("an event attribute {key}= on <{name}>"));
            }
            if key == "style" || key == "srcdoc" {
                return Err(format!("a {key}= attribute on <{name}>"));
            }
            if URL_ATTRIBUTES.contains(&key.as_str()) {
                check_url(&decode_entities(&value)).map_err(|e| format!("<{name} {key}>: {e}"))?;
            }
        }
        rest = after;
    }
    // Text may say "onclick=" or "javascript:" (escaped, harmlessly); it
    // can never hold a `<`, so this holds anywhere in the fragment.
    if fragment.to_ascii_lowercase().contains("<script") {
        return Err("`<script` in the fragment".into());
    }
    Ok(())
}

/// A URL is safe when, with the controls and spaces browsers skip removed,
/// it has no scheme or an http, https or mailto one.
fn check_url(url: &str) -> Result<(), String> {
    let squeezed: String = url
        .chars()
        .filter(|c| !(c.is_ascii_whitespace() || c.is_ascii_control()))
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = squeezed.find([':', '/', '?', '#']);
    if let Some(end) = scheme_end
        && squeezed[end..].starts_with(':')
    {
        let scheme = &squeezed[..end];
        if !["http", "https", "mailto"].contains(&scheme) {
            return Err(format!("URL scheme `{scheme}:` in {url:?}"));
        }
    }
    Ok(())
}

/// The attributes of a tag whose name has been read, up to its `>`; and the
/// text after the tag.
#[allow(clippy::type_complexity)]
fn attributes(mut s: &str) -> Result<(Vec<(String, String)>, &str), String> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start();
        if let Some(after) = s.strip_prefix("/>").or_else(|| s.strip_prefix('>')) {
            return Ok((out, after));
        }
        if s.is_empty() {
            return Err("a tag that never closes".into());
        }
        let key_len = s
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(s.len());
        if key_len == 0 {
            // A stray `/` inside the tag.
            s = &s[1..];
            continue;
        }
        let key = s[..key_len].to_owned();
        s = s[key_len..].trim_start();
        let mut value = String::new();
        if let Some(after) = s.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let body = &after[1..];
                let end = body.find(quote).ok_or("an unclosed attribute value")?;
                value = body[..end].to_owned();
                s = &body[end + 1..];
            } else {
                let end = after
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(after.len());
                value = after[..end].to_owned();
                s = &after[end..];
            }
        }
        out.push((key, value));
    }
}

/// Decodes the character references a browser would decode in an attribute.
fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after.find(';').filter(|&e| e <= 32);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let c = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                match name.to_ascii_lowercase().as_str() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "colon" => Some(':'),
                    "tab" => Some('\t'),
                    "newline" => Some('\n'),
                    "nbsp" => Some('\u{a0}'),
                    _ => None,
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn snippet(s: &str) -> &str {
    let end = s.char_indices().nth(40).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// Opens a .docx as a zip, reads `word/document.xml`, and checks that every
/// XML part in it is well-formed.
pub fn check_docx(bytes: &[u8]) -> Result<(), String> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a zip: {e}"))?;
    let mut found_document = false;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| format!("entry {i}: {e}"))?;
        let name = entry
            .name()
            .map_err(|e| format!("entry {i} has no name: {e}"))?
            .into_owned();
        let mut content = Vec::new();
        entry
            .read_to_end(&mut content)
            .map_err(|e| format!("{name}: cannot read: {e}"))?;
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let text = std::str::from_utf8(&content)
                .map_err(|e| format!("{name}: cannot read as UTF-8: {e}"))?;
            check_xml(text).map_err(|e| format!("{name}: {e}"))?;
        } else if name.ends_with(".xlsx") {
            // A chart's data, itself a zip.
            zip::ZipArchive::new(Cursor::new(&content))
                .map_err(|e| format!("{name}: not a workbook: {e}"))?;
        } else {
            return Err(format!("{name}: a part annals does not write"));
        }
        found_document |= name == "word/document.xml";
    }
    if !found_document {
        return Err("no word/document.xml".into());
    }
    Ok(())
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// A small XML 1.0 well-formedness check: legal characters, valid references,
/// quoted unique attributes, matching end tags and one root element.
pub fn check_xml(xml: &str) -> Result<(), String> {
    // In UTF-8 text the characters XML 1.0 cannot hold are the C0 controls
    // but tab, LF and CR, and U+FFFE and U+FFFF (EF BF BE, EF BF BF).
    let bytes = xml.as_bytes();
    let bad = bytes.iter().enumerate().find(|&(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || (b == 0xEF
                && bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)))
    });
    if let Some((i, _)) = bad {
        let c = xml[i..].chars().next().unwrap_or('\0');
        return Err(format!("a character XML cannot hold: U+{:04X}", c as u32));
    }
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut rest = xml;
    loop {
        let at = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..at];
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root: {:?}", snippet(text)));
        }
        check_references(text)?;
        if text.contains("]]>") {
            return Err("`]]>` in text".into());
        }
        if at == rest.len() {
            break;
        }
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("<?") {
            let end = after.find("?>").ok_or("an unclosed <?")?;
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").ok_or("an unclosed comment")?;
            rest = &after[end + 3..];
        } else if let Some(after) = rest.strip_prefix("<![CDATA[") {
            if stack.is_empty() {
                return Err("CDATA outside the root".into());
            }
            let end = after.find("]]>").ok_or("an unclosed CDATA section")?;
            rest = &after[end + 3..];
        } else if let Some(after) = rest.strip_prefix("</") {
            let end = after.find('>').ok_or("an unclosed end tag")?;
            let name = after[..end].trim_end();
            match stack.pop() {
                Some(open) if open == name => {}
                Some(open) => return Err(format!("</{name}> closes <{open}>")),
                None => return Err(format!("</{name}> closes nothing")),
            }
            rest = &after[end + 1..];
        } else {
            let after = &rest[1..];
            let name_len = after
                .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
                .unwrap_or(after.len());
            let name = &after[..name_len];
            if !valid_name(name) {
                return Err(format!("a bad element name {:?}", snippet(name)));
            }
            if stack.is_empty() {
                roots += 1;
                if roots > 1 {
                    return Err(format!("a second root element <{name}>"));
                }
            }
            let mut s = &after[name_len..];
            let mut keys: Vec<&str> = Vec::new();
            let empty = loop {
                let trimmed = s.trim_start();
                if let Some(after) = trimmed.strip_prefix("/>") {
                    s = after;
                    break true;
                }
                if let Some(after) = trimmed.strip_prefix('>') {
                    s = after;
                    break false;
                }
                if trimmed.len() == s.len() {
                    return Err(format!("no space before an attribute of <{name}>"));
                }
                let eq = trimmed
                    .find('=')
                    .ok_or_else(|| format!("an attribute without a value in <{name}>"))?;
                let key = trimmed[..eq].trim_end();
                if !valid_name(key) {
                    return Err(format!("a bad attribute name {key:?} in <{name}>"));
                }
                if keys.contains(&key) {
                    return Err(format!("attribute {key} twice in <{name}>"));
                }
                keys.push(key);
                let value = trimmed[eq + 1..].trim_start();
                let quote = value
                    .chars()
                    .next()
                    .filter(|c| *c == '"' || *c == '\'')
                    .ok_or_else(|| format!("an unquoted value of {key} in <{name}>"))?;
                let body = &value[1..];
                let end = body
                    .find(quote)
                    .ok_or_else(|| format!("an unclosed value of {key} in <{name}>"))?;
                let value = &body[..end];
                if value.contains('<') {
                    return Err(format!("`<` in the value of {key} in <{name}>"));
                }
                check_references(value)?;
                s = &body[end + 1..];
            };
            if !empty {
                stack.push(name);
            }
            rest = s;
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!("<{open}> is never closed"));
    }
    if roots != 1 {
        return Err("no root element".into());
    }
    Ok(())
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.'))
}

/// Every `&` in XML text starts a predefined entity or a character
/// reference to a character XML can hold.
fn check_references(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        let after = &rest[at + 1..];
        let end = after
            .find(';')
            .ok_or_else(|| format!("a bare `&` at {:?}", snippet(&rest[at..])))?;
        let name = &after[..end];
        let ok = match name {
            "amp" | "lt" | "gt" | "quot" | "apos" => true,
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = name.strip_prefix('#') {
                    dec.parse::<u32>().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32).is_some_and(is_xml_char)
            }
        };
        if !ok {
            return Err(format!("a bad reference &{};", snippet(name)));
        }
        rest = &after[end + 1..];
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// seeds and mutation, for the stable loop

/// Every `.md`, `.yaml` and `.yml` file under `dir` (skipping `out/`
/// folders of generated reports), in path order.
pub fn seed_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() && entry.file_name() != "out" {
            seed_files(&path, out);
        } else if file_type.is_file()
            && path
                .extension()
                .is_some_and(|e| e == "md" || e == "yaml" || e == "yml")
        {
            out.push(path);
        }
    }
}

/// A small, fast, deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// Tokens that mean something to YAML, to front matter or to Markdown, and
/// bytes that stress decoding.
pub const TOKENS: &[&[u8]] = &[
    b": ",
    b"- ",
    b"? ",
    b"[",
    b"]",
    b"{",
    b"}",
    b", ",
    b"&a ",
    b"*a",
    b"<<: *a\n",
    b"!!str ",
    b"!!binary ",
    b"!!map ",
    b"!<tag:yaml.org,2002:int> ",
    b"---\n",
    b"...\n",
    b"%YAML 1.2\n",
    b"\t",
    b"\n",
    b"\r\n",
    b"\r",
    b"\n                                                                ",
    b"|\n  ",
    b">-\n  ",
    b"'",
    b"\"",
    b"\\u0000",
    b"# ",
    b"~",
    b"null",
    b"true",
    b".nan",
    b"-.inf",
    b"1e999",
    b"-1",
    b"0x7fffffffffffffff",
    b"99999999999999999999999",
    b"2024-02-30",
    b"2024-13-01",
    b"0000-00-00",
    b"\xEF\xBB\xBF",
    b"\xE4\xB8\xAD\xE6\x96\x87",
    b"\xF0\x9F\x98\x80",
    b"\xCC\x81",
    b"\xE2\x80\xAE",
    b"\xFF",
    b"\xC3",
    b"\xB0\xA1",
    b"\x00",
    b"\x1B",
    b"status: ",
    b"unit: ",
    b"date: ",
    b"votes: ",
    b"items:\n  - ",
    b"# ",
    b"## ",
    b"### ",
    b"> ",
    b"* ",
    b"1. ",
    b"- [x] ",
    b"| a | b |\n|---|:-:|\n",
    b"```chart\n",
    b"```\n",
    b"    ",
    b"**",
    b"_",
    b"`",
    b"[x](",
    b"![a](",
    b")",
    b"<script>",
    b"<img src=x onerror=alert(1)>",
    b"javascript:",
    b"jav&#x09;ascript:",
    b"data:text/html,",
    b"<!--",
    b"-->",
    b"&#",
    b"&amp;",
    b"\\",
    b"  \n",
    b"\xE3\x80\x82",
];

/// A new input from the seeds: one to three structure-aware mutations of a
/// seed, or plain random bytes.
pub fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], out: &mut Vec<u8>) {
    out.clear();
    if seeds.is_empty() || rng.chance(10) {
        let len = rng.below(512);
        out.extend((0..len).map(|_| rng.next_u64() as u8));
        return;
    }
    out.extend_from_slice(&seeds[rng.below(seeds.len())]);
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(out.len() + 1);
        match rng.below(10) {
            0 => {
                // Flip bits of a few bytes.
                for _ in 0..1 + rng.below(4) {
                    if !out.is_empty() {
                        let i = rng.below(out.len());
                        out[i] ^= 1 << rng.below(8);
                    }
                }
            }
            1..=3 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
            4 => {
                // Splice: this seed's head, another seed's tail.
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len() + 1);
                out.truncate(at);
                out.extend_from_slice(&other[from..]);
            }
            5 => out.truncate(at),
            6 => {
                // Deep nesting.
                let unit: &[u8] = match rng.below(5) {
                    0 => b"[",
                    1 => b"{a: ",
                    2 => b"- ",
                    3 => b"> ",
                    _ => b"  ",
                };
                let depth = 1 + rng.below(300);
                let nest: Vec<u8> = unit
                    .iter()
                    .copied()
                    .cycle()
                    .take(unit.len() * depth)
                    .collect();
                out.splice(at..at, nest);
            }
            7 => {
                // Repeat a region.
                let len = rng.below(64).min(out.len() - at.min(out.len()));
                let region = out[at..at + len].to_vec();
                for _ in 0..1 + rng.below(8) {
                    out.splice(at..at, region.iter().copied());
                }
            }
            8 => {
                // Delete a region.
                let len = rng.below(32).min(out.len() - at);
                out.drain(at..at + len);
            }
            _ => {
                // Line endings: all CRLF, or a BOM in front.
                if rng.chance(2) {
                    let crlf: Vec<u8> = out
                        .iter()
                        .flat_map(|&b| {
                            if b == b'\n' {
                                vec![b'\r', b'\n']
                            } else {
                                vec![b]
                            }
                        })
                        .collect();
                    *out = crlf;
                } else {
                    out.splice(0..0, *b"\xEF\xBB\xBF");
                }
            }
        }
        if out.len() > 64 * 1024 {
            out.truncate(64 * 1024);
        }
    }
}
