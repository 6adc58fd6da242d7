//! The JSON writer: the `Work` itself, schema 1, pretty-printed, ending with a newline — the
//! same document `ficshelf inspect --json` prints.

use ficshelf_model::Work;

pub(crate) fn render(work: &Work) -> String {
    let mut s = work.to_json_pretty();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::full_work;

    #[test]
    fn json_is_the_work_and_ends_with_a_newline() {
        let work = full_work();
        let out = render(&work);
        assert!(out.ends_with("}\n"));
        assert!(out.starts_with("{\n  \"schema\": 1,"));
        let back: Work = serde_json::from_str(&out).unwrap();
        assert_eq!(back, work);
    }
}
