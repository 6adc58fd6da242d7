//! Safety: security headers on every answer, 404s for everything unknown (never a file from
//! disk), and a work whose fields hold `<script>`, `onerror=` and `javascript:` shown as text.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};

use crate::common::{Answer, app, get, send, shared};

/// Every answer carries the policy and the other headers, whatever produced it.
fn assert_secured(a: &Answer, what: &str) {
    assert_eq!(
        a.header("content-security-policy"),
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        "{what}"
    );
    assert_eq!(a.header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(a.header("referrer-policy"), "no-referrer", "{what}");
    assert_eq!(a.header("x-frame-options"), "DENY", "{what}");
}

#[tokio::test]
async fn every_kind_of_answer_carries_the_security_headers() {
    let ids = shared().ids;
    let app = app();
    for uri in [
        "/".to_string(),
        "/works?fandom=Good+Omens".into(),
        format!("/works/{}", ids.gate),
        format!("/works/{}/chapters/2", ids.gate),
        format!("/works/{}/full", ids.gate),
        format!("/works/{}/download/epub", ids.gate),
        "/tags/Angst".into(),
        "/upload".into(),
        "/static/app.css".into(),
        "/static/app.js".into(),
        "/api/works".into(),
        "/api/openapi.json".into(),
        "/no/such/page".into(),
        "/works/999999".into(),
        "/works?rating=bogus".into(),
        "/api/works/999999".into(),
    ] {
        let a = get(&app, &uri).await;
        assert_secured(&a, &uri);
    }
    // A 405 from the router itself, and a refused write.
    let put = send(
        &app,
        Request::builder()
            .method(Method::PUT)
            .uri("/works")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(put.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_secured(&put, "PUT /works");
}

#[tokio::test]
async fn unknown_ids_chapters_and_paths_are_404_pages() {
    let ids = shared().ids;
    let app = app();
    for uri in [
        "/works/999999".to_string(),
        "/works/0".into(),
        "/works/-1".into(),
        "/works/abc".into(),
        "/works/99999999999999999999999".into(),
        format!("/works/{}/chapters/4", ids.lighthouse),
        format!("/works/{}/chapters/0", ids.lighthouse),
        format!("/works/{}/chapters/x", ids.lighthouse),
        "/works/999999/chapters/1".into(),
        "/works/999999/full".into(),
        "/works/999999/download/epub".into(),
        "/nothing-here".into(),
        "/works/".into(),
        "/static/nope.css".into(),
        // Not UTF-8 once decoded: no such name, rather than a 400 from the router.
        "/tags/%FF".into(),
        "/works/%FF/chapters/1".into(),
        "/static/%C0%AE%C0%AE/Cargo.toml".into(),
    ] {
        let a = get(&app, &uri).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(a.header("content-type").starts_with("text/html"), "{uri}");
        assert!(a.text().contains("404"), "{uri}: a page that says so");
    }
    let a = get(&app, "/api/works/999999").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(a.json()["error"], "there is no work 999999");
    let a = get(&app, "/api/works/%FF/chapters/1").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.json()["error"].is_string());
}

#[tokio::test]
async fn no_path_reaches_a_file_on_disk() {
    let app = app();
    for uri in [
        "/static/../Cargo.toml",
        "/static/..%2FCargo.toml",
        "/static/%2e%2e/%2e%2e/Cargo.toml",
        "/static/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/static//etc/passwd",
        "/static/%2Fetc%2Fpasswd",
        "/static/..\\..\\Cargo.toml",
        "/static/../src/lib.rs",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/app.css/../../Cargo.toml",
        "/static/",
    ] {
        let a = get(&app, uri).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{uri}");
        let text = String::from_utf8_lossy(&a.body);
        assert!(
            !text.contains("[package]") && !text.contains("root:"),
            "{uri}"
        );
    }
    // The assets themselves are served, with their types.
    let css = get(&app, "/static/app.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");
    assert_eq!(css.header("cache-control"), "no-cache");
    let js = get(&app, "/static/app.js").await;
    assert_eq!(js.header("content-type"), "text/javascript; charset=utf-8");
    // Pages link assets by version; that link may be cached for good.
    let page = get(&app, "/works").await.text();
    let link = page
        .split("href=\"/static/app.css")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    assert!(link.starts_with("?v="), "{link}");
    let versioned = get(&app, &format!("/static/app.css{link}")).await;
    assert_eq!(
        versioned.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
}

/// No inline script, event handler or `javascript:` URL anywhere in our pages: the policy
/// would block them anyway, and a page that needed them would be broken. Attribute values are
/// quoted and escaped by the templates (no `"` inside), so what lies between quotes is a value
/// and the rest of a tag is names.
fn assert_no_executable_markup(html: &str, what: &str) {
    for (i, part) in html.split("<script").enumerate().skip(1) {
        let tag = part.split('>').next().unwrap_or("");
        assert!(
            tag.contains(" src=\"/static/"),
            "{what}: inline script #{i}: <script{tag}>"
        );
    }
    for tag in html
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(""))
    {
        let pieces: Vec<&str> = tag.split('"').collect();
        for (i, piece) in pieces.iter().enumerate() {
            let lower = piece.to_ascii_lowercase();
            if i % 2 == 0 {
                // Attribute names: no handler.
                let handler = lower
                    .split(|c: char| c.is_whitespace())
                    .any(|word| word.starts_with("on") && word.contains('='));
                assert!(!handler, "{what}: event handler in <{tag}>");
            } else if pieces[i - 1].trim_end().ends_with("href=")
                || pieces[i - 1].trim_end().ends_with("src=")
                || pieces[i - 1].trim_end().ends_with("action=")
            {
                let url = lower.trim_start();
                assert!(
                    url.starts_with('/')
                        || url.starts_with('#')
                        || url.starts_with("http://")
                        || url.starts_with("https://"),
                    "{what}: URL {piece:?} in <{tag}>"
                );
            }
        }
    }
}

#[tokio::test]
async fn hostile_values_are_shown_as_text() {
    let id = shared().ids.hostile;
    let app = app();
    let pages = [
        format!("/works/{id}"),
        format!("/works/{id}/chapters/1"),
        format!("/works/{id}/full"),
        "/works?fandom=Buffy+the+Vampire+Slayer".to_string(),
        "/tags/%3Cscript%3Ealert(%22tag%22)%3C%2Fscript%3E".to_string(),
    ];
    for uri in &pages {
        let a = get(&app, uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}");
        let html = a.text();
        assert_no_executable_markup(&html, uri);
        assert!(!html.contains("<script>alert"), "{uri}");
        assert!(!html.contains("<img src=x"), "{uri}");
        assert!(!html.contains("<b onmouseover"), "{uri}");
    }
    let work = get(&app, &format!("/works/{id}")).await.text();
    // The title, author, relationship, character and tags, escaped once by the template.
    for escaped in [
        "&#60;script&#62;alert(&#34;title&#34;)&#60;/script&#62; Night Shift",
        "&#60;img src=x onerror=alert(1)&#62;",
        "&#60;b onmouseover=alert(2)&#62;Xander&#60;/b&#62;/Anya",
        ">javascript:alert(3)<",
        "&#60;script&#62;alert(&#34;tag&#34;)&#60;/script&#62;",
        "&#60;img src=x onerror=alert(4)&#62;",
        ">javascript:alert(5)<",
    ] {
        assert!(work.contains(escaped), "{escaped} missing from {work}");
    }
    // The summary was text in the file: the normalizer escaped it, the page keeps it escaped.
    assert!(
        work.contains("says &lt;script&gt;alert(\"summary\")&lt;/script&gt; and"),
        "{work}"
    );
    assert!(
        work.contains("&lt;a href=\"javascript:alert(6)\"&gt;click&lt;/a&gt;"),
        "{work}"
    );
    // Links to those tags are encoded paths, never a `javascript:` URL.
    assert!(
        work.contains("href=\"/characters/javascript%3Aalert%283%29\""),
        "{work}"
    );
    assert!(work.contains("href=\"/tags/%3Cscript%3Ealert%28%22tag%22%29%3C%2Fscript%3E\""));
    // The source URL's quote could end the attribute: it is percent-encoded in the link, the
    // one form the EPUB writer uses too, and the text shows the site.
    assert!(
        work.contains(
            "href=\"https://archive.example/viewstory.php?sid=9%22onmouseover=alert(8)\""
        ),
        "{work}"
    );
    assert!(!work.contains("\"onmouseover"), "{work}");
    // The tag page of the hostile tag finds the work and names it as text.
    let tag_page = get(&app, &pages[4]).await.text();
    assert!(tag_page.contains("Tag: &#60;script&#62;alert(&#34;tag&#34;)&#60;/script&#62;"));
    assert!(tag_page.contains(&format!("id=\"work-{id}\"")));
}
