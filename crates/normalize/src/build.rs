//! One normalization, start to finish: the order in which a `RawWork`'s fields are read, the
//! tag-like fields turned into [`Item`]s, fandoms inferred when no field names one, the tag
//! map applied, and everything put into the `Work`.

use ficshelf_model::{
    ArchiveWarning, FieldKey, Producer, RawField, RawWork, Source, Work, canonical_label,
};

use crate::explain::{Ctx, mapped};
use crate::fields::{self, Extra, of};
use crate::relationships::{self, Piece};
use crate::tagmap::TagKind;
use crate::tags::{self, Item};
use crate::text::{Dedup, Seps, clip, fold, split_top};
use crate::warnings::{self, ItemMatch};
use crate::{Options, SourceFacts, category, chapters, dates, infer, rating};

pub(crate) fn run(raw: RawWork, facts: &SourceFacts, opts: &Options, ctx: &mut Ctx) -> Work {
    let RawWork {
        format,
        producer,
        encoding,
        fields,
        chapters,
        diagnostics,
        unused: _,
    } = raw;
    ctx.diagnostics.extend(diagnostics);
    let source = Source {
        path: facts.path.clone(),
        format,
        producer,
        url: None,
        site: None,
        encoding,
        sha256: facts.sha256.clone(),
        bytes: facts.bytes,
    };
    let mut work = Work::new(String::new(), source);
    let mut extra = Extra::default();

    fields::title(&fields, &facts.path, &mut work, ctx);
    fields::authors(&fields, &mut work, ctx);

    let mut items = Vec::new();
    rating_items(&fields, &mut work, &mut items, ctx);
    let warned = warning_items(&fields, &mut work, &mut items, ctx);
    category_items(&fields, &mut items, ctx);
    fandom_items(&fields, &mut items, ctx);
    source_items(&fields, &mut work, &mut items, &mut extra, ctx);
    relationship_items(&fields, &mut items, ctx);
    list_items(
        &fields,
        &FieldKey::Characters,
        TagKind::Character,
        &mut items,
    );
    list_items(&fields, &FieldKey::Tags, TagKind::Freeform, &mut items);
    if let Some((tag, origin)) = fields::status(&fields, &mut work, &mut extra, ctx) {
        items.push(Item::new(
            TagKind::Freeform,
            tag.clone(),
            &tag,
            &origin,
            "implied by the status",
        ));
    }
    if opts.infer_fandoms && !items.iter().any(|i| i.kind == TagKind::Fandom) {
        infer_fandoms(&fields, &mut items, ctx);
    }
    characters_from_relationships(&fields, &mut items, ctx);
    if let Some(map) = &opts.tag_map {
        items = tags::apply_map(items, map, ctx);
    }
    work.warnings.ao3.clear();
    tags::assemble(items, &mut work, ctx);
    settle_warnings(&mut work, warned, ctx);

    fields::prose_fields(&fields, &mut work, ctx);
    fields::series(&fields, &mut work, ctx);
    let order = if producer == Producer::EFiction {
        dates::Order::MonthFirstKnown
    } else if opts.day_first {
        dates::Order::DayFirstWarn
    } else {
        dates::Order::MonthFirstWarn
    };
    fields::dates(&fields, order, &mut work, &mut extra, ctx);
    fields::language(&fields, &mut work, &mut extra, ctx);

    work.chapters = chapters::build(chapters, ctx);
    work.sum_words();
    words_provenance(&fields, &mut work, &mut extra, ctx);
    extra_fields(&fields, &mut work, &mut extra, ctx);
    extra.finish(&mut work, ctx);
    work
}

fn rating_items(fields: &[RawField], work: &mut Work, items: &mut Vec<Item>, ctx: &mut Ctx) {
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
fn warning_items(
    fields: &[RawField],
    work: &mut Work,
    items: &mut Vec<Item>,
    ctx: &mut Ctx,
) -> bool {
    let mut any = false;
    let mut raw_seen = Dedup::default();
    for f in of(fields, &FieldKey::Warnings) {
        any = true;
        for item in split_top(&f.value, Seps::PUNCT) {
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
fn settle_warnings(work: &mut Work, had_field: bool, ctx: &mut Ctx) {
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

fn category_items(fields: &[RawField], items: &mut Vec<Item>, ctx: &mut Ctx) {
    for f in of(fields, &FieldKey::Categories) {
        for piece in split_top(&f.value, Seps::LIST) {
            for item in piece.split('>').map(str::trim).filter(|s| !s.is_empty()) {
                if let Some((c, rule)) = category::map(item) {
                    items.push(Item::new(
                        TagKind::Category,
                        c.as_str(),
                        item,
                        &f.origin,
                        &rule,
                    ));
                } else if let Some(found) = infer::known(item) {
                    for fd in found {
                        let rule = format!("category naming a fandom: {}", fd.rule);
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

fn fandom_items(fields: &[RawField], items: &mut Vec<Item>, ctx: &mut Ctx) {
    for f in of(fields, &FieldKey::Fandoms) {
        for item in split_top(&f.value, Seps::LIST) {
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
fn source_items(
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

fn relationship_items(fields: &[RawField], items: &mut Vec<Item>, ctx: &mut Ctx) {
    for f in of(fields, &FieldKey::Relationships) {
        for (raw, piece) in relationships::parse(&f.value) {
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
fn list_items(fields: &[RawField], key: &FieldKey, kind: TagKind, items: &mut Vec<Item>) {
    for f in of(fields, key) {
        let pieces = split_top(&f.value, Seps::LIST);
        let n = pieces.len();
        for (i, piece) in pieces.into_iter().enumerate() {
            let piece = piece
                .strip_prefix("and ")
                .map(str::to_string)
                .unwrap_or(piece);
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

/// Fandoms from metadata text, then from characters (see `infer`).
fn infer_fandoms(fields: &[RawField], items: &mut Vec<Item>, ctx: &mut Ctx) {
    let text_keys = |k: &FieldKey| match k {
        FieldKey::Title | FieldKey::Series | FieldKey::Summary => true,
        FieldKey::Extra(n) => matches!(n.as_str(), "Spoilers" | "Timeline" | "Disclaimer"),
        _ => false,
    };
    let mut found = Dedup::default();
    for f in fields.iter().filter(|f| text_keys(&f.key)) {
        for (name, words) in infer::in_text(&f.value) {
            if !found.first(&name) {
                continue;
            }
            let rule = format!("{}: {words:?}", fold(&f.label));
            ctx.info(format!("fandom {name:?} inferred from {rule}"));
            ctx.note("fandoms", &clip(&f.value, 120), &f.origin, &name, &rule);
            items.push(Item::new(TagKind::Fandom, name, &words, &f.origin, &rule));
        }
    }
    if items.iter().any(|i| i.kind == TagKind::Fandom) {
        return;
    }
    let mut names: Vec<(String, String)> = Vec::new();
    let mut seen = Dedup::default();
    for i in items.iter() {
        let people = match i.kind {
            TagKind::Character => vec![i.value.clone()],
            TagKind::Relationship => relationships::names(&i.value),
            _ => continue,
        };
        for p in people {
            if seen.first(&p) {
                names.push((p, i.origin.clone()));
            }
        }
    }
    let just_names: Vec<String> = names.iter().map(|(n, _)| n.clone()).collect();
    let votes = infer::from_characters(&just_names);
    for (name, voters) in votes.fandoms {
        let origins: Vec<String> = names
            .iter()
            .filter(|(n, _)| voters.contains(n))
            .map(|(_, o)| o.clone())
            .fold(Vec::new(), |mut acc, o| {
                if !acc.contains(&o) {
                    acc.push(o);
                }
                acc
            });
        let rule = format!("characters: {}", voters.join(", "));
        ctx.info(format!("fandom {name:?} inferred from {rule}"));
        ctx.note(
            "fandoms",
            &voters.join(", "),
            &origins.join("; "),
            &name,
            &rule,
        );
        items.push(Item::new(
            TagKind::Fandom,
            name,
            &voters.join(", "),
            &origins.join("; "),
            &rule,
        ));
    }
    for (fandoms, voters) in votes.undecided {
        ctx.info(format!(
            "characters {} fit {} equally; no fandom chosen",
            voters.join(", "),
            fandoms.join(" and ")
        ));
    }
}

/// When the file names no characters, the people in its relationships are its characters.
fn characters_from_relationships(fields: &[RawField], items: &mut Vec<Item>, ctx: &mut Ctx) {
    if of(fields, &FieldKey::Characters).any(|f| !f.value.trim().is_empty()) {
        return;
    }
    let mut added = Vec::new();
    for i in items.iter().filter(|i| i.kind == TagKind::Relationship) {
        for name in relationships::names(&i.value) {
            let rule = format!("named in the relationship {:?}", i.value);
            added.push(Item::new(
                TagKind::Character,
                name,
                &i.value,
                &i.origin,
                &rule,
            ));
        }
    }
    if !added.is_empty() {
        ctx.info("no characters field: the characters are the people named in the relationships");
        items.extend(added);
    }
}

fn words_provenance(fields: &[RawField], work: &mut Work, extra: &mut Extra, ctx: &mut Ctx) {
    ctx.prov("words", "counted from the chapter text (AO3's rules)");
    match (work.chapters.first(), work.chapters.len()) {
        (None, _) => ctx.info("the work has no chapter text"),
        (Some(_), n) => ctx.prov(
            "chapters",
            format!(
                "{n} chapter{} read from the text",
                if n == 1 { "" } else { "s" }
            ),
        ),
    }
    for f in of(fields, &FieldKey::Words) {
        extra.add("Declared words", &f.value, &f.origin);
        let digits: String = f
            .value
            .chars()
            .filter(|c| !matches!(c, ',' | '.' | ' ' | '\u{a0}'))
            .collect();
        if let Ok(declared) = digits.trim().parse::<u64>() {
            let counted = work.words;
            let diff = declared.abs_diff(counted);
            if diff * 10 > declared.max(counted) {
                ctx.info(format!(
                    "the file declares {declared} words; {counted} were counted"
                ));
            }
        }
    }
}

/// Fields with no home of their own go to `extra` under their canonical label.
fn extra_fields(fields: &[RawField], work: &mut Work, extra: &mut Extra, ctx: &mut Ctx) {
    for f in fields {
        let FieldKey::Extra(name) = &f.key else {
            continue;
        };
        let squashed: String = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let used = match squashed.as_str() {
            "email" => fields::attach_contact(f, "Email", work, ctx),
            "website" => fields::attach_contact(f, "Website", work, ctx),
            "seriesindex" | "seriesnumber" | "seriespart" | "numberinseries" | "partinseries" => {
                fields::series_index(f, work, ctx)
            }
            _ => false,
        };
        if !used {
            ctx.note(
                &format!("extra.{name}"),
                &clip(&f.value, 120),
                &f.origin,
                "kept",
                "a field with no home of its own",
            );
            extra.add(name, &f.value, &f.origin);
        }
    }
}
