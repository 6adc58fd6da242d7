//! Helpers: a temporary library with the fixture works imported through the library facade,
//! the router over it, and one-shot requests (tower's `ServiceExt::oneshot`, no socket).

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use ficshelf_library::{ExportFormat, FileOutcome, ImportOptions, Library, WorkId};
use ficshelf_web::{Token, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub const TOKEN: &str = "correct-horse-battery-staple";

/// Fillers added so that the list has more than one page.
pub const FILLERS: usize = 22;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The ids of the fixture works in the shared library.
#[derive(Debug, Clone, Copy)]
pub struct Ids {
    /// Three chapters, complete, Buffy, Teen, Spike/Willow, English.
    pub lighthouse: u64,
    /// Two chapters, in progress, Stargate SG-1, Mature, violence.
    pub gate: u64,
    /// `<script>`, `onerror=` and `javascript:` in title, author, tags and summary.
    pub hostile: u64,
    /// One chapter, Good Omens, Explicit, imported from an EPUB.
    pub bookshop: u64,
}

pub struct Shared {
    _dir: tempfile::TempDir,
    pub library: Arc<Library>,
    pub ids: Ids,
}

/// One library for all the read-only tests of this binary (importing is the slow part).
pub fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::open_or_create(&dir.path().join("lib")).unwrap();
        let files = dir.path().join("files");
        std::fs::create_dir_all(&files).unwrap();
        // The Good Omens story goes in as an EPUB written by ficshelf's exporter.
        let txt = fixture("good-omens-one-chapter-as-epub.txt");
        let work = ficshelf_ingest::read_path(&txt, &Default::default()).unwrap();
        let epub = files.join("bookshop.epub");
        ficshelf_export::write_file(&work, ExportFormat::Epub, &epub).unwrap();
        let mut paths = vec![
            fixture("lighthouse-three-chapters-complete.txt"),
            fixture("sg1-two-chapters-in-progress.txt"),
            fixture("hostile-markup-in-every-field.txt"),
            epub,
        ];
        paths.extend(fillers(&files.join("fillers")));
        let report = library
            .import(&paths, &ImportOptions::default(), |_| {})
            .unwrap();
        let ids: Vec<u64> = report
            .files
            .iter()
            .map(|f| match &f.outcome {
                FileOutcome::Imported(id) => id.0,
                other => panic!("{}: {other:?}", f.path.display()),
            })
            .collect();
        Shared {
            _dir: dir,
            library: Arc::new(library),
            ids: Ids {
                lighthouse: ids[0],
                gate: ids[1],
                hostile: ids[2],
                bookshop: ids[3],
            },
        }
    })
}

/// Short works of their own fandom, each with its own title and text.
fn fillers(dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let words = [
        "harbour", "lantern", "orchard", "meadow", "ferry", "quarry", "bramble", "cinder",
        "thistle", "willow", "marsh", "beacon", "copper", "saddle", "gravel", "heron", "juniper",
        "kestrel", "linden", "mortar", "nettle", "otter", "pewter", "rowan",
    ];
    (0..FILLERS)
        .map(|i| {
            let a = words[i % words.len()];
            let b = words[(i * 7 + 3) % words.len()];
            let text = format!(
                "Title: Filler {i:02} {a}\nAuthor: Pat Filler\nFandom: Filler Fandom\n\
                 Rating: G\nTags: Filler\n\n\
                 The {a} and the {b} met at the {i}th milestone, where the road bent twice. \
                 Nobody had planned it; the {b} simply arrived, and the {a} stayed to see why.\n"
            );
            let path = dir.join(format!("filler-{i:02}.txt"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

/// A fresh library holding only the lighthouse story, for tests that write.
pub fn private_library() -> (tempfile::TempDir, Arc<Library>, WorkId) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open_or_create(&dir.path().join("lib")).unwrap();
    let report = library
        .import(
            &[fixture("lighthouse-three-chapters-complete.txt")],
            &ImportOptions::default(),
            |_| {},
        )
        .unwrap();
    let id = match report.files[0].outcome {
        FileOutcome::Imported(id) => id,
        ref other => panic!("{other:?}"),
    };
    (dir, Arc::new(library), id)
}

pub fn app() -> Router {
    router(Arc::clone(&shared().library), None)
}

pub fn app_with_token(library: Arc<Library>) -> Router {
    router(library, Some(Token::new(TOKEN).unwrap()))
}

/// An answer, read whole.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// The router's fallback answered (no route matched).
    pub no_route: bool,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("the body is UTF-8")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the body is JSON")
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap())
            .unwrap_or("")
    }
}

pub async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let no_route = response
        .extensions()
        .get::<ficshelf_web::NoRoute>()
        .is_some();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        body,
        no_route,
    }
}

pub async fn get(app: &Router, uri: &str) -> Answer {
    send(
        app,
        Request::builder().uri(uri).body(Body::empty()).unwrap(),
    )
    .await
}

/// A multipart body with one file field per `(name, bytes)`.
pub fn multipart(files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "ficshelf-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; \
                 filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// The hrefs of `<a>` elements in `html` (a plain scan: the pages are ours).
pub fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&").replace("&#38;", "&"))
        .collect()
}
