//! Writing over HTTP: refused on a read-only server, refused without or with a wrong token,
//! done with the right one — with the import's limits and one reason per refused file.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};

use crate::common::{TOKEN, app, app_with_token, fixture, get, multipart, private_library, send};

fn upload_request(auth: Option<&str>, files: &[(&str, &[u8])]) -> Request<Body> {
    let (content_type, body) = multipart(files);
    let mut r = Request::builder()
        .method(Method::POST)
        .uri("/api/works")
        .header("content-type", content_type);
    if let Some(auth) = auth {
        r = r.header("authorization", auth);
    }
    r.body(Body::from(body)).unwrap()
}

fn delete_request(id: u64, auth: Option<&str>) -> Request<Body> {
    let mut r = Request::builder()
        .method(Method::DELETE)
        .uri(format!("/api/works/{id}"));
    if let Some(auth) = auth {
        r = r.header("authorization", auth);
    }
    r.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn a_read_only_server_refuses_every_write() {
    let story = std::fs::read(fixture("sg1-two-chapters-in-progress.txt")).unwrap();
    let app = app();
    let bearer = format!("Bearer {TOKEN}");
    let a = send(&app, upload_request(Some(&bearer), &[("gate.txt", &story)])).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert!(a.json()["error"].as_str().unwrap().contains("read-only"));
    let id = crate::common::shared().ids.gate;
    let a = send(&app, delete_request(id, Some(&bearer))).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(
        get(&app, &format!("/api/works/{id}")).await.status,
        StatusCode::OK
    );
    assert!(
        get(&app, "/upload")
            .await
            .text()
            .contains("This server is read-only")
    );
}

#[tokio::test]
async fn uploads_need_the_right_token() {
    let (_dir, library, _) = private_library();
    let app = app_with_token(library.clone());
    let story = std::fs::read(fixture("sg1-two-chapters-in-progress.txt")).unwrap();
    let before = library.ids().unwrap().len();
    for auth in [
        None,
        Some("Bearer wrong-token".to_string()),
        Some(format!("Bearer {TOKEN}x")),
        Some(format!("Basic {TOKEN}")),
        Some(TOKEN.to_string()),
    ] {
        let a = send(
            &app,
            upload_request(auth.as_deref(), &[("gate.txt", &story)]),
        )
        .await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{auth:?}");
        assert_eq!(a.header("www-authenticate"), "Bearer");
        assert!(a.json()["error"].as_str().unwrap().contains("bearer token"));
    }
    assert_eq!(library.ids().unwrap().len(), before, "nothing was imported");
    let bearer = format!("Bearer {TOKEN}");
    let a = send(
        &app,
        upload_request(Some(&bearer), &[("dir/gate.txt", &story)]),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let files = a.json()["files"].clone();
    assert_eq!(files[0]["file"], "gate.txt");
    assert_eq!(files[0]["outcome"], "imported");
    let id = files[0]["id"].as_u64().unwrap();
    // It is searchable and readable at once.
    let found = get(&app, "/api/works?fandom=Stargate+SG-1").await.json();
    assert_eq!(found["works"][0]["id"], id);
    assert_eq!(
        get(&app, &format!("/works/{id}/chapters/2")).await.status,
        StatusCode::OK
    );
    // The same bytes again: unchanged, as `import` says.
    let again = send(&app, upload_request(Some(&bearer), &[("gate.txt", &story)])).await;
    assert_eq!(again.json()["files"][0]["outcome"], "unchanged");
    assert_eq!(again.json()["files"][0]["id"], id);
    // The upload page offers the form.
    assert!(
        get(&app, "/upload")
            .await
            .text()
            .contains("id=\"upload-form\"")
    );
}

#[tokio::test]
async fn each_bad_file_gets_its_own_reason() {
    let (_dir, library, _) = private_library();
    let app = app_with_token(library.clone());
    let good = std::fs::read(fixture("hostile-markup-in-every-field.txt")).unwrap();
    let bearer = format!("Bearer {TOKEN}");
    let a = send(
        &app,
        upload_request(
            Some(&bearer),
            &[
                ("empty.txt", b""),
                ("good.txt", &good),
                (
                    "broken.epub",
                    b"PK\x03\x04 this is not really a zip archive",
                ),
                ("blank.txt", b"   \n\n  "),
            ],
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.text());
    let files = a.json()["files"].as_array().unwrap().clone();
    assert_eq!(files.len(), 4);
    assert_eq!(files[0]["outcome"], "failed");
    assert_eq!(files[0]["error"], "file is empty");
    assert_eq!(files[1]["outcome"], "imported");
    assert_eq!(files[2]["outcome"], "failed");
    assert!(
        files[2]["error"].as_str().unwrap().contains("zip"),
        "{}",
        files[2]
    );
    assert_eq!(files[3]["error"], "file is empty (whitespace only)");
    for f in &files {
        assert!(
            !f["error"].as_str().unwrap_or("").contains('\n'),
            "one line each"
        );
    }
    // An upload with no file field at all.
    let (ct, body) = multipart(&[]);
    let none = send(
        &app,
        Request::builder()
            .method(Method::POST)
            .uri("/api/works")
            .header("content-type", ct)
            .header("authorization", &bearer)
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);
    // Not multipart at all.
    let plain = send(
        &app,
        Request::builder()
            .method(Method::POST)
            .uri("/api/works")
            .header("authorization", &bearer)
            .body(Body::from("hello"))
            .unwrap(),
    )
    .await;
    assert_eq!(plain.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_file_over_the_import_limit_is_refused_with_its_size() {
    let (_dir, library, _) = private_library();
    let app = app_with_token(library);
    let limit = ficshelf_library::ImportOptions::default()
        .read
        .limits
        .max_file_bytes as usize;
    let big = vec![b'a'; limit + 10];
    let bearer = format!("Bearer {TOKEN}");
    let a = send(&app, upload_request(Some(&bearer), &[("huge.txt", &big)])).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    let e = a.json()["files"][0]["error"].as_str().unwrap().to_string();
    assert!(e.contains("over the 64 MiB limit (max_file_bytes)"), "{e}");
}

#[tokio::test]
async fn deletes_need_the_right_token() {
    let (_dir, library, id) = private_library();
    let app = app_with_token(library.clone());
    for auth in [None, Some("Bearer nope".to_string())] {
        let a = send(&app, delete_request(id.0, auth.as_deref())).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{auth:?}");
    }
    assert_eq!(
        get(&app, &format!("/works/{}", id.0)).await.status,
        StatusCode::OK
    );
    let bearer = format!("Bearer {TOKEN}");
    let a = send(&app, delete_request(id.0, Some(&bearer))).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get(&app, &format!("/works/{}", id.0)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get(&app, "/api/works").await.json()["total"], 0);
    let again = send(&app, delete_request(id.0, Some(&bearer))).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}
