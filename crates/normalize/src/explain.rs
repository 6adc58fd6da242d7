//! What the normalizer decided and why: provenance (kept in every `Work`), diagnostics, and the
//! optional list of [`Decision`]s that `ficshelf inspect --explain` prints.
//!
//! Decisions are recorded through closures, so a plain `normalize` call never builds them.

use std::collections::{BTreeMap, HashSet};

use ficshelf_model::Diagnostic;
use serde::{Deserialize, Serialize};

/// One mapping the normalizer made: which value of which field went where, by which rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The `Work` field it fed (`rating`, `fandoms`, `extra.Spoilers`, `chapters`).
    pub field: String,
    /// The value as written (one list item, a chapter title, a date).
    pub input: String,
    /// Where the value came from (the `RawField` or `RawChapter` origin).
    pub origin: String,
    /// What it became (`Mature`, `Spike/Buffy`, `dropped`, `2004-03-14`).
    pub outcome: String,
    /// The rule or table row that decided (`rating: classic scale "R"`).
    pub rule: String,
}

/// The bookkeeping one normalization carries along.
#[derive(Debug, Default)]
pub(crate) struct Ctx {
    decisions: Option<Vec<Decision>>,
    provenance: BTreeMap<String, (Vec<String>, HashSet<String>)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Ctx {
    pub fn new(explain: bool) -> Self {
        Ctx {
            decisions: explain.then(Vec::new),
            ..Ctx::default()
        }
    }

    /// Record a decision; `make` runs only when decisions are being kept.
    pub fn decide(&mut self, make: impl FnOnce() -> Decision) {
        if let Some(list) = self.decisions.as_mut() {
            list.push(make());
        }
    }

    /// Shorthand for [`Ctx::decide`] with the five parts.
    pub fn note(&mut self, field: &str, input: &str, origin: &str, outcome: &str, rule: &str) {
        self.decide(|| Decision {
            field: field.to_string(),
            input: input.to_string(),
            origin: origin.to_string(),
            outcome: outcome.to_string(),
            rule: rule.to_string(),
        });
    }

    /// Add one piece to the provenance of `field` (pieces are joined with `; `, repeats dropped).
    pub fn prov(&mut self, field: &str, piece: impl Into<String>) {
        let piece = piece.into();
        let (list, seen) = self.provenance.entry(field.to_string()).or_default();
        if seen.insert(piece.clone()) {
            list.push(piece);
        }
    }

    pub fn info(&mut self, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::info(message));
    }

    pub fn warn(&mut self, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::warning(message));
    }

    /// The provenance map and the decisions (empty when not kept).
    pub fn finish(self) -> (BTreeMap<String, String>, Vec<Diagnostic>, Vec<Decision>) {
        let provenance = self
            .provenance
            .into_iter()
            .map(|(field, (pieces, _))| (field, pieces.join("; ")))
            .collect();
        (
            provenance,
            self.diagnostics,
            self.decisions.unwrap_or_default(),
        )
    }
}

/// `origin → outcome (rule)`, the shape of a provenance piece for a mapped value.
pub(crate) fn mapped(origin: &str, outcome: &str, rule: &str) -> String {
    if rule.is_empty() {
        format!("{origin} → {outcome}")
    } else {
        format!("{origin} → {outcome} ({rule})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_are_built_only_when_asked() {
        let mut off = Ctx::new(false);
        let mut built = false;
        off.decide(|| {
            built = true;
            Decision {
                field: String::new(),
                input: String::new(),
                origin: String::new(),
                outcome: String::new(),
                rule: String::new(),
            }
        });
        assert!(!built);
        assert!(off.finish().2.is_empty());

        let mut on = Ctx::new(true);
        on.note("rating", "R", "line 4", "Mature", "classic scale");
        let (_, _, decisions) = on.finish();
        assert_eq!(decisions.len(), 1);
        assert_eq!(decisions[0].outcome, "Mature");
    }

    #[test]
    fn provenance_pieces_join_without_repeats() {
        let mut ctx = Ctx::new(false);
        ctx.prov("tags", "line 1");
        ctx.prov("tags", "line 2");
        ctx.prov("tags", "line 1");
        let (prov, _, _) = ctx.finish();
        assert_eq!(prov["tags"], "line 1; line 2");
        assert_eq!(
            mapped("line 4", "Mature", "classic scale: R"),
            "line 4 → Mature (classic scale: R)"
        );
        assert_eq!(mapped("o", "x", ""), "o → x");
    }
}
