//! Driving Debian's headless Chromium through chromedriver's W3C WebDriver HTTP API: start the
//! driver on a free port, open a session with a fresh profile and a download folder, and the
//! handful of commands the scenario needs. A missing browser or driver is a loud failure that
//! says what to install — never a skipped test.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::http::{base64_decode, request};

/// The key WebDriver uses for element references.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
const CHROMIUM: &str = "/usr/bin/chromium";
const TIMEOUT: Duration = Duration::from_secs(60);

fn installed(path: &str) -> bool {
    Path::new(path).is_file()
}

/// A chromedriver process and one browser session on it.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl Browser {
    /// Start chromedriver and a headless Chromium with a fresh profile in `profile`, saving
    /// downloads to `downloads`.
    pub fn start(profile: &Path, downloads: &Path) -> Browser {
        let driver_path = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|p| installed(p));
        let (Some(driver_path), true) = (driver_path, installed(CHROMIUM)) else {
            panic!(
                "the browser test needs Debian's Chromium and its driver: \
                 apt-get install -y chromium chromium-driver (.ci/run installs them)"
            );
        };
        let port = free_port();
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
        };
        let started = Instant::now();
        loop {
            let ready = request(port, "GET", "/status", None, TIMEOUT)
                .map(|r| r.json()["value"]["ready"] == true)
                .unwrap_or(false);
            if ready {
                break;
            }
            assert!(
                started.elapsed() < TIMEOUT,
                "chromedriver did not become ready"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:loggingPrefs": { "browser": "ALL" },
                "goog:chromeOptions": {
                    "binary": CHROMIUM,
                    "args": [
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--disable-dev-shm-usage",
                        "--window-size=1280,1000",
                        format!("--user-data-dir={}", profile.display()),
                    ],
                    "prefs": {
                        "download.default_directory": downloads.display().to_string(),
                        "download.prompt_for_download": false,
                    },
                },
            }},
        });
        let reply = browser.call("POST", "/session", Some(capabilities));
        browser.session = reply["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {reply}"))
            .to_string();
        browser
    }

    /// A WebDriver command; its `value`, or a panic with the driver's error.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let reply = request(self.port, method, path, body.as_ref(), TIMEOUT)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let json = reply.json();
        if reply.status >= 400 {
            panic!("{method} {path}: {}", json["value"]);
        }
        json["value"].clone()
    }

    fn session_call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    pub fn goto(&self, url: &str) {
        self.session_call("POST", "/url", Some(json!({ "url": url })));
    }

    pub fn url(&self) -> String {
        self.session_call("GET", "/url", None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    pub fn refresh(&self) {
        self.session_call("POST", "/refresh", Some(json!({})));
    }

    /// The first element matching the CSS selector (panics if there is none).
    pub fn find(&self, css: &str) -> String {
        self.find_by("css selector", css)
    }

    pub fn find_by(&self, using: &str, value: &str) -> String {
        let v = self.session_call(
            "POST",
            "/element",
            Some(json!({ "using": using, "value": value })),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {value:?}"))
            .to_string()
    }

    pub fn click(&self, element: &str) {
        self.session_call(
            "POST",
            &format!("/element/{element}/click"),
            Some(json!({})),
        );
    }

    pub fn text(&self, element: &str) -> String {
        self.session_call("GET", &format!("/element/{element}/text"), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// Run `script` (a function body; `arguments` available) in the page.
    pub fn js(&self, script: &str) -> Value {
        self.session_call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Press and release one key (a WebDriver key code such as `\u{E014}`, ArrowRight).
    pub fn press(&self, key: &str) {
        self.session_call(
            "POST",
            "/actions",
            Some(json!({ "actions": [{
                "type": "key", "id": "keyboard",
                "actions": [{ "type": "keyDown", "value": key }, { "type": "keyUp", "value": key }],
            }]})),
        );
        self.session_call("DELETE", "/actions", None);
    }

    pub fn resize(&self, width: u32, height: u32) {
        self.session_call(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        );
    }

    /// Save a PNG of the window to `path`.
    pub fn screenshot(&self, path: &Path) {
        let data = self.session_call("GET", "/screenshot", None);
        let png = base64_decode(data.as_str().unwrap_or(""));
        assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
        std::fs::write(path, png).expect("the screenshot is written");
    }

    /// The browser's console messages since the last call (chromedriver's log endpoint).
    pub fn console(&self) -> Vec<String> {
        self.session_call("POST", "/se/log", Some(json!({ "type": "browser" })))
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| e["message"].as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Wait until `ready` holds (a hang guard, not a timing).
    pub fn wait_for(&self, what: &str, mut ready: impl FnMut(&Browser) -> bool) {
        let started = Instant::now();
        while !ready(self) {
            assert!(started.elapsed() < TIMEOUT, "gave up waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = request(
                self.port,
                "DELETE",
                &format!("/session/{}", self.session),
                None,
                TIMEOUT,
            );
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Where screenshots go: `target/screenshots/` of the workspace.
pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).expect("target/screenshots can be created");
    dir
}
