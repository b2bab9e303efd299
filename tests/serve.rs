//! `annals serve` end to end: the real binary on a free port of 127.0.0.1,
//! spoken to over plain HTTP, and a headless Chromium (driven over its
//! DevTools protocol) that follows edits of the records by itself.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{fixture, run};

/// How long anything may take to show up.
const PATIENCE: Duration = Duration::from_secs(20);

/// Waits until `probe` gives something, at most [`PATIENCE`].
fn eventually<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(found) = probe() {
            return found;
        }
        assert!(start.elapsed() < PATIENCE, "timed out waiting: {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A records folder of two units and one pledge (one item, planned).
fn records() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let base = fixture("check/unknown-status");
    for name in ["annals.yaml", "units.yaml"] {
        fs::copy(base.join(name), dir.path().join(name)).expect("copy");
    }
    let made = run(
        dir.path(),
        &["new", "pledge", "--unit", "leifan", "--date", "2024-03-01"],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    let pledge = PathBuf::from(made.stdout.trim());
    (dir, pledge)
}

/// A running `annals serve`, stopped with Ctrl-C (SIGINT) by [`Server::stop`]
/// or killed when dropped.
struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(root: &Path, extra: &[&str]) -> Server {
        Server::start_with_path(root, extra, std::env::var_os("PATH").unwrap_or_default())
    }

    /// Starts serve with this PATH (to see what it runs).
    fn start_with_path(root: &Path, extra: &[&str], path: std::ffi::OsString) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("annals"))
            .arg("--root")
            .arg(root)
            .args(["serve", "--port", "0"])
            .args(extra)
            .env("NO_COLOR", "1")
            .env("PATH", path)
            // The folder states no locale: English, whatever the machine's.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().expect("stderr is piped");
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut all = sink.lock().expect("not poisoned");
                all.push_str(&line);
                all.push('\n');
            }
        });
        let port = eventually("serve says where it listens", || {
            let text = stderr.lock().expect("not poisoned").clone();
            let rest = text.split("serving http://127.0.0.1:").nth(1)?;
            rest.split('/').next()?.parse().ok()
        });
        let server = Server {
            child,
            port,
            stderr,
        };
        eventually("the first build", || {
            server.stderr().contains("] built ").then_some(())
        });
        server
    }

    fn stderr(&self) -> String {
        self.stderr.lock().expect("not poisoned").clone()
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Ctrl-C; returns the exit code and what was printed.
    fn stop(mut self) -> (Option<i32>, String) {
        let interrupted = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(interrupted.success());
        let status = eventually("serve stops", || self.child.try_wait().ok().flatten());
        // The reader thread sees the end of the pipe once the process is gone.
        let stderr = eventually("serve's last words", || {
            let text = self.stderr();
            text.ends_with("stopped\n").then_some(text)
        });
        (status.code(), stderr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request for `path` exactly as written (no normalising):
/// the status, the headers (lower case) and the body.
fn get(port: u16, path: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    // Read the head, then as many bytes as it announces (a server may
    // keep the connection open), or to the end.
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        let read = reader.read_line(&mut line).expect("a response");
        if read == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line.to_lowercase());
    }
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|n| n.trim().parse::<usize>().ok());
    let mut body = Vec::new();
    match length {
        Some(n) => {
            body.resize(n, 0);
            reader.read_exact(&mut body).expect("the body");
        }
        None => {
            reader.read_to_end(&mut body).expect("the body");
        }
    }
    (status, head, body)
}

#[test]
fn serve_lists_the_reports_and_serves_nothing_else() {
    let (dir, _) = records();
    let root = dir.path();
    let server = Server::start(root, &[]);

    let (status, head, body) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"), "{head}");
    let index = String::from_utf8_lossy(&body).into_owned();
    for report in ["summary", "evaluation", "ledger"] {
        assert!(
            index.contains(&format!("href=\"/{report}.html\"")),
            "{index}"
        );
        assert!(
            index.contains(&format!("href=\"/{report}.docx\" download")),
            "{index}"
        );
    }
    assert!(index.contains("Last built "), "{index}");

    let (status, _, body) = get(server.port, "/summary.html");
    assert_eq!(status, 200);
    let page = String::from_utf8_lossy(&body).into_owned();
    assert!(page.contains("承诺事项1项"), "{page}");
    assert!(page.contains("<script src=\"/_annals/live.js\""), "{page}");

    let (status, head, body) = get(server.port, "/ledger.docx");
    assert_eq!(status, 200);
    assert!(head.contains("content-disposition: attachment"), "{head}");
    assert_eq!(&body[..2], b"PK", "a zip: the Word document");

    for path in [
        "/annals.yaml",
        "/units.yaml",
        "/pledges/2024/leifan.md",
        "/../annals.yaml",
        "/%2e%2e/annals.yaml",
        "/..%2fannals.yaml",
        "/out/summary.md",
        "/summary.md",
        "/summary",
    ] {
        let (status, _, body) = get(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !String::from_utf8_lossy(&body).contains("organisation"),
            "{path}"
        );
    }
    assert!(
        TcpStream::connect(("::1", server.port)).is_err(),
        "listens on 127.0.0.1 only"
    );

    // Ctrl-C stops it even while a page listens for rebuilds.
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    write!(
        events,
        "GET /_annals/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .expect("send");
    let (code, stderr) = server.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!root.join("out/annals.yaml").exists());
}

#[test]
fn serve_with_poll_rebuilds_after_an_edit() {
    let (dir, pledge) = records();
    let server = Server::start(dir.path(), &["--poll", "--report", "summary"]);
    let page = || String::from_utf8_lossy(&get(server.port, "/summary.html").2).into_owned();
    assert!(page().contains("承诺事项1项"));
    let text = fs::read_to_string(&pledge).unwrap();
    fs::write(&pledge, text.replace("status: planned", "status: done")).unwrap();
    eventually("the rebuilt report", || {
        page().contains("已兑现1项").then_some(())
    });
    let (code, stderr) = server.stop();
    assert_eq!(code, Some(0), "{stderr}");
}

#[cfg(unix)]
#[test]
fn open_shows_the_list_of_reports_in_the_browser() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _) = records();
    // A stand-in for the desktop's opener that notes what it was asked to open.
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened.txt");
    let opener = bin.path().join("xdg-open");
    fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    fs::set_permissions(&opener, fs::Permissions::from_mode(0o755)).unwrap();
    let mut path = std::ffi::OsString::from(bin.path());
    path.push(":");
    path.push(std::env::var_os("PATH").unwrap_or_default());
    let server = Server::start_with_path(dir.path(), &["--open"], path);
    let url = eventually("the browser opened", || {
        fs::read_to_string(&opened)
            .ok()
            .filter(|t| t.ends_with('\n'))
    });
    assert_eq!(url.trim(), server.url("/"));
    let (code, stderr) = server.stop();
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn a_port_in_use_is_refused_with_a_message() {
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("a port");
    let port = taken.local_addr().expect("an address").port().to_string();
    let (dir, _) = records();
    let run = run(dir.path(), &["serve", "--port", &port]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: ")),
        "{}",
        run.stderr
    );
}

/// A headless Chromium with its DevTools endpoint, on one page.
struct Browser {
    child: Child,
    page: tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn open(url: &str) -> Browser {
        let profile = tempfile::tempdir().expect("a profile folder");
        let child = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts");
        let active = profile.path().join("DevToolsActivePort");
        let port: u16 = eventually("chromium's DevTools port", || {
            fs::read_to_string(&active)
                .ok()?
                .lines()
                .next()?
                .parse()
                .ok()
        });
        let socket = eventually("the page's DevTools socket", || {
            let (_, _, body) = get(port, "/json/list");
            let targets: serde_json::Value = serde_json::from_slice(&body).ok()?;
            targets.as_array()?.iter().find_map(|t| {
                let page = t["type"] == "page" && t["url"].as_str()?.starts_with(url);
                page.then(|| t["webSocketDebuggerUrl"].as_str().map(str::to_owned))?
            })
        });
        let (page, _) = tungstenite::connect(socket.as_str()).expect("DevTools connects");
        if let tungstenite::stream::MaybeTlsStream::Plain(stream) = page.get_ref() {
            stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        }
        Browser {
            child,
            page,
            next_id: 0,
            _profile: profile,
        }
    }

    /// The value of a JavaScript expression in the page, as text; `None`
    /// while the page is between two loads.
    fn eval(&mut self, expression: &str) -> Option<String> {
        self.next_id += 1;
        let id = self.next_id;
        let call = serde_json::json!({
            "id": id,
            "method": "Runtime.evaluate",
            "params": {"expression": expression, "returnByValue": true},
        });
        self.page
            .send(tungstenite::Message::text(call.to_string()))
            .expect("send to DevTools");
        // Events come in between; the answer carries our id. At most a
        // few hundred messages, each read with a timeout.
        for _ in 0..1000 {
            let message = self.page.read().expect("DevTools answers");
            let Ok(reply) = serde_json::from_str::<serde_json::Value>(message.to_text().ok()?)
            else {
                continue;
            };
            if reply["id"] == id {
                return reply["result"]["result"]["value"]
                    .as_str()
                    .map(str::to_owned);
            }
        }
        None
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const BODY: &str = "document.body ? document.body.innerText : ''";
const ERRORS: &str = "(document.getElementById('annals-errors') || {innerText: 'none'}).innerText";

#[test]
fn an_open_page_follows_edits_and_shows_errors_until_they_are_fixed() {
    if !common::have("chromium") {
        return;
    }
    let (dir, pledge) = records();
    let server = Server::start(dir.path(), &["--report", "summary", "--format", "html"]);
    let mut browser = Browser::open(&server.url("/summary.html"));
    eventually("the report in the page", || {
        browser.eval(BODY).filter(|t| t.contains("承诺事项1项"))
    });

    // The item is done: the page shows the new figure by itself.
    let planned = fs::read_to_string(&pledge).unwrap();
    let done = planned.replace("status: planned", "status: done");
    assert_ne!(planned, done);
    fs::write(&pledge, &done).unwrap();
    eventually("the new figure", || {
        browser.eval(BODY).filter(|t| t.contains("已兑现1项"))
    });
    assert_eq!(browser.eval(ERRORS).as_deref(), Some("none"));

    // A mistake: the errors appear over the last good report.
    fs::write(&pledge, done.replace("status: done", "status: finished")).unwrap();
    let shown = eventually("the errors in the page", || {
        browser.eval(ERRORS).filter(|t| t != "none")
    });
    assert!(shown.contains("error: pledges/2024/leifan.md:"), "{shown}");
    assert!(shown.contains("unknown status \"finished\""), "{shown}");
    assert!(shown.contains("expected one of planned"), "{shown}");
    assert!(browser.eval(BODY).is_some_and(|t| t.contains("已兑现1项")));

    // Fixed: the errors go, the report stays.
    fs::write(&pledge, &done).unwrap();
    eventually("the errors gone", || {
        browser.eval(ERRORS).filter(|t| t == "none")
    });
    assert!(browser.eval(BODY).is_some_and(|t| t.contains("已兑现1项")));

    drop(browser);
    let (code, stderr) = server.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("unknown status"), "{stderr}");
}
