//! The web stage: `ficshelf serve` puts a library on the web — browse, filter and read it in a
//! browser, or script it through a JSON API.
//!
//! ```text
//! library (store + index) ─► this crate: axum router ─┬─ HTML pages (askama, server-rendered)
//!                                                     ├─ /static (rust-embed, in the binary)
//!                                                     └─ /api (JSON, OpenAPI-described)
//! ```
//!
//! Pages work without JavaScript; two small scripts served as files (the Content-Security-
//! Policy forbids inline script) add a theme switch, font sizes, arrow keys and a remembered
//! reading position. Read-only unless a token is given (see `upload`). Every library call runs on
//! a blocking thread (`state`), so the async workers only move bytes.
//!
//! ```no_run
//! # fn f() -> Result<(), Box<dyn std::error::Error>> {
//! let library = ficshelf_library::Library::open("/tmp/shelf".as_ref())?;
//! let options = ficshelf_web::ServeOptions::new("127.0.0.1:8080".parse()?);
//! ficshelf_web::serve(library, options, |addr| println!("http://{addr}/"))?;
//! # Ok(()) }
//! ```

mod api;
mod assets;
mod auth;
mod error;
mod extract;
mod format;
mod links;
mod pages;
mod params;
mod security;
mod sidebar;
mod state;
mod upload;
mod views;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::get;
use axum::serve::ListenerExt;
use ficshelf_library::Library;
use ficshelf_model::Limits;

pub use api::OPENAPI;
pub use auth::Token;
pub use error::WebError;
pub use security::{CSP, NoRoute};

use crate::extract::PagePath;
use crate::links::TagKind;
use crate::pages::{list, reader, work};
use crate::state::AppState;

/// How to serve.
#[derive(Debug)]
pub struct ServeOptions {
    /// Where to listen (`127.0.0.1:0` picks a free port: see `serve`'s `ready`).
    pub addr: SocketAddr,
    /// `Some`: uploads and deletes are allowed with this bearer token.
    pub token: Option<Token>,
    /// Uploads are read with these limits; `web_*` bound every request.
    pub limits: Limits,
}

impl ServeOptions {
    /// Read-only, on `addr`.
    pub fn new(addr: SocketAddr) -> ServeOptions {
        ServeOptions {
            addr,
            token: None,
            limits: Limits::default(),
        }
    }
}

/// The paths of the JSON API's routes, as the router registers them (for the test that holds
/// them against the OpenAPI document).
pub fn api_paths() -> Vec<&'static str> {
    api::routes().into_iter().map(|(path, _)| path).collect()
}

/// The whole site as a router with the default limits (tests drive it in-process).
pub fn router(library: Arc<Library>, token: Option<Token>) -> Router {
    router_with(library, token, Limits::default())
}

/// The whole site as a router (what `serve` runs), bounded by `limits`.
pub fn router_with(library: Arc<Library>, token: Option<Token>, limits: Limits) -> Router {
    let body_limit = usize::try_from(limits.web_max_body_bytes).unwrap_or(usize::MAX);
    let times = (
        Duration::from_secs(limits.web_request_secs),
        Duration::from_secs(limits.web_upload_secs),
    );
    let state = AppState::new(library, token, limits);
    let mut app = Router::new()
        .route("/", get(list::works))
        .route("/works", get(list::works))
        .route("/works/{id}", get(work::page))
        .route("/works/{id}/chapters", get(reader::jump))
        .route("/works/{id}/chapters/{n}", get(reader::chapter))
        .route("/works/{id}/full", get(reader::full))
        .route("/works/{id}/download/{format}", get(work::download))
        .route("/upload", get(pages::upload))
        .route("/static/{*path}", get(assets::serve));
    for kind in TagKind::ALL {
        app = app.route(
            &format!("/{}/{{name}}", kind.path()),
            get(
                move |State(state): State<AppState>,
                      PagePath(name): PagePath<String>,
                      RawQuery(raw): RawQuery| list::tagged(kind, state, name, raw),
            ),
        );
    }
    for (path, route) in api::routes() {
        app = app.route(path, route);
    }
    app.fallback(security::fallback)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(from_fn_with_state(times, security::time_limit))
        // Outermost, so that every answer — a timeout, a 404, a 405 — carries the headers.
        .layer(from_fn(security::headers))
        .with_state(state)
}

/// Serve `library` until Ctrl-C or SIGTERM. `ready` is called with the address actually
/// bound, once the server accepts connections.
pub fn serve(
    library: Library,
    options: ServeOptions,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), WebError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(WebError::Runtime)?;
    let app = router_with(Arc::new(library), options.token, options.limits);
    let addr = options.addr;
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| WebError::Bind { addr, source })?;
        let local = listener
            .local_addr()
            .map_err(|source| WebError::Bind { addr, source })?;
        // Small answers on kept-alive connections must not wait for Nagle's algorithm.
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        ready(local);
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(WebError::Runtime)
    });
    // A long export still running on a blocking thread is not waited for forever.
    runtime.shutdown_timeout(Duration::from_secs(5));
    result
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
