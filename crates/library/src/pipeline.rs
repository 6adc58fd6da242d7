//! The parallel engine of `import` and `reparse`: files are read and normalized on a rayon pool,
//! and their results are handed, **in input order**, to one consumer that writes them.
//!
//! Order matters for dedupe: when a folder holds the same story as txt, html and epub, which
//! copy becomes the work and which become extra sources must not depend on thread timing.
//! Workers claim jobs in order from a counter and never run more than `window` jobs ahead of
//! the consumer, so at most `window` results wait in memory however large the import is (a
//! 500,000-word novel may hold back the jobs after it; it never makes them pile up). Because
//! jobs are claimed in order, a worker waiting for room only ever waits for jobs already being
//! worked on: no deadlock. A job that panics (a bug) yields `None` instead of hanging the
//! consumer.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Condvar, Mutex, MutexGuard};

/// How a run is shaped.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    pub threads: usize,
    /// Most results prepared ahead of the consumer.
    pub window: usize,
    /// Most results handed to the consumer at once.
    pub batch: usize,
}

/// The consumer of a run: a batch of `(job index, result)`.
type Consume<'a, P, E> = dyn FnMut(Vec<(usize, Option<P>)>) -> Result<(), E> + 'a;

struct State<P> {
    next_claim: usize,
    next_consume: usize,
    ready: BTreeMap<usize, Option<P>>,
    stop: bool,
}

struct Shared<P> {
    state: Mutex<State<P>>,
    /// Signalled when the consumer makes room in the window (or stops).
    room: Condvar,
    /// Signalled when a result is ready.
    ready: Condvar,
}

impl<P> Shared<P> {
    fn lock(&self) -> MutexGuard<'_, State<P>> {
        // A panic is caught before it can poison the lock; this is a belt for the braces.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Run `prepare` over `jobs` in parallel and `consume` the results in job order, a batch at a
/// time (`(job index, result or None if preparing it panicked)`). The first error from
/// `consume` stops the run: no new job starts, and the error is returned once the running ones
/// finish.
pub(crate) fn run_ordered<J, P, E>(
    jobs: &[J],
    shape: Shape,
    prepare: impl Fn(&J) -> P + Sync,
    mut consume: impl FnMut(Vec<(usize, Option<P>)>) -> Result<(), E>,
) -> Result<(), E>
where
    J: Sync,
    P: Send,
{
    if jobs.is_empty() {
        return Ok(());
    }
    let threads = shape.threads.clamp(1, 64);
    let window = shape.window.max(threads).max(1);
    let batch = shape.batch.max(1);
    let shared = Shared {
        state: Mutex::new(State {
            next_claim: 0,
            next_consume: 0,
            ready: BTreeMap::new(),
            stop: false,
        }),
        room: Condvar::new(),
        ready: Condvar::new(),
    };
    let worker = || {
        loop {
            let index = {
                let mut s = shared.lock();
                while !s.stop
                    && s.next_claim < jobs.len()
                    && s.next_claim >= s.next_consume + window
                {
                    s = shared.room.wait(s).unwrap_or_else(|p| p.into_inner());
                }
                if s.stop || s.next_claim >= jobs.len() {
                    return;
                }
                s.next_claim += 1;
                s.next_claim - 1
            };
            let result = catch_unwind(AssertUnwindSafe(|| prepare(&jobs[index]))).ok();
            shared.lock().ready.insert(index, result);
            shared.ready.notify_one();
        }
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("ficshelf-read-{i}"))
        .build();
    let consume_all = |consume: &mut Consume<'_, P, E>| {
        let outcome = consume_loop(&shared, jobs.len(), batch, consume);
        let mut s = shared.lock();
        s.stop = true;
        drop(s);
        shared.room.notify_all();
        outcome
    };
    match pool {
        Ok(pool) => pool.in_place_scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|_| worker());
            }
            consume_all(&mut consume)
        }),
        // No threads to be had (a very constrained system): do it all on this thread.
        Err(_) => std::thread::scope(|scope| {
            scope.spawn(worker);
            consume_all(&mut consume)
        }),
    }
}

fn consume_loop<P, E>(
    shared: &Shared<P>,
    total: usize,
    batch: usize,
    consume: &mut Consume<'_, P, E>,
) -> Result<(), E> {
    loop {
        let items = {
            let mut s = shared.lock();
            if s.next_consume >= total {
                return Ok(());
            }
            while !s.ready.contains_key(&s.next_consume) {
                s = shared.ready.wait(s).unwrap_or_else(|p| p.into_inner());
            }
            let mut items = Vec::new();
            while items.len() < batch {
                let next = s.next_consume;
                match s.ready.remove(&next) {
                    Some(result) => {
                        items.push((next, result));
                        s.next_consume += 1;
                    }
                    None => break,
                }
            }
            items
        };
        shared.room.notify_all();
        consume(items)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    fn shape(threads: usize, window: usize, batch: usize) -> Shape {
        Shape {
            threads,
            window,
            batch,
        }
    }

    #[test]
    fn results_arrive_in_order_whatever_the_timing() {
        let jobs: Vec<u64> = (0..300).collect();
        let mut seen = Vec::new();
        let r: Result<(), ()> = run_ordered(
            &jobs,
            shape(4, 16, 7),
            |j| {
                // Early jobs slow, late ones fast: out-of-order completion on purpose.
                if j % 37 == 0 {
                    std::thread::sleep(Duration::from_millis(5));
                }
                j * 2
            },
            |batch| {
                assert!(batch.len() <= 7);
                seen.extend(batch.into_iter().map(|(i, p)| (i, p.unwrap())));
                Ok(())
            },
        );
        assert!(r.is_ok());
        let expected: Vec<(usize, u64)> = (0..300).map(|i| (i as usize, i * 2)).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn no_worker_runs_more_than_the_window_ahead() {
        let jobs: Vec<usize> = (0..200).collect();
        let consumed = AtomicUsize::new(0);
        let max_ahead = AtomicUsize::new(0);
        let r: Result<(), ()> = run_ordered(
            &jobs,
            shape(4, 8, 1),
            |&j| {
                let ahead = j.saturating_sub(consumed.load(Ordering::SeqCst));
                max_ahead.fetch_max(ahead, Ordering::SeqCst);
                j
            },
            |batch| {
                std::thread::sleep(Duration::from_micros(200));
                consumed.fetch_add(batch.len(), Ordering::SeqCst);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert!(max_ahead.load(Ordering::SeqCst) <= 8, "{max_ahead:?}");
    }

    #[test]
    fn a_consumer_error_stops_the_run() {
        let jobs: Vec<usize> = (0..10_000).collect();
        let prepared = AtomicUsize::new(0);
        let r = run_ordered(
            &jobs,
            shape(2, 4, 1),
            |&j| {
                prepared.fetch_add(1, Ordering::SeqCst);
                j
            },
            |batch| {
                if batch[0].0 == 5 {
                    Err("disk full")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err("disk full"));
        assert!(prepared.load(Ordering::SeqCst) < 100);
    }

    #[test]
    fn a_panicking_job_gives_none_and_the_run_goes_on() {
        let jobs: Vec<usize> = (0..20).collect();
        let mut results = Vec::new();
        let r: Result<(), ()> = run_ordered(
            &jobs,
            shape(3, 5, 4),
            |&j| {
                if j == 11 {
                    panic!("a bug in a reader");
                }
                j
            },
            |batch| {
                results.extend(batch.into_iter().map(|(_, p)| p));
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(results.len(), 20);
        assert_eq!(results[11], None);
        assert_eq!(results[12], Some(12));
    }
}
