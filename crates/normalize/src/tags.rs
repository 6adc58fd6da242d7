//! The tag-like fields on their way into a `Work`: every rating, warning, category, fandom,
//! relationship, character and additional tag is first an [`Item`] that remembers what the file
//! wrote, where, and which rule mapped it. The tag map works on items (so a row can match
//! either the original or the mapped value, and move a tag between kinds); then the items are
//! sorted into the `Work`'s lists, de-duplicated case-insensitively keeping the first spelling.

use std::collections::{HashMap, HashSet};

use ficshelf_model::{Ao3Rating, ArchiveWarning, Category, Rating, Work};

use crate::explain::{Ctx, mapped};
use crate::tagmap::{TagKind, TagMap};
use crate::text::Dedup;

/// One tag on its way into the work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub kind: TagKind,
    /// What it became (for closed vocabularies, AO3's name).
    pub value: String,
    /// The item as the file wrote it.
    pub raw: String,
    pub origin: String,
    /// The rule that made `value` of `raw` (empty when it is kept as written).
    pub rule: String,
}

impl Item {
    pub fn new(
        kind: TagKind,
        value: impl Into<String>,
        raw: &str,
        origin: &str,
        rule: &str,
    ) -> Self {
        Item {
            kind,
            value: value.into(),
            raw: raw.to_string(),
            origin: origin.to_string(),
            rule: rule.to_string(),
        }
    }

    /// A value kept as written.
    pub fn plain(kind: TagKind, value: &str, origin: &str) -> Self {
        Item::new(kind, value, value, origin, "")
    }
}

/// Apply an archivist's tag map to every item.
pub(crate) fn apply_map(items: Vec<Item>, map: &TagMap, ctx: &mut Ctx) -> Vec<Item> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let Some(rule) = map.rule(item.kind, &item.raw, &item.value) else {
            out.push(item);
            continue;
        };
        let how = format!("tag map line {}", rule.line);
        if rule.outputs.is_empty() {
            ctx.note(
                field_of(item.kind),
                &item.raw,
                &item.origin,
                "dropped",
                &how,
            );
            ctx.info(format!(
                "{} {:?} dropped by the {how}",
                item.kind.as_str(),
                item.value
            ));
        }
        for (tag, kind) in &rule.outputs {
            let kind = kind.unwrap_or(item.kind);
            ctx.note(field_of(kind), &item.raw, &item.origin, tag, &how);
            out.push(Item::new(kind, tag.clone(), &item.raw, &item.origin, &how));
        }
        for c in &rule.categories {
            out.push(Item::new(
                TagKind::Category,
                c.clone(),
                &item.raw,
                &item.origin,
                &how,
            ));
        }
    }
    out
}

/// The `Work` field a kind of tag goes to, as decisions name it (`fandoms`, `tags`).
fn field_of(kind: TagKind) -> &'static str {
    match kind {
        TagKind::Rating => "rating",
        TagKind::Warning => "warnings",
        TagKind::Category => "categories",
        TagKind::Fandom => "fandoms",
        TagKind::Relationship => "relationships",
        TagKind::Character => "characters",
        TagKind::Freeform => "tags",
    }
}

/// Put the items into the work's fields, with provenance.
pub(crate) fn assemble(items: Vec<Item>, work: &mut Work, ctx: &mut Ctx) {
    let mut seen: [Dedup; 4] = Default::default();
    let mut prov = Provenance::default();
    for item in items {
        let (field, list, dedup) = match item.kind {
            TagKind::Fandom => ("fandoms", &mut work.fandoms, &mut seen[0]),
            TagKind::Relationship => ("relationships", &mut work.relationships, &mut seen[1]),
            TagKind::Character => ("characters", &mut work.characters, &mut seen[2]),
            TagKind::Freeform => ("tags", &mut work.tags, &mut seen[3]),
            TagKind::Rating => {
                if set_rating(&item, &mut work.rating, ctx) {
                    prov.note("rating", &item);
                }
                continue;
            }
            TagKind::Warning => {
                if add_warning(&item, &mut work.warnings.ao3, ctx) {
                    prov.note("warnings", &item);
                }
                continue;
            }
            TagKind::Category => {
                if add_category(&item, &mut work.categories, ctx) {
                    prov.note("categories", &item);
                }
                continue;
            }
        };
        if item.value.trim().is_empty() {
            continue;
        }
        if dedup.first(&item.value) {
            list.push(item.value.clone());
            prov.note(field, &item);
        } else if item.rule.is_empty() {
            // A repeat still says where the value was written.
            prov.note(field, &item);
        }
    }
    prov.render(ctx);
    work.categories.sort();
    work.warnings.ao3.sort();
    work.warnings.ao3.dedup();
}

/// The values one origin gave a field: (value, rule), in order, and the same as a set.
#[derive(Default)]
struct Group {
    origin: String,
    values: Vec<(String, String)>,
    seen: HashSet<(String, String)>,
}

/// Provenance grouped by origin, then by rule: `line 4: "…" → A, B (rule); C (other rule)`.
#[derive(Default)]
struct Provenance {
    fields: Vec<(&'static str, Vec<Group>, HashMap<String, usize>)>,
}

impl Provenance {
    fn note(&mut self, field: &'static str, item: &Item) {
        let i = match self.fields.iter().position(|(f, _, _)| *f == field) {
            Some(i) => i,
            None => {
                self.fields.push((field, Vec::new(), HashMap::new()));
                self.fields.len() - 1
            }
        };
        let (_, groups, index) = &mut self.fields[i];
        let g = *index.entry(item.origin.clone()).or_insert_with(|| {
            groups.push(Group {
                origin: item.origin.clone(),
                ..Group::default()
            });
            groups.len() - 1
        });
        let entry = (item.value.clone(), item.rule.clone());
        if let Some(group) = groups.get_mut(g)
            && group.seen.insert(entry.clone())
        {
            group.values.push(entry);
        }
    }

    fn render(self, ctx: &mut Ctx) {
        for (field, groups, _) in self.fields {
            for Group { origin, values, .. } in groups {
                if values.iter().all(|(_, rule)| rule.is_empty()) {
                    ctx.prov(field, origin);
                    continue;
                }
                // Runs of values that share a rule: `A, B (rule)`.
                let mut runs: Vec<(Vec<String>, String)> = Vec::new();
                for (value, rule) in values {
                    match runs.last_mut() {
                        Some((vs, r)) if *r == rule => vs.push(value),
                        _ => runs.push((vec![value], rule)),
                    }
                }
                let shown: Vec<String> = runs
                    .into_iter()
                    .map(|(vs, rule)| {
                        if rule.is_empty() {
                            vs.join(", ")
                        } else {
                            format!("{} ({rule})", vs.join(", "))
                        }
                    })
                    .collect();
                ctx.prov(field, mapped(&origin, &shown.join("; "), ""));
            }
        }
    }
}

fn set_rating(item: &Item, rating: &mut Rating, ctx: &mut Ctx) -> bool {
    match item.value.parse::<Ao3Rating>() {
        Ok(r) if rating.ao3 == Ao3Rating::NotRated || r == rating.ao3 => {
            rating.ao3 = r;
            true
        }
        Ok(r) => {
            ctx.warn(format!(
                "a second rating {:?} ({r}) differs from {}; the first is kept",
                item.raw, rating.ao3
            ));
            false
        }
        Err(_) => {
            ctx.warn(format!(
                "{:?} is not one of AO3's ratings; ignored",
                item.value
            ));
            false
        }
    }
}

fn add_warning(item: &Item, list: &mut Vec<ArchiveWarning>, ctx: &mut Ctx) -> bool {
    match item.value.parse::<ArchiveWarning>() {
        Ok(w) => {
            list.push(w);
            true
        }
        Err(_) => {
            ctx.warn(format!(
                "{:?} is not one of AO3's archive warnings; ignored",
                item.value
            ));
            false
        }
    }
}

fn add_category(item: &Item, list: &mut Vec<Category>, ctx: &mut Ctx) -> bool {
    match item.value.parse::<Category>() {
        Ok(c) => {
            if !list.contains(&c) {
                list.push(c);
            }
            true
        }
        Err(_) => {
            ctx.warn(format!(
                "{:?} is not one of AO3's categories; ignored",
                item.value
            ));
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ficshelf_model::{Format, Producer, Source};

    fn work() -> Work {
        let source = Source {
            path: "a.txt".into(),
            format: Format::Txt,
            producer: Producer::Plain,
            url: None,
            site: None,
            encoding: "utf-8".into(),
            sha256: String::new(),
            bytes: 0,
        };
        let mut w = Work::new("T", source);
        w.warnings.ao3.clear();
        w
    }

    #[test]
    fn items_land_in_their_lists_deduplicated() {
        let items = vec![
            Item::plain(TagKind::Character, "Spike", "line 1"),
            Item::plain(TagKind::Character, "spike", "line 2"),
            Item::new(TagKind::Category, "M/M", "slash", "line 3", "archive word"),
            Item::new(TagKind::Category, "F/M", "het", "line 3", "archive word"),
            Item::new(
                TagKind::Rating,
                "Mature",
                "R",
                "line 4",
                "classic scale: \"R\"",
            ),
            Item::new(
                TagKind::Rating,
                "Explicit",
                "NC-17",
                "line 5",
                "classic scale",
            ),
            Item::new(
                TagKind::Warning,
                "Major Character Death",
                "MCD",
                "line 6",
                "phrase",
            ),
            Item::plain(TagKind::Freeform, "  ", "line 7"),
        ];
        let mut w = work();
        let mut ctx = Ctx::new(false);
        assemble(items, &mut w, &mut ctx);
        assert_eq!(w.characters, vec!["Spike"]);
        assert_eq!(w.categories, vec![Category::FM, Category::MM]);
        assert_eq!(w.rating.ao3, Ao3Rating::Mature);
        assert_eq!(w.warnings.ao3, vec![ArchiveWarning::MajorCharacterDeath]);
        assert!(w.tags.is_empty());
        let (prov, diags, _) = ctx.finish();
        assert_eq!(prov["characters"], "line 1; line 2");
        assert_eq!(prov["categories"], "line 3 → M/M, F/M (archive word)");
        assert_eq!(prov["rating"], "line 4 → Mature (classic scale: \"R\")");
        assert_eq!(diags.len(), 1, "{diags:?}");
    }

    #[test]
    fn map_renames_retypes_and_drops() {
        let map = TagMap::from_csv(
            "Original Tag,Original Tag Type,Recommended AO3 Tag,Recommended AO3 Type\n\
             Slash,category,M/M,category\n\
             Buffyverse,freeform,Buffy the Vampire Slayer,fandom\n\
             Fluff,,,\n",
        )
        .unwrap();
        let items = vec![
            Item::new(TagKind::Category, "M/M", "Slash", "l1", "archive word"),
            Item::plain(TagKind::Freeform, "Buffyverse", "l2"),
            Item::plain(TagKind::Freeform, "Fluff", "l3"),
            Item::plain(TagKind::Freeform, "Angst", "l4"),
        ];
        let mut ctx = Ctx::new(true);
        let out = apply_map(items, &map, &mut ctx);
        let got: Vec<(TagKind, &str)> = out.iter().map(|i| (i.kind, i.value.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (TagKind::Category, "M/M"),
                (TagKind::Fandom, "Buffy the Vampire Slayer"),
                (TagKind::Freeform, "Angst"),
            ]
        );
        assert!(out[1].rule.starts_with("tag map line 3"));
        let (_, diags, decisions) = ctx.finish();
        assert!(
            diags
                .iter()
                .any(|d| d.message.contains("\"Fluff\" dropped"))
        );
        assert!(decisions.iter().any(|d| d.outcome == "dropped"));
    }
}
