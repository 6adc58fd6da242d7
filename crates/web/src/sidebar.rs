//! AO3's "Sort and Filter" sidebar: facet counts of the current result as include and exclude
//! checkboxes in one plain GET form (it works without JavaScript), plus completion status, word
//! range, language, words to search within and the sort.
//!
//! A value the query already includes or excludes is always shown, checked — even when the
//! facets no longer list it (an excluded tag has no works left to count) — so that it can be
//! unchecked.

use ficshelf_library::{FacetCount, Facets, parse_category, parse_rating, parse_warning};
use ficshelf_model::ArchiveWarning;

use crate::params::Params;

/// One checkbox.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The form field (`fandom`, `exclude-tag`, …).
    pub input: &'static str,
    /// Unique in the page, for the `<label for>`.
    pub id: String,
    pub value: String,
    pub label: String,
    pub count: Option<String>,
    pub checked: bool,
    /// Set by the page's address (a tag page's own tag): shown checked, not changeable.
    pub fixed: bool,
}

/// A heading and its checkboxes.
#[derive(Debug, Clone)]
pub struct Group {
    pub title: &'static str,
    pub choices: Vec<Choice>,
    /// Open when something in it is checked.
    pub open: bool,
}

/// A value of a `<select>` or radio group.
#[derive(Debug, Clone)]
pub struct Option_ {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The whole sidebar.
#[derive(Debug, Clone)]
pub struct Sidebar {
    pub include: Vec<Group>,
    pub exclude: Vec<Group>,
    pub sorts: Vec<Option_>,
    pub orders: Vec<Option_>,
    pub statuses: Vec<Option_>,
    pub languages: Vec<Option_>,
    pub words_min: String,
    pub words_max: String,
    pub q: String,
    /// Pairs the form has no input for (`author`, `series`, …), kept as hidden fields so that
    /// submitting the form does not drop them.
    pub hidden: Vec<(String, String)>,
    /// Something is filtered: offer "Clear filters".
    pub filtered: bool,
}

/// How a facet's values are compared with the query's (closed vocabularies by their parsed
/// term, so that `rating=t` checks "Teen And Up Audiences").
#[derive(Clone, Copy)]
enum Kind {
    Rating,
    Warning,
    Category,
    Open,
}

impl Kind {
    fn same(self, a: &str, b: &str) -> bool {
        match self {
            Kind::Rating => parse_rating(a)
                .ok()
                .is_some_and(|x| parse_rating(b) == Ok(x)),
            Kind::Warning => parse_warning(a)
                .ok()
                .is_some_and(|x| parse_warning(b) == Ok(x)),
            Kind::Category => parse_category(a)
                .ok()
                .is_some_and(|x| parse_category(b) == Ok(x)),
            Kind::Open => a.to_lowercase() == b.to_lowercase(),
        }
    }

    /// The vocabulary's own name for a value as typed (`t` → `Teen And Up Audiences`).
    fn canonical(self, v: &str) -> String {
        let name = match self {
            Kind::Rating => parse_rating(v).ok().map(|r| r.as_str()),
            Kind::Warning => parse_warning(v).ok().map(|w| w.as_str()),
            Kind::Category => parse_category(v).ok().map(|c| c.as_str()),
            Kind::Open => None,
        };
        name.map_or_else(|| v.to_string(), str::to_string)
    }

    fn label(self, name: &str) -> String {
        match self {
            Kind::Warning => parse_warning(name)
                .map(ArchiveWarning::display_name)
                .unwrap_or(name)
                .to_string(),
            _ => name.to_string(),
        }
    }
}

/// Keys the sidebar has inputs for; the others become hidden fields.
const SHOWN: &[&str] = &[
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
    "language",
    "complete",
    "in-progress",
    "status",
    "words",
    "words-min",
    "words-max",
    "sort",
    "order",
    "page",
];

pub fn build(facets: &Facets, params: &Params) -> Sidebar {
    let mut ids = 0usize;
    let mut group = |title, input: &'static str, facet: &[FacetCount], kind: Kind| {
        let mut choices: Vec<Choice> = facet
            .iter()
            .map(|f| Choice {
                input,
                id: String::new(),
                value: f.name.clone(),
                label: kind.label(&f.name),
                count: Some(crate::format::thousands(f.count)),
                checked: params.all(input).any(|v| kind.same(v, &f.name)),
                fixed: false,
            })
            .collect();
        for v in params.all(input) {
            if !choices.iter().any(|c| kind.same(v, &c.value)) {
                choices.push(Choice {
                    input,
                    id: String::new(),
                    value: kind.canonical(v),
                    label: kind.label(v),
                    count: None,
                    checked: true,
                    fixed: false,
                });
            }
        }
        for c in &mut choices {
            ids += 1;
            c.id = format!("f{ids}");
        }
        Group {
            title,
            open: choices.iter().any(|c| c.checked),
            choices,
        }
    };
    let include = vec![
        group("Ratings", "rating", &facets.ratings, Kind::Rating),
        group("Warnings", "warning", &facets.warnings, Kind::Warning),
        group("Categories", "category", &facets.categories, Kind::Category),
        group("Fandoms", "fandom", &facets.fandoms, Kind::Open),
        group("Characters", "character", &facets.characters, Kind::Open),
        group(
            "Relationships",
            "relationship",
            &facets.relationships,
            Kind::Open,
        ),
        group("Additional Tags", "tag", &facets.tags, Kind::Open),
    ];
    let exclude = vec![
        group("Ratings", "exclude-rating", &facets.ratings, Kind::Rating),
        group(
            "Warnings",
            "exclude-warning",
            &facets.warnings,
            Kind::Warning,
        ),
        group(
            "Categories",
            "exclude-category",
            &facets.categories,
            Kind::Category,
        ),
        // Every open kind is excluded through `exclude-tag`, which matches a tag of any kind;
        // a value checked under one heading is checked under each heading that lists it.
        group("Fandoms", "exclude-tag", &facets.fandoms, Kind::Open),
        group("Characters", "exclude-tag", &facets.characters, Kind::Open),
        group(
            "Relationships",
            "exclude-tag",
            &facets.relationships,
            Kind::Open,
        ),
        group("Additional Tags", "exclude-tag", &facets.tags, Kind::Open),
    ];
    let exclude = dedupe_extras(exclude);
    let get = |k| params.get(k).unwrap_or("").to_string();
    let sort = params
        .get("sort")
        .unwrap_or("relevance")
        .to_ascii_lowercase();
    let order = params.get("order").unwrap_or("").to_ascii_lowercase();
    let status = current_status(params);
    let language = params.get("language").unwrap_or("");
    let mut languages = vec![Option_ {
        value: String::new(),
        label: "Any language".into(),
        selected: language.is_empty(),
    }];
    languages.extend(facets.languages.iter().map(|f| Option_ {
        value: f.name.clone(),
        label: format!(
            "{} ({})",
            crate::format::language(&f.name),
            crate::format::thousands(f.count)
        ),
        selected: f.name.eq_ignore_ascii_case(language),
    }));
    if !language.is_empty() && !languages.iter().any(|o| o.selected) {
        languages.push(Option_ {
            value: language.to_string(),
            label: language.to_string(),
            selected: true,
        });
    }
    let options = |list: &[(&str, &str)], current: &str| {
        list.iter()
            .map(|(v, l)| Option_ {
                value: v.to_string(),
                label: l.to_string(),
                selected: *v == current,
            })
            .collect()
    };
    let hidden = params
        .without(SHOWN)
        .encode()
        .split('&')
        .filter(|s| !s.is_empty())
        .filter_map(|pair| {
            let mut parsed = form_urlencoded::parse(pair.as_bytes());
            parsed.next().map(|(k, v)| (k.into_owned(), v.into_owned()))
        })
        .collect();
    Sidebar {
        filtered: !params
            .without(&["sort", "order", "page"])
            .encode()
            .is_empty(),
        include,
        exclude,
        sorts: options(
            &[
                ("relevance", "Best match"),
                ("updated", "Date updated"),
                ("published", "Date posted"),
                ("words", "Word count"),
                ("title", "Title"),
            ],
            &sort,
        ),
        orders: options(
            &[
                ("", "Default order"),
                ("desc", "Descending"),
                ("asc", "Ascending"),
            ],
            &order,
        ),
        statuses: options(
            &[
                ("", "All works"),
                ("complete", "Complete works only"),
                ("in-progress", "Works in progress only"),
            ],
            status,
        ),
        languages,
        words_min: get("words-min"),
        words_max: get("words-max"),
        q: params.all("q").collect::<Vec<_>>().join(" "),
        hidden,
    }
}

/// The status radio's value: one status asked for, else all works.
fn current_status(params: &Params) -> &'static str {
    let complete = params
        .all("status")
        .any(|s| s.eq_ignore_ascii_case("complete"))
        || params.flag("complete");
    let wip = params
        .all("status")
        .any(|s| !s.eq_ignore_ascii_case("complete"))
        || params.flag("in-progress");
    match (complete, wip) {
        (true, false) => "complete",
        (false, true) => "in-progress",
        _ => "",
    }
}

/// An excluded value no facet lists would be appended to each of the four `exclude-tag`
/// groups: keep it in the last one only.
fn dedupe_extras(mut groups: Vec<Group>) -> Vec<Group> {
    let last = groups.len().saturating_sub(1);
    for (i, g) in groups.iter_mut().enumerate() {
        if g.choices.first().is_some_and(|c| c.input == "exclude-tag") && i != last {
            g.choices.retain(|c| c.count.is_some());
            g.open = g.choices.iter().any(|c| c.checked);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(name: &str, n: u64) -> FacetCount {
        FacetCount {
            name: name.into(),
            count: n,
        }
    }

    #[test]
    fn checked_values_and_values_gone_from_the_facets() {
        let facets = Facets {
            fandoms: vec![
                count("Buffy the Vampire Slayer", 3),
                count("Stargate SG-1", 1),
            ],
            ratings: vec![count("Teen And Up Audiences", 2)],
            warnings: vec![count("Choose Not To Use Archive Warnings", 1)],
            tags: vec![count("Angst", 2)],
            ..Facets::default()
        };
        let params = Params::parse(Some(
            "fandom=buffy+the+vampire+slayer&rating=t&exclude-tag=Fluff&author=Quill&language=en",
        ))
        .unwrap();
        let s = build(&facets, &params);
        let fandoms = &s.include[3];
        assert_eq!(fandoms.title, "Fandoms");
        assert!(fandoms.open);
        assert!(fandoms.choices[0].checked);
        assert_eq!(fandoms.choices[0].count.as_deref(), Some("3"));
        assert!(!fandoms.choices[1].checked);
        assert!(s.include[0].choices[0].checked, "rating=t checks Teen");
        assert_eq!(
            s.include[1].choices[0].label,
            "Creator Chose Not To Use Archive Warnings"
        );
        // The excluded tag is counted nowhere, but shown checked, once.
        let fluff: Vec<&Choice> = s
            .exclude
            .iter()
            .flat_map(|g| &g.choices)
            .filter(|c| c.value == "Fluff")
            .collect();
        assert_eq!(fluff.len(), 1);
        assert!(fluff[0].checked && fluff[0].count.is_none());
        // Ids are unique across the form.
        let mut ids: Vec<&str> = s
            .include
            .iter()
            .chain(&s.exclude)
            .flat_map(|g| g.choices.iter().map(|c| c.id.as_str()))
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n);
        assert_eq!(s.hidden, [("author".to_string(), "Quill".to_string())]);
        assert!(s.languages.iter().any(|o| o.value == "en" && o.selected));
        assert!(s.filtered);
    }

    #[test]
    fn status_radio() {
        let p = |raw| current_status(&Params::parse(Some(raw)).unwrap());
        assert_eq!(p("complete=1"), "complete");
        assert_eq!(p("status=in-progress"), "in-progress");
        assert_eq!(p("complete=1&in-progress=1"), "");
        assert_eq!(p(""), "");
        assert!(
            !build(
                &Facets::default(),
                &Params::parse(Some("sort=words")).unwrap()
            )
            .filtered
        );
    }
}
