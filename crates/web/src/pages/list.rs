//! The works list — `/`, `/works` and the tag pages (`/fandoms/{name}`, `/relationships/…`,
//! `/characters/…`, `/tags/…`, `/authors/…`, `/series/…`), which are the same list with one
//! filter fixed by the path and a heading that names it.
//!
//! One search on one index snapshot gives the page of blurbs and the sidebar's counts.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Html;
use ficshelf_library::{Facets, Query};

use crate::error::{Failure, PageError};
use crate::format::thousands;
use crate::links::TagKind;
use crate::params::{PER_PAGE, Paging, Params, query_from};
use crate::sidebar::{self, Sidebar};
use crate::state::AppState;
use crate::views::Blurb;

/// Facet values listed per heading of the sidebar.
const FACETS_PER_FIELD: usize = 10;

/// A link of the pagination bar; `href` is `None` for the current page and for gaps.
#[derive(Debug, Clone)]
pub struct PageLink {
    pub label: String,
    pub href: Option<String>,
    pub current: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Pagination {
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage {
    v: &'static str,
    uploads: bool,
    heading: String,
    /// "1 – 20 of 1,234 Works".
    range: String,
    blurbs: Vec<Blurb>,
    sidebar: Sidebar,
    pagination: Pagination,
    /// Where the sidebar form goes: this page, without its query.
    action: String,
}

pub async fn works(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, PageError> {
    list(state, None, raw).await
}

/// The handler of one tag page kind.
pub async fn tagged(
    kind: TagKind,
    state: AppState,
    name: String,
    raw: Option<String>,
) -> Result<Html<String>, PageError> {
    list(state, Some((kind, name)), raw).await
}

async fn list(
    state: AppState,
    fixed: Option<(TagKind, String)>,
    raw: Option<String>,
) -> Result<Html<String>, PageError> {
    let params = Params::parse_within(raw.as_deref(), state.limits.web_max_query_pairs)
        .map_err(Failure::BadRequest)?;
    let mut query = query_from(&params, Paging::Pages).map_err(Failure::BadRequest)?;
    if let Some((kind, name)) = &fixed {
        add_filter(&mut query, *kind, name);
    }
    let (v, uploads) = (state.assets, state.uploads());
    let html = state
        .blocking(move |library| -> Result<String, PageError> {
            let (page, facets) = library.search_with_facets(&query, FACETS_PER_FIELD)?;
            let action = fixed
                .as_ref()
                .map_or_else(|| "/works".to_string(), |(k, n)| k.href(n));
            let view = ListPage {
                v,
                uploads,
                heading: fixed.as_ref().map_or_else(
                    || "Works".to_string(),
                    |(k, n)| format!("{}: {n}", k.label()),
                ),
                range: range(query.offset, page.hits.len(), page.total),
                blurbs: page.hits.iter().map(Blurb::of_summary).collect(),
                sidebar: build_sidebar(&facets, &params, fixed.as_ref()),
                pagination: paginate(&params, &action, query.offset, page.total),
                action,
            };
            Ok(view
                .render()
                .map_err(|e| Failure::Internal(e.to_string()))?)
        })
        .await??;
    Ok(Html(html))
}

fn add_filter(query: &mut Query, kind: TagKind, name: &str) {
    let list = match kind {
        TagKind::Fandom => &mut query.fandoms,
        TagKind::Relationship => &mut query.relationships,
        TagKind::Character => &mut query.characters,
        TagKind::Tag => &mut query.tags,
        TagKind::Author => &mut query.authors,
        TagKind::Series => &mut query.series,
    };
    list.push(name.to_string());
}

/// The sidebar, with the path's own filter shown checked and fixed.
fn build_sidebar(facets: &Facets, params: &Params, fixed: Option<&(TagKind, String)>) -> Sidebar {
    let mut sidebar = sidebar::build(facets, params);
    if let Some((kind, name)) = fixed {
        for group in &mut sidebar.include {
            for choice in &mut group.choices {
                if choice.input == kind.key() && choice.value.to_lowercase() == name.to_lowercase()
                {
                    choice.checked = true;
                    choice.fixed = true;
                }
            }
        }
    }
    sidebar
}

fn range(offset: usize, shown: usize, total: u64) -> String {
    let works = if total == 1 { "Work" } else { "Works" };
    if shown == 0 {
        return format!("{} {works}", thousands(total));
    }
    format!(
        "{} – {} of {} {works}",
        thousands(offset as u64 + 1),
        thousands((offset + shown) as u64),
        thousands(total)
    )
}

/// AO3's pagination: first two pages, two either side of the current one, last two.
pub fn paginate(params: &Params, path: &str, offset: usize, total: u64) -> Pagination {
    let pages = total.div_ceil(PER_PAGE as u64).max(1);
    let current = (offset / PER_PAGE) as u64 + 1;
    if pages <= 1 && current == 1 {
        return Pagination::default();
    }
    let base = params.without(&["page"]);
    let href = |n: u64| {
        if n == 1 {
            base.href(path)
        } else {
            base.with("page", &n.to_string()).href(path)
        }
    };
    let mut shown: Vec<u64> = [1, 2, pages - 1, pages]
        .into_iter()
        .chain(current.saturating_sub(2)..=current + 2)
        .filter(|n| (1..=pages).contains(n))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let mut links = Vec::new();
    let mut last = 0;
    for n in shown {
        if n > last + 1 {
            links.push(PageLink {
                label: "…".into(),
                href: None,
                current: false,
            });
        }
        links.push(PageLink {
            label: n.to_string(),
            href: (n != current).then(|| href(n)),
            current: n == current,
        });
        last = n;
    }
    Pagination {
        prev: (current > 1).then(|| href(current - 1)),
        next: (current < pages).then(|| href(current + 1)),
        pages: links,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(p: &Pagination) -> Vec<String> {
        p.pages
            .iter()
            .map(|l| {
                if l.current {
                    format!("[{}]", l.label)
                } else {
                    l.label.clone()
                }
            })
            .collect()
    }

    #[test]
    fn pagination_windows() {
        let params = Params::parse(Some("fandom=X&page=7")).unwrap();
        let p = paginate(&params, "/works", 6 * PER_PAGE, 1000);
        assert_eq!(
            labels(&p),
            ["1", "2", "…", "5", "6", "[7]", "8", "9", "…", "49", "50"]
        );
        assert_eq!(p.prev.as_deref(), Some("/works?fandom=X&page=6"));
        assert_eq!(p.next.as_deref(), Some("/works?fandom=X&page=8"));
        assert_eq!(p.pages[0].href.as_deref(), Some("/works?fandom=X"));
        let first = paginate(&Params::default(), "/works", 0, 45);
        assert_eq!(labels(&first), ["[1]", "2", "3"]);
        assert!(first.prev.is_none());
        assert!(
            paginate(&Params::default(), "/works", 0, 20)
                .pages
                .is_empty()
        );
        // A page past the end still offers the way back.
        let past = paginate(&Params::default(), "/works", 5 * PER_PAGE, 3);
        assert_eq!(past.prev.as_deref(), Some("/works?page=5"));
    }

    #[test]
    fn ranges() {
        assert_eq!(range(0, 20, 1234), "1 – 20 of 1,234 Works");
        assert_eq!(range(20, 1, 21), "21 – 21 of 21 Works");
        assert_eq!(range(0, 0, 0), "0 Works");
        assert_eq!(range(0, 1, 1), "1 – 1 of 1 Work");
    }
}
