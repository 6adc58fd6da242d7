//! Works for the integration tests and the benchmark: varied enough to exercise every part of
//! the writers (empty and missing fields, many chapters, non-Latin and right-to-left text,
//! every allowlisted element, hostile strings). The story text is our own.

#![allow(dead_code)]

use std::collections::BTreeMap;

use ficshelf_markup::count_words;
use ficshelf_model::{
    Ao3Rating, ArchiveWarning, Author, Category, Chapter, Date, Format, Producer, Rating,
    SeriesRef, Source, Status, Warnings, Work,
};

pub fn source(url: Option<&str>) -> Source {
    Source {
        path: "story.txt".into(),
        format: Format::Txt,
        producer: Producer::Plain,
        url: url.map(str::to_string),
        site: None,
        encoding: "utf-8".into(),
        sha256: "0".repeat(64),
        bytes: 0,
    }
}

pub fn chapter(title: Option<&str>, html: &str) -> Chapter {
    Chapter::new(
        title.map(str::to_string),
        html.to_string(),
        count_words(html),
    )
}

fn work(title: &str, chapters: Vec<Chapter>) -> Work {
    let mut w = Work::new(title, source(None));
    w.chapters = chapters;
    w.sum_words();
    w
}

const STORM: &str = "<p>The rain came sideways off the harbour, and Mara held the lantern low so the \
wind could not find the flame. Somewhere below the sea wall a bell was ringing, slow and uneven, \
the way bells ring when nobody is pulling the rope.</p>\
<p>\"You hear that?\" Teodor asked. He had his collar up and his hat pulled down, and he looked \
like a man who had already decided to be somewhere else.</p>\
<p>She did not answer. She was counting the rings, because her grandmother had taught her that \
a drowned bell rings once for every year it has been under water, and this one had rung \
<em>eleven</em> times.</p>";

/// A work with every field set, chapter notes included, like one read from an AO3 download.
pub fn full() -> Work {
    let mut w = work(
        "The Storm Over the Harbour",
        vec![
            chapter(Some("The Bell"), STORM),
            chapter(
                None,
                "<p>Morning found them on the <strong>steps</strong> of the chapel.</p><hr><p>Later.</p>",
            ),
            chapter(
                Some("Chapter 3: Low Tide"),
                "<p>The water went out and did not come back for an hour.</p>",
            ),
        ],
    );
    w.authors = vec![
        Author {
            name: "Jane Doe".into(),
            email: Some("jane@example.org".into()),
            url: None,
        },
        Author {
            name: "R. Second".into(),
            email: None,
            url: Some("https://example.org/users/r".into()),
        },
    ];
    w.fandoms = vec!["Harbour Town (TV)".into(), "Original Work".into()];
    w.rating = Rating {
        raw: Some("PG-13".into()),
        ao3: Ao3Rating::Teen,
    };
    w.warnings = Warnings {
        raw: vec!["violence".into()],
        ao3: vec![
            ArchiveWarning::GraphicViolence,
            ArchiveWarning::MajorCharacterDeath,
        ],
    };
    w.categories = vec![Category::FM, Category::Gen];
    w.relationships = vec!["Mara/Teodor".into()];
    w.characters = vec!["Mara".into(), "Teodor".into(), "The Bell".into()];
    w.tags = vec!["Angst".into(), "Hurt/Comfort".into(), "Weather, Bad".into()];
    w.summary =
        Some("<p>A bell rings under the sea wall.</p><p>Nobody is pulling the rope.</p>".into());
    w.notes = Some(
        "<p>Written for a <a href=\"https://example.org/challenge\">challenge</a>.</p>".into(),
    );
    w.end_notes = Some("<p>Thank you for reading!</p>".into());
    w.series = vec![
        SeriesRef {
            name: "Harbour Nights".into(),
            index: Some(1.5),
            url: Some("https://example.org/series/9".into()),
        },
        SeriesRef {
            name: "Bells".into(),
            index: None,
            url: None,
        },
    ];
    w.published = Some(Date::new(2004, 3, 14).unwrap());
    w.updated = Some(Date::new(2004, 5, 1).unwrap());
    w.status = Status::Complete;
    w.language = Some("en-GB".into());
    w.source.url = Some("https://archive.example.org/works/17".into());
    w.extra = BTreeMap::from([
        ("Spoilers".to_string(), "Season 6".to_string()),
        (
            "Disclaimer".to_string(),
            "Not mine & never was <really>.".to_string(),
        ),
    ]);
    w.chapters[0].summary = Some("<p>The bell.</p>".into());
    w.chapters[0].notes = Some("<p>Beta'd by a friend.</p>".into());
    w.chapters[0].end_notes = Some("<p>More soon.</p>".into());
    w
}

/// Nothing but a title and one chapter: no authors, no language, an empty summary.
pub fn minimal() -> Work {
    let mut w = work(
        "Untitled Drabble",
        vec![chapter(None, "One hundred words, give or take.")],
    );
    w.summary = Some(String::new());
    w.notes = Some("<p> </p>".into());
    w
}

/// Thirty chapters, titled and untitled.
pub fn thirty_chapters() -> Work {
    let chapters = (1..=30)
        .map(|n| {
            let title = format!("Day {n}");
            chapter(
                (n % 3 != 0).then_some(title.as_str()),
                &format!("<p>Day {n} of the voyage.</p>{STORM}"),
            )
        })
        .collect();
    let mut w = work("Thirty Days at Sea", chapters);
    w.status = Status::InProgress;
    w.authors = vec![Author::named("Sailor")];
    w
}

pub fn japanese() -> Work {
    let mut w = work(
        "港の鐘",
        vec![
            chapter(
                Some("第一章"),
                "<p>雨が横から降っていた。<ruby>鐘<rp>(</rp><rt>かね</rt><rp>)</rp></ruby>が鳴った。</p><p>「聞こえる？」</p>",
            ),
            chapter(Some("第二章"), "<p>朝、二人は礼拝堂の階段にいた。</p>"),
        ],
    );
    w.authors = vec![Author::named("山田花子")];
    w.language = Some("ja".into());
    w.summary = Some("<p>海の下で鐘が鳴る。</p>".into());
    w.tags = vec!["オリジナル".into()];
    w
}

pub fn greek() -> Work {
    let mut w = work(
        "Η καμπάνα του λιμανιού",
        vec![chapter(
            Some("Η βροχή"),
            "<p>Η βροχή ερχόταν πλάγια από το λιμάνι. «Ακούς;» ρώτησε.</p>",
        )],
    );
    w.authors = vec![Author::named("Ελένη")];
    w.language = Some("el".into());
    w
}

pub fn arabic() -> Work {
    let mut w = work(
        "جرس الميناء",
        vec![
            chapter(
                Some("المطر"),
                "<p>كان المطر يهطل من جهة الميناء.</p><p>«هل تسمع؟» سأل.</p>",
            ),
            chapter(None, "<p>في الصباح وجدا نفسيهما على درج الكنيسة.</p>"),
        ],
    );
    w.authors = vec![Author::named("ليلى")];
    w.language = Some("ar".into());
    w.summary = Some("<p>جرس يرن تحت السور.</p>".into());
    w
}

/// Every element of AO3's allowlist, alone and in the nestings parsers tolerate but XHTML does
/// not; entities; images and links that cannot be packaged.
pub fn every_element() -> Work {
    let mut html = String::new();
    for name in ficshelf_markup::ALLOWED_ELEMENTS {
        html.push_str(&format!(
            "<p>{name}: <{name} class=\"x\" title=\"t\">text of {name}</{name}></p>\n"
        ));
    }
    html.push_str(concat!(
        "<center><big>Centered</big> and <tt>typed</tt> and <strike>struck</strike>",
        " and <acronym title=\"as soon as possible\">ASAP</acronym></center>",
        "<p>Unclosed paragraph&nbsp;one<p>two &amp; three &lt;four&gt; &quot;five&quot; &#39;six&#39; &hellip; &mdash;",
        "<i><p>italic paragraph</p><p>another</p></i>",
        "<b>bold <div>with a block</div> inside</b>",
        "<h3>heading <div>with a div</div></h3>",
        "<li>stray item</li><dd>stray definition</dd><dt>stray term</dt>",
        "<ul>loose text<li>item<ul><li>nested</li></ul></li><p>para in list</p></ul>",
        "<ol start=\"3\" reversed type=\"i\"><li value=\"7\">seven</li></ol>",
        "<dl><dd>no term</dd><dt>no definition</dt></dl>",
        "<table><tr><td colspan=\"2\">a</td></tr><caption>late caption</caption><thead><tr><th scope=\"col\">late head</th></tr></thead></table>",
        "<figure><p>figure body</p><figcaption>caption</figcaption></figure>",
        "<details open><summary>more</summary><p>details body</p></details>",
        "<details><p>details without summary</p></details>",
        "<ruby>漢<rt>kan</rt></ruby> <rt>stray rt</rt> <rp>(</rp>",
        "<p><img src=\"images/map.png\" alt=\"a map of the harbour\"> <img src=\"https://example.org/x.png\"></p>",
        "<p><a href=\"chapter2.html\">relative</a> <a href=\"#fn1\">fragment</a> <a href=\"https://example.org/a b\">spaced</a></p>",
        "<p lang=\"fr\" dir=\"ltr\">en français</p><p lang=\"not a tag\" dir=\"up\">bad attributes</p>",
        "<pre>  preformatted\n    text</pre>",
        "<blockquote cite=\"https://example.org/q\"><p>quoted</p></blockquote><q cite=\"relative\">q</q>",
        "<del datetime=\"2004-01-01\">gone</del><ins cite=\"x\">added</ins>",
        "<span><hr></span><p>after rule</p>",
    ));
    work("Every Element", vec![chapter(Some("All of them"), &html)])
}

/// Strings that break naive writers: markup characters, quotes, control characters, an
/// invalid language tag, a very long title, empty names.
pub fn hostile() -> Work {
    let long = "A Very Long Title That Goes On ".repeat(40);
    let mut w = work(
        &format!("Tom & Jerry's <Adventure> \"Part 1\": {long}"),
        vec![
            chapter(
                Some("<b>&amp;</b> \u{1} \"quoted\""),
                "<p>Text with \u{0}NUL and \u{1b}escape and \u{fffe} and <script>alert(1)</script>.</p>",
            ),
            chapter(Some(""), ""),
        ],
    );
    w.authors = vec![Author::named("O'Brien & <Sons>"), Author::named("   ")];
    w.language = Some("English".into());
    w.fandoms = vec!["A & B".into(), "".into()];
    w.tags = vec!["<tag>".into(), "\"quoted\"".into()];
    w.series = vec![SeriesRef {
        name: "Series \"X\" & <Y>".into(),
        index: Some(f64::NAN),
        url: Some("javascript:alert(1)".into()),
    }];
    w.source.url = Some("not a url".into());
    w.summary = Some(
        "<p>Summary with <b>bold</b> & an <a href=\"javascript:x()\">evil link</a>.</p>".into(),
    );
    w.extra = BTreeMap::from([(
        "Weird: Label".to_string(),
        "value\nwith newline".to_string(),
    )]);
    w
}

/// A work without chapters.
pub fn no_chapters() -> Work {
    let mut w = work("Only a Summary", Vec::new());
    w.summary = Some("<p>The story was never posted.</p>".into());
    w.end_notes = Some("<p>Maybe next year.</p>".into());
    w
}

/// About 75 KB of chapter HTML in seven chapters, for the benchmark.
pub fn seventy_five_kb() -> Work {
    let chapters: Vec<Chapter> = (1..=7)
        .map(|n| {
            let mut html = String::new();
            let mut k = 0;
            while html.len() < 10_600 {
                k += 1;
                html.push_str(&format!("<p>Scene {k}.</p>{STORM}"));
                if k % 4 == 0 {
                    html.push_str("<hr>");
                }
            }
            chapter(Some(&format!("Part {n}")), &html)
        })
        .collect();
    let mut w = full();
    w.chapters = chapters;
    w.sum_words();
    w
}

/// Every sample above with a name, for tests that check them all.
pub fn all() -> Vec<(&'static str, Work)> {
    vec![
        ("full", full()),
        ("minimal", minimal()),
        ("thirty-chapters", thirty_chapters()),
        ("japanese", japanese()),
        ("greek", greek()),
        ("arabic", arabic()),
        ("every-element", every_element()),
        ("hostile", hostile()),
        ("no-chapters", no_chapters()),
    ]
}
