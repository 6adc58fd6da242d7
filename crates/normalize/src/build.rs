//! One normalization, start to finish: the order in which a `RawWork`'s fields are read, the
//! tag-like fields turned into [`Item`]s, fandoms inferred when no field names one, the tag
//! map applied, and everything put into the `Work`.

use std::borrow::Cow;

use ficshelf_model::{FieldKey, Producer, RawField, RawWork, Source, Work};

use crate::explain::Ctx;
use crate::fields::{self, Extra, of};
use crate::items::{
    category_items, fandom_items, list_items, rating_items, relationship_items, settle_warnings,
    source_items, warning_items,
};
use crate::tagmap::TagKind;
use crate::tags::{self, Item};
use crate::text::clip;
use crate::{Options, SourceFacts, chapters, dates, infer};

pub(crate) fn run(raw: RawWork, facts: &SourceFacts, opts: &Options, ctx: &mut Ctx) -> Work {
    let RawWork {
        format,
        producer,
        encoding,
        mut fields,
        mut chapters,
        diagnostics,
        unused: _,
    } = raw;
    // The decoder cleaned the file's text, but a character reference in an HTML page (`&#2;`)
    // puts a control character back into a value (found by epub_roundtrip), and into the
    // origins that quote it in the provenance. HTML fragments are cleaned by the sanitizer.
    for f in &mut fields {
        without_controls(&mut f.label);
        without_controls(&mut f.value);
        without_controls(&mut f.origin);
    }
    for c in &mut chapters {
        without_controls(&mut c.origin);
        if let Some(title) = &mut c.title {
            without_controls(title);
        }
    }
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
        infer::infer_fandoms(&fields, &mut items, ctx);
    }
    infer::characters_from_relationships(&fields, &mut items, ctx);
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

fn without_controls(s: &mut String) {
    if let (Cow::Owned(clean), _) = ficshelf_markup::normalize_controls(s) {
        *s = clean;
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
