//! The package: the parts in a zip archive with fixed dates and
//! permissions, the content types, relationships and properties.

use std::fmt::Write as _;
use std::io::{Cursor, Write};
use std::sync::mpsc;

use zip::write::{PreparedZipFile, SimpleFileOptions, ZipFileBuilder};
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use super::charts;
use crate::formats::escape;

pub(super) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(super) const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub(super) const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// A Word document could not be packed (the archive writer failed).
#[derive(Debug)]
pub struct Error {
    part: String,
    source: std::io::Error,
}

impl Error {
    pub(super) fn new(part: &str, source: std::io::Error) -> Self {
        Error {
            part: part.to_string(),
            source,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write {} of the docx: {}", self.part, self.source)
    }
}

impl std::error::Error for Error {}

pub(super) fn core_xml(title: &str) -> String {
    format!(
        "{XML_DECL}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:creator>annals</dc:creator></cp:coreProperties>",
        escape(title.trim())
    )
}

const CONTENT_TYPES_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>";

/// The content types of the parts, with `charts` chart parts and their
/// embedded workbooks.
pub(super) fn content_types(charts: usize) -> String {
    let mut out = String::from(CONTENT_TYPES_HEAD);
    if charts > 0 {
        out.push_str(
            "<Default Extension=\"xlsx\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/>",
        );
    }
    for n in 1..=charts {
        let _ = write!(
            out,
            "<Override PartName=\"/word/{}\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>",
            charts::part_name(n)
        );
    }
    out.push_str("</Types>");
    out
}

const DOCUMENT_RELS_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdNumbering\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdFontTable\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"rIdFooterOdd\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
<Relationship Id=\"rIdFooterEven\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/>";

/// The document's relationships, with `charts` charts.
pub(super) fn document_rels(charts: usize) -> String {
    let mut out = String::from(DOCUMENT_RELS_HEAD);
    for n in 1..=charts {
        let _ = write!(
            out,
            "<Relationship Id=\"{}\" \
             Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" \
             Target=\"{}\"/>",
            charts::relationship_id(n),
            charts::part_name(n)
        );
    }
    out.push_str("</Relationships>");
    out
}

pub(super) const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

pub(super) const APP_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>annals</Application></Properties>";

pub(super) const SETTINGS_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:zoom w:percent=\"100\"/><w:evenAndOddHeaders/><w:defaultTabStop w:val=\"420\"/>\
<w:characterSpacingControl w:val=\"compressPunctuation\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
</w:settings>";

/// How every part is stored: deflated at level 2 (about half the time of
/// level 6, for a third more bytes), with the fixed DOS time 1980-01-01
/// 00:00, Unix permissions 0644 and no extra fields, so that two builds
/// give the same bytes.
fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(2))
        .last_modified_time(DateTime::DEFAULT)
        .system(System::Unix)
        .unix_permissions(0o644)
}

/// A part compressed, ready to be put in the archive.
pub(super) fn packed(name: &str, content: &[u8]) -> Result<PreparedZipFile, Error> {
    PreparedZipFile::from_data(name, options(), content).map_err(|e| Error::new(name, e.into()))
}

/// A part that `write` hands on in pieces, each compressed on another
/// thread as soon as it is handed on: the writing and the compressing of a
/// long part (a 10k ledger's document.xml is 29 MB) go side by side, and
/// the part never stands whole in memory.
pub(super) fn packed_in_pieces(
    name: &str,
    write: impl FnOnce(&mut dyn FnMut(String)),
) -> Result<PreparedZipFile, Error> {
    let (pieces, arriving) = mpsc::sync_channel::<String>(PIECES_AHEAD);
    std::thread::scope(|scope| {
        let compressing = std::thread::Builder::new()
            .spawn_scoped(scope, move || compressed(name, arriving.into_iter()));
        let Ok(compressing) = compressing else {
            // No thread can be started: the pieces are compressed here,
            // once all are written.
            let mut all = Vec::new();
            write(&mut |piece| all.push(piece));
            return compressed(name, all.into_iter());
        };
        // A piece that cannot be handed on finds the compressor gone; its
        // error is the one reported.
        write(&mut |piece| {
            let _ = pieces.send(piece);
        });
        drop(pieces);
        compressing
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the compressor stopped")))
    })
    .map_err(|e| Error::new(name, e))
}

/// The part `name` made of `pieces`, compressed.
fn compressed(
    name: &str,
    pieces: impl Iterator<Item = String>,
) -> std::io::Result<PreparedZipFile> {
    let mut builder = ZipFileBuilder::new(name, options())?;
    for piece in pieces {
        builder.write_all(piece.as_bytes())?;
    }
    Ok(builder.finish()?)
}

/// How many written pieces of a part may wait for the compressor.
const PIECES_AHEAD: usize = 4;

/// The archive of `parts`, in their order.
pub(super) fn package(parts: Vec<PreparedZipFile>) -> Result<Vec<u8>, Error> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for part in parts {
        let name = String::from_utf8_lossy(part.file_name_raw()).into_owned();
        zip.add_prepared_file(part)
            .map_err(|e| Error::new(&name, e.into()))?;
    }
    let cursor = zip
        .finish()
        .map_err(|e| Error::new("the archive", e.into()))?;
    Ok(cursor.into_inner())
}
