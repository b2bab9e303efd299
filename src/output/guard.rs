//! The one guard for every path built from record data (SPEC §4 "Names from
//! records stay inside"). A report name, a unit id, a date or a record id
//! that becomes part of a path goes through [`safe_name`] (one name) or
//! [`safe_relative`] (`/`-separated names), and is joined onto its folder
//! only by [`join_inside`], which checks every part again and then verifies
//! that the result lies inside the folder. Nothing else in annals joins
//! record data onto a path.

use crate::i18n::Message;
use std::path::{Path, PathBuf};

/// The longest name, in bytes, that may become a file name: file systems
/// allow 255, and room is left for an extension and a `-2` suffix.
pub const MAX_NAME_BYTES: usize = 200;

/// Why a name cannot be part of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Nothing at all.
    Empty,
    /// `/` or `\`: the name would become a path of several parts.
    Separator(char),
    /// `..` somewhere in the name: it could climb out of its folder.
    DotDot,
    /// A leading `.`: hidden, and `.`/`..` name folders themselves.
    LeadingDot,
    /// A control character (line break, escape …) or an invisible one
    /// (zero-width space, bidi override …) that would hide what it says.
    Control(char),
    /// A character Windows cannot store in a file name (`:`, `*` …).
    WindowsChar(char),
    /// A device name Windows reserves (`CON`, `nul.md`, `COM1` …).
    WindowsDevice(String),
    /// A trailing `.` or space, which Windows drops.
    TrailingDotOrSpace,
    /// Longer than [`MAX_NAME_BYTES`].
    TooLong(usize),
}

impl Reason {
    /// Why the name is refused, to be put in the user's words.
    pub fn message(&self) -> Message {
        match self {
            Reason::Empty => Message::ReasonEmpty,
            Reason::Separator(c) => Message::ReasonSeparator {
                char: c.to_string(),
            },
            Reason::DotDot => Message::ReasonDotDot,
            Reason::LeadingDot => Message::ReasonLeadingDot,
            Reason::Control(c) => Message::ReasonControl {
                code: format!("U+{:04X}", *c as u32),
            },
            Reason::WindowsChar(c) => Message::ReasonWindowsChar {
                char: c.to_string(),
            },
            Reason::WindowsDevice(device) => Message::ReasonWindowsDevice {
                device: device.clone(),
            },
            Reason::TrailingDotOrSpace => Message::ReasonTrailingDotOrSpace,
            Reason::TooLong(bytes) => Message::ReasonTooLong {
                bytes: *bytes,
                max: MAX_NAME_BYTES,
            },
        }
    }
}

/// A name refused by the guard, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafeName {
    /// The name as given.
    pub name: String,
    /// What is wrong with it.
    pub reason: Reason,
}

impl UnsafeName {
    /// "`name` cannot be part of a file name: why", in the user's words;
    /// what the name holds is shown, hidden characters included.
    pub fn message(&self) -> Message {
        Message::UnsafePath {
            name: crate::diagnostic::visible(&self.name),
            reason: self.reason.message().boxed(),
        }
    }
}

/// Checks that `name` can be one file or folder name on every system annals
/// runs on, without leaving its folder or hiding what it says.
pub fn safe_name(name: &str) -> Result<&str, UnsafeName> {
    reason(name).map_or(Ok(name), |reason| {
        Err(UnsafeName {
            name: name.to_owned(),
            reason,
        })
    })
}

/// Checks every `/`-separated part of `rel` (a record id `2024/leifan`, a
/// template `village/brief.md`) with [`safe_name`].
pub fn safe_relative(rel: &str) -> Result<&str, UnsafeName> {
    if rel.contains('\\') {
        return Err(UnsafeName {
            name: rel.to_owned(),
            reason: Reason::Separator('\\'),
        });
    }
    for part in rel.split('/') {
        safe_name(part).map_err(|e| UnsafeName {
            name: rel.to_owned(),
            reason: e.reason,
        })?;
    }
    Ok(rel)
}

/// Why a path could not be built.
#[derive(Debug)]
pub enum PathError {
    /// One of the names is refused.
    Unsafe(UnsafeName),
    /// The names are fine, but the result lies outside the folder (a
    /// symbolic link on the way points elsewhere).
    Outside {
        /// The path built.
        path: PathBuf,
        /// The folder it should be in.
        folder: PathBuf,
    },
}

impl PathError {
    /// What went wrong, to be put in the user's words.
    pub fn message(&self) -> Message {
        match self {
            PathError::Unsafe(e) => e.message(),
            PathError::Outside { path, folder } => Message::PathOutside {
                path: path.display().to_string(),
                folder: folder.display().to_string(),
            },
        }
    }
}

/// Joins `names` onto `folder`, each checked by [`safe_name`], and verifies
/// that the result, with the symbolic links of its existing part followed,
/// still lies inside `folder`.
pub fn join_inside(folder: &Path, names: &[&str]) -> Result<PathBuf, PathError> {
    let mut path = folder.to_owned();
    for name in names {
        path.push(safe_name(name).map_err(PathError::Unsafe)?);
    }
    if !super::resolve(&path).starts_with(super::resolve(folder)) {
        return Err(PathError::Outside {
            path,
            folder: folder.to_owned(),
        });
    }
    Ok(path)
}

fn reason(name: &str) -> Option<Reason> {
    if name.is_empty() {
        return Some(Reason::Empty);
    }
    if name.len() > MAX_NAME_BYTES {
        return Some(Reason::TooLong(name.len()));
    }
    // Most names are letters, digits, `-`, `_` and `.`, which none of the
    // character checks below refuses: one look at the bytes spares them.
    let plain = name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if !plain {
        if let Some(c) = name.chars().find(|&c| c == '/' || c == '\\') {
            return Some(Reason::Separator(c));
        }
        if let Some(c) = name.chars().find(|&c| crate::diagnostic::is_hidden(c)) {
            return Some(Reason::Control(c));
        }
    }
    // (A byte scan: searching for a string sets up a searcher, which costs
    // more than this whole check of a short name.)
    if name.as_bytes().windows(2).any(|pair| pair == b"..") {
        return Some(Reason::DotDot);
    }
    if name.starts_with('.') {
        return Some(Reason::LeadingDot);
    }
    if !plain && let Some(c) = name.chars().find(|c| "<>:\"|?*".contains(*c)) {
        return Some(Reason::WindowsChar(c));
    }
    if name.ends_with(['.', ' ']) {
        return Some(Reason::TrailingDotOrSpace);
    }
    windows_device(name).map(Reason::WindowsDevice)
}

/// The device name Windows reserves that `name` is, with or without an
/// extension (`CON`, `nul.md`, `com1.yaml`), case and trailing spaces aside.
fn windows_device(name: &str) -> Option<String> {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    let numbered = |prefix: &str| {
        stem.get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
            && matches!(
                &stem[3..],
                "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
            )
    };
    let reserved = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
        .iter()
        .any(|device| stem.eq_ignore_ascii_case(device))
        || numbered("COM")
        || numbered("LPT");
    reserved.then(|| stem.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn refused(name: &str) -> Reason {
        safe_name(name).expect_err(name).reason
    }

    #[test]
    fn ordinary_names_pass() {
        for name in [
            "leifan",
            "village-brief",
            "雷畈村",
            "2024-05-10-jindang",
            "a b",
            "x;rm -rf ~;$(id)",
            "v1.2",
            "console",
            "com10",
        ] {
            assert_eq!(safe_name(name), Ok(name));
        }
    }

    #[test]
    fn each_kind_of_bad_name_is_refused() {
        assert_eq!(refused(""), Reason::Empty);
        assert_eq!(refused("../pledges/leifan"), Reason::Separator('/'));
        assert_eq!(refused("/etc/passwd"), Reason::Separator('/'));
        assert_eq!(refused("a\\b"), Reason::Separator('\\'));
        assert_eq!(refused(".."), Reason::DotDot);
        assert_eq!(refused("a..b"), Reason::DotDot);
        assert_eq!(refused(".hidden"), Reason::LeadingDot);
        assert_eq!(refused("a\nb"), Reason::Control('\n'));
        assert_eq!(refused("a\u{1b}[31m"), Reason::Control('\u{1b}'));
        assert_eq!(refused("a\u{85}"), Reason::Control('\u{85}'));
        assert_eq!(refused("le\u{200B}ifan"), Reason::Control('\u{200B}'));
        assert_eq!(refused("\u{202E}nafiel"), Reason::Control('\u{202E}'));
        assert_eq!(refused("a:b"), Reason::WindowsChar(':'));
        assert_eq!(refused("what?"), Reason::WindowsChar('?'));
        assert_eq!(refused("trailing."), Reason::TrailingDotOrSpace);
        assert_eq!(refused("trailing "), Reason::TrailingDotOrSpace);
        assert_eq!(refused("CON"), Reason::WindowsDevice("CON".into()));
        assert_eq!(refused("nul.md"), Reason::WindowsDevice("nul".into()));
        assert_eq!(refused("Com1"), Reason::WindowsDevice("Com1".into()));
        assert_eq!(refused("lpt²"), Reason::WindowsDevice("lpt²".into()));
        assert_eq!(
            refused("ConOut$.txt"),
            Reason::WindowsDevice("ConOut$".into())
        );
        for allowed in ["COM", "com10", "console", "auxiliary.md", "nul-1", "长长"] {
            assert_eq!(safe_name(allowed), Ok(allowed));
        }
        assert_eq!(refused(&"长".repeat(70)), Reason::TooLong(210));
    }

    #[test]
    fn relative_paths_are_checked_part_by_part() {
        assert_eq!(safe_relative("2024/leifan"), Ok("2024/leifan"));
        assert_eq!(
            safe_relative("2024/../x").unwrap_err().reason,
            Reason::DotDot
        );
        assert_eq!(safe_relative("2024/").unwrap_err().reason, Reason::Empty);
        assert_eq!(
            safe_relative("a\\..\\b").unwrap_err().reason,
            Reason::Separator('\\')
        );
    }

    #[test]
    fn joins_stay_inside_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        assert_eq!(
            join_inside(&out, &["summary.md"]).unwrap(),
            out.join("summary.md")
        );
        assert!(matches!(
            join_inside(&out, &["../x.md"]),
            Err(PathError::Unsafe(_))
        ));
        std::os::unix::fs::symlink(dir.path(), out.join("up")).unwrap();
        assert!(matches!(
            join_inside(&out, &["up", "x.md"]),
            Err(PathError::Outside { .. })
        ));
    }

    #[test]
    fn messages_show_what_is_hidden() {
        let e = safe_name("a\u{200B}\nb").unwrap_err();
        assert_eq!(
            e.message().text(Lang::En),
            "`a<U+200B>␊b` cannot be part of a file name: it contains the invisible or control character U+200B"
        );
    }
}
