//! The index's fields and how a Work fills them.
//!
//! Three kinds of field:
//! - **full text** (`fic` tokenizer, positions for phrases): title, authors, summary, every tag
//!   of every kind, chapter text. Only indexed, never stored: the store has the text.
//! - **exact** (one term per value, indexed lower-cased for case-insensitive filters; a `raw`
//!   fast column keeps the value as written for facet counts): fandom, relationship, character,
//!   tag, any_tag, rating, warning, category, status, language, author, series. Relationships
//!   are stored in a canonical order so that `Spike/Willow` and `Willow/Spike` are one value.
//! - **fast** numbers for ranges and sorting: words, chapters, published, updated (days), and
//!   the title sort key; the work id, indexed too so that an update can delete the old document.

use ficshelf_model::{Date, Work};
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, NumericOptions, STORED, Schema, TextFieldIndexing,
    TextOptions,
};

use crate::tokenize::{EXACT, FIC, html_text};

/// Bumped when the fields or their meaning change: an index of another version is rebuilt.
pub(crate) const INDEX_VERSION: u32 = 1;

/// Longest exact value indexed, in bytes (AO3 caps tags at 150 characters; tantivy refuses
/// terms near 64 KiB). Longer values are cut at a character boundary, here and in queries.
const MAX_EXACT_BYTES: usize = 1_000;

/// Every field of the index, by handle.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub title: Field,
    pub author_text: Field,
    pub summary: Field,
    pub tags_text: Field,
    pub body: Field,
    pub fandom: Field,
    pub relationship: Field,
    pub character: Field,
    pub tag: Field,
    pub any_tag: Field,
    pub rating: Field,
    pub warning: Field,
    pub category: Field,
    pub status: Field,
    pub language: Field,
    pub author: Field,
    pub series: Field,
    pub words: Field,
    pub chapters: Field,
    pub published: Field,
    pub updated: Field,
    pub title_sort: Field,
}

pub(crate) fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(FIC)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let exact = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(EXACT)
                .set_index_option(IndexRecordOption::Basic),
        )
        .set_fast("raw");
    let number = NumericOptions::default().set_fast().set_indexed();
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | FAST | STORED),
        title: b.add_text_field("title", text.clone()),
        author_text: b.add_text_field("author_text", text.clone()),
        summary: b.add_text_field("summary", text.clone()),
        tags_text: b.add_text_field("tags_text", text.clone()),
        body: b.add_text_field("body", text),
        fandom: b.add_text_field("fandom", exact.clone()),
        relationship: b.add_text_field("relationship", exact.clone()),
        character: b.add_text_field("character", exact.clone()),
        tag: b.add_text_field("tag", exact.clone()),
        any_tag: b.add_text_field("any_tag", exact.clone()),
        rating: b.add_text_field("rating", exact.clone()),
        warning: b.add_text_field("warning", exact.clone()),
        category: b.add_text_field("category", exact.clone()),
        status: b.add_text_field("status", exact.clone()),
        language: b.add_text_field("language", exact.clone()),
        author: b.add_text_field("author", exact.clone()),
        series: b.add_text_field("series", exact),
        words: b.add_u64_field("words", number.clone()),
        chapters: b.add_u64_field("chapters", number.clone()),
        published: b.add_u64_field("published", number.clone()),
        updated: b.add_u64_field("updated", number),
        title_sort: b.add_text_field("title_sort", TextOptions::default().set_fast("raw")),
    };
    (b.build(), fields)
}

/// The index document of a work.
pub(crate) fn document(f: &Fields, id: u64, work: &Work) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_u64(f.id, id);

    doc.add_text(f.title, &work.title);
    for a in &work.authors {
        doc.add_text(f.author_text, &a.name);
    }
    if let Some(summary) = &work.summary {
        doc.add_text(f.summary, html_text(summary));
    }
    for chapter in &work.chapters {
        if let Some(title) = &chapter.title {
            doc.add_text(f.body, title);
        }
        doc.add_text(f.body, html_text(&chapter.html));
    }

    let mut exact = |field: Field, value: &str| {
        if let Some(v) = exact_value(value) {
            doc.add_text(field, v);
        }
    };
    for v in &work.fandoms {
        exact(f.fandom, v);
        exact(f.any_tag, v);
    }
    for v in &work.relationships {
        let v = canonical_relationship(v);
        exact(f.relationship, &v);
        exact(f.any_tag, &v);
    }
    for v in &work.characters {
        exact(f.character, v);
        exact(f.any_tag, v);
    }
    for v in &work.tags {
        exact(f.tag, v);
        exact(f.any_tag, v);
    }
    for w in &work.warnings.ao3 {
        exact(f.warning, w.as_str());
        exact(f.any_tag, w.as_str());
    }
    exact(f.rating, work.rating.ao3.as_str());
    for c in &work.categories {
        exact(f.category, c.as_str());
    }
    exact(f.status, work.status.as_str());
    if let Some(lang) = &work.language {
        exact(f.language, lang);
    }
    for a in &work.authors {
        exact(f.author, &a.name);
    }
    for s in &work.series {
        exact(f.series, &s.name);
    }

    // All tag kinds are searchable as words too (`angst` finds the tag "Angst").
    let tag_names = work
        .fandoms
        .iter()
        .chain(&work.relationships)
        .chain(&work.characters)
        .chain(&work.tags);
    for name in tag_names {
        doc.add_text(f.tags_text, name);
    }
    for w in &work.warnings.ao3 {
        doc.add_text(f.tags_text, w.as_str());
    }

    doc.add_u64(f.words, work.words);
    doc.add_u64(f.chapters, work.chapters.len() as u64);
    if let Some(d) = work.published {
        doc.add_u64(f.published, day_number(d));
    }
    // AO3 sorts never-updated works by their publication date.
    if let Some(d) = work.updated.or(work.published) {
        doc.add_u64(f.updated, day_number(d));
    }
    doc.add_text(f.title_sort, title_sort_key(&work.title));
    doc
}

/// An exact value as indexed: trimmed, inner whitespace collapsed, cut to `MAX_EXACT_BYTES`.
/// `None` for a value that is empty after trimming.
pub(crate) fn exact_value(value: &str) -> Option<String> {
    let mut out = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.len() > MAX_EXACT_BYTES {
        let cut = (0..=MAX_EXACT_BYTES)
            .rev()
            .find(|&i| out.is_char_boundary(i))
            .unwrap_or(0);
        out.truncate(cut);
        out.truncate(out.trim_end().len());
    }
    (!out.is_empty()).then_some(out)
}

/// A relationship with its people in a fixed order, so that the order written does not matter:
/// `Willow/Spike` → `Spike/Willow`. Romantic (`/`) and platonic (`&`) pairings stay distinct;
/// a name mixing both is kept as written.
pub(crate) fn canonical_relationship(name: &str) -> String {
    let name = exact_value(name).unwrap_or_default();
    let (sep, joiner) = match (name.contains('/'), name.contains('&')) {
        (true, false) => ('/', "/"),
        (false, true) => ('&', " & "),
        _ => return name,
    };
    let mut parts: Vec<&str> = name
        .split(sep)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.sort_by_cached_key(|p| (p.to_lowercase(), p.to_string()));
    parts.join(joiner)
}

/// Days since 0000-03-01 (proleptic Gregorian): a plain increasing number for a Date.
pub(crate) fn day_number(d: Date) -> u64 {
    let (y, m, day) = (
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    u64::try_from(era * 146_097 + doe).unwrap_or(0)
}

/// The key "sort by title" uses: lower-case, leading punctuation and a leading English article
/// dropped ("The Storm" sorts under S).
pub(crate) fn title_sort_key(title: &str) -> String {
    let lower = title.to_lowercase();
    let trimmed = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    for article in ["the ", "a ", "an "] {
        if let Some(rest) = trimmed.strip_prefix(article) {
            return rest.trim_start().to_string();
        }
    }
    trimmed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationships_are_order_insensitive_but_keep_their_kind() {
        assert_eq!(canonical_relationship("Willow/Spike"), "Spike/Willow");
        assert_eq!(canonical_relationship(" Spike / Willow "), "Spike/Willow");
        assert_eq!(
            canonical_relationship("Willow Rosenberg & Buffy Summers"),
            "Buffy Summers & Willow Rosenberg"
        );
        assert_ne!(
            canonical_relationship("Spike & Willow"),
            canonical_relationship("Spike/Willow")
        );
        assert_eq!(canonical_relationship("C/a/B"), "a/B/C");
        assert_eq!(canonical_relationship("A/B & C"), "A/B & C");
        assert_eq!(canonical_relationship("Solo"), "Solo");
    }

    #[test]
    fn exact_values_are_trimmed_collapsed_and_bounded() {
        assert_eq!(
            exact_value("  Buffy   the\tVampire Slayer "),
            Some("Buffy the Vampire Slayer".into())
        );
        assert_eq!(exact_value(" \n "), None);
        let long = "é".repeat(2_000);
        let v = exact_value(&long).unwrap();
        assert!(v.len() <= MAX_EXACT_BYTES && v.len() >= MAX_EXACT_BYTES - 1);
        assert_eq!(
            exact_value(&long),
            exact_value(&format!("{long} more")),
            "the cut is stable"
        );
    }

    #[test]
    fn day_numbers_increase_with_dates() {
        let d = |y, m, dd| day_number(Date::new(y, m, dd).unwrap());
        assert_eq!(d(1970, 1, 1) + 1, d(1970, 1, 2));
        assert_eq!(d(2000, 3, 1) - d(2000, 2, 28), 2, "leap day");
        assert_eq!(d(2001, 1, 1) - d(2000, 1, 1), 366);
        assert!(d(1, 1, 1) < d(9999, 12, 31));
        assert_eq!(d(1970, 1, 1), 719_468);
    }

    #[test]
    fn title_sort_keys() {
        assert_eq!(title_sort_key("The Storm"), "storm");
        assert_eq!(title_sort_key("\"A Gift\""), "gift\"");
        assert_eq!(title_sort_key("Another"), "another");
        assert_eq!(title_sort_key("Éclair"), "éclair");
    }
}
