//! End to end in a real browser: `ficshelf import` a few works into a temporary library,
//! `ficshelf serve` it on a free loopback port, and drive Debian's headless Chromium through
//! chromedriver — open the list, filter by a fandom, open a work, go to chapter 2 with the arrow
//! key, switch the theme and the font size (both kept after a reload), come back to the work
//! page to be offered the chapter left off at, download the EPUB (a zip with its mimetype,
//! passed through epubcheck), and check the pages fit a phone. Screenshots go to
//! `target/screenshots/`.
//!
//! Chromium missing is a failure telling what to install, never a skip: `.ci/run` installs it.

mod http;
mod webdriver;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use webdriver::{Browser, screenshot_dir};

const HANG_GUARD: Duration = Duration::from_secs(120);

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `ficshelf serve`, stopped when dropped.
struct Server {
    child: Child,
    base: String,
    port: u16,
}

impl Server {
    fn start(library: &Path) -> Server {
        Server::start_with(library, &[])
    }

    fn start_with(library: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ficshelf"))
            .args(["serve", "--addr", "127.0.0.1:0", "--library"])
            .arg(library)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("ficshelf serve starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx
            .recv_timeout(HANG_GUARD)
            .expect("ficshelf serve says where it listens");
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        let port = base
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("a port");
        Server { child, base, port }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The server's JSON API, asked directly (to know what the pages should show).
    fn api(&self, path: &str) -> serde_json::Value {
        let reply =
            http::request(self.port, "GET", path, None, HANG_GUARD).expect("the API answers");
        assert_eq!(reply.status, 200, "{path}");
        assert!(
            reply
                .header("content-type")
                .is_some_and(|t| t.starts_with("application/json")),
            "{path}: {:?}",
            reply.header("content-type")
        );
        assert_eq!(
            reply.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        reply.json()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Work ids listed on the current page, in order.
fn listed(b: &Browser) -> Vec<u64> {
    b.js("return Array.from(document.querySelectorAll('li.blurb')).map(li => Number(li.id.slice(5)));")
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_u64().expect("an id"))
        .collect()
}

fn no_horizontal_overflow(b: &Browser, what: &str) {
    let widths = b.js("return [document.documentElement.scrollWidth, window.innerWidth];");
    let (scroll, inner) = (widths[0].as_u64().unwrap(), widths[1].as_u64().unwrap());
    assert!(
        scroll <= inner,
        "{what}: {scroll} px wide in a {inner} px window"
    );
}

/// Nothing our pages load may be refused by the Content-Security-Policy, and no script fails.
fn no_console_errors(b: &Browser, what: &str) {
    let bad: Vec<String> = b
        .console()
        .into_iter()
        .filter(|m| {
            m.contains("Content Security Policy")
                || m.contains("Refused to")
                || m.contains("Uncaught")
        })
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:#?}");
}

#[test]
fn browse_filter_read_and_download_in_chromium() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let library = tmp.path().join("library");
    import(
        &library,
        &[
            repo().join("crates/web/tests/fixtures"),
            repo().join("samples"),
        ],
    );
    let server = Server::start(&library);
    let shots = screenshot_dir();
    let downloads = tmp.path().join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let b = Browser::start(&tmp.path().join("profile"), &downloads);

    // The list.
    b.goto(&server.url("/works"));
    let all = listed(&b);
    assert!(all.len() >= 5, "{all:?}");
    b.screenshot(&shots.join("works-list.png"));
    no_console_errors(&b, "the works list");

    // Filter by a fandom with the sidebar's checkbox and its submit button.
    let buffy = "Buffy the Vampire Slayer";
    let expected: Vec<u64> = server.api("/api/works?fandom=Buffy+the+Vampire+Slayer")["works"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_u64().unwrap())
        .collect();
    assert!(
        expected.len() >= 2 && expected.len() < all.len(),
        "{expected:?}"
    );
    b.click(&b.find(&format!("input[name='fandom'][value='{buffy}']")));
    b.click(&b.find("form.filter-form button[type='submit']"));
    b.wait_for("the filtered list", |b| b.url().contains("fandom="));
    assert_eq!(listed(&b), expected);
    let checked = b.js(&format!(
        "return document.querySelector(\"input[name='fandom'][value='{buffy}']\").checked;"
    ));
    assert_eq!(checked, true, "the filter stays checked");
    b.screenshot(&shots.join("works-filtered.png"));

    // Open a work, start reading, and go to chapter 2 with the right arrow key.
    b.click(&b.find_by("link text", "The Lighthouse Keeper's Ledger"));
    b.wait_for("the work page", |b| b.url().contains("/works/"));
    let work_url = b.url();
    let id = work_url.rsplit('/').next().unwrap().to_string();
    assert!(
        b.text(&b.find("h1.title"))
            .contains("The Lighthouse Keeper's Ledger")
    );
    b.screenshot(&shots.join("work-page.png"));
    b.click(&b.find_by("link text", "Start reading"));
    b.wait_for("chapter 1", |b| b.url().ends_with("/chapters/1"));
    b.press("\u{E014}");
    b.wait_for("chapter 2", |b| b.url().ends_with("/chapters/2"));
    assert_eq!(b.text(&b.find("h2.chapter-title")), "Chapter 2: Paper");
    assert!(
        b.text(&b.find(".chapter-text"))
            .contains("Spike arrived on the second night")
    );
    no_console_errors(&b, "the reader");
    b.screenshot(&shots.join("reader-light.png"));

    // Theme and font size, kept across a reload.
    let background = "return getComputedStyle(document.body).backgroundColor;";
    let light = b.js(background);
    b.click(&b.find("#theme-toggle"));
    assert_eq!(
        b.js("return document.documentElement.dataset.theme;"),
        "dark"
    );
    let dark = b.js(background);
    assert_ne!(light, dark, "the page turned dark");
    let size =
        "return parseFloat(getComputedStyle(document.querySelector('.chapter-text')).fontSize);";
    let before = b.js(size).as_f64().unwrap();
    b.click(&b.find("button[data-font-step='1']"));
    b.click(&b.find("button[data-font-step='1']"));
    b.refresh();
    b.wait_for("the reloaded chapter", |b| {
        b.js("return document.readyState;") == "complete"
    });
    assert_eq!(
        b.js("return document.documentElement.dataset.theme;"),
        "dark"
    );
    assert_eq!(b.js(background), dark, "still dark after a reload");
    assert!(
        b.js(size).as_f64().unwrap() > before,
        "still larger after a reload"
    );
    assert_eq!(b.text(&b.find("#theme-toggle")), "Light theme");
    b.screenshot(&shots.join("reader-dark.png"));

    // The work page offers to continue at chapter 2.
    b.goto(&work_url);
    b.wait_for("the resume link", |b| {
        b.js("const r = document.getElementById('resume'); return !!r && !r.hidden;") == true
    });
    let resume = b.find("#resume a");
    assert_eq!(b.text(&resume), "Continue reading (chapter 2)");

    // Download the EPUB from the work page.
    b.click(&b.find_by("link text", "EPUB"));
    let mut epub = None;
    b.wait_for("the EPUB download", |_| {
        epub = std::fs::read_dir(&downloads)
            .ok()
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "epub"));
        epub.is_some()
    });
    let epub = epub.unwrap();
    assert_eq!(
        epub.file_name().unwrap(),
        "The Lighthouse Keeper's Ledger - Marrow Quill.epub"
    );
    let bytes = std::fs::read(&epub).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip archive");
    assert_eq!(
        &bytes[30..38],
        b"mimetype",
        "the first entry is the mimetype"
    );
    assert_eq!(&bytes[38..58], b"application/epub+zip");
    epubcheck(&epub);

    // On a phone: nothing wider than the screen, the filters folded away.
    b.resize(390, 844);
    b.goto(&server.url(&format!("/works/{id}/chapters/2")));
    no_horizontal_overflow(&b, "the reader on a phone");
    b.screenshot(&shots.join("reader-phone.png"));
    b.goto(&server.url("/works"));
    no_horizontal_overflow(&b, "the list on a phone");
    assert_eq!(
        b.js("return document.getElementById('filters-box').open;"),
        false
    );
    b.screenshot(&shots.join("works-list-phone.png"));
    no_console_errors(&b, "the phone pages");
}

/// epubcheck (Debian's package) must find nothing wrong with the downloaded EPUB.
fn epubcheck(epub: &Path) {
    let jar = "/usr/share/java/epubcheck.jar";
    assert!(
        Path::new(jar).is_file(),
        "epubcheck is needed to check the download: apt-get install -y epubcheck \
         default-jre-headless (.ci/run installs it)"
    );
    let out = Command::new("java")
        .args(["-jar", jar, "--quiet"])
        .arg(epub)
        .output()
        .expect("java runs epubcheck");
    assert!(
        out.status.success(),
        "epubcheck: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A library of `folders` at `library`.
fn import(library: &Path, folders: &[PathBuf]) {
    let import = Command::new(env!("CARGO_BIN_EXE_ficshelf"))
        .args(["import", "--library"])
        .arg(library)
        .args(folders)
        .output()
        .expect("ficshelf import runs");
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
}

/// `serve` takes its limits from the library's `ficshelf.toml` and from `--limit`, the flag
/// winning (the web crate's own tests build the router with limits directly; this is the
/// command a user runs).
#[test]
fn serve_applies_the_limits_of_the_library_file_and_the_flags() {
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("library");
    import(&library, &[repo().join("samples")]);
    std::fs::write(
        library.join("ficshelf.toml"),
        "[limits]\nweb_max_query_pairs = 2\n",
    )
    .unwrap();
    let three = "/api/works?fandom=a&fandom=b&fandom=c";
    let ask = |server: &Server| {
        http::request(server.port, "GET", three, None, HANG_GUARD).expect("the server answers")
    };

    let from_file = Server::start(&library);
    let reply = ask(&from_file);
    assert_eq!(reply.status, 400);
    let error = reply.json()["error"].as_str().unwrap().to_string();
    assert!(error.contains("web_max_query_pairs"), "{error}");
    drop(from_file);

    let flag_wins = Server::start_with(&library, &["--limit", "web_max_query_pairs=10"]);
    assert_eq!(ask(&flag_wins).status, 200);
    drop(flag_wins);

    let stricter = Server::start_with(&library, &["--limit", "web_max_query_pairs=1"]);
    let reply = http::request(
        stricter.port,
        "GET",
        "/api/works?fandom=a&fandom=b",
        None,
        HANG_GUARD,
    )
    .expect("the server answers");
    assert_eq!(reply.status, 400);
}

/// Bad setups stop `serve` before it listens: exit 2 and one `error:` line saying why.
#[test]
fn serve_refuses_what_it_cannot_serve() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty-token");
    std::fs::write(&empty, "  \n").unwrap();
    let missing = tmp.path().join("no-such-token");
    let library = tmp.path().join("no-library-here");
    let empty_arg = empty.display().to_string();
    let missing_arg = missing.display().to_string();
    for (args, reason) in [
        (
            vec!["--allow-upload", "--token-file", &empty_arg],
            "the token file is empty",
        ),
        (
            vec!["--allow-upload", "--token-file", &missing_arg],
            "cannot read the token file",
        ),
        (vec![], "no ficshelf library here"),
        (vec!["--allow-upload"], "--token-file"),
        (vec!["--token-file", &empty_arg], "--allow-upload"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_ficshelf"))
            .args(["serve", "--addr", "127.0.0.1:0", "--library"])
            .arg(&library)
            .args(&args)
            .output()
            .expect("ficshelf runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(stderr.contains(reason), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing served");
    }
    assert!(!library.exists(), "a read-only serve creates no library");

    // A port already taken.
    import(&library, &[repo().join("samples")]);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_ficshelf"))
        .args(["serve", "--addr", &addr, "--library"])
        .arg(&library)
        .output()
        .expect("ficshelf runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!("error: cannot listen on {addr}: ")),
        "{stderr}"
    );
}
