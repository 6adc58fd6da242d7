//! Static assets (CSS, JavaScript, the icon), compiled into the binary with rust-embed: no
//! request ever reads a file from disk, so no path (`..`, `%2e%2e`, absolute) can reach one.
//!
//! Pages link to `/static/<name>?v=<version>`, the version being a hash of every asset: a new
//! build changes the links, so browsers may keep an asset for a year.

use std::sync::OnceLock;

use axum::extract::RawQuery;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};

use crate::error::{Failure, PageError};
use crate::extract::PagePath;

#[derive(RustEmbed)]
#[folder = "static/"]
struct Assets;

/// A short hash of every asset's name and content.
pub fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let mut names: Vec<String> = Assets::iter().map(|n| n.into_owned()).collect();
        names.sort();
        let mut hash = Sha256::new();
        for name in names {
            hash.update(name.as_bytes());
            if let Some(file) = Assets::get(&name) {
                hash.update(file.metadata.sha256_hash());
            }
        }
        hash.finalize()
            .iter()
            .take(6)
            .map(|b| format!("{b:02x}"))
            .collect()
    })
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

/// `GET /static/{*path}`.
pub async fn serve(PagePath(path): PagePath<String>, RawQuery(query): RawQuery) -> Response {
    let Some(file) = Assets::get(&path) else {
        return PageError(Failure::not_found()).into_response();
    };
    // Only the current version may be cached for long: an old link must not pin new content.
    let current = query.as_deref() == Some(&format!("v={}", version()));
    let cache = if current {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(&path)),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        file.data,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_are_embedded_and_versioned() {
        for name in ["app.css", "prefs.js", "app.js", "favicon.svg"] {
            assert!(Assets::get(name).is_some(), "{name} is embedded");
        }
        assert_eq!(version().len(), 12);
        assert!(Assets::get("../Cargo.toml").is_none());
        assert!(Assets::get("/etc/passwd").is_none());
        assert_eq!(content_type("app.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("x"), "application/octet-stream");
    }
}
