//! The JSON API, mirroring the command line: `/api/works?…` is `ficshelf search --json` (the
//! same filters, the same summary keys) with the total beside the page, `/api/works/{id}` is
//! `ficshelf show --json` (the whole Work, schema 1), `/api/works/{id}/chapters/{n}` one
//! chapter, `/api/facets?…` the sidebar's counts (`search --facets`). `openapi.json` in this
//! crate describes it all and is served at `/api/openapi.json`; a test keeps the two in step.
//!
//! Unlike the HTML pages, the API refuses query keys it does not know: a misspelt filter must
//! not silently widen a script's search.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use ficshelf_library::{FacetCount, Facets, WorkSummary};
use serde::Serialize;
use serde_json::{Value, json};

use crate::error::{ApiError, Failure};
use crate::extract::ApiPath;
use crate::pages::work::work_id;
use crate::params::{Paging, Params, query_from};
use crate::state::AppState;
use crate::upload;

/// The OpenAPI 3 document, as served.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// Most facet values per field `/api/facets` lists.
const MAX_FACETS: usize = 1_000;

/// Every API route: the router is built from this list, and a test checks it against the
/// OpenAPI document both ways.
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/api/works", get(works).post(upload::upload)),
        ("/api/works/{id}", get(work).delete(upload::delete)),
        ("/api/works/{id}/chapters/{n}", get(chapter)),
        ("/api/facets", get(facets)),
        ("/api/openapi.json", get(openapi)),
    ]
}

#[derive(Serialize)]
struct WorksPage {
    total: u64,
    offset: usize,
    limit: usize,
    works: Vec<WorkSummary>,
}

fn params(state: &AppState, raw: Option<&str>) -> Result<Params, ApiError> {
    let params =
        Params::parse_within(raw, state.limits.web_max_query_pairs).map_err(Failure::BadRequest)?;
    if let Some(key) = params.unknown_key() {
        return Err(Failure::BadRequest(format!("unknown query parameter {key:?}")).into());
    }
    Ok(params)
}

async fn works(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<WorksPage>, ApiError> {
    let params = params(&state, raw.as_deref())?;
    if params.get("page").is_some() {
        return Err(
            Failure::BadRequest("the API pages with limit and offset, not page".into()).into(),
        );
    }
    let query = query_from(&params, Paging::LimitOffset).map_err(Failure::BadRequest)?;
    let page = state
        .blocking(move |library| library.search(&query).map(|p| (p, query)))
        .await??;
    let (page, query) = page;
    Ok(Json(WorksPage {
        total: page.total,
        offset: query.offset,
        limit: query.limit,
        works: page.hits,
    }))
}

async fn work(
    State(state): State<AppState>,
    ApiPath(raw): ApiPath<String>,
) -> Result<Response, ApiError> {
    let id = work_id(&raw)?;
    let stored = state.blocking(move |library| library.get(id)).await??;
    // The Work as `show --json` prints it.
    Ok(Json(stored.work).into_response())
}

async fn chapter(
    State(state): State<AppState>,
    ApiPath((raw, n)): ApiPath<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let id = work_id(&raw)?;
    let number: usize = n
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| Failure::NotFound(format!("there is no chapter {n:?}")))?;
    let (chapter, count) = state
        .blocking(move |library| -> Result<_, ApiError> {
            let chapter = library.chapter(id, number)?;
            Ok((chapter, library.meta(id)?.toc.len()))
        })
        .await??;
    Ok(Json(json!({
        "work": id.0,
        "number": number,
        "chapters": count,
        "title": chapter.title,
        "html": chapter.html,
        "words": chapter.words,
        "summary": chapter.summary,
        "notes": chapter.notes,
        "end_notes": chapter.end_notes,
    })))
}

async fn facets(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = params(&state, raw.as_deref())?;
    let per_field = match params.get("limit") {
        Some(l) => l
            .parse::<usize>()
            .ok()
            .filter(|l| *l <= MAX_FACETS)
            .ok_or_else(|| {
                Failure::BadRequest(format!(
                    "limit must be a whole number up to {MAX_FACETS}, not {l:?}"
                ))
            })?,
        None => 10,
    };
    let mut query = query_from(&params.without(&["limit", "offset"]), Paging::LimitOffset)
        .map_err(Failure::BadRequest)?;
    // Only the count is wanted from the search half.
    query.limit = 0;
    let (page, facets) = state
        .blocking(move |library| library.search_with_facets(&query, per_field))
        .await??;
    Ok(Json(facets_json(page.total, &facets)))
}

fn facets_json(total: u64, f: &Facets) -> Value {
    let list = |v: &[FacetCount]| -> Value {
        v.iter()
            .map(|c| json!({ "name": c.name, "count": c.count }))
            .collect()
    };
    json!({
        "total": total,
        "fandoms": list(&f.fandoms),
        "relationships": list(&f.relationships),
        "characters": list(&f.characters),
        "tags": list(&f.tags),
        "ratings": list(&f.ratings),
        "warnings": list(&f.warnings),
        "categories": list(&f.categories),
        "languages": list(&f.languages),
        "status": list(&f.status),
    })
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::MAX_API_LIMIT;

    #[test]
    fn the_document_is_openapi_3() {
        let doc: Value = serde_json::from_str(OPENAPI).unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        assert_eq!(
            doc["components"]["parameters"]["limit"]["schema"]["maximum"],
            MAX_API_LIMIT
        );
        assert_eq!(
            doc["components"]["parameters"]["facetLimit"]["schema"]["maximum"],
            MAX_FACETS
        );
    }

    #[test]
    fn facets_as_json() {
        let f = Facets {
            fandoms: vec![FacetCount {
                name: "Buffy".into(),
                count: 2,
            }],
            ..Facets::default()
        };
        let v = facets_json(5, &f);
        assert_eq!(v["total"], 5);
        assert_eq!(v["fandoms"][0]["name"], "Buffy");
        assert_eq!(v["fandoms"][0]["count"], 2);
        assert_eq!(v["status"], json!([]));
    }
}
