//! The single-valued fields of a `Work`: title, authors, source URL, summary and notes, series,
//! dates, status, language, and the `extra` map. Each reads the `RawField`s of its key, fills
//! the work, and leaves provenance, diagnostics and decisions in the context.

use std::collections::{BTreeMap, HashMap, HashSet};

use ficshelf_model::{FieldKey, RawField, SeriesRef, Status, Work};

use crate::explain::{Ctx, mapped};
use crate::text::{clip, collapse, fold};
use crate::{authors, dates, language, prose, series, status};

/// The fields with one key, in file order.
pub(crate) fn of<'a>(
    fields: &'a [RawField],
    key: &'a FieldKey,
) -> impl Iterator<Item = &'a RawField> {
    fields.iter().filter(move |f| &f.key == key)
}

/// The title: the first non-empty `Title` field, else the file name (never empty).
pub(crate) fn title(fields: &[RawField], path: &str, work: &mut Work, ctx: &mut Ctx) {
    for f in of(fields, &FieldKey::Title) {
        let t = collapse(strip_quotes(&f.value));
        if t.is_empty() {
            continue;
        }
        if work.title.is_empty() {
            ctx.prov("title", f.origin.clone());
            ctx.note("title", &f.value, &f.origin, &t, "title field");
            work.title = t;
        } else if fold(&t) != fold(&work.title) {
            ctx.note(
                "title",
                &f.value,
                &f.origin,
                "ignored",
                "a title was already found",
            );
        }
    }
    if work.title.is_empty() {
        let name = file_name(path);
        work.title = title_from_file_name(name);
        let origin = format!("file name: {name:?}");
        ctx.prov("title", origin.clone());
        ctx.note(
            "title",
            name,
            &origin,
            &work.title,
            "no title field: the file name",
        );
        ctx.info(format!(
            "no title in the file; the title {:?} comes from the file name",
            work.title
        ));
    }
}

fn strip_quotes(s: &str) -> &str {
    let t = s.trim();
    for (open, close) in [('"', '"'), ('“', '”')] {
        if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close))
            && !inner.contains(open)
            && !inner.contains(close)
        {
            return inner;
        }
    }
    t
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// `the_storm-over.txt` → `The Storm Over`: extension dropped, `_` and `-` made spaces, and a
/// name written all in lower case given capitals (any other case is kept as written).
pub(crate) fn title_from_file_name(name: &str) -> String {
    let stem = match name.rfind('.') {
        Some(i)
            if i > 0
                && (1..=5).contains(&(name.len() - i - 1))
                && name[i + 1..].chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            &name[..i]
        }
        _ => name,
    };
    let spaced = collapse(&stem.replace(['_', '-'], " "));
    if spaced.is_empty() {
        return "Untitled".to_string();
    }
    if spaced.chars().any(char::is_uppercase) {
        return spaced;
    }
    spaced
        .split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Authors from every `Author` field, in order, de-duplicated by name (a later mention may add
/// the e-mail or URL an earlier one lacked).
pub(crate) fn authors(fields: &[RawField], work: &mut Work, ctx: &mut Ctx) {
    // Folded name → position, so a long byline is de-duplicated in linear time.
    let mut index: HashMap<String, usize> = HashMap::new();
    for f in of(fields, &FieldKey::Author) {
        let parsed = if f.one_item {
            authors::parse_item(&f.value).into_iter().collect()
        } else {
            authors::parse(&f.value)
        };
        for p in parsed {
            if !authors::is_a_name(&p.author.name) {
                continue;
            }
            let name = p.author.name.clone();
            ctx.note("authors", &f.value, &f.origin, &name, p.rule);
            ctx.prov("authors", f.origin.clone());
            let folded = fold(&name);
            match index.get(&folded).and_then(|&i| work.authors.get_mut(i)) {
                Some(known) => {
                    if known.email.is_none() {
                        known.email = p.author.email;
                    }
                    if known.url.is_none() {
                        known.url = p.author.url;
                    }
                }
                None => {
                    index.insert(folded, work.authors.len());
                    work.authors.push(p.author);
                }
            }
        }
    }
}

/// An `Email:` or `Website:` field fills the contact of a sole author who has none. True when
/// the value was used (and so needs no place in `extra`).
pub(crate) fn attach_contact(f: &RawField, name: &str, work: &mut Work, ctx: &mut Ctx) -> bool {
    let [author] = work.authors.as_mut_slice() else {
        return false;
    };
    let Some((text, is_email)) = authors::contact(&f.value) else {
        return false;
    };
    let slot: &mut Option<String> = match (name, is_email) {
        ("Email", true) => &mut author.email,
        ("Website", false) => &mut author.url,
        _ => return false,
    };
    if slot.is_some() {
        return false;
    }
    *slot = Some(text.clone());
    ctx.prov("authors", f.origin.clone());
    ctx.note(
        "authors",
        &f.value,
        &f.origin,
        &text,
        "contact of the only author",
    );
    true
}

/// The story's URL and the archive's host (`www.` dropped so a site has one name).
pub(crate) fn url_in(value: &str) -> Option<(String, Option<String>)> {
    let word = value.split_whitespace().find(|w| {
        let l = w.to_ascii_lowercase();
        let l = l.trim_start_matches(['(', '<', '[', '"']);
        l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www.")
    })?;
    let mut url = word.trim_start_matches(['(', '<', '[', '"']);
    // Punctuation after a URL ends the sentence, not the URL; a `)` closes the URL's own `(`
    // when it has one (`…/wiki/Spike_(Buffy)`, `…?sid=9(2)`), else the text's.
    while let Some(last) = url.chars().last() {
        let ends_sentence = match last {
            '>' | ']' | '"' | ',' | ';' | '.' => true,
            ')' => url.matches('(').count() < url.matches(')').count(),
            _ => false,
        };
        if !ends_sentence {
            break;
        }
        url = &url[..url.len() - 1];
    }
    let parsed = if url.to_ascii_lowercase().starts_with("www.") {
        url::Url::parse(&format!("http://{url}"))
    } else {
        url::Url::parse(url)
    };
    let site = parsed.ok().and_then(|u| {
        u.host_str()
            .map(|h| h.trim_start_matches("www.").to_string())
    });
    Some((url.to_string(), site))
}

/// Summary (the first), notes and end notes (every distinct one, in order).
pub(crate) fn prose_fields(fields: &[RawField], work: &mut Work, ctx: &mut Ctx) {
    for f in of(fields, &FieldKey::Summary) {
        if work.summary.is_some() {
            break;
        }
        if let Some(html) = prose::from_field(f) {
            ctx.prov("summary", f.origin.clone());
            work.summary = Some(html);
        }
    }
    for (key, name) in [
        (FieldKey::Notes, "notes"),
        (FieldKey::EndNotes, "end_notes"),
    ] {
        let mut parts: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for f in of(fields, &key) {
            if let Some(html) = prose::from_field(f)
                && seen.insert(html.clone())
            {
                ctx.prov(name, f.origin.clone());
                parts.push(html);
            }
        }
        let joined = (!parts.is_empty()).then(|| parts.concat());
        match name {
            "notes" => work.notes = joined,
            _ => work.end_notes = joined,
        }
    }
}

/// Series references, de-duplicated by name; the link from the field's HTML when it has one.
pub(crate) fn series(fields: &[RawField], work: &mut Work, ctx: &mut Ctx) {
    let mut seen: HashSet<String> = HashSet::new();
    for f in of(fields, &FieldKey::Series) {
        let href = f.html.as_deref().and_then(ficshelf_markup::first_link);
        let parsed = if f.one_item {
            series::parse_item(&f.value).into_iter().collect()
        } else {
            series::parse(&f.value)
        };
        for p in parsed {
            let shown = p
                .index
                .map_or(p.name.clone(), |i| format!("{} [{i}]", p.name));
            ctx.note("series", &f.value, &f.origin, &shown, p.rule);
            if !seen.insert(fold(&p.name)) {
                continue;
            }
            ctx.prov("series", mapped(&f.origin, &shown, p.rule));
            work.series.push(SeriesRef {
                name: p.name,
                index: p.index,
                url: href.clone(),
            });
        }
    }
}

/// A `Series index` extra gives the position of a series that has none. True when used.
pub(crate) fn series_index(f: &RawField, work: &mut Work, ctx: &mut Ctx) -> bool {
    let Ok(n) = f.value.trim().parse::<f64>() else {
        return false;
    };
    let Some(s) = work.series.iter_mut().find(|s| s.index.is_none()) else {
        return false;
    };
    if !n.is_finite() {
        return false;
    }
    s.index = Some(n);
    ctx.prov(
        "series",
        mapped(&f.origin, &format!("index {n}"), "series index field"),
    );
    true
}

/// Published and updated dates; a date that cannot be read is kept in `extra`.
pub(crate) fn dates(
    fields: &[RawField],
    order: dates::Order,
    work: &mut Work,
    extra: &mut Extra,
    ctx: &mut Ctx,
) {
    for (key, name) in [
        (FieldKey::Published, "published"),
        (FieldKey::Updated, "updated"),
    ] {
        for f in of(fields, &key) {
            let slot = if name == "published" {
                &mut work.published
            } else {
                &mut work.updated
            };
            match dates::parse(&f.value, order) {
                Some(p) if slot.is_none() => {
                    *slot = Some(p.date);
                    ctx.prov(name, mapped(&f.origin, &p.date.to_string(), p.rule));
                    ctx.note(name, &f.value, &f.origin, &p.date.to_string(), p.rule);
                    if let Some(doubt) = p.doubt {
                        ctx.warn(doubt);
                    }
                }
                Some(p) => ctx.note(
                    name,
                    &f.value,
                    &f.origin,
                    "ignored",
                    &format!("a date was already found ({})", p.date),
                ),
                None => {
                    ctx.warn(format!(
                        "{name} date {:?} could not be read; kept in extra",
                        clip(&f.value, 60)
                    ));
                    ctx.note(
                        name,
                        &f.value,
                        &f.origin,
                        "kept in extra",
                        "not a date ficshelf reads",
                    );
                    extra.add(
                        &ficshelf_model::canonical_label(&f.label),
                        &f.value,
                        &f.origin,
                    );
                }
            }
        }
    }
    if let (Some(p), Some(u)) = (work.published, work.updated)
        && u < p
    {
        ctx.warn(format!("updated {u} is before published {p}"));
    }
}

/// Explicit status > declared chapter count > end marker.
pub(crate) fn status(
    fields: &[RawField],
    work: &mut Work,
    extra: &mut Extra,
    ctx: &mut Ctx,
) -> Option<(String, String)> {
    let mut found: Vec<(u8, Status, String, String)> = Vec::new();
    let mut tag = None;
    for f in of(fields, &FieldKey::Status) {
        let is_marker = fold(&f.label) == status::END_MARKER_LABEL;
        let got = if is_marker {
            status::end_marker(&f.value).map(|(s, r)| (3, s, r))
        } else {
            status::explicit(&f.label, &f.value).map(|(s, r, t)| {
                if let Some(t) = t {
                    tag = Some((t.to_string(), f.origin.clone()));
                }
                (1, s, r)
            })
        };
        match got {
            Some((rank, s, rule)) => {
                ctx.note("status", &f.value, &f.origin, s.as_str(), &rule);
                found.push((rank, s, rule, f.origin.clone()));
            }
            None => {
                ctx.warn(format!(
                    "status {:?} is not one ficshelf knows; kept in extra",
                    clip(&f.value, 60)
                ));
                ctx.note(
                    "status",
                    &f.value,
                    &f.origin,
                    "kept in extra",
                    "not a status ficshelf knows",
                );
                extra.add(
                    &ficshelf_model::canonical_label(&f.label),
                    &f.value,
                    &f.origin,
                );
            }
        }
    }
    for f in of(fields, &FieldKey::Chapters) {
        extra.add("Declared chapters", &f.value, &f.origin);
        if let Some((s, rule)) = status::chapter_count(&f.value) {
            ctx.note("status", &f.value, &f.origin, s.as_str(), &rule);
            found.push((2, s, rule, f.origin.clone()));
        }
    }
    found.sort_by_key(|(rank, ..)| *rank);
    if let Some((rank, s, rule, origin)) = found.first().cloned() {
        work.status = s;
        ctx.prov("status", mapped(&origin, s.as_str(), &rule));
        if let Some((_, other, other_rule, _)) =
            found.iter().find(|(r, o, ..)| *o != s && *r > rank)
        {
            ctx.info(format!(
                "status {} ({rule}) outweighs {} ({other_rule})",
                s.as_str(),
                other.as_str()
            ));
        }
    }
    tag
}

/// The language, as a BCP 47 tag; one that cannot be read is kept in `extra`.
pub(crate) fn language(fields: &[RawField], work: &mut Work, extra: &mut Extra, ctx: &mut Ctx) {
    for f in of(fields, &FieldKey::Language) {
        if work.language.is_some() {
            break;
        }
        match language::map(&f.value) {
            Some((tag, rule)) => {
                ctx.prov("language", mapped(&f.origin, &tag, &rule));
                ctx.note("language", &f.value, &f.origin, &tag, &rule);
                work.language = Some(tag);
            }
            None => {
                ctx.warn(format!(
                    "language {:?} is not one ficshelf knows; kept in extra",
                    clip(&f.value, 60)
                ));
                extra.add("Language", &f.value, &f.origin);
            }
        }
    }
}

/// `extra` as it fills up: repeated labels join their distinct values with `; `.
#[derive(Debug, Default)]
pub(crate) struct Extra {
    values: BTreeMap<String, ExtraValues>,
}

/// One label's distinct values and origins, in order (the sets keep adding linear).
#[derive(Debug, Default)]
struct ExtraValues {
    values: Vec<String>,
    origins: Vec<String>,
    seen_values: HashSet<String>,
    seen_origins: HashSet<String>,
}

impl Extra {
    pub fn add(&mut self, label: &str, value: &str, origin: &str) {
        let value = value.trim();
        if value.is_empty() || label.is_empty() {
            return;
        }
        let e = self.values.entry(label.to_string()).or_default();
        if e.seen_values.insert(value.to_string()) {
            e.values.push(value.to_string());
        }
        if e.seen_origins.insert(origin.to_string()) {
            e.origins.push(origin.to_string());
        }
    }

    pub fn finish(self, work: &mut Work, ctx: &mut Ctx) {
        for (label, e) in self.values {
            ctx.prov(&format!("extra.{label}"), e.origins.join("; "));
            work.extra.insert(label, e.values.join("; "));
        }
    }
}

#[cfg(test)]
mod tests;
