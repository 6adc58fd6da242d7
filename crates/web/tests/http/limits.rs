//! The server's limits come from `Limits` (the library's ficshelf.toml and `--limit` on
//! `ficshelf serve`): lowered ones refuse what the defaults take, naming the key to raise.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use ficshelf_model::Limits;
use ficshelf_web::{Token, router_with};

use crate::common::{TOKEN, fixture, get, multipart, private_library, send, shared};

fn upload(files: &[(&str, &[u8])]) -> Request<Body> {
    let (content_type, body) = multipart(files);
    Request::builder()
        .method(Method::POST)
        .uri("/api/works")
        .header("content-type", content_type)
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn query_pairs_over_the_limit_are_refused_naming_it() {
    let uri = "/api/works?fandom=a&fandom=b&fandom=c";
    let open = ficshelf_web::router(Arc::clone(&shared().library), None);
    assert_eq!(get(&open, uri).await.status, StatusCode::OK);
    let limits = Limits {
        web_max_query_pairs: 2,
        ..Limits::default()
    };
    let strict = router_with(Arc::clone(&shared().library), None, limits);
    let a = get(&strict, uri).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    let error = a.json()["error"].as_str().unwrap().to_string();
    assert!(error.contains("web_max_query_pairs"), "{error}");
    let a = get(&strict, "/works?fandom=a&fandom=b&fandom=c").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn uploads_are_read_with_the_servers_limits() {
    let (_dir, library, _) = private_library();
    let story = std::fs::read(fixture("sg1-two-chapters-in-progress.txt")).unwrap();
    let limits = Limits {
        max_file_bytes: story.len() as u64 - 1,
        ..Limits::default()
    };
    let before = library.ids().unwrap().len();
    let app = router_with(library.clone(), Some(Token::new(TOKEN).unwrap()), limits);
    let a = send(&app, upload(&[("gate.txt", &story)])).await;
    // Every file refused: 422, with the reason per file.
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.text());
    let result = &a.json()["files"][0];
    assert_eq!(result["outcome"], "failed", "{result}");
    let error = result["error"].as_str().unwrap();
    assert!(error.ends_with("(max_file_bytes)"), "{error}");
    assert_eq!(library.ids().unwrap().len(), before);
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_naming_it() {
    let (_dir, library, _) = private_library();
    let story = std::fs::read(fixture("sg1-two-chapters-in-progress.txt")).unwrap();
    let limits = Limits {
        web_max_body_bytes: story.len() as u64 / 2,
        ..Limits::default()
    };
    let app = router_with(library.clone(), Some(Token::new(TOKEN).unwrap()), limits);
    let a = send(&app, upload(&[("gate.txt", &story)])).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", a.text());
    let error = a.json()["error"].as_str().unwrap().to_string();
    assert!(error.contains("web_max_body_bytes"), "{error}");
}
