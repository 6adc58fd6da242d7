//! How `ficshelf audit` shows its findings: per work with problems, its file and title, then one
//! line per problem (`  code  message`); a final summary line; or, with `--json`, an array of
//! `{path, title, problems}` with every problem's `code`, `message`, `field`, `chapter`,
//! `found`, `limit` and `text`.

use std::fmt::Write as _;

use ficshelf_audit::Problem;
use serde::Serialize;

use crate::color::Palette;

/// One work audited.
#[derive(Debug, Serialize)]
pub struct Audited {
    pub path: String,
    pub title: String,
    pub problems: Vec<Problem>,
}

/// Width of the code column: the longest code, `chapter-too-long`/`too-many-chapters`.
const CODE_WIDTH: usize = 17;

/// The lines for one work: nothing when it has no problem.
pub fn work(a: &Audited, p: Palette) -> String {
    if a.problems.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}",
        p.bold(&a.path),
        p.dim(&format!("({})", a.title))
    );
    for problem in &a.problems {
        let code = format!("{:<CODE_WIDTH$}", problem.code.as_str());
        let _ = writeln!(out, "  {} {}", p.red(&code), problem.message);
    }
    out
}

/// `audited 12 works: 9 ready for AO3, 3 with problems (7 in all); 1 file unreadable`.
pub fn summary(all: &[Audited], unreadable: usize, links_out: usize, p: Palette) -> String {
    let with: Vec<&Audited> = all.iter().filter(|a| !a.problems.is_empty()).collect();
    let problems: usize = with.iter().map(|a| a.problems.len()).sum();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = format!(
        "audited {}: {} ready for AO3, {} with problems",
        plural(all.len(), "work", "works"),
        all.len() - with.len(),
        with.len()
    );
    if problems > 0 {
        let _ = write!(line, " ({})", plural(problems, "problem", "problems"));
    }
    if unreadable > 0 {
        let _ = write!(line, "; {} unreadable", plural(unreadable, "file", "files"));
    }
    if links_out > 0 {
        let _ = write!(
            line,
            "; {} out of the tree skipped",
            plural(links_out, "link", "links")
        );
    }
    let blank = if with.is_empty() { "" } else { "\n" };
    let line = if with.is_empty() && unreadable == 0 {
        p.bold(&line)
    } else {
        p.yellow(&line)
    };
    format!("{blank}{line}\n")
}

/// The `--json` array.
pub fn json(all: &[Audited]) -> String {
    // Plain data with string keys always serializes.
    serde_json::to_string_pretty(all).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ficshelf_audit::Code;

    fn problem(code: Code, message: &str) -> Problem {
        Problem {
            code,
            message: message.into(),
            field: "rating".into(),
            chapter: None,
            found: None,
            limit: None,
            text: None,
        }
    }

    fn audited(problems: Vec<Problem>) -> Audited {
        Audited {
            path: "a.txt".into(),
            title: "A".into(),
            problems,
        }
    }

    #[test]
    fn one_line_per_problem_under_the_file() {
        let a = audited(vec![
            problem(
                Code::NotRated,
                "rating is Not Rated (the file gives no rating)",
            ),
            problem(Code::NoFandom, "no fandom: AO3 needs at least one"),
        ]);
        assert_eq!(
            work(&a, Palette::plain()),
            "a.txt (A)\n  not-rated         rating is Not Rated (the file gives no rating)\n  \
             no-fandom         no fandom: AO3 needs at least one\n"
        );
        assert_eq!(work(&audited(vec![]), Palette::plain()), "");
    }

    #[test]
    fn summary_counts_works_problems_and_files() {
        let p = Palette::plain();
        let clean = audited(vec![]);
        let bad = audited(vec![
            problem(Code::NotRated, "x"),
            problem(Code::NoFandom, "y"),
        ]);
        assert_eq!(
            summary(&[clean], 0, 0, p),
            "audited 1 work: 1 ready for AO3, 0 with problems\n"
        );
        let all = [audited(vec![]), bad];
        assert_eq!(
            summary(&all, 1, 2, p),
            "\naudited 2 works: 1 ready for AO3, 1 with problems (2 problems); 1 file unreadable; \
             2 links out of the tree skipped\n"
        );
    }
}
