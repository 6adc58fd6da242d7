//! Chapters, scene breaks, end markers and paragraphs of plain-text fixtures.

mod common;

use common::{all_html, count, raw, titles, value};
use ficshelf_model::FieldKey;

#[test]
fn unmarked_first_chapter_then_digit_markers() {
    let r = raw("txt/chapter-digits-unmarked-first.txt");
    assert_eq!(titles(&r), vec![None, Some("Chapter 2"), Some("Chapter 3")]);
    assert_eq!(
        r.chapters[0].origin,
        "start of text (unmarked first chapter)"
    );
    assert_eq!(
        r.chapters[1].origin,
        "line 10: \"Chapter 2\" (chapter marker)"
    );
    assert!(
        r.chapters[0]
            .html
            .ends_with("<p>On the first of March it turned.</p>")
    );
    assert!(!all_html(&r).contains("Chapter"));
}

#[test]
fn number_words_roman_numerals_and_titles() {
    let r = raw("txt/chapter-words.txt");
    assert_eq!(
        titles(&r),
        vec![
            Some("Chapter One"),
            Some("Chapter Two"),
            Some("Chapter Three")
        ]
    );
    let r = raw("txt/chapter-roman-caps.txt");
    assert_eq!(
        titles(&r),
        vec![Some("CHAPTER I"), Some("CHAPTER II"), Some("CHAPTER III")]
    );
    let r = raw("txt/chapter-titles-colon.txt");
    assert_eq!(
        titles(&r),
        vec![
            Some("Chapter 1: The Harbour"),
            Some("Chapter 2: The Lighthouse"),
            Some("Chapter 3: The Storm")
        ]
    );
    let r = raw("txt/chapter-marker-with-title-line.txt");
    assert_eq!(
        titles(&r),
        vec![
            Some("Chapter 1: Where the Water Meets"),
            Some("Chapter 2: The Miller's Wager")
        ]
    );
    assert!(!all_html(&r).contains("Miller's Wager"));
}

#[test]
fn part_markers_and_sentences_that_only_look_like_them() {
    let r = raw("txt/part-n-of-m.txt");
    assert_eq!(
        titles(&r),
        vec![Some("Part 1/3"), Some("Part 2/3"), Some("Part 3/3")]
    );
    assert!(
        r.chapters[0]
            .html
            .starts_with("<p>Part of me wanted to refuse the role")
    );
    // "End Part N/M" lines close a posting: out of the text, kept as unused.
    assert!(!all_html(&r).contains("End Part"));
    assert_eq!(
        r.unused
            .iter()
            .filter(|(_, t)| t.starts_with("End Part"))
            .count(),
        2
    );
    let status = r.field(&FieldKey::Status).expect("status from The End");
    assert_eq!(
        (status.label.as_str(), status.value.as_str()),
        ("end marker", "The End")
    );

    let r = raw("txt/part-words.txt");
    assert_eq!(titles(&r), vec![Some("Part One"), Some("Part Two")]);
    assert!(
        r.chapters[0]
            .html
            .starts_with("<p>Chapter and verse, the old priest")
    );
}

#[test]
fn decorated_numbers_and_named_chapters() {
    let r = raw("txt/tilde-number-markers.txt");
    assert_eq!(titles(&r), vec![Some("1"), Some("2"), Some("3")]);
    assert!(!all_html(&r).contains('~'));
    let r = raw("txt/prologue-epilogue.txt");
    assert_eq!(
        titles(&r),
        vec![
            Some("Prologue"),
            Some("Chapter 1"),
            Some("Chapter 2"),
            Some("Epilogue")
        ]
    );
}

#[test]
fn every_scene_break_shape_is_an_hr_inside_one_chapter() {
    let r = raw("txt/scene-breaks-all-shapes.txt");
    assert_eq!(r.chapters.len(), 1);
    let html = &r.chapters[0].html;
    // * * *, ~*~*~, -----, #, oOo, and a run of three blank lines.
    assert_eq!(count(html, "<hr/>"), 6, "{html}");
    assert_eq!(count(html, "<p>"), 7);
    for mark in ["* * *", "~*~", "-----", "#", "oOo"] {
        assert!(!html.contains(mark), "{mark:?} left in {html}");
    }
    assert!(html.ends_with(
        "<hr/>\n<p>And then the kettle boiled, and that was the end of quiet for the day.</p>"
    ));
}

#[test]
fn end_markers_leave_the_text_and_become_status_fields() {
    let cases = [
        ("txt/end-marker-the-end.txt", "The End"),
        ("txt/end-marker-fin-decorated.txt", "~ fin ~"),
        ("txt/end-marker-tbc.txt", "TBC"),
        (
            "txt/end-marker-to-be-continued-ellipsis.txt",
            "to be continued...",
        ),
        ("txt/end-file-plain.txt", "End file."),
    ];
    for (fixture, marker) in cases {
        let r = raw(fixture);
        let status = r
            .field(&FieldKey::Status)
            .unwrap_or_else(|| panic!("{fixture}: no status"));
        assert_eq!(status.value, marker, "{fixture}");
        assert_eq!(status.label, "end marker", "{fixture}");
        assert!(
            status.origin.contains(marker),
            "{fixture}: {}",
            status.origin
        );
        let html = all_html(&r);
        assert!(!html.contains(marker), "{fixture}: marker left in {html}");
        assert!(html.ends_with("</p>"), "{fixture}");
    }
}

#[test]
fn hard_wrapped_paragraphs_are_joined_and_emphasis_converted() {
    let r = raw("txt/paragraphs-hard-wrapped-emphasis.txt");
    let html = &r.chapters[0].html;
    assert_eq!(count(html, "<p>"), 3);
    assert!(html.contains(
        "<p>The library book had been returned with notes in the margins, which was \
         <em>strictly forbidden</em> and also, Dora had to admit, the most interesting thing to \
         happen at the Fenwick branch all year.</p>"
    ));
    assert!(html.contains("<strong>no, that is wrong, the sea is never grey</strong>"));
    assert!(html.contains("<strong>I was wrong. It was grey today.</strong>"));
    assert!(html.contains("A &amp; B &lt; C"));
    assert!(html.contains("snake_case_code"));
}

#[test]
fn first_line_indents_split_paragraphs_without_blank_lines() {
    let r = raw("txt/paragraphs-indented-no-blank-lines.txt");
    let html = &r.chapters[0].html;
    assert_eq!(count(html, "<p>"), 3, "{html}");
    assert!(html.contains(
        "<p>Today it was a man with a telephone, talking about a boat he was going to buy, in a \
         voice that carried to both ends of the train.</p>"
    ));
}

#[test]
fn header_title_is_never_story_text() {
    let r = raw("txt/chapter-titles-colon.txt");
    assert_eq!(value(&r, &FieldKey::Title), Some("Harbour Lights"));
    let html = all_html(&r);
    assert!(
        !html.contains("Harbour Lights")
            && !html.contains("Ansel Marsh")
            && !html.contains("Rating")
    );
}
