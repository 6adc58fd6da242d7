//! Errors: [`WebError`] stops `ficshelf serve` before it serves anything (a token file that is
//! missing or empty, an address that cannot be bound); [`PageError`] and [`ApiError`] are one
//! request's answer — an HTML page or a JSON object with the status that fits.
//!
//! As everywhere in ficshelf, messages are the reason alone. A library failure (the database
//! unreadable, a bug) is a 500 whose reason is printed on the server's stderr too.

use askama::Template;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use ficshelf_library::LibraryError;

use crate::state::Crashed;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("cannot read the token file: {0}")]
    TokenFile(#[source] std::io::Error),
    #[error("the token file is not UTF-8 text")]
    TokenNotText,
    #[error("the token file is empty")]
    TokenEmpty,
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start the server: {0}")]
    Runtime(#[source] std::io::Error),
}

/// One request's failure, as the kind of answer it gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    NotFound(String),
    BadRequest(String),
    /// No or a wrong bearer token.
    Unauthorized,
    /// Uploads and deletes are off.
    Forbidden(String),
    /// A request body over its limit.
    TooLarge(String),
    Internal(String),
}

impl Failure {
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::Unauthorized => StatusCode::UNAUTHORIZED,
            Failure::Forbidden(_) => StatusCode::FORBIDDEN,
            Failure::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            Failure::NotFound(m)
            | Failure::BadRequest(m)
            | Failure::Forbidden(m)
            | Failure::TooLarge(m)
            | Failure::Internal(m) => m,
            Failure::Unauthorized => "a valid bearer token is required (Authorization: Bearer …)",
        }
    }

    pub fn not_found() -> Failure {
        Failure::NotFound("there is nothing at this address".into())
    }
}

impl From<LibraryError> for Failure {
    fn from(e: LibraryError) -> Failure {
        match e {
            LibraryError::NoSuchWork(_) | LibraryError::NoSuchChapter { .. } => {
                Failure::NotFound(e.to_string())
            }
            other => {
                eprintln!("error: {other}");
                Failure::Internal(other.to_string())
            }
        }
    }
}

impl From<Crashed> for Failure {
    fn from(_: Crashed) -> Failure {
        eprintln!("error: a request handler failed (a bug; please report it)");
        Failure::Internal("the server failed to answer (a bug; please report it)".into())
    }
}

/// A failure answered with an HTML page.
#[derive(Debug)]
pub struct PageError(pub Failure);

/// `?` on a library call, a blocking call or a failure, in an HTML or an API handler.
macro_rules! from_failures {
    ($($wrapper:ident),+) => {$(
        impl From<Failure> for $wrapper {
            fn from(f: Failure) -> $wrapper {
                $wrapper(f)
            }
        }
        impl From<LibraryError> for $wrapper {
            fn from(e: LibraryError) -> $wrapper {
                $wrapper(e.into())
            }
        }
        impl From<Crashed> for $wrapper {
            fn from(e: Crashed) -> $wrapper {
                $wrapper(e.into())
            }
        }
    )+};
}

from_failures!(PageError, ApiError);

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    v: &'static str,
    uploads: bool,
    status: u16,
    reason: &'a str,
    message: &'a str,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let page = ErrorPage {
            v: crate::assets::version(),
            uploads: false,
            status: status.as_u16(),
            reason: status.canonical_reason().unwrap_or("Error"),
            message: self.0.message(),
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, self.0.message().to_string()).into_response(),
        }
    }
}

/// A failure answered with `{"error": "<reason>"}`.
#[derive(Debug)]
pub struct ApiError(pub Failure);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let body = Json(serde_json::json!({ "error": self.0.message() }));
        let mut response = (status, body).into_response();
        if self.0 == Failure::Unauthorized {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}
