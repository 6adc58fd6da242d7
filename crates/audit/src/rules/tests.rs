use ficshelf_model::{Ao3Rating, Chapter, Format, Producer, Rating, Source, Work};

use super::*;

/// A work AO3 would take as it is: rated, a fandom, one chapter of 25 words.
fn clean() -> Work {
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
    let mut work = Work::new("The Quiet Between Stacks", source);
    work.fandoms = vec!["Buffy the Vampire Slayer".into()];
    work.rating = Rating {
        raw: Some("PG-13".into()),
        ao3: Ao3Rating::Teen,
    };
    work.chapters.push(chapter(25));
    work.sum_words();
    work
}

/// A chapter of `words` words.
fn chapter(words: u64) -> Chapter {
    let text = vec!["word"; words as usize].join(" ");
    Chapter::new(None, format!("<p>{text}</p>"), words)
}

fn codes(work: &Work) -> Vec<Code> {
    audit(work).into_iter().map(|p| p.code).collect()
}

fn only(work: &Work, code: Code) -> Problem {
    let found = audit(work);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, code);
    found[0].clone()
}

#[test]
fn a_clean_work_has_no_problem() {
    assert!(audit(&clean()).is_empty());
}

#[test]
fn title_limit_counts_characters_not_bytes() {
    let mut w = clean();
    w.title = "é".repeat(255);
    assert!(
        audit(&w).is_empty(),
        "255 characters (510 bytes) are allowed"
    );
    w.title = "é".repeat(256);
    let p = only(&w, Code::TitleTooLong);
    assert_eq!((p.found, p.limit), (Some(256), Some(255)));
    assert_eq!(p.message, "title is 256 characters; AO3 allows 255");
    assert_eq!(p.field, "title");
}

#[test]
fn summary_counts_its_html() {
    let mut w = clean();
    // 1,243 characters of text + `<p></p>` = 1,250: allowed.
    w.summary = Some(format!("<p>{}</p>", "s".repeat(1243)));
    assert!(audit(&w).is_empty());
    w.summary = Some(format!("<p>{}</p>", "s".repeat(1244)));
    let p = only(&w, Code::SummaryTooLong);
    assert_eq!(p.found, Some(1251));
    assert_eq!(
        p.message,
        "summary is 1,251 characters (HTML included); AO3 allows 1,250"
    );
    w.summary = None;
    w.chapters[0].summary = Some("x".repeat(1300));
    let p = only(&w, Code::SummaryTooLong);
    assert_eq!(p.chapter, Some(1));
    assert!(
        p.message.starts_with("chapter 1 summary is 1,300"),
        "{}",
        p.message
    );
}

#[test]
fn notes_end_notes_and_chapter_notes() {
    let mut w = clean();
    let long = "n".repeat(5001);
    w.notes = Some(long.clone());
    w.end_notes = Some(long.clone());
    w.chapters.push(chapter(30));
    w.chapters[1].notes = Some(long.clone());
    w.chapters[1].end_notes = Some(long);
    w.chapters[0].notes = Some("n".repeat(5000));
    let found = audit(&w);
    let places: Vec<(String, Option<usize>)> =
        found.iter().map(|p| (p.field.clone(), p.chapter)).collect();
    assert_eq!(
        places,
        [
            ("notes".to_string(), None),
            ("end_notes".to_string(), None),
            ("notes".to_string(), Some(2)),
            ("end_notes".to_string(), Some(2)),
        ]
    );
    assert!(found.iter().all(|p| p.code == Code::NotesTooLong));
    assert_eq!(
        found[1].message,
        "end notes are 5,001 characters (HTML included); AO3 allows 5,000"
    );
    assert!(found[3].message.starts_with("chapter 2 end notes are"));
}

#[test]
fn one_tag_too_long() {
    let mut w = clean();
    w.relationships = vec!["r".repeat(150), format!("{}/Spike", "B".repeat(145))];
    let p = only(&w, Code::TagTooLong);
    assert_eq!(p.field, "relationships");
    assert_eq!(p.found, Some(151));
    assert_eq!(
        p.text.as_deref(),
        Some(format!("{}/Spike", "B".repeat(145)).as_str())
    );
    assert!(
        p.message
            .starts_with("relationship tag is 151 characters; AO3 allows 150: \"BBB")
    );
}

#[test]
fn too_many_tags_counts_the_four_kinds_only() {
    let mut w = clean();
    let many = |prefix: &str, n: usize| (0..n).map(|i| format!("{prefix} {i}")).collect();
    w.relationships = many("R", 20);
    w.characters = many("C", 30);
    w.tags = many("T", 24);
    // 1 fandom + 20 + 30 + 24 = 75: allowed; warnings and categories do not count.
    w.categories = vec![ficshelf_model::Category::Gen];
    assert!(audit(&w).is_empty());
    w.tags.push("one more".into());
    let p = only(&w, Code::TooManyTags);
    assert_eq!((p.found, p.limit), (Some(76), Some(75)));
    assert_eq!(
        p.message,
        "76 tags (1 fandom, 20 relationship, 30 character, 25 additional); AO3 allows 75 together"
    );
}

#[test]
fn chapter_too_long_and_too_many_chapters() {
    let mut w = clean();
    let limits = Ao3Limits {
        chapter: 100,
        chapters: 3,
        ..Ao3Limits::default()
    };
    // Exactly at the limit: `<p>` + 93 + `</p>` = 100 characters.
    w.chapters[0].html = format!("<p>{}</p>", "w ".repeat(46) + "w");
    w.chapters[0].words = 47;
    assert!(audit_with(&w, &limits).is_empty());
    w.chapters[0].html.push('x');
    let found = audit_with(&w, &limits);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].code, found[0].chapter),
        (Code::ChapterTooLong, Some(1))
    );
    assert_eq!(
        found[0].message,
        "chapter 1 is 101 characters (HTML included); AO3 allows 100"
    );
    w.chapters[0] = chapter(25);
    for _ in 0..3 {
        w.chapters.push(chapter(25));
    }
    let limits = Ao3Limits {
        chapters: 3,
        ..Ao3Limits::default()
    };
    let found = audit_with(&w, &limits);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, Code::TooManyChapters);
    assert_eq!(found[0].message, "4 chapters; AO3 allows 3");
}

#[test]
fn default_limits_are_ao3s() {
    let l = Ao3Limits::default();
    assert_eq!(
        (
            l.title, l.summary, l.notes, l.tag, l.tags, l.chapter, l.chapters
        ),
        (255, 1250, 5000, 150, 75, 510_000, 200)
    );
    let mut w = clean();
    w.chapters = (0..201).map(|_| chapter(20)).collect();
    assert_eq!(codes(&w), [Code::TooManyChapters]);
}

#[test]
fn no_fandom_and_not_rated() {
    let mut w = clean();
    w.fandoms.clear();
    assert_eq!(
        only(&w, Code::NoFandom).message,
        "no fandom: AO3 needs at least one"
    );
    let mut w = clean();
    w.rating = Rating {
        raw: Some("PG-ish".into()),
        ao3: Ao3Rating::NotRated,
    };
    assert_eq!(
        only(&w, Code::NotRated).message,
        "rating is Not Rated (as written: \"PG-ish\")"
    );
    w.rating = Rating::default();
    assert_eq!(
        only(&w, Code::NotRated).message,
        "rating is Not Rated (the file gives no rating)"
    );
}

#[test]
fn short_chapters_are_suspicious_splits() {
    let mut w = clean();
    w.chapters = vec![chapter(19), chapter(20), chapter(1)];
    let found = audit(&w);
    let which: Vec<Option<usize>> = found.iter().map(|p| p.chapter).collect();
    assert_eq!(which, [Some(1), Some(3)]);
    assert_eq!(
        found[0].message,
        "chapter 1 has 19 words (under 20: a split in the wrong place?)"
    );
    assert_eq!(
        found[1].message,
        "chapter 3 has 1 word (under 20: a split in the wrong place?)"
    );
    w.chapters = vec![chapter(5)];
    assert!(
        only(&w, Code::ShortChapter)
            .message
            .starts_with("the only chapter has 5 words")
    );
}

#[test]
fn mojibake_in_text_and_metadata() {
    let mut w = clean();
    w.chapters[0].html = format!(
        "<p>{} the cafÃ© was shut and it wasnâ€™t</p>",
        "word ".repeat(20)
    );
    w.tags = vec!["Ã¼ber angst".into()];
    let found = audit(&w);
    assert_eq!(codes(&w), [Code::Mojibake, Code::Mojibake]);
    assert_eq!(found[0].field, "tags");
    assert_eq!(found[1].chapter, Some(1));
    assert_eq!(found[1].found, Some(2));
    assert_eq!(found[1].text.as_deref(), Some("Ã©"));
    assert!(
        found[1]
            .message
            .starts_with("chapter 1 text has garbled characters: \"Ã©\" in \"…"),
        "{}",
        found[1].message
    );
    assert!(
        found[1].message.ends_with("(2 in all)"),
        "{}",
        found[1].message
    );
}

#[test]
fn header_lines_at_the_start_of_a_chapter() {
    let mut w = clean();
    let story = "word ".repeat(25);
    w.chapters.push(chapter(25));
    w.chapters[1].html = format!("<p>Rating: R<br>Pairing: Spike/Willow</p><p>{story}</p>");
    w.chapters[0].html = format!("<p>{story}</p><p>Rating: R</p>");
    let p = only(&w, Code::HeaderInText);
    assert_eq!(p.chapter, Some(2));
    assert_eq!(p.found, Some(2));
    assert_eq!(p.text.as_deref(), Some("Rating: R\nPairing: Spike/Willow"));
    assert_eq!(
        p.message,
        "chapter 2 starts with 2 header lines, the first \"Rating: R\""
    );
}

#[test]
fn problems_come_in_code_order_and_serialize_with_every_key() {
    let mut w = clean();
    w.fandoms.clear();
    w.title = "t".repeat(300);
    w.rating = Rating::default();
    assert_eq!(
        codes(&w),
        [Code::TitleTooLong, Code::NoFandom, Code::NotRated]
    );
    let json = serde_json::to_value(audit(&w)).expect("serializes");
    assert_eq!(json[0]["code"], "title-too-long");
    for key in [
        "code", "message", "field", "chapter", "found", "limit", "text",
    ] {
        assert!(json[1].get(key).is_some(), "missing {key}");
    }
    assert!(json[1]["chapter"].is_null());
    for code in Code::ALL {
        assert_eq!(serde_json::to_value(code).expect("code"), code.as_str());
    }
}
