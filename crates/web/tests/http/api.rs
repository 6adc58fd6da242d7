//! The JSON API: the shapes of its answers (the summary keys of `ficshelf search --json`), its
//! filters and errors, and the OpenAPI document matching the routes both ways.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::Value;

use crate::common::{FILLERS, app, get, send, shared};

const SUMMARY_KEYS: [&str; 15] = [
    "id",
    "title",
    "authors",
    "fandoms",
    "rating",
    "warnings",
    "relationships",
    "characters",
    "tags",
    "words",
    "chapters",
    "status",
    "published",
    "updated",
    "summary",
];

fn ids_of(page: &Value) -> Vec<u64> {
    page["works"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn works_search_like_the_cli() {
    let ids = shared().ids;
    let app = app();
    let a = get(&app, "/api/works").await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.header("content-type"), "application/json");
    let page = a.json();
    assert_eq!(page["total"], 4 + FILLERS as u64);
    assert_eq!(page["offset"], 0);
    assert_eq!(page["limit"], 20);
    assert_eq!(page["works"].as_array().unwrap().len(), 20);
    let page = get(
        &app,
        "/api/works?fandom=Buffy+the+Vampire+Slayer&rating=teen",
    )
    .await
    .json();
    assert_eq!(page["total"], 1);
    let w = &page["works"][0];
    let keys: BTreeSet<&str> = w.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, SUMMARY_KEYS.into_iter().collect());
    assert_eq!(w["id"], ids.lighthouse);
    assert_eq!(w["title"], "The Lighthouse Keeper's Ledger");
    assert_eq!(w["authors"], serde_json::json!(["Marrow Quill"]));
    assert_eq!(w["rating"], "Teen And Up Audiences");
    assert_eq!(
        w["warnings"],
        serde_json::json!(["No Archive Warnings Apply"])
    );
    assert_eq!(w["relationships"], serde_json::json!(["Spike/Willow"]));
    assert_eq!(w["chapters"], 3);
    assert_eq!(w["words"], 219);
    assert_eq!(w["status"], "complete");
    assert_eq!(w["published"], "2004-03-14");
    assert_eq!(w["updated"], "2004-05-02");
    assert!(
        w["summary"]
            .as_str()
            .unwrap()
            .starts_with("<p>Willow takes")
    );
    // Exclusions, limit and offset.
    let page = get(
        &app,
        "/api/works?exclude-tag=Filler&sort=title&limit=2&offset=1",
    )
    .await
    .json();
    assert_eq!(page["total"], 4);
    assert_eq!(
        (page["limit"].as_u64(), page["offset"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(ids_of(&page).len(), 2);
    let all = ids_of(
        &get(&app, "/api/works?exclude-tag=Filler&sort=title")
            .await
            .json(),
    );
    assert_eq!(ids_of(&page), all[1..3]);
    // Errors are JSON with the reason.
    for (uri, reason) in [
        ("/api/works?rating=NC-17", "unknown rating"),
        (
            "/api/works?fandoms=Buffy",
            "unknown query parameter \"fandoms\"",
        ),
        ("/api/works?limit=5000", "maximum"),
        ("/api/works?page=2", "limit and offset"),
        ("/api/works?words=9..1", "lower bound"),
    ] {
        let a = get(&app, uri).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}");
        let e = a.json()["error"].as_str().unwrap().to_string();
        assert!(e.contains(reason), "{uri}: {e}");
    }
}

#[tokio::test]
async fn one_work_and_one_chapter() {
    let id = shared().ids.gate;
    let app = app();
    let w = get(&app, &format!("/api/works/{id}")).await.json();
    assert_eq!(w["schema"], 1);
    assert_eq!(w["title"], "Gate Room Weather");
    assert_eq!(w["status"], "in-progress");
    assert_eq!(w["chapters"].as_array().unwrap().len(), 2);
    assert!(
        w["chapters"][1]["html"]
            .as_str()
            .unwrap()
            .contains("tarpaulin")
    );
    let c = get(&app, &format!("/api/works/{id}/chapters/2"))
        .await
        .json();
    assert_eq!(c["work"], id);
    assert_eq!(c["number"], 2);
    assert_eq!(c["chapters"], 2);
    assert_eq!(c["html"], w["chapters"][1]["html"]);
    assert_eq!(c["words"], w["chapters"][1]["words"]);
    let keys: BTreeSet<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
    let expected: BTreeSet<&str> = [
        "work",
        "number",
        "chapters",
        "title",
        "html",
        "words",
        "summary",
        "notes",
        "end_notes",
    ]
    .into_iter()
    .collect();
    assert_eq!(keys, expected);
    for uri in [
        format!("/api/works/{id}/chapters/3"),
        format!("/api/works/{id}/chapters/0"),
        "/api/works/abc".into(),
        "/api/works/999999/chapters/1".into(),
    ] {
        let a = get(&app, &uri).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(a.json()["error"].is_string(), "{uri}");
    }
}

#[tokio::test]
async fn facets_count_the_whole_result() {
    let app = app();
    let f = get(&app, "/api/facets").await.json();
    assert_eq!(f["total"], 4 + FILLERS as u64);
    assert_eq!(
        f["fandoms"][0],
        serde_json::json!({"name": "Filler Fandom", "count": FILLERS})
    );
    assert_eq!(
        f["fandoms"][1],
        serde_json::json!({"name": "Buffy the Vampire Slayer", "count": 2})
    );
    let f = get(&app, "/api/facets?exclude-tag=Filler&limit=1")
        .await
        .json();
    assert_eq!(f["total"], 4);
    assert_eq!(f["tags"].as_array().unwrap().len(), 1);
    assert_eq!(
        f["tags"][0],
        serde_json::json!({"name": "Angst", "count": 2})
    );
    let f = get(&app, "/api/facets?exclude-tag=Filler").await.json();
    let statuses: Vec<(String, u64)> = f["status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        statuses.contains(&("in-progress".into(), 1)),
        "{statuses:?}"
    );
    for key in [
        "fandoms",
        "relationships",
        "characters",
        "tags",
        "ratings",
        "warnings",
        "categories",
        "languages",
        "status",
    ] {
        assert!(f[key].is_array(), "{key}");
    }
    assert_eq!(
        get(&app, "/api/facets?limit=x").await.status,
        StatusCode::BAD_REQUEST
    );
}

/// The document's operations, as (METHOD, path).
fn documented() -> BTreeSet<(String, String)> {
    let doc: Value = serde_json::from_str(ficshelf_web::OPENAPI).unwrap();
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.insert((method.to_uppercase(), path.clone()));
        }
    }
    out
}

#[tokio::test]
async fn the_openapi_document_and_the_routes_agree() {
    let ids = shared().ids;
    let app = app();
    let served = get(&app, "/api/openapi.json").await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.json()["openapi"], "3.1.0");
    let doc = documented();
    // Probe every documented path with every method: what routes must be exactly the document.
    let paths: BTreeSet<String> = doc.iter().map(|(_, p)| p.clone()).collect();
    let mut routed = BTreeSet::new();
    for path in &paths {
        let uri = path
            .replace("{id}", &ids.lighthouse.to_string())
            .replace("{n}", "1");
        for method in [
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ] {
            let a = send(
                &app,
                Request::builder()
                    .method(method.clone())
                    .uri(&uri)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
            if a.status != StatusCode::METHOD_NOT_ALLOWED && !a.no_route {
                routed.insert((method.to_string(), path.clone()));
            }
        }
    }
    assert_eq!(routed, doc, "routes that answer vs. the OpenAPI document");
    // And every API route the router was built from is a documented path.
    let doc_paths: BTreeSet<&str> = doc.iter().map(|(_, p)| p.as_str()).collect();
    for path in ficshelf_web::api_paths() {
        assert!(
            doc_paths.contains(path),
            "{path} is not in the OpenAPI document"
        );
    }
    // An undocumented API path is the fallback's JSON 404.
    let a = get(&app, "/api/stats").await;
    assert!(a.no_route);
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(a.json()["error"], "no such API route");
}
