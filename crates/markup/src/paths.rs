//! Both halves of each fast-path function, for the fuzz targets (`crates/fuzzing`) that check
//! they agree on every input: not part of the API the pipeline uses.
//!
//! `sanitize`, `count_words` and `text_content` each answer a simple fragment in one scan and
//! anything else with an html5ever tree; the scan must give exactly the tree's answer. The
//! proptests beside the code check this on shaped input; the fuzzer checks it on whatever
//! coverage leads it to.

/// What each path gives for one fragment. The fast fields are `None` when the fragment is not
/// simple (the fast path declines it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub sanitize_fast: Option<String>,
    pub sanitize_slow: String,
    pub words_fast: Option<u64>,
    pub words_slow: u64,
    pub text_fast: Option<String>,
    pub text_slow: String,
}

/// Run both paths of every fast-path function over `html`.
pub fn both_paths(html: &str) -> Paths {
    let simple = crate::simple::scan(html, &mut Nothing).is_some();
    Paths {
        sanitize_fast: crate::sanitize::fast(html),
        sanitize_slow: crate::sanitize::slow(html),
        words_fast: crate::words::fast(html),
        words_slow: crate::words::slow(html),
        // `text_content` takes its fast path exactly when the scan accepts the fragment.
        text_fast: simple.then(|| crate::text::text_content(html)),
        text_slow: crate::text::slow_text_content(html),
    }
}

/// A scan sink that keeps nothing: only whether the fragment is simple matters.
struct Nothing;

impl<'a> crate::simple::Sink<'a> for Nothing {
    fn open(&mut self, _: &'static crate::simple::Elem, _: &[crate::simple::Attr<'a>]) {}
    fn close(&mut self, _: &'static crate::simple::Elem) {}
    fn text(&mut self, _: crate::simple::Piece<'a>) {}
    fn boundary(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_simple_fragment_takes_both_paths_to_the_same_answers() {
        let p = both_paths("<p>One <em>two</em> three.</p>");
        assert_eq!(p.sanitize_fast.as_deref(), Some(p.sanitize_slow.as_str()));
        assert_eq!(p.words_fast, Some(3));
        assert_eq!(p.words_slow, 3);
        assert_eq!(p.text_fast.as_deref(), Some(p.text_slow.as_str()));
    }

    #[test]
    fn a_script_is_left_to_the_slow_path() {
        let p = both_paths("<p>a</p><script>x()</script>");
        assert_eq!(p.sanitize_fast, None);
        assert_eq!(p.words_fast, None);
        assert_eq!(p.text_fast, None);
        assert_eq!(p.sanitize_slow, "<p>a</p>");
    }
}
