//! Query strings → a search `Query`: the web's spelling of `ficshelf search`'s flags, shared by
//! the works list (`/works?…`), the tag pages and the JSON API (`/api/works?…`).
//!
//! Keys are the CLI's flag names without the dashes in front, repeated for lists:
//! `q` (the words), `fandom`, `relationship`, `character`, `tag`, `exclude-tag`, `rating`,
//! `exclude-rating`, `warning`, `exclude-warning`, `category`, `exclude-category`, `author`,
//! `series`, `language`, `complete`, `in-progress` (flags) or `status=complete|in-progress`,
//! `words=MIN..MAX` (or `words-min` / `words-max`, the sidebar's two boxes), `sort`,
//! `order=asc|desc`, `limit`, `offset`; the HTML list pages by `page` instead of `offset`.
//! Empty values are absent values (an HTML form sends every box, filled or not). Filter values
//! are read by the library's own parsers, so `rating=t` means what `--rating t` means.

use ficshelf_library::{
    Order, Query, Sort, parse_category, parse_rating, parse_sort, parse_warning, parse_words,
};
use ficshelf_model::Status;

/// Largest `limit` the API accepts (each hit is one metadata row read and serialized).
pub const MAX_API_LIMIT: usize = 1_000;
/// Works per HTML list page.
pub const PER_PAGE: usize = 20;

/// Every key this module understands.
const KNOWN: &[&str] = &[
    "q",
    "fandom",
    "relationship",
    "character",
    "tag",
    "exclude-tag",
    "rating",
    "exclude-rating",
    "warning",
    "exclude-warning",
    "category",
    "exclude-category",
    "author",
    "series",
    "language",
    "complete",
    "in-progress",
    "status",
    "words",
    "words-min",
    "words-max",
    "sort",
    "order",
    "limit",
    "offset",
    "page",
];

/// The decoded pairs of a query string, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Decode a raw query string (`a=1&b=x+y`) with the default limit on pairs.
    #[cfg(test)]
    pub fn parse(raw: Option<&str>) -> Result<Params, String> {
        Params::parse_within(raw, ficshelf_model::Limits::default().web_max_query_pairs)
    }

    /// Decode a raw query string, refusing more than `max_pairs` pairs
    /// (`Limits::web_max_query_pairs`).
    pub fn parse_within(raw: Option<&str>, max_pairs: usize) -> Result<Params, String> {
        let mut pairs = Vec::new();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            if pairs.len() == max_pairs {
                return Err(format!(
                    "too many query parameters (at most {max_pairs}, web_max_query_pairs)"
                ));
            }
            pairs.push((k.into_owned(), v.trim().to_string()));
        }
        Ok(Params { pairs })
    }

    /// Every non-empty value of `key`.
    pub fn all<'a, 'k>(&'a self, key: &'k str) -> impl Iterator<Item = &'a str> + use<'a, 'k> {
        self.pairs
            .iter()
            .filter(move |(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// The last non-empty value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.all(key).last()
    }

    /// A flag such as `complete`: present (even empty) and not `0`/`false`/`no`/`off`.
    pub fn flag(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, v)| k == key && truthy(v))
    }

    /// A copy without `keys`.
    pub fn without(&self, keys: &[&str]) -> Params {
        Params {
            pairs: self
                .pairs
                .iter()
                .filter(|(k, _)| !keys.contains(&k.as_str()))
                .cloned()
                .collect(),
        }
    }

    /// A copy with one more pair.
    pub fn with(&self, key: &str, value: &str) -> Params {
        let mut out = self.clone();
        out.pairs.push((key.to_string(), value.to_string()));
        out
    }

    /// The non-empty pairs, encoded (`""` when there are none).
    pub fn encode(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in self.pairs.iter().filter(|(_, v)| !v.is_empty()) {
            out.append_pair(k, v);
        }
        out.finish()
    }

    /// `path?query`, or `path` alone when no pair is left.
    pub fn href(&self, path: &str) -> String {
        match self.encode() {
            q if q.is_empty() => path.to_string(),
            q => format!("{path}?{q}"),
        }
    }

    /// The first key this module does not know (the API refuses those: a typo must not
    /// silently widen a search).
    pub fn unknown_key(&self) -> Option<&str> {
        self.pairs
            .iter()
            .map(|(k, _)| k.as_str())
            .find(|k| !KNOWN.contains(k))
    }
}

/// How the page of results is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// HTML lists: `page` (from 1), [`PER_PAGE`] works each.
    Pages,
    /// The API: `limit` (≤ [`MAX_API_LIMIT`]) and `offset`.
    LimitOffset,
}

/// The search `params` ask for. The error is the reason, for a 400 answer.
pub fn query_from(params: &Params, paging: Paging) -> Result<Query, String> {
    let mut q = Query {
        words: params.all("q").collect::<Vec<_>>().join(" "),
        ..Query::default()
    };
    let strings = |key: &str| params.all(key).map(str::to_string).collect::<Vec<_>>();
    q.fandoms = strings("fandom");
    q.relationships = strings("relationship");
    q.characters = strings("character");
    q.tags = strings("tag");
    q.exclude_tags = strings("exclude-tag");
    q.authors = strings("author");
    q.series = strings("series");
    q.language = params.get("language").map(str::to_string);
    q.ratings = parsed(params, "rating", parse_rating)?;
    q.exclude_ratings = parsed(params, "exclude-rating", parse_rating)?;
    q.warnings = parsed(params, "warning", parse_warning)?;
    q.exclude_warnings = parsed(params, "exclude-warning", parse_warning)?;
    q.categories = parsed(params, "category", parse_category)?;
    q.exclude_categories = parsed(params, "exclude-category", parse_category)?;
    q.status = status(params)?;
    if let Some(range) = params.get("words") {
        let (min, max) = parse_words(range)?;
        q.words_min = min;
        q.words_max = max;
    }
    if let Some(min) = params.get("words-min") {
        q.words_min = Some(number(min, "words-min")?);
    }
    if let Some(max) = params.get("words-max") {
        q.words_max = Some(number(max, "words-max")?);
    }
    if let (Some(lo), Some(hi)) = (q.words_min, q.words_max)
        && lo > hi
    {
        return Err(format!(
            "the word range {lo}..{hi} is empty (the lower bound is above the upper one)"
        ));
    }
    q.sort = params.get("sort").map_or(Ok(Sort::Relevance), parse_sort)?;
    q.order = params.get("order").map(parse_order).transpose()?;
    match paging {
        Paging::Pages => {
            let page = params.get("page").map_or(Ok(1), |p| number(p, "page"))?;
            if page == 0 {
                return Err("page numbers start at 1".into());
            }
            q.limit = PER_PAGE;
            q.offset = usize::try_from(page - 1)
                .ok()
                .and_then(|p| p.checked_mul(PER_PAGE))
                .ok_or_else(|| format!("page {page} is out of range"))?;
        }
        Paging::LimitOffset => {
            if let Some(limit) = params.get("limit") {
                let limit = number(limit, "limit")?;
                if limit > MAX_API_LIMIT as u64 {
                    return Err(format!(
                        "limit {limit} is over the maximum of {MAX_API_LIMIT}"
                    ));
                }
                q.limit = limit as usize;
            }
            if let Some(offset) = params.get("offset") {
                q.offset = usize::try_from(number(offset, "offset")?)
                    .map_err(|_| "offset is out of range".to_string())?;
            }
        }
    }
    Ok(q)
}

fn parsed<T>(
    params: &Params,
    key: &str,
    parse: fn(&str) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    params.all(key).map(parse).collect()
}

/// `complete` and `in-progress` flags (as on the command line), or `status=` values.
fn status(params: &Params) -> Result<Vec<Status>, String> {
    let mut out = Vec::new();
    let mut add = |s: Status| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for (flag, s) in [
        ("complete", Status::Complete),
        ("in-progress", Status::InProgress),
    ] {
        if params.flag(flag) {
            add(s);
        }
    }
    for v in params.all("status") {
        add(match v.to_ascii_lowercase().as_str() {
            "complete" => Status::Complete,
            "in-progress" | "inprogress" | "wip" => Status::InProgress,
            "unknown" => Status::Unknown,
            _ => {
                return Err(format!(
                    "unknown status {v:?} (complete, in-progress or unknown)"
                ));
            }
        });
    }
    Ok(out)
}

/// A flag's value: present and empty, or anything but a "no", turns it on.
fn truthy(v: &str) -> bool {
    !matches!(
        v.to_ascii_lowercase().as_str(),
        "0" | "false" | "no" | "off"
    )
}

fn parse_order(s: &str) -> Result<Order, String> {
    match s.to_ascii_lowercase().as_str() {
        "asc" | "ascending" => Ok(Order::Ascending),
        "desc" | "descending" => Ok(Order::Descending),
        _ => Err(format!("unknown order {s:?} (asc or desc)")),
    }
}

fn number(s: &str, key: &str) -> Result<u64, String> {
    let digits: String = s.chars().filter(|c| *c != ',' && *c != '_').collect();
    digits
        .parse()
        .map_err(|_| format!("{key} must be a whole number, not {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ficshelf_model::{Ao3Rating, ArchiveWarning, Category};

    fn q(raw: &str, paging: Paging) -> Result<Query, String> {
        query_from(&Params::parse(Some(raw))?, paging)
    }

    #[test]
    fn every_cli_filter_has_a_key() {
        let query = q(
            "q=salt+sea&fandom=Buffy&fandom=Angel&relationship=Spike%2FWillow&character=Willow\
             &tag=Angst&exclude-tag=Fluff&rating=t&exclude-rating=explicit&warning=mcd\
             &exclude-warning=noncon&category=F%2FM&exclude-category=gen&author=Quill\
             &series=Tides&language=en&complete=1&words=1%2C000..5000&sort=words&order=asc\
             &limit=50&offset=100",
            Paging::LimitOffset,
        )
        .unwrap();
        assert_eq!(query.words, "salt sea");
        assert_eq!(query.fandoms, ["Buffy", "Angel"]);
        assert_eq!(query.relationships, ["Spike/Willow"]);
        assert_eq!(query.characters, ["Willow"]);
        assert_eq!(query.tags, ["Angst"]);
        assert_eq!(query.exclude_tags, ["Fluff"]);
        assert_eq!(query.ratings, [Ao3Rating::Teen]);
        assert_eq!(query.exclude_ratings, [Ao3Rating::Explicit]);
        assert_eq!(query.warnings, [ArchiveWarning::MajorCharacterDeath]);
        assert_eq!(query.exclude_warnings, [ArchiveWarning::RapeNonCon]);
        assert_eq!(query.categories, [Category::FM]);
        assert_eq!(query.exclude_categories, [Category::Gen]);
        assert_eq!(query.authors, ["Quill"]);
        assert_eq!(query.series, ["Tides"]);
        assert_eq!(query.language.as_deref(), Some("en"));
        assert_eq!(query.status, [Status::Complete]);
        assert_eq!((query.words_min, query.words_max), (Some(1000), Some(5000)));
        assert_eq!(query.sort, Sort::Words);
        assert_eq!(query.order, Some(Order::Ascending));
        assert_eq!((query.limit, query.offset), (50, 100));
    }

    #[test]
    fn empty_values_are_absent_and_pages_count_from_one() {
        let query = q(
            "q=&fandom=&words-min=&words-max=2000&in-progress=&status=complete&page=3",
            Paging::Pages,
        )
        .unwrap();
        assert!(query.words.is_empty());
        assert!(query.fandoms.is_empty());
        assert_eq!((query.words_min, query.words_max), (None, Some(2000)));
        assert_eq!(query.status, [Status::InProgress, Status::Complete]);
        assert_eq!((query.limit, query.offset), (PER_PAGE, 2 * PER_PAGE));
        assert_eq!(q("", Paging::Pages).unwrap(), Query::default());
    }

    #[test]
    fn bad_values_are_reasons() {
        let e = q("rating=NC-17", Paging::Pages).unwrap_err();
        assert!(e.contains("unknown rating"), "{e}");
        assert!(
            q("page=0", Paging::Pages)
                .unwrap_err()
                .contains("start at 1")
        );
        assert!(q("page=x", Paging::Pages).unwrap_err().contains("page"));
        assert!(
            q("page=99999999999999999999", Paging::Pages)
                .unwrap_err()
                .contains("page")
        );
        assert!(
            q("limit=1001", Paging::LimitOffset)
                .unwrap_err()
                .contains("maximum")
        );
        assert!(
            q("words-min=9&words-max=1", Paging::Pages)
                .unwrap_err()
                .contains("empty")
        );
        assert!(
            q("status=done", Paging::Pages)
                .unwrap_err()
                .contains("unknown status")
        );
        assert!(
            q("order=up", Paging::Pages)
                .unwrap_err()
                .contains("asc or desc")
        );
        assert!(
            q("sort=kudos", Paging::Pages)
                .unwrap_err()
                .contains("unknown sort")
        );
        let many = "tag=a&".repeat(ficshelf_model::Limits::default().web_max_query_pairs + 1);
        assert!(Params::parse(Some(&many)).unwrap_err().contains("too many"));
    }

    #[test]
    fn links_keep_the_other_pairs() {
        let p = Params::parse(Some("fandom=A+%26+B&page=2&q=")).unwrap();
        assert_eq!(p.without(&["page"]).href("/works"), "/works?fandom=A+%26+B");
        assert_eq!(
            p.without(&["page"]).with("page", "3").encode(),
            "fandom=A+%26+B&page=3"
        );
        assert_eq!(Params::default().href("/works"), "/works");
        assert_eq!(p.unknown_key(), None);
        assert_eq!(
            Params::parse(Some("fandom=x&fandoms=y"))
                .unwrap()
                .unknown_key(),
            Some("fandoms")
        );
    }
}
