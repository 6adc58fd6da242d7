//! The words a user types, read leniently: no input is an error.
//!
//! tantivy's query language is not exposed (a stray `"`, `title:` or `(((` must not fail or
//! reach a recursive parser). The small language here:
//!
//! - words are all required: `willow spell` finds works with both;
//! - `"a phrase"` must appear as written (an unclosed quote runs to the end of the input);
//! - `-word` or `-"a phrase"` (also `NOT word`) must not appear;
//! - `a OR b` accepts either (`OR` in capitals, between two items); `AND` is the default and
//!   ignored; anything else, `:` `(` `*` included, is ordinary text the tokenizer splits on.
//!
//! Input is cut at 1,000 bytes and 32 items, so a query's cost is bounded whatever is pasted.

/// Longest input read, in bytes.
const MAX_INPUT: usize = 1_000;
/// Most items (words or phrases) used.
const MAX_ITEMS: usize = 32;

/// One required, alternative or excluded piece of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Clause {
    pub negated: bool,
    /// Texts of which one must match (more than one only with `OR`). Each is tokenized later:
    /// one token is a term, several a phrase.
    pub alternatives: Vec<String>,
}

pub(crate) fn parse(input: &str) -> Vec<Clause> {
    let cut = (0..=input.len().min(MAX_INPUT))
        .rev()
        .find(|&i| input.is_char_boundary(i))
        .unwrap_or(0);
    let mut rest = &input[..cut];
    let mut clauses: Vec<Clause> = Vec::new();
    let mut items = 0;
    let mut negate_next = false;
    let mut or_pending = false;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || items >= MAX_ITEMS {
            break;
        }
        let mut negated = std::mem::take(&mut negate_next);
        if let Some(r) = rest.strip_prefix('-') {
            negated = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('+') {
            rest = r;
        }
        let text;
        let quoted = rest.starts_with('"');
        if quoted {
            let body = &rest[1..];
            let end = body.find('"').unwrap_or(body.len());
            text = &body[..end];
            rest = body.get(end + 1..).unwrap_or("");
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            text = &rest[..end];
            rest = &rest[end..];
        }
        if !quoted {
            match text {
                "AND" | "" => continue,
                "OR" => {
                    or_pending = !clauses.is_empty();
                    continue;
                }
                "NOT" => {
                    negate_next = true;
                    continue;
                }
                _ => {}
            }
        }
        items += 1;
        let join = std::mem::take(&mut or_pending);
        match clauses.last_mut() {
            Some(last) if join && !negated && !last.negated => {
                last.alternatives.push(text.to_string())
            }
            _ => clauses.push(Clause {
                negated,
                alternatives: vec![text.to_string()],
            }),
        }
    }
    clauses
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(negated: bool, alts: &[&str]) -> Clause {
        Clause {
            negated,
            alternatives: alts.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn words_phrases_exclusions_and_or() {
        assert_eq!(
            parse(r#"willow "dark magic" -angst NOT "major death" spike OR drusilla"#),
            [
                clause(false, &["willow"]),
                clause(false, &["dark magic"]),
                clause(true, &["angst"]),
                clause(true, &["major death"]),
                clause(false, &["spike", "drusilla"]),
            ]
        );
        assert_eq!(
            parse("a AND b"),
            [clause(false, &["a"]), clause(false, &["b"])]
        );
    }

    #[test]
    fn hostile_input_is_read_leniently() {
        assert_eq!(
            parse("\"unbalanced quote"),
            [clause(false, &["unbalanced quote"])]
        );
        assert_eq!(parse("AND OR"), []);
        assert_eq!(parse("OR x OR"), [clause(false, &["x"])]);
        assert_eq!(parse("title:"), [clause(false, &["title:"])]);
        assert_eq!(
            parse("- + \"\" -\"\""),
            [clause(false, &[""]), clause(true, &[""])]
        );
        assert_eq!(parse("((((a))))"), [clause(false, &["((((a))))"])]);
        assert_eq!(
            parse("-x OR y"),
            [clause(true, &["x"]), clause(false, &["y"])]
        );
        assert_eq!(parse(""), []);
    }

    #[test]
    fn input_is_bounded() {
        assert_eq!(parse(&"word ".repeat(10_000)).len(), MAX_ITEMS);
        let long = "é".repeat(5_000);
        let parsed = parse(&long);
        assert_eq!(parsed.len(), 1);
        assert!(parsed[0].alternatives[0].len() <= MAX_INPUT);
        assert_eq!(parse(&"\"".repeat(100_000)).len(), MAX_ITEMS);
    }
}
