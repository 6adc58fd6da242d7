//! Writing to the library over HTTP, off unless the server was started with `--allow-upload
//! --token-file FILE`: `POST /api/works` (multipart, one or more files) imports like
//! `ficshelf import` — the same limits, the same dedupe, the same one-line reason per refused
//! file — and `DELETE /api/works/{id}` removes a work. Both need `Authorization: Bearer
//! <token>`, checked before the body is read.
//!
//! Files are taken one at a time as they stream in, so memory holds at most one file (and no
//! more than the per-file limit of it: a file over the limit is counted to the end and refused,
//! as `import` refuses it).

use axum::Json;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use ficshelf_ingest::IngestError;
use ficshelf_library::{FileOutcome, ImportOptions};
use serde::Serialize;

use crate::error::{ApiError, Failure};
use crate::extract::ApiPath;
use crate::pages::work::work_id;
use crate::state::AppState;

/// What became of one uploaded file.
#[derive(Debug, Serialize)]
pub struct FileResult {
    /// The file name as sent (directories dropped).
    pub file: String,
    /// `imported`, `updated`, `unchanged` or `failed`.
    pub outcome: &'static str,
    pub id: Option<u64>,
    /// Why a failed file was refused: the reason `ficshelf import` prints.
    pub error: Option<String>,
}

impl FileResult {
    fn new(file: String, outcome: &FileOutcome) -> FileResult {
        let (name, id, error) = match outcome {
            FileOutcome::Imported(id) => ("imported", Some(id.0), None),
            FileOutcome::Updated(id) => ("updated", Some(id.0), None),
            FileOutcome::Unchanged(id) => ("unchanged", Some(id.0), None),
            FileOutcome::Failed(e) => ("failed", None, Some(e.to_string())),
        };
        FileResult {
            file,
            outcome: name,
            id,
            error,
        }
    }
}

fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), Failure> {
    match &state.token {
        None => Err(Failure::Forbidden(
            "this server is read-only (start it with --allow-upload --token-file FILE to allow \
             uploads and deletes)"
                .into(),
        )),
        Some(token) if token.allows(headers) => Ok(()),
        Some(_) => Err(Failure::Unauthorized),
    }
}

/// The name to record for an upload: its last path component, without control characters,
/// at most 255 bytes.
fn clean_name(sent: &str) -> String {
    let base = sent.rsplit(['/', '\\']).next().unwrap_or("");
    let mut name = String::new();
    for c in base.chars().filter(|c| !c.is_control()) {
        if name.len() + c.len_utf8() > 255 {
            break;
        }
        name.push(c);
    }
    let name = name.trim();
    if name.is_empty() || name.chars().all(|c| c == '.') {
        "upload".into()
    } else {
        name.to_string()
    }
}

fn multipart_failure(e: axum::extract::multipart::MultipartError, body_limit: u64) -> Failure {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Failure::TooLarge(format!(
            "the upload is over the {} bytes a request may carry (web_max_body_bytes)",
            body_limit
        ))
    } else {
        Failure::BadRequest(e.body_text())
    }
}

/// `POST /api/works`.
pub async fn upload(State(state): State<AppState>, request: Request) -> Result<Response, ApiError> {
    authorize(&state, request.headers())?;
    let mut multipart = Multipart::from_request(request, &state)
        .await
        .map_err(|e| Failure::BadRequest(e.body_text()))?;
    let opts = ImportOptions {
        read: ficshelf_ingest::Options {
            limits: (*state.limits).clone(),
            ..Default::default()
        },
        ..Default::default()
    };
    let limit = opts.read.limits.max_file_bytes;
    let body_limit = state.limits.web_max_body_bytes;
    let mut files = Vec::new();
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_failure(e, body_limit))?
    {
        // Plain form fields (a submit button's name) are not files.
        let Some(name) = field.file_name().map(clean_name) else {
            continue;
        };
        let mut bytes = Vec::new();
        let mut size = 0u64;
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|e| multipart_failure(e, body_limit))?
        {
            size = size.saturating_add(chunk.len() as u64);
            if size <= limit {
                bytes.extend_from_slice(&chunk);
            } else if !bytes.is_empty() {
                bytes = Vec::new();
            }
        }
        if size > limit {
            let error = IngestError::TooLarge { bytes: size, limit };
            files.push(FileResult {
                file: name,
                outcome: "failed",
                id: None,
                error: Some(error.to_string()),
            });
            continue;
        }
        let shown = name.clone();
        let opts = opts.clone();
        let outcome = state
            .blocking(move |library| library.import_bytes(&shown, bytes, &opts))
            .await??;
        files.push(FileResult::new(name, &outcome));
    }
    if files.is_empty() {
        return Err(Failure::BadRequest(
            "no file in the upload (send each file as a multipart/form-data file field)".into(),
        )
        .into());
    }
    let status = if files.iter().any(|f| f.outcome == "failed") {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, Json(serde_json::json!({ "files": files }))).into_response())
}

/// `DELETE /api/works/{id}`.
pub async fn delete(
    State(state): State<AppState>,
    ApiPath(raw): ApiPath<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    authorize(&state, &headers)?;
    let id = work_id(&raw)?;
    let removed = state
        .blocking(move |library| library.remove(&[id]))
        .await??;
    if removed.iter().any(|(_, gone)| *gone) {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(Failure::NotFound(format!("there is no work {}", id.0)).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_names_are_one_clean_component() {
        assert_eq!(clean_name("story.txt"), "story.txt");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("C:\\fics\\old.html"), "old.html");
        assert_eq!(clean_name("a\nb\u{0}.txt"), "ab.txt");
        assert_eq!(clean_name(".."), "upload");
        assert_eq!(clean_name("dir/"), "upload");
        assert_eq!(clean_name(&"é".repeat(300)).len(), 254);
    }
}
