//! Work on every core with the results taken in order: what the assessment's ranges, the
//! renderers' chunks of rows and the checks of the series share. One worker per core takes the
//! next item as soon as it is free (no core waits for the slowest of a round, as when the items
//! went a round per core at a time), and the calling thread hands the results on in the items'
//! order while the workers go on. At most a few items ([`Ahead`]) are taken beyond the result
//! handed on last, so memory stays bounded however many items there are.

use std::collections::BTreeMap;
use std::sync::{mpsc, Condvar, Mutex};

/// How many items may be taken beyond the result handed on last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ahead {
    /// Two per core: a core seldom waits for another's item to be handed on first.
    TwoPerCore,
    /// One per core and one more, for results of megabytes each (JSON rows with their
    /// observations): national `compare --format json --observations` peaked at 136 MiB with
    /// two per core and at 132 MiB with this, as fast (medians of 9, alternating); with one
    /// per core, 126 MiB but a tenth slower, the cores waiting for each other's turn.
    OneMore,
}

/// `make` on each of `items` on every core, and `sink` on what it made, in the items' order
/// (on the calling thread). Stops at the first error `sink` returns: no item is taken after it.
pub(crate) fn in_order<I: Send, T: Send, E>(
    items: impl IntoIterator<Item = I>,
    make: impl Fn(I) -> T + Sync,
    sink: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    in_order_ahead(items, Ahead::TwoPerCore, make, sink)
}

/// [`in_order`], taking at most `ahead` items beyond the result handed on last.
pub(crate) fn in_order_ahead<I: Send, T: Send, E>(
    items: impl IntoIterator<Item = I>,
    ahead: Ahead,
    make: impl Fn(I) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let items: Vec<I> = items.into_iter().collect();
    if threads == 1 || items.len() <= 1 {
        return items.into_iter().try_for_each(|item| sink(make(item)));
    }
    let workers = threads.min(items.len());
    let queue = Queue {
        state: Mutex::new(Taking {
            items: items.into_iter(),
            taken: 0,
            handed_on: 0,
            stopped: false,
        }),
        turn: Condvar::new(),
        window: match ahead {
            Ahead::TwoPerCore => 2 * workers,
            Ahead::OneMore => workers + 1,
        },
    };
    let (queue, make) = (&queue, &make);
    std::thread::scope(|scope| {
        let (made, results) = mpsc::channel::<(usize, T)>();
        for _ in 0..workers {
            let made = made.clone();
            scope.spawn(move || {
                // A worker that panics stops the others, so that none waits for its result;
                // the panic then reaches the caller.
                let _stop = StopOnDrop(queue);
                while let Some((at, item)) = queue.take() {
                    if made.send((at, make(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(made);
        // A panic here (in `sink`) stops the workers too, rather than leave them waiting for
        // results that are never handed on.
        let _stop = StopOnDrop(queue);
        // Results that came before their turn, by position.
        let mut early = BTreeMap::new();
        let mut next = 0;
        for (at, result) in results {
            early.insert(at, result);
            while let Some(result) = early.remove(&next) {
                next += 1;
                let sunk = sink(result);
                queue.handed_on(next, sunk.is_err());
                sunk?;
            }
        }
        Ok(())
    })
}

/// The items still to take, shared by the workers.
struct Queue<I> {
    state: Mutex<Taking<I>>,
    /// Told when a result is handed on or the work stops: a waiting worker may go on.
    turn: Condvar,
    /// How many items may be taken beyond the result handed on last.
    window: usize,
}

struct Taking<I> {
    items: std::vec::IntoIter<I>,
    taken: usize,
    handed_on: usize,
    stopped: bool,
}

impl<I> Queue<I> {
    /// The next item with its position, once it is within the window; `None` when there are
    /// no more or the work stopped.
    fn take(&self) -> Option<(usize, I)> {
        let mut state = self.lock();
        while !state.stopped && state.taken >= state.handed_on + self.window {
            state = self.turn.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        if state.stopped {
            return None;
        }
        let item = state.items.next()?;
        state.taken += 1;
        Some((state.taken - 1, item))
    }

    /// `count` results are handed on (and the work stops when `stop`).
    fn handed_on(&self, count: usize, stop: bool) {
        let mut state = self.lock();
        state.handed_on = count;
        state.stopped |= stop;
        drop(state);
        self.turn.notify_all();
    }

    fn stop(&self) {
        self.lock().stopped = true;
        self.turn.notify_all();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Taking<I>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Stops the work when the thread it is on panics (a worker, or the one handing on).
struct StopOnDrop<'q, I>(&'q Queue<I>);

impl<I> Drop for StopOnDrop<'_, I> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_and_an_error_stops() {
        let mut seen = Vec::new();
        let all: Result<(), ()> = in_order(
            0..37,
            |i| i * i,
            |v| {
                seen.push(v);
                Ok(())
            },
        );
        assert!(all.is_ok());
        assert_eq!(seen, (0..37).map(|i| i * i).collect::<Vec<_>>());
        let mut taken = 0;
        let stopped = in_order(
            0..37,
            |i| i,
            |v| {
                taken += 1;
                if v == 5 {
                    Err(v)
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!((stopped, taken), (Err(5), 6));
    }

    /// Items that take longer early still come out in order, and the workers never run more
    /// than the window ahead of the result handed on last, for either window.
    #[test]
    fn slow_items_keep_their_place_and_the_work_stays_within_its_window() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        for ahead in [Ahead::TwoPerCore, Ahead::OneMore] {
            let handed = AtomicUsize::new(0);
            let furthest_ahead = AtomicUsize::new(0);
            let mut seen = Vec::new();
            let all: Result<(), ()> = in_order_ahead(
                0..40usize,
                ahead,
                |i| {
                    let ahead = i - handed.load(Ordering::SeqCst);
                    furthest_ahead.fetch_max(ahead, Ordering::SeqCst);
                    // Every fourth item is slow: the others finish before it.
                    if i % 4 == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(5));
                    }
                    i * 10
                },
                |v| {
                    seen.push(v);
                    handed.fetch_add(1, Ordering::SeqCst);
                    Ok(())
                },
            );
            assert!(all.is_ok());
            assert_eq!(seen, (0..40).map(|i| i * 10).collect::<Vec<_>>());
            let window = match (threads, ahead) {
                (1, _) => 0,
                (_, Ahead::TwoPerCore) => 2 * threads,
                (_, Ahead::OneMore) => threads + 1,
            };
            assert!(
                furthest_ahead.load(Ordering::SeqCst) < window.max(1),
                "{ahead:?}: an item {} ahead of the one awaited; the window is {window}",
                furthest_ahead.load(Ordering::SeqCst)
            );
        }
    }

    /// A panic in a worker or in the sink reaches the caller, and no worker is left waiting
    /// for a result that never comes.
    #[test]
    fn a_panic_reaches_the_caller_and_nothing_hangs() {
        for in_sink in [false, true] {
            let (done, finished) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let outcome = std::panic::catch_unwind(|| {
                    in_order(
                        0..100,
                        |i| {
                            assert!(in_sink || i != 3, "item 3 fails");
                            i
                        },
                        |i| {
                            assert!(!in_sink || i != 3, "item 3 fails");
                            Ok::<(), ()>(())
                        },
                    )
                });
                let _ = done.send(outcome.is_err());
            });
            let panicked = finished.recv_timeout(std::time::Duration::from_secs(20));
            assert_eq!(panicked, Ok(true), "in the sink: {in_sink}");
        }
    }
}
