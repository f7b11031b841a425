//! Work in rounds on every core with the results taken in order: what the assessment's ranges
//! and the renderers' chunks of rows share. A round holds one item per core, so at most that
//! many results are held before they are taken.

/// `make` on each of `items`, a round of one item per core at a time, and `sink` on what it
/// made, in the items' order. Stops at the first error `sink` returns.
pub(crate) fn in_rounds<I: Send, T: Send, E>(
    items: impl IntoIterator<Item = I>,
    make: impl Fn(I) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let make = &make;
    let mut items = items.into_iter();
    loop {
        let round: Vec<I> = items.by_ref().take(threads).collect();
        if round.is_empty() {
            return Ok(());
        }
        let done: Vec<T> = if round.len() == 1 {
            round.into_iter().map(make).collect()
        } else {
            std::thread::scope(|scope| {
                let running: Vec<_> = round
                    .into_iter()
                    .map(|item| scope.spawn(move || make(item)))
                    .collect();
                running
                    .into_iter()
                    .map(|t| t.join().expect("a worker thread does not panic"))
                    .collect()
            })
        };
        for t in done {
            sink(t)?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_and_an_error_stops() {
        let mut seen = Vec::new();
        let all: Result<(), ()> = in_rounds(
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
        let stopped = in_rounds(
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
}
