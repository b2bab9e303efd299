//! The HTTP side of `serve`: the index, each report by its file name, the
//! live-reload script and its event stream. Nothing else answers.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::watch::Receiver;
use tokio_stream::{Stream, StreamExt, wrappers::WatchStream};

use crate::commands::serve::{Site, page};

type Shared = Receiver<Arc<Site>>;

/// The routes, over the site the rebuild thread publishes.
pub fn app(site: Shared) -> Router {
    Router::new()
        .route("/", get(index))
        .route(page::SCRIPT, get(script))
        .route(page::EVENTS, get(events))
        .route("/{file}", get(report))
        .fallback(not_found)
        .with_state(site)
}

async fn index(State(site): State<Shared>) -> Response {
    let site = Arc::clone(&site.borrow());
    fresh("text/html; charset=utf-8", page::index(&site))
}

async fn script() -> Response {
    fresh(
        "text/javascript; charset=utf-8",
        page::LIVE_JS.as_bytes().to_vec(),
    )
}

/// The state of every build, as JSON: the generation of the last good one
/// and the errors of the last one.
async fn events(State(site): State<Shared>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let states = WatchStream::new(site).map(|site| {
        let state = serde_json::json!({"generation": site.generation, "errors": site.errors});
        Ok(Event::default().data(state.to_string()))
    });
    Sse::new(states).keep_alive(KeepAlive::default())
}

/// `/NAME.EXT`: a file the last good build wrote, else nothing.
async fn report(State(site): State<Shared>, Path(file): Path<String>) -> Response {
    let site = Arc::clone(&site.borrow());
    let found = file.rsplit_once('.').and_then(|(name, format)| {
        let files = site.reports.get(name)?;
        files.iter().find(|f| f.format == format)
    });
    let Some(served) = found else {
        return missing(&site);
    };
    if served.format == "html" {
        let page = page::with_script(&served.bytes, site.generation);
        return fresh("text/html; charset=utf-8", page);
    }
    let mut response = fresh(content_type(&served.format), served.bytes.to_vec());
    let disposition = format!("attachment; filename*=UTF-8''{}", percent_encoded(&file));
    if let Ok(value) = disposition.parse() {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

async fn not_found(State(site): State<Shared>) -> Response {
    let site = Arc::clone(&site.borrow());
    missing(&site)
}

/// The page for a path that is not a report, in the site's language.
fn missing(site: &Site) -> Response {
    let page = page::not_found(site.lang).into_bytes();
    let mut response = fresh("text/html; charset=utf-8", page);
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

/// A response that browsers neither cache nor second-guess the type of.
fn fresh(content_type: &'static str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

fn content_type(format: &str) -> &'static str {
    match format {
        "md" => "text/markdown; charset=utf-8",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// `name` for a header's `filename*=UTF-8''…` (RFC 5987).
fn percent_encoded(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
