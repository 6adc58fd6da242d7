//! Which index segments are merged: never into a segment of more than [`MAX_MERGED_DOCS`] works.
//!
//! A merge reads every segment it takes through tantivy's memory map, and those pages count in
//! the importing process's resident memory. tantivy's default policy ends up merging a whole
//! library into one segment: a 40,000-work import peaked at 350 MB, 185 MB of it index pages
//! mapped by the final merge, and the larger the library the larger that merge. Capping the
//! merged size bounds it whatever the library's size; a large library then keeps a few
//! segments of about the cap each (ten for 100,000 works), which searches go through in turn.
//!
//! The plan, each time the segments change: when [`MIN_SEGMENTS`] or more segments hold at most
//! half the cap, merge them smallest first, in groups whose works add up to at most the cap. A
//! segment with a quarter or more of its works deleted (replaced by newer versions) is rewritten
//! on its own, so deletions do not pile up in segments too large to merge again.

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{MergeCandidate, MergePolicy};

/// The most works a merge may produce. An average work takes ~4 KB of index, so a merge maps
/// at most ~80 MB.
pub(crate) const MAX_MERGED_DOCS: u32 = 20_000;

/// Small segments that must exist before they are merged (tantivy's default too): fewer merges,
/// each doing more.
pub(crate) const MIN_SEGMENTS: usize = 8;

/// The share of deleted works that makes a segment worth rewriting alone.
const DELETED_SHARE: f64 = 0.25;

/// The merge policy the index writer uses (see the module docs).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CappedMerges {
    pub max_docs: u32,
    pub min_segments: usize,
}

impl Default for CappedMerges {
    fn default() -> CappedMerges {
        CappedMerges {
            max_docs: MAX_MERGED_DOCS,
            min_segments: MIN_SEGMENTS,
        }
    }
}

/// What the plan needs to know of a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seg<T> {
    pub id: T,
    /// Works in it, deleted ones included.
    pub max_doc: u32,
    /// Works still live.
    pub live: u32,
}

impl CappedMerges {
    /// The merges to run, each a list of segment ids.
    pub(crate) fn plan<T: Copy>(&self, segments: &[Seg<T>]) -> Vec<Vec<T>> {
        let mut merges: Vec<Vec<T>> = Vec::new();
        let rewrite = |s: &Seg<T>| {
            s.max_doc > 0 && f64::from(s.max_doc - s.live) >= DELETED_SHARE * f64::from(s.max_doc)
        };
        let mut small: Vec<&Seg<T>> = Vec::new();
        for s in segments {
            if s.live <= self.max_docs / 2 {
                small.push(s);
            } else if rewrite(s) && s.max_doc <= self.max_docs {
                merges.push(vec![s.id]);
            }
        }
        if small.len() < self.min_segments.max(2) {
            return merges;
        }
        small.sort_by_key(|s| s.live);
        let mut group: Vec<T> = Vec::new();
        let mut docs = 0u32;
        for s in small {
            if docs + s.live > self.max_docs {
                // Two segments of at most half the cap each always fit: a group is >= 2.
                merges.push(std::mem::take(&mut group));
                docs = 0;
            }
            group.push(s.id);
            docs += s.live;
        }
        if group.len() >= 2 {
            merges.push(group);
        }
        merges
    }
}

impl MergePolicy for CappedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let segs: Vec<Seg<SegmentId>> = segments
            .iter()
            .map(|m| Seg {
                id: m.id(),
                max_doc: m.max_doc(),
                live: m.num_docs(),
            })
            .collect();
        self.plan(&segs).into_iter().map(MergeCandidate).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> CappedMerges {
        CappedMerges {
            max_docs: 1_000,
            min_segments: 4,
        }
    }

    fn segs(sizes: &[u32]) -> Vec<Seg<usize>> {
        sizes
            .iter()
            .enumerate()
            .map(|(id, &n)| Seg {
                id,
                max_doc: n,
                live: n,
            })
            .collect()
    }

    fn docs(plan: &[Vec<usize>], segments: &[Seg<usize>]) -> Vec<u32> {
        plan.iter()
            .map(|g| g.iter().map(|&i| segments[i].live).sum())
            .collect()
    }

    #[test]
    fn few_small_segments_wait() {
        assert!(policy().plan(&segs(&[100, 200, 300])).is_empty());
        assert!(policy().plan(&segs(&[900, 950, 990, 10])).is_empty());
    }

    #[test]
    fn no_merge_exceeds_the_cap() {
        let s = segs(&[100, 400, 300, 200, 500, 450, 50, 350]);
        let plan = policy().plan(&s);
        assert!(!plan.is_empty());
        for d in docs(&plan, &s) {
            assert!(d <= 1_000, "{plan:?}");
        }
        // Every small segment is in some merge but possibly the largest, left alone.
        let merged: usize = plan.iter().map(Vec::len).sum();
        assert!(merged >= s.len() - 1, "{plan:?}");
        for g in &plan {
            assert!(g.len() >= 2, "{plan:?}");
        }
    }

    #[test]
    fn large_segments_are_left_alone() {
        let s = segs(&[600, 700, 800, 999, 1_000, 20, 30]);
        assert!(policy().plan(&s).is_empty());
        let s = segs(&[600, 700, 10, 20, 30, 40]);
        assert_eq!(policy().plan(&s), vec![vec![2, 3, 4, 5]]);
    }

    #[test]
    fn a_segment_with_many_deletions_is_rewritten() {
        let s = vec![
            Seg {
                id: 0,
                max_doc: 900,
                live: 600,
            },
            Seg {
                id: 1,
                max_doc: 900,
                live: 880,
            },
        ];
        assert_eq!(policy().plan(&s), vec![vec![0]]);
    }

    #[test]
    fn repeated_commits_end_in_segments_near_the_cap() {
        // Simulate a long import: a small segment per commit, merges applied at once.
        let p = policy();
        let mut live: Vec<u32> = Vec::new();
        for commit in 0..400u32 {
            live.push(30 + commit % 40);
            loop {
                let s = segs(&live);
                let plan = p.plan(&s);
                if plan.is_empty() {
                    break;
                }
                let mut merged: Vec<u32> = docs(&plan, &s);
                let taken: Vec<usize> = plan.concat();
                let mut rest: Vec<u32> = live
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !taken.contains(i))
                    .map(|(_, &n)| n)
                    .collect();
                rest.append(&mut merged);
                live = rest;
            }
            assert!(live.iter().all(|&n| n <= 1_000), "{live:?}");
        }
        let total: u32 = live.iter().sum();
        // Few segments for the works held: merging does happen.
        assert!(live.len() <= (total / 500) as usize + 8, "{live:?}");
    }
}
