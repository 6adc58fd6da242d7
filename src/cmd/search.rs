//! `ficshelf search [WORDS] [filters] [--json] [--facets]`: full text and AO3-style filters
//! over the library (`Library::search`). The filter flags (`Filters`) are shared with
//! `ficshelf export --search`.
//!
//! Human output is one blurb per work (id, title, authors; rating, warnings, status, words,
//! chapters, date; fandoms and relationships) and a last line with the count; `--facets` adds
//! AO3's sidebar. `--json` prints an array of work summaries, or with `--facets` an object
//! `{total, works, facets}`.

use std::fmt::Write as _;

use ficshelf_library::{
    Facets, Query, SearchPage, WorkSummary, parse_category, parse_rating, parse_sort,
    parse_warning, parse_words,
};
use ficshelf_model::Status;
use serde_json::{Value, json};

use crate::library_arg::{LibraryArg, fatal};
use crate::report::{self, Outcome};
use crate::summary::thousands;

/// Values per facet that `--facets` shows (AO3 shows ten).
const FACETS_SHOWN: usize = 10;

#[derive(clap::Args)]
pub struct Args {
    /// Words to look for in titles, authors, tags, summaries and chapter text: every word must
    /// be there; "a phrase" in quotes; -word excludes; a OR b.
    #[arg(value_name = "WORDS")]
    text: Vec<String>,
    #[command(flatten)]
    filters: Filters,
    /// Sort by relevance, updated, published, words or title.
    #[arg(long, value_name = "BY", value_parser = parse_sort)]
    sort: Option<ficshelf_library::Sort>,
    /// Works per page.
    #[arg(long, value_name = "N", default_value_t = 20)]
    limit: usize,
    /// Skip this many works (the next page is --offset 20).
    #[arg(long, value_name = "N", default_value_t = 0)]
    offset: usize,
    /// Print JSON: an array of work summaries.
    #[arg(long)]
    json: bool,
    /// Also show counts per fandom, rating, warning, category, relationship, character and tag.
    #[arg(long)]
    facets: bool,
    #[command(flatten)]
    library: LibraryArg,
}

/// AO3-style filters, shared by `search` and `export --search`. Repeat a flag for more values.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct Filters {
    /// Only works in this fandom (all given must match).
    #[arg(long, value_name = "NAME")]
    fandom: Vec<String>,
    /// Only works with this relationship, in any order (Spike/Willow finds Willow/Spike).
    #[arg(long, value_name = "A/B")]
    relationship: Vec<String>,
    /// Only works with this character.
    #[arg(long, value_name = "NAME")]
    character: Vec<String>,
    /// Only works with this tag, of any kind.
    #[arg(long, value_name = "TAG")]
    tag: Vec<String>,
    /// Leave out works with this tag.
    #[arg(long, value_name = "TAG")]
    exclude_tag: Vec<String>,
    /// Only works with one of these ratings: general, teen, mature, explicit, not-rated (or
    /// G/T/M/E, or AO3's names).
    #[arg(long, value_name = "RATING", value_parser = parse_rating)]
    rating: Vec<ficshelf_model::Ao3Rating>,
    /// Only works with this archive warning (none, choose-not-to-warn, violence, mcd, noncon,
    /// underage, or AO3's names).
    #[arg(long, value_name = "WARNING", value_parser = parse_warning)]
    warning: Vec<ficshelf_model::ArchiveWarning>,
    /// Leave out works with this archive warning.
    #[arg(long, value_name = "WARNING", value_parser = parse_warning)]
    exclude_warning: Vec<ficshelf_model::ArchiveWarning>,
    /// Only works in this category: F/F, F/M, Gen, M/M, Multi, Other.
    #[arg(long, value_name = "CATEGORY", value_parser = parse_category)]
    category: Vec<ficshelf_model::Category>,
    /// Only complete works.
    #[arg(long, conflicts_with = "in_progress")]
    complete: bool,
    /// Only works in progress.
    #[arg(long)]
    in_progress: bool,
    /// Word count: MIN..MAX, MIN.. or ..MAX.
    #[arg(long, value_name = "RANGE", value_parser = parse_words)]
    words: Option<(Option<u64>, Option<u64>)>,
    /// Only works by this author.
    #[arg(long, value_name = "NAME")]
    author: Vec<String>,
    /// Only works in this language (a BCP 47 tag: en, ja, pt-BR).
    #[arg(long, value_name = "TAG")]
    language: Option<String>,
    /// Only works in this series.
    #[arg(long, value_name = "NAME")]
    series: Vec<String>,
}

impl Filters {
    /// The query these filters and `words` ask for (first page, default order).
    pub fn query(&self, words: &[String]) -> Query {
        let mut status = Vec::new();
        if self.complete {
            status.push(Status::Complete);
        }
        if self.in_progress {
            status.push(Status::InProgress);
        }
        let (words_min, words_max) = self.words.unwrap_or((None, None));
        Query {
            words: words.join(" "),
            fandoms: self.fandom.clone(),
            relationships: self.relationship.clone(),
            characters: self.character.clone(),
            tags: self.tag.clone(),
            exclude_tags: self.exclude_tag.clone(),
            ratings: self.rating.clone(),
            warnings: self.warning.clone(),
            exclude_warnings: self.exclude_warning.clone(),
            categories: self.category.clone(),
            status,
            words_min,
            words_max,
            authors: self.author.clone(),
            language: self.language.clone(),
            series: self.series.clone(),
            ..Query::default()
        }
    }

    /// Whether any filter is given.
    pub fn any(&self) -> bool {
        self.query(&[]) != Query::default()
    }
}

pub fn run(args: Args) -> Outcome {
    let library = match args.library.open_for_reading() {
        Ok(library) => library,
        Err(outcome) => return outcome,
    };
    let mut query = args.filters.query(&args.text);
    if let Some(sort) = args.sort {
        query.sort = sort;
    }
    query.limit = args.limit.min(ficshelf_library::MAX_LIMIT);
    query.offset = args.offset;
    if args.limit > query.limit {
        // Said, not silently cut: a script asking for "everything" must learn to page.
        eprintln!(
            "note: a page holds at most {max} works; showing up to {max} (the next page is \
             --offset {next})",
            max = query.limit,
            next = query.offset.saturating_add(query.limit),
        );
    }
    let found = if args.facets {
        library
            .search_with_facets(&query, FACETS_SHOWN)
            .map(|(page, facets)| (page, Some(facets)))
    } else {
        library.search(&query).map(|page| (page, None))
    };
    let (page, facets) = match found {
        Ok(found) => found,
        Err(e) => return fatal(&library, &e),
    };
    let text = if args.json {
        json_text(&page, facets.as_ref())
    } else {
        human(&page, facets.as_ref(), &query)
    };
    match report::print_stdout(&text) {
        Ok(()) => Outcome::Ok,
        Err(e) => {
            report::error("stdout", &e);
            Outcome::Environment
        }
    }
}

fn json_text(page: &SearchPage, facets: Option<&Facets>) -> String {
    // Serializing plain data cannot fail; the works keep their field order.
    let text = match facets {
        None => serde_json::to_string_pretty(&page.hits),
        Some(f) => {
            let works = serde_json::to_value(&page.hits).unwrap_or(Value::Null);
            let value = json!({ "total": page.total, "works": works, "facets": facets_json(f) });
            serde_json::to_string_pretty(&value)
        }
    };
    text.unwrap_or_default() + "\n"
}

fn facets_json(f: &Facets) -> Value {
    let list = |v: &[ficshelf_library::FacetCount]| -> Value {
        v.iter()
            .map(|c| json!({ "name": c.name, "count": c.count }))
            .collect()
    };
    json!({
        "ratings": list(&f.ratings),
        "warnings": list(&f.warnings),
        "categories": list(&f.categories),
        "fandoms": list(&f.fandoms),
        "relationships": list(&f.relationships),
        "characters": list(&f.characters),
        "tags": list(&f.tags),
        "languages": list(&f.languages),
        "status": list(&f.status),
    })
}

fn human(page: &SearchPage, facets: Option<&Facets>, q: &Query) -> String {
    let mut out = String::new();
    for hit in &page.hits {
        blurb(&mut out, hit);
    }
    let shown = page.hits.len() as u64;
    let first = q.offset as u64 + 1;
    let _ = match (page.total, shown) {
        (0, _) => writeln!(out, "no works found"),
        (total, 0) => writeln!(out, "{total} works found; none from {first} on"),
        (total, n) if n == total => writeln!(out, "{total} work{} found", plural(total)),
        (total, n) => writeln!(
            out,
            "{}–{} of {total} works (--offset {} for more)",
            first,
            first + n - 1,
            q.offset as u64 + n
        ),
    };
    if let Some(f) = facets {
        sidebar(&mut out, f);
    }
    out
}

fn blurb(out: &mut String, w: &WorkSummary) {
    let by = if w.authors.is_empty() {
        String::new()
    } else {
        format!(" by {}", w.authors.join(", "))
    };
    let _ = writeln!(out, "{:>6}  {}{by}", w.id.0, w.title);
    let warnings: Vec<&str> = w.warnings.iter().map(|x| x.display_name()).collect();
    let mut facts = vec![w.rating.to_string()];
    if !warnings.is_empty() {
        facts.push(warnings.join(", "));
    }
    facts.push(w.status.to_string());
    facts.push(format!("{} words", thousands(w.words)));
    facts.push(format!("{} chapter{}", w.chapters, plural(w.chapters)));
    if let Some(day) = w.updated.or(w.published) {
        facts.push(day.to_string());
    }
    let _ = writeln!(out, "        {}", facts.join(" · "));
    let tags: Vec<&str> = w
        .fandoms
        .iter()
        .chain(&w.relationships)
        .map(String::as_str)
        .collect();
    if !tags.is_empty() {
        let _ = writeln!(out, "        {}", tags.join(" · "));
    }
}

fn sidebar(out: &mut String, f: &Facets) {
    let groups = [
        ("Ratings", &f.ratings),
        ("Warnings", &f.warnings),
        ("Categories", &f.categories),
        ("Fandoms", &f.fandoms),
        ("Relationships", &f.relationships),
        ("Characters", &f.characters),
        ("Additional Tags", &f.tags),
    ];
    for (title, counts) in groups {
        if counts.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title}");
        for c in counts.iter() {
            let _ = writeln!(out, "  {} ({})", c.name, thousands(c.count));
        }
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
