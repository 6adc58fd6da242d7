//! Whether a work is finished, from three kinds of evidence, strongest first:
//!
//! 1. an explicit status field (`Status: WIP`, `Completed: Yes`) — [`ROWS`];
//! 2. a declared chapter count (`Chapters: 3/?` in progress, `3/3` complete);
//! 3. the end marker a plain-text reader found after the story (a `Status` field labelled
//!    `end marker`: `TBC` in progress; `The End`, `fin`, `End file.` complete) — [`END_MARKERS`].
//!
//! AO3 knows only complete and in progress, so `hiatus` and `abandoned` are in progress
//! (`abandoned` also adds AO3's tag for it).

use ficshelf_model::Status;

use crate::text::fold;

pub(crate) struct Row {
    pub written: &'static str,
    pub status: Status,
    /// An additional tag the value implies.
    pub tag: Option<&'static str>,
}

const fn row(written: &'static str, status: Status) -> Row {
    Row {
        written,
        status,
        tag: None,
    }
}

/// The label of the `Status` fields plain-text readers make from end markers.
pub(crate) const END_MARKER_LABEL: &str = "end marker";

/// Explicit status values (any case, trailing punctuation ignored).
pub(crate) const ROWS: &[Row] = &[
    row("complete", Status::Complete),
    row("completed", Status::Complete),
    row("finished", Status::Complete),
    row("done", Status::Complete),
    row("one-shot", Status::Complete),
    row("oneshot", Status::Complete),
    row("one shot", Status::Complete),
    row("wip", Status::InProgress),
    row("work in progress", Status::InProgress),
    row("in progress", Status::InProgress),
    row("in-progress", Status::InProgress),
    row("incomplete", Status::InProgress),
    row("not complete", Status::InProgress),
    row("not completed", Status::InProgress),
    row("unfinished", Status::InProgress),
    row("tbc", Status::InProgress),
    row("to be continued", Status::InProgress),
    row("ongoing", Status::InProgress),
    row("continuing", Status::InProgress),
    row("updating", Status::InProgress),
    row("hiatus", Status::InProgress),
    row("on hiatus", Status::InProgress),
    Row {
        written: "abandoned",
        status: Status::InProgress,
        tag: Some("Abandoned Work - Unfinished and Discontinued"),
    },
    Row {
        written: "discontinued",
        status: Status::InProgress,
        tag: Some("Abandoned Work - Unfinished and Discontinued"),
    },
];

/// Values that only mean something under a `Completed:`/`Complete:` label.
const YES_NO: &[(&str, Status)] = &[
    ("yes", Status::Complete),
    ("y", Status::Complete),
    ("true", Status::Complete),
    ("no", Status::InProgress),
    ("n", Status::InProgress),
    ("false", Status::InProgress),
];

/// End markers (weaker than an explicit status).
pub(crate) const END_MARKERS: &[(&str, Status)] = &[
    ("tbc", Status::InProgress),
    ("to be continued", Status::InProgress),
    ("to be cont", Status::InProgress),
    ("continued", Status::InProgress),
    ("the end", Status::Complete),
    ("end", Status::Complete),
    ("fin", Status::Complete),
    ("finis", Status::Complete),
    ("end file", Status::Complete),
    ("owari", Status::Complete),
    ("complete", Status::Complete),
];

fn bare(value: &str) -> String {
    fold(value)
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// An explicit status field: the status, the rule, and a tag it implies.
pub(crate) fn explicit(label: &str, value: &str) -> Option<(Status, String, Option<&'static str>)> {
    let v = bare(value);
    if let Some(r) = ROWS.iter().find(|r| r.written == v) {
        return Some((r.status, format!("status word {:?}", r.written), r.tag));
    }
    let label_says_complete = fold(label).contains("complet");
    if label_says_complete && let Some((w, s)) = YES_NO.iter().find(|(w, _)| *w == v) {
        return Some((*s, format!("{w:?} under a {label:?} label"), None));
    }
    None
}

/// An end marker the reader found.
pub(crate) fn end_marker(value: &str) -> Option<(Status, String)> {
    let v = bare(value);
    END_MARKERS
        .iter()
        .find(|(w, _)| *w == v)
        .map(|(w, s)| (*s, format!("end marker {w:?}")))
}

/// A declared chapter count: `3/?` or `3/5` in progress, `3/3` complete; a bare `3` says nothing.
pub(crate) fn chapter_count(value: &str) -> Option<(Status, String)> {
    let v = fold(value);
    let (done, total) = v.split_once('/').or_else(|| v.split_once(" of "))?;
    let done: u32 = done.trim().parse().ok()?;
    let total = total.trim();
    if matches!(total, "?" | "??" | "???" | "" | "unknown") {
        return Some((
            Status::InProgress,
            format!("chapter count {v:?} has no total"),
        ));
    }
    let total: u32 = total.parse().ok()?;
    if done >= total && total > 0 {
        Some((Status::Complete, format!("chapter count {v:?} is whole")))
    } else {
        Some((
            Status::InProgress,
            format!("chapter count {v:?} is short of the total"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_maps_as_listed() {
        for r in ROWS {
            let got = explicit("Status", r.written).unwrap();
            assert_eq!((got.0, got.2), (r.status, r.tag), "{:?}", r.written);
            let upper = explicit("Status", &format!("{}.", r.written.to_uppercase()));
            assert_eq!(upper.map(|g| g.0), Some(r.status));
        }
        for (w, s) in END_MARKERS {
            assert_eq!(end_marker(w).map(|g| g.0), Some(*s), "{w:?}");
        }
    }

    #[test]
    fn yes_and_no_need_a_completed_label() {
        assert_eq!(
            explicit("Completed", "Yes").map(|g| g.0),
            Some(Status::Complete)
        );
        assert_eq!(
            explicit("Complete:", "no").map(|g| g.0),
            Some(Status::InProgress)
        );
        assert_eq!(explicit("Status", "Yes"), None);
        for (w, s) in YES_NO {
            assert_eq!(explicit("COMPLETED", w).map(|g| g.0), Some(*s));
        }
    }

    #[test]
    fn end_markers_with_decoration() {
        assert_eq!(end_marker("~ fin ~").map(|g| g.0), Some(Status::Complete));
        assert_eq!(end_marker("End file.").map(|g| g.0), Some(Status::Complete));
        assert_eq!(end_marker("TBC...").map(|g| g.0), Some(Status::InProgress));
        assert_eq!(
            end_marker("To be continued..."),
            end_marker("to be continued")
        );
        assert_eq!(end_marker("Buffy"), None);
    }

    #[test]
    fn chapter_counts() {
        let cases = [
            ("3/?", Some(Status::InProgress)),
            ("3/3", Some(Status::Complete)),
            ("3/5", Some(Status::InProgress)),
            ("3 of 5", Some(Status::InProgress)),
            ("5 / 5", Some(Status::Complete)),
            ("3", None),
            ("a/b", None),
            ("0/0", Some(Status::InProgress)),
        ];
        for (v, want) in cases {
            assert_eq!(chapter_count(v).map(|g| g.0), want, "{v:?}");
        }
    }

    #[test]
    fn unknown_values() {
        assert_eq!(explicit("Status", "Buffy"), None);
        assert_eq!(explicit("Status", ""), None);
    }
}
