//! The HTML pages: the works list and tag pages (`list`), the work page and its downloads
//! (`work`), the reader (`reader`), and the upload form. Each handler does its library calls
//! and renders its askama template on a blocking thread (`AppState::blocking`).

pub mod list;
pub mod reader;
pub mod work;

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use crate::error::{Failure, PageError};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "upload.html")]
struct UploadPage {
    v: &'static str,
    uploads: bool,
    max_mib: u64,
}

/// `GET /upload`: a form for the upload API (its script sends the token as a bearer header,
/// which a plain form cannot); a read-only server says so.
pub async fn upload(State(state): State<AppState>) -> Result<Html<String>, PageError> {
    let page = UploadPage {
        v: state.assets,
        uploads: state.uploads(),
        max_mib: ficshelf_library::ImportOptions::default()
            .read
            .limits
            .max_file_bytes
            >> 20,
    };
    Ok(Html(
        page.render()
            .map_err(|e| Failure::Internal(e.to_string()))?,
    ))
}
