//! What every handler shares: the library, the upload token (when uploads are on), and a small
//! pool of permits for blocking library calls.
//!
//! The store (SQLite) and the index (tantivy) are blocking APIs. Every call into the library
//! runs on tokio's blocking threads (`spawn_blocking`), never on the async workers, and at most
//! `permits` of them at once: more would not go faster on a few cores, and each one holds a
//! SQLite connection from the library's pool.

use std::sync::Arc;

use ficshelf_library::Library;
use ficshelf_model::Limits;
use tokio::sync::Semaphore;

use crate::auth::Token;

#[derive(Clone)]
pub struct AppState {
    pub library: Arc<Library>,
    /// `Some` when uploads and deletes are allowed, with this bearer token.
    pub token: Option<Arc<Token>>,
    /// The limits uploads are read with, and the server's own (body, time, query).
    pub limits: Arc<Limits>,
    permits: Arc<Semaphore>,
    /// The asset version the pages put in their links (`/static/app.css?v=…`).
    pub assets: &'static str,
}

/// A blocking call that did not come back: its thread panicked (a bug), or the runtime is
/// shutting down.
#[derive(Debug)]
pub struct Crashed;

impl AppState {
    pub fn new(library: Arc<Library>, token: Option<Token>, limits: Limits) -> AppState {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        AppState {
            library,
            token: token.map(Arc::new),
            limits: Arc::new(limits),
            permits: Arc::new(Semaphore::new((cores * 2).max(4))),
            assets: crate::assets::version(),
        }
    }

    pub fn uploads(&self) -> bool {
        self.token.is_some()
    }

    /// Run `f` on a blocking thread with the library, when a permit is free.
    pub async fn blocking<T, F>(&self, f: F) -> Result<T, Crashed>
    where
        F: FnOnce(&Library) -> T + Send + 'static,
        T: Send + 'static,
    {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|_| Crashed)?;
        let library = Arc::clone(&self.library);
        tokio::task::spawn_blocking(move || {
            let out = f(&library);
            drop(permit);
            out
        })
        .await
        .map_err(|_| Crashed)
    }
}
