//! The pages `serve` makes itself: the index of the reports, the script tag
//! put into every page, and the page for anything else.

use crate::commands::serve::Site;
use crate::formats::escape;
use crate::i18n::{Lang, Message};

/// The path of the live-reload script.
pub const SCRIPT: &str = "/_annals/live.js";

/// The path of the event stream the script listens to.
pub const EVENTS: &str = "/_annals/events";

/// The live-reload script itself.
pub const LIVE_JS: &str = include_str!("live.js");

/// `html` with the live-reload script before its `</body>` (or at its end),
/// telling the script which build the page comes from.
pub fn with_script(html: &[u8], generation: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT}\" data-generation=\"{generation}\"></script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut page = Vec::with_capacity(html.len() + tag.len());
    page.extend_from_slice(&html[..at]);
    page.extend_from_slice(tag.as_bytes());
    page.extend_from_slice(&html[at..]);
    page
}

/// The index: every report with a link to each of its formats, and when
/// the last good build finished.
pub fn index(site: &Site) -> Vec<u8> {
    let mut rows = String::new();
    for (name, files) in &site.reports {
        let links: Vec<String> = files
            .iter()
            .map(|f| {
                let href = format!("/{}.{}", escape(name), escape(&f.format));
                let download = if f.format == "html" { "" } else { " download" };
                format!("<a href=\"{href}\"{download}>{}</a>", escape(&f.format))
            })
            .collect();
        let title = match files.iter().any(|f| f.format == "html") {
            true => format!("<a href=\"/{0}.html\">{0}</a>", escape(name)),
            false => escape(name),
        };
        rows.push_str(&format!(
            "<tr><td>{title}</td><td>{}</td></tr>\n",
            links.join(" · ")
        ));
    }
    let text = |message: Message| escape(&message.text(site.lang));
    let built = match &site.built_at {
        Some(at) => text(Message::ServeLastBuilt { at: at.clone() }),
        None if site.errors.is_empty() => text(Message::ServeBuilding),
        None => text(Message::ServeFirstBuildFailed),
    };
    let (lang, heading) = (site.lang.tag(), text(Message::ServeReports));
    let (report, formats) = (
        text(Message::ServeColumnReport),
        text(Message::ServeColumnFormats),
    );
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>annals serve</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>{heading}</h1>\n<p>{built}</p>\n<table>\n<tr><th>{report}</th><th>{formats}</th></tr>\n\
         {rows}</table>\n</body>\n</html>\n"
    );
    with_script(page.as_bytes(), site.generation)
}

/// The page for a path that is not a report.
pub fn not_found(lang: Lang) -> String {
    let text = |message: Message| escape(&message.text(lang));
    let (title, only, list) = (
        text(Message::ServeNotFound),
        text(Message::ServeOnlyReports),
        text(Message::ServeTheList),
    );
    let tag = lang.tag();
    // Chinese puts no space before the link and ends with a full stop of
    // its own.
    let (gap, stop) = if lang == Lang::ZhCn {
        ("", "。")
    } else {
        (" ", ".")
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{tag}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>{title}</h1>\n<p>{only}{gap}<a href=\"/\">{list}</a>{stop}</p>\n\
         </body>\n</html>\n"
    )
}

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:48em;margin:2em auto;\
padding:0 1em}table{border-collapse:collapse}td,th{padding:.3em 1em .3em 0;text-align:left}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_says_why_it_lists_nothing() {
        let text = |site: &Site| String::from_utf8(index(site)).unwrap();
        assert!(text(&Site::default()).contains("<p>Building…</p>"));
        let failed = Site {
            errors: vec!["error: units.yaml: …".into()],
            ..Site::default()
        };
        assert!(text(&failed).contains("the first build failed"));
        let chinese = Site {
            lang: crate::i18n::Lang::ZhCn,
            ..Site::default()
        };
        assert!(text(&chinese).contains("<h1>报告</h1>\n<p>正在生成……</p>"));
    }

    #[test]
    fn the_page_for_anything_else_speaks_the_users_language() {
        let english = not_found(Lang::En);
        assert!(english.contains("<html lang=\"en\">"), "{english}");
        assert!(
            english.contains("<p>Only the reports are served: see <a href=\"/\">the list</a>.</p>"),
            "{english}"
        );
        let chinese = not_found(Lang::ZhCn);
        assert!(chinese.contains("<html lang=\"zh-CN\">"), "{chinese}");
        assert!(chinese.contains("<h1>未找到</h1>"), "{chinese}");
        assert!(
            chinese.contains("<p>这里只提供报告，请看<a href=\"/\">报告列表</a>。</p>"),
            "{chinese}"
        );
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let page = with_script(b"<html><body><p>x</p></body></html>", 3);
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>x</p><script src=\"/_annals/live.js\" data-generation=\"3\"></script></body></html>"
        );
        let bare = with_script(b"<p>x</p>", 1);
        assert!(String::from_utf8(bare).unwrap().ends_with("</script>"));
    }
}
