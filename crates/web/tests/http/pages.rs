//! The HTML pages: the list with its filters, exclusions, sorting, pagination and facet counts;
//! the tag pages; the work page; the reader; downloads in every format.

use axum::http::StatusCode;

use crate::common::{FILLERS, app, get, hrefs, shared};

/// The ids of the works a list page shows, in order.
fn listed(html: &str) -> Vec<u64> {
    html.split("<li class=\"work blurb\" id=\"work-")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

/// The count the sidebar shows beside `value` for the checkbox `input`.
fn facet_count(html: &str, input: &str, value: &str) -> Option<u64> {
    let needle = format!("name=\"{input}\" value=\"{value}\"");
    let at = html.find(&needle)?;
    let rest = &html[at..];
    let label_end = rest.find("</label>")?;
    let label = &rest[..label_end];
    let open = label.rfind("<span class=\"count\">(")?;
    label[open + 21..]
        .split(')')
        .next()?
        .replace(',', "")
        .parse()
        .ok()
}

#[tokio::test]
async fn the_list_shows_blurbs_and_a_sidebar_with_counts() {
    let ids = shared().ids;
    let a = get(&app(), "/works").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.header("content-type").starts_with("text/html"));
    let html = a.text();
    let total = 4 + FILLERS;
    assert!(html.contains(&format!("1 – 20 of {total} Works")), "{html}");
    assert_eq!(listed(&html).len(), 20);
    // Facet counts over the whole result, not only this page.
    assert_eq!(
        facet_count(&html, "fandom", "Filler Fandom"),
        Some(FILLERS as u64)
    );
    assert_eq!(
        facet_count(&html, "fandom", "Buffy the Vampire Slayer"),
        Some(2)
    );
    assert_eq!(
        facet_count(&html, "rating", "General Audiences"),
        Some(FILLERS as u64 + 1)
    );
    assert_eq!(
        facet_count(&html, "exclude-tag", "Buffy the Vampire Slayer"),
        Some(2)
    );
    // The home page is the same list.
    assert_eq!(listed(&get(&app(), "/").await.text()), listed(&html));
    // The lighthouse blurb, AO3-like (sort by title to be sure it is on the page).
    let html = get(&app(), "/works?fandom=Buffy+the+Vampire+Slayer&sort=title")
        .await
        .text();
    let blurb = html
        .split(&format!("id=\"work-{}\"", ids.lighthouse))
        .nth(1)
        .unwrap()
        .split("</li>\n")
        .collect::<Vec<_>>()
        .join("");
    for expected in [
        "The Lighthouse Keeper&#39;s Ledger</a>",
        "href=\"/authors/Marrow%20Quill\"",
        "href=\"/fandoms/Buffy%20the%20Vampire%20Slayer\"",
        "href=\"/relationships/Spike%2FWillow\"",
        "href=\"/characters/Willow%20Rosenberg\"",
        "href=\"/tags/Slow%20Burn\"",
        "class=\"sym rating-teen\"",
        "class=\"sym category-het\"",
        "class=\"sym warning-no\"",
        "class=\"sym complete-yes\"",
        "finds a ledger that keeps writing itself",
        "<dd class=\"words\">219</dd>",
        "<dd class=\"chapters\">3/3</dd>",
        "<dd lang=\"en\">English</dd>",
        "14 Mar 2004",
        "Completed:</dt><dd>2 May 2004</dd>",
    ] {
        assert!(blurb.contains(expected), "{expected} missing from {blurb}");
    }
}

#[tokio::test]
async fn filters_include_and_exclude() {
    let ids = shared().ids;
    let app = app();
    let buffy = listed(
        &get(&app, "/works?fandom=buffy+the+vampire+slayer")
            .await
            .text(),
    );
    assert_eq!(sorted(buffy), sorted(vec![ids.lighthouse, ids.hostile]));
    // Two filters: all must hold.
    let two = listed(
        &get(&app, "/works?fandom=Buffy+the+Vampire+Slayer&rating=t")
            .await
            .text(),
    );
    assert_eq!(two, [ids.lighthouse]);
    // Exclusions of each kind.
    let no_buffy = listed(
        &get(
            &app,
            "/works?exclude-tag=Buffy+the+Vampire+Slayer&exclude-tag=Filler+Fandom",
        )
        .await
        .text(),
    );
    assert_eq!(sorted(no_buffy), sorted(vec![ids.gate, ids.bookshop]));
    let html = get(&app, "/works?exclude-rating=g&exclude-warning=violence")
        .await
        .text();
    assert_eq!(
        sorted(listed(&html)),
        sorted(vec![ids.lighthouse, ids.bookshop])
    );
    let gen_excluded = listed(
        &get(&app, "/works?exclude-category=gen&category=m%2Fm")
            .await
            .text(),
    );
    assert_eq!(gen_excluded, [ids.bookshop]);
    // Status, words, language, warnings, relationships (order-insensitive), search words.
    assert_eq!(
        listed(&get(&app, "/works?status=in-progress").await.text()),
        [ids.gate]
    );
    assert_eq!(
        listed(&get(&app, "/works?in-progress=1").await.text()),
        [ids.gate]
    );
    assert_eq!(
        listed(&get(&app, "/works?words-min=150").await.text()),
        [ids.lighthouse]
    );
    // The range is inclusive: the Stargate story has exactly 102 words.
    assert!(listed(&get(&app, "/works?words=..102").await.text()).contains(&ids.gate));
    assert!(!listed(&get(&app, "/works?words=..101").await.text()).contains(&ids.gate));
    assert!(listed(&get(&app, "/works?words=102..102").await.text()).contains(&ids.gate));
    assert_eq!(
        listed(&get(&app, "/works?language=en").await.text()),
        [ids.lighthouse]
    );
    assert_eq!(
        listed(&get(&app, "/works?warning=mcd").await.text()),
        [ids.bookshop]
    );
    assert_eq!(
        listed(&get(&app, "/works?relationship=Willow%2FSpike").await.text()),
        [ids.lighthouse]
    );
    assert_eq!(
        listed(&get(&app, "/works?q=tarpaulin").await.text()),
        [ids.gate]
    );
    // Checked filters stay checked in the sidebar, excluded ones too.
    let html = get(&app, "/works?rating=t&exclude-tag=Angst").await.text();
    assert!(
        html.contains("name=\"rating\" value=\"Teen And Up Audiences\" checked"),
        "{html}"
    );
    assert!(
        html.contains("name=\"exclude-tag\" value=\"Angst\" checked"),
        "{html}"
    );
    assert!(
        listed(&html).is_empty(),
        "the only teen work is tagged Angst"
    );
    // A value the library does not know is a 400 page with the reason.
    let bad = get(&app, "/works?rating=NC-17").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text().contains("unknown rating"), "{}", bad.text());
}

fn sorted(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v
}

#[tokio::test]
async fn sorting_and_pagination() {
    let app = app();
    let first = get(&app, "/works?sort=title").await.text();
    let second = get(&app, "/works?sort=title&page=2").await.text();
    let (a, b) = (listed(&first), listed(&second));
    assert_eq!(a.len(), 20);
    assert_eq!(b.len(), 4 + FILLERS - 20);
    assert!(a.iter().all(|id| !b.contains(id)), "pages do not overlap");
    // Title order: A Bookshop Inventory < Filler 00 … < Gate Room … < The Lighthouse (sorted
    // without "The") < "<script>…" sorts by its letters.
    assert_eq!(a[0], shared().ids.bookshop);
    assert!(
        first.contains("rel=\"next\" href=\"/works?sort=title&#38;page=2\""),
        "{first}"
    );
    assert!(
        second.contains("rel=\"prev\" href=\"/works?sort=title\""),
        "{second}"
    );
    assert!(second.contains("aria-current=\"page\">2</span>"));
    let asc = listed(
        &get(&app, "/works?sort=words&order=asc&exclude-tag=Filler")
            .await
            .text(),
    );
    let desc = listed(
        &get(&app, "/works?sort=words&exclude-tag=Filler")
            .await
            .text(),
    );
    assert_eq!(desc[0], shared().ids.lighthouse);
    assert_eq!(asc.iter().rev().copied().collect::<Vec<_>>(), desc);
    // Past the end: an empty page, not an error.
    let past = get(&app, "/works?page=9").await;
    assert_eq!(past.status, StatusCode::OK);
    assert!(listed(&past.text()).is_empty());
    assert_eq!(
        get(&app, "/works?page=0").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn tag_pages_are_the_list_with_a_filter_and_a_heading() {
    let ids = shared().ids;
    let app = app();
    for (path, heading, expected) in [
        (
            "/fandoms/Stargate%20SG-1",
            "Fandom: Stargate SG-1",
            vec![ids.gate],
        ),
        (
            "/relationships/Spike%2FWillow",
            "Relationship: Spike/Willow",
            vec![ids.lighthouse],
        ),
        (
            "/characters/Teal%27c",
            "Character: Teal&#39;c",
            vec![ids.gate],
        ),
        ("/tags/Books", "Tag: Books", vec![ids.bookshop]),
        (
            "/authors/Ferris%20Vane",
            "Author: Ferris Vane",
            vec![ids.gate],
        ),
        (
            "/tags/Angst",
            "Tag: Angst",
            sorted(vec![ids.lighthouse, ids.gate]),
        ),
    ] {
        let a = get(&app, path).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        let html = a.text();
        assert!(
            html.contains(&format!("<h1 id=\"list-heading\">{heading}</h1>")),
            "{path}: {html}"
        );
        assert_eq!(sorted(listed(&html)), expected, "{path}");
        // The sidebar posts back to the same page.
        assert!(html.contains(&format!("<form action=\"{path}\"")), "{path}");
    }
    // Further filters apply on top of the page's own.
    let html = get(&app, "/tags/Angst?rating=mature").await.text();
    assert_eq!(listed(&html), [ids.gate]);
    // The page's own tag is shown checked and fixed.
    assert!(
        html.contains("name=\"tag\" value=\"Angst\" checked disabled"),
        "{html}"
    );
    let none = get(&app, "/series/No%20Such%20Series").await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(none.text().contains("No works found"));
    // Every tag link on a list page leads to a page that lists something.
    let html = get(&app, "/works?exclude-tag=Filler").await.text();
    let tag_links: Vec<String> = hrefs(&html)
        .into_iter()
        .filter(|h| {
            [
                "/fandoms/",
                "/relationships/",
                "/characters/",
                "/tags/",
                "/authors/",
            ]
            .iter()
            .any(|p| h.starts_with(p))
        })
        .collect();
    assert!(tag_links.len() > 10, "{tag_links:?}");
    for link in tag_links {
        let page = get(&app, &link).await;
        assert_eq!(page.status, StatusCode::OK, "{link}");
        assert!(!listed(&page.text()).is_empty(), "{link} lists nothing");
    }
}

#[tokio::test]
async fn the_work_page() {
    let id = shared().ids.lighthouse;
    let a = get(&app(), &format!("/works/{id}")).await;
    assert_eq!(a.status, StatusCode::OK);
    let html = a.text();
    for expected in [
        "<h1 class=\"title\">The Lighthouse Keeper&#39;s Ledger</h1>",
        "Teen And Up Audiences",
        "No Archive Warnings Apply",
        "Spike/Willow",
        "Dawn Summers",
        "Slow Burn",
        "finds a ledger that keeps writing itself",
        &format!("href=\"/works/{id}/chapters/1\">1. Salt</a>"),
        &format!("href=\"/works/{id}/chapters/3\">3. Light</a>"),
        &format!("href=\"/works/{id}/full\""),
        "(93 words)",
        "Imported from TXT",
    ] {
        assert!(html.contains(expected), "{expected} missing from {html}");
    }
    for format in ["epub", "html", "txt", "md", "json"] {
        assert!(
            html.contains(&format!("href=\"/works/{id}/download/{format}\"")),
            "{format}"
        );
    }
}

#[tokio::test]
async fn the_reader_one_chapter_and_the_whole_work() {
    let id = shared().ids.lighthouse;
    let app = app();
    let one = get(&app, &format!("/works/{id}/chapters/1")).await;
    assert_eq!(one.status, StatusCode::OK);
    let html = one.text();
    assert!(html.contains("walked the whole length of it twice"));
    assert!(
        !html.contains("Spike arrived on the second night"),
        "only chapter 1"
    );
    assert!(
        html.contains("finds a ledger that keeps writing itself"),
        "summary before chapter 1"
    );
    assert!(html.contains(&format!("rel=\"next\" href=\"/works/{id}/chapters/2\"")));
    assert!(!html.contains("rel=\"prev\""));
    assert!(html.contains(&format!("data-work=\"{id}\" data-chapter=\"1\"")));
    assert!(html.contains("<meta name=\"viewport\""));
    let two = get(&app, &format!("/works/{id}/chapters/2")).await.text();
    assert!(two.contains("Spike arrived on the second night"));
    assert!(two.contains(&format!("rel=\"prev\" href=\"/works/{id}/chapters/1\"")));
    assert!(two.contains(&format!("rel=\"next\" href=\"/works/{id}/chapters/3\"")));
    assert!(two.contains("<option value=\"2\" selected>2. Paper</option>"));
    assert!(two.contains("<h2 class=\"chapter-title\">Chapter 2: Paper</h2>"));
    let three = get(&app, &format!("/works/{id}/chapters/3")).await.text();
    assert!(!three.contains("rel=\"next\""));
    let full = get(&app, &format!("/works/{id}/full")).await.text();
    for text in [
        "twice before she found the door",
        "come to argue with it",
        "whatever came next",
    ] {
        assert!(full.contains(text), "{text}");
    }
    assert!(full.contains("data-chapter=\"0\""));
    // The chapter menu works without JavaScript: a GET form answered with a redirect.
    let jump = get(&app, &format!("/works/{id}/chapters?n=3")).await;
    assert_eq!(jump.status, StatusCode::SEE_OTHER);
    assert_eq!(jump.header("location"), format!("/works/{id}/chapters/3"));
}

#[tokio::test]
async fn downloads_in_every_format() {
    let id = shared().ids.lighthouse;
    let app = app();
    for (format, mime) in [
        ("epub", "application/epub+zip"),
        ("html", "text/html; charset=utf-8"),
        ("txt", "text/plain; charset=utf-8"),
        ("md", "text/markdown; charset=utf-8"),
        ("json", "application/json"),
    ] {
        let a = get(&app, &format!("/works/{id}/download/{format}")).await;
        assert_eq!(a.status, StatusCode::OK, "{format}");
        assert_eq!(a.header("content-type"), mime);
        assert_eq!(
            a.header("content-disposition"),
            format!(
                "attachment; filename=\"The Lighthouse Keeper's Ledger - Marrow Quill.{format}\"; \
                 filename*=UTF-8''The%20Lighthouse%20Keeper%27s%20Ledger%20-%20Marrow%20Quill.{format}"
            )
        );
        match format {
            "epub" => {
                assert!(a.body.starts_with(b"PK\x03\x04"), "a zip");
                // OCF: the first entry is `mimetype`, stored, holding the EPUB media type.
                assert_eq!(&a.body[30..38], b"mimetype");
                assert_eq!(&a.body[38..58], b"application/epub+zip");
            }
            "json" => {
                let w: serde_json::Value = serde_json::from_slice(&a.body).unwrap();
                assert_eq!(w["title"], "The Lighthouse Keeper's Ledger");
                assert_eq!(w["chapters"].as_array().unwrap().len(), 3);
            }
            _ => assert!(
                String::from_utf8_lossy(&a.body).contains("The Lighthouse Keeper"),
                "{format}"
            ),
        }
    }
    let unknown = get(&app, &format!("/works/{id}/download/pdf")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}
