//! What every response carries and what every request is held to: security headers (a strict
//! Content-Security-Policy without inline script, `nosniff`, no referrer, no framing), a time
//! limit per request, and the 404 answer for any address no route claims.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, Failure, PageError};

/// The Content-Security-Policy of every response.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
                       img-src 'self' data:; object-src 'none'; base-uri 'none'; \
                       frame-ancestors 'none'; form-action 'self'";

/// Headers set on every response, whatever produced it.
pub const HEADERS: [(HeaderName, &str); 5] = [
    (header::CONTENT_SECURITY_POLICY, CSP),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    // Reading history stays here: links out (a fic's source URL) say nothing of where from.
    (header::REFERRER_POLICY, "no-referrer"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    ),
];

pub async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    for (name, value) in HEADERS {
        h.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Marks the answer of the fallback (no route matched), so tests can tell "no such route" from
/// a route's own 404 ("no such work").
#[derive(Debug, Clone, Copy)]
pub struct NoRoute;

/// Any address no route claims: a 404 page, or a JSON 404 under `/api/`.
pub async fn fallback(request: Request) -> Response {
    let mut response = if request.uri().path().starts_with("/api/") {
        ApiError(Failure::NotFound("no such API route".into())).into_response()
    } else {
        PageError(Failure::not_found()).into_response()
    };
    response.extensions_mut().insert(NoRoute);
    response
}

/// Gives up on a request that takes longer than its limit — the first for reads, the second
/// for uploads (POST) — with a 503 the client can retry; a blocking call still running
/// finishes on its own thread.
pub async fn time_limit(
    State((read, upload)): State<(Duration, Duration)>,
    request: Request,
    next: Next,
) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let request_is_post = request.method() == axum::http::Method::POST;
    let limit = if request_is_post { upload } else { read };
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let failure = Failure::Internal(format!(
                "the request took longer than {} s and was abandoned ({})",
                limit.as_secs(),
                if request_is_post {
                    "web_upload_secs"
                } else {
                    "web_request_secs"
                }
            ));
            let mut response = if api {
                ApiError(failure).into_response()
            } else {
                PageError(failure).into_response()
            };
            *response.status_mut() = axum::http::StatusCode::SERVICE_UNAVAILABLE;
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::http::StatusCode;
    use axum::middleware::{from_fn, from_fn_with_state};
    use axum::routing::get;
    use tower::ServiceExt;

    fn app() -> Router {
        Router::new()
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                    "never"
                }),
            )
            .route(
                "/api/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                    "never"
                }),
            )
            .fallback(fallback)
            .layer(from_fn_with_state(
                (Duration::from_millis(20), Duration::from_secs(3600)),
                time_limit,
            ))
            .layer(from_fn(headers))
    }

    async fn call(uri: &str) -> Response {
        app()
            .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_request_over_its_time_limit_is_abandoned_with_a_503() {
        let page = call("/slow").await;
        assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            page.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert_eq!(page.headers()["content-security-policy"], CSP);
        let api = call("/api/slow").await;
        assert_eq!(api.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(api.headers()["content-type"], "application/json");
    }

    #[tokio::test]
    async fn the_fallback_is_marked_and_secured() {
        let r = call("/nowhere").await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert!(r.extensions().get::<NoRoute>().is_some());
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    }
}
