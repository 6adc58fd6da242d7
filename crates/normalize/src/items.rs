//! The tag-like fields of a `RawWork` turned into [`Item`]s: rating, warnings, categories,
//! fandoms, the source (a URL, or a fandom hint), relationships, characters and tags. Each
//! function reads the fields of its key, maps every value with its table, and records what it
//! decided; the items are put into the `Work` later, after inference and the tag map.

use ficshelf_model::{ArchiveWarning, FieldKey, RawField, Work, canonical_label};

use crate::explain::{Ctx, mapped};
use crate::fields::{self, Extra, of};
use crate::relationships::{self, Piece};
use crate::tagmap::TagKind;
use crate::tags::Item;
use crate::text::{Dedup, Seps, clip, collapse, fold, split_top};
use crate::warnings::{self, ItemMatch};
use crate::{category, infer, rating};

pub(crate) fn rating_items(
    fields: &[RawField],
    work: &mut Work,
    items: &mut Vec<Item>,
    ctx: &mut Ctx,
) {
    let mut first_raw: Option<&RawField> = None;
    for f in of(fields, &FieldKey::Rating) {
        first_raw.get_or_insert(f);
        match rating::map(&f.value) {
            Some(m) => {
                if items.iter().all(|i| i.kind != TagKind::Rating) {
                    work.rating.raw = Some(f.value.clone());
                }
                ctx.note("rating", &f.value, &f.origin, m.ao3.as_str(), &m.rule);
                items.push(Item::new(
                    TagKind::Rating,
                    m.ao3.as_str(),
                    &f.value,
                    &f.origin,
                    &m.rule,
                ));
            }
            None => {
                ctx.note(
                    "rating",
                    &f.value,
                    &f.origin,
                    "Not Rated",
                    "not a rating ficshelf knows",
                );
            }
        }
    }
    if let (Some(f), None) = (first_raw, &work.rating.raw) {
        work.rating.raw = Some(f.value.clone());
        ctx.prov(
            "rating",
            mapped(&f.origin, "Not Rated", "not a rating ficshelf knows"),
        );
        ctx.warn(format!(
            "rating {:?} is not one ficshelf knows; Not Rated",
            clip(&f.value, 60)
        ));
    }
}

/// Warning items; true when the file has a warnings field at all.
pub(crate) fn warning_items(
    fields: &[RawField],
    work: &mut Work,
    items: &mut Vec<Item>,
    ctx: &mut Ctx,
) -> bool {
    let mut any = false;
    let mut raw_seen = Dedup::default();
    for f in of(fields, &FieldKey::Warnings) {
        any = true;
        for item in pieces(f, Seps::PUNCT) {
            let item = item.trim_end_matches('.').trim().to_string();
            if item.is_empty() {
                continue;
            }
            if raw_seen.first(&item) {
                work.warnings.raw.push(item.clone());
            }
            match warnings::map_item(&item) {
                ItemMatch::Mapped(w, rule) => {
                    ctx.note("warnings", &item, &f.origin, w.as_str(), &rule);
                    items.push(Item::new(
                        TagKind::Warning,
                        w.as_str(),
                        &item,
                        &f.origin,
                        &rule,
                    ));
                }
                ItemMatch::Unmapped(why) => {
                    ctx.note(
                        "tags",
                        &item,
                        &f.origin,
                        &item,
                        &format!("warning kept as a tag: {why}"),
                    );
                    items.push(Item::new(
                        TagKind::Freeform,
                        item.clone(),
                        &item,
                        &f.origin,
                        "a warning that is not an AO3 archive warning",
                    ));
                }
            }
        }
    }
    any
}

/// AO3's rules for the warning set once everything is in.
pub(crate) fn settle_warnings(work: &mut Work, had_field: bool, ctx: &mut Ctx) {
    let ao3 = &mut work.warnings.ao3;
    if ao3.contains(&ArchiveWarning::NoneApply) && ao3.len() > 1 {
        ao3.retain(|w| *w != ArchiveWarning::NoneApply);
        ctx.warn("the warnings say both \"none\" and something else; \"No Archive Warnings Apply\" dropped");
    }
    if ao3.is_empty() {
        ao3.push(ArchiveWarning::ChooseNotToUse);
        if !had_field {
            ctx.prov("warnings", "no warnings in the file (AO3's default)");
        } else if !work.warnings.raw.is_empty() {
            ctx.prov(
                "warnings",
                "no AO3 archive warning among the warnings (AO3's default)",
            );
            ctx.info(format!(
                "warnings {:?} are not AO3 archive warnings; kept as tags, and the work chooses not to use archive warnings",
                work.warnings.raw.join(", ")
            ));
        }
    }
}

pub(crate) fn category_items(fields: &[RawField], items: &mut Vec<Item>, ctx: &mut Ctx) {
    for f in of(fields, &FieldKey::Categories) {
        for piece in pieces(f, Seps::LIST) {
            for item in piece.split('>').map(str::trim).filter(|s| !s.is_empty()) {
                if let Some((c, rule)) = category::map(item) {
                    ctx.note("categories", item, &f.origin, c.as_str(), &rule);
                    items.push(Item::new(
                        TagKind::Category,
                        c.as_str(),
                        item,
                        &f.origin,
                        &rule,
                    ));
                } else if let Some(found) = infer::known(item).filter(|_| !category::is_genre(item))
                {
                    for fd in found {
                        let rule = format!("category naming a fandom: {}", fd.rule);
                        ctx.note("fandoms", item, &f.origin, &fd.name, &rule);
                        items.push(Item::new(TagKind::Fandom, fd.name, item, &f.origin, &rule));
                    }
                } else {
                    ctx.note(
                        "tags",
                        item,
                        &f.origin,
                        item,
                        "category that is neither an AO3 category nor a known fandom",
                    );
                    items.push(Item::new(
                        TagKind::Freeform,
                        item,
                        item,
                        &f.origin,
                        "category kept as a tag",
                    ));
                }
            }
        }
    }
}

pub(crate) fn fandom_items(fields: &[RawField], items: &mut Vec<Item>, ctx: &mut Ctx) {
    for f in of(fields, &FieldKey::Fandoms) {
        for item in pieces(f, Seps::LIST) {
            if matches!(fold(&item).as_str(), "crossover" | "x-over" | "xover") {
                items.push(Item::new(
                    TagKind::Freeform,
                    "Crossover",
                    &item,
                    &f.origin,
                    "crossover marker",
                ));
                continue;
            }
            match infer::known(&item) {
                Some(found) => {
                    for fd in found {
                        ctx.note("fandoms", &item, &f.origin, &fd.name, &fd.rule);
                        items.push(Item::new(
                            TagKind::Fandom,
                            fd.name,
                            &item,
                            &f.origin,
                            &fd.rule,
                        ));
                    }
                }
                None => {
                    ctx.note(
                        "fandoms",
                        &item,
                        &f.origin,
                        &item,
                        "not in the fandom table: kept as written",
                    );
                    items.push(Item::plain(TagKind::Fandom, &item, &f.origin));
                }
            }
        }
    }
}

/// The story URL; a `Source:` that is not a URL may name a fandom, else it is kept in `extra`.
pub(crate) fn source_items(
    fields: &[RawField],
    work: &mut Work,
    items: &mut Vec<Item>,
    extra: &mut Extra,
    ctx: &mut Ctx,
) {
    for f in of(fields, &FieldKey::Url) {
        if let Some((url, site)) = fields::url_in(&f.value) {
            if work.source.url.is_none() {
                ctx.prov("source.url", f.origin.clone());
                ctx.note("source.url", &f.value, &f.origin, &url, "a URL");
                work.source.url = Some(url);
                work.source.site = site;
            } else if work.source.url.as_deref() != Some(url.as_str()) {
                extra.add("Other URLs", &url, &f.origin);
            }
            continue;
        }
        match infer::known(&f.value) {
            Some(found) => {
                for fd in found {
                    let rule = format!("{}: {:?} ({})", fold(&f.label), f.value.trim(), fd.rule);
                    ctx.note("fandoms", &f.value, &f.origin, &fd.name, &rule);
                    items.push(Item::new(
                        TagKind::Fandom,
                        fd.name,
                        &f.value,
                        &f.origin,
                        &rule,
                    ));
                }
            }
            None => extra.add(&canonical_label(&f.label), &f.value, &f.origin),
        }
    }
}

pub(crate) fn relationship_items(fields: &[RawField], items: &mut Vec<Item>, ctx: &mut Ctx) {
    for f in of(fields, &FieldKey::Relationships) {
        for (raw, piece) in relationships::parse(&f.value, f.one_item) {
            let o = &f.origin;
            match piece {
                Piece::Relationship { value, tags, rule } => {
                    ctx.note(
                        "relationships",
                        &raw,
                        o,
                        &value,
                        if rule.is_empty() {
                            "as written"
                        } else {
                            rule.as_str()
                        },
                    );
                    items.push(Item::new(TagKind::Relationship, value, &raw, o, &rule));
                    for t in tags {
                        items.push(Item::new(
                            TagKind::Freeform,
                            t,
                            &raw,
                            o,
                            "relationship qualifier",
                        ));
                    }
                }
                Piece::Tags(tags) => {
                    for t in tags {
                        items.push(Item::new(
                            TagKind::Freeform,
                            t,
                            &raw,
                            o,
                            "relationship qualifier",
                        ));
                    }
                }
                Piece::Character(name) => {
                    ctx.note(
                        "characters",
                        &raw,
                        o,
                        &name,
                        "a single name in a pairing field",
                    );
                    items.push(Item::new(
                        TagKind::Character,
                        name,
                        &raw,
                        o,
                        "a single name in a pairing field",
                    ));
                }
                Piece::Category(c, rule) => {
                    items.push(Item::new(TagKind::Category, c.as_str(), &raw, o, &rule));
                }
                Piece::Nothing => {
                    ctx.note("relationships", &raw, o, "nothing", "names no relationship")
                }
            }
        }
    }
}

/// Characters, tags: split lists, kept as written. `A, B and C` splits the last ` and ` too.
/// A list field's items: split where a typed list would be, or whole when the source marked
/// the value up as one item.
fn pieces(f: &RawField, seps: Seps) -> Vec<String> {
    if f.one_item {
        // Whole, but on one line like every split item: a YAML entry may wrap (found by
        // epub_roundtrip: a tag holding line breaks came back with spaces from the EPUB).
        vec![collapse(&f.value)]
    } else {
        split_top(&f.value, seps)
    }
}

pub(crate) fn list_items(
    fields: &[RawField],
    key: &FieldKey,
    kind: TagKind,
    items: &mut Vec<Item>,
) {
    for f in of(fields, key) {
        let split = pieces(f, Seps::LIST);
        let n = split.len();
        for (i, piece) in split.into_iter().enumerate() {
            // `and` joins a list's last item to the rest: only after the first. A value that
            // is one item (a list item of ficshelf's HTML, say) keeps what it says (found by
            // the epub_roundtrip fuzz target: a character read from a pairing field as
            // `and so …` lost its `and` once it was written and read back as a list item).
            let piece = match piece.strip_prefix("and ") {
                Some(rest) if i > 0 => rest.to_string(),
                _ => piece,
            };
            let last_of_list = kind == TagKind::Character && n > 1 && i == n - 1;
            let parts = if last_of_list {
                split_top(
                    &piece,
                    Seps {
                        and: true,
                        ..Seps::PUNCT
                    },
                )
            } else {
                vec![piece]
            };
            for p in parts {
                items.push(Item::plain(kind, &p, &f.origin));
            }
        }
    }
}
