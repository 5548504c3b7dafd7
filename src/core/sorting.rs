//! One sort for the whole page. Each `slice::sort_by` compiles the standard
//! library's sort afresh for its element type and comparison — about 4.5 KB of
//! WebAssembly a call site, and the page had 39 of them (145 KB raw, issue 13's
//! first-visit budget). These functions sort the *positions* 0..n with the
//! comparison behind `dyn`, so the standard sort is compiled once, then move
//! the items into that order; only that small move is compiled per type.
//!
//! The order is the standard stable sort's: items that compare equal keep their
//! order. Use these for the assessment's, charts' and maps' lists (thousands of
//! items at most); the importer's large sorts keep `slice::sort*`, whose speed
//! matters there and whose code the page does not carry.

use std::cmp::Ordering;
use std::collections::BTreeSet;

/// Sorts `items` by `compare`, stably.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` by the key `key` gives each, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The distinct items in order, as a set. `collect::<BTreeSet<_>>()` would sort
/// them first with a copy of the standard sort for the item type; inserting one
/// at a time needs none.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// The positions 0..len in the order `compare` (given two positions) sorts them.
/// Not inlined: this is the one copy of the standard sort.
#[inline(never)]
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves `items` so that the item at position `order[k]` ends at position `k`,
/// by following each cycle of the permutation with swaps (no copies, no clones).
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small generator, so the tests need no crate.
    fn numbers(seed: u64, n: usize, range: u64) -> Vec<u64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % range
            })
            .collect()
    }

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        for (seed, n, range) in [
            (1, 0, 5),
            (2, 1, 5),
            (3, 2, 2),
            (4, 17, 3),
            (5, 200, 1000),
            (6, 1000, 7),
        ] {
            // Pairs of (key, original position): stability shows in the positions.
            let items: Vec<(u64, usize)> = numbers(seed, n, range)
                .into_iter()
                .enumerate()
                .map(|(i, k)| (k, i))
                .collect();
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut standard = items.clone();
            standard.sort_by_key(|a| a.0);
            assert_eq!(ours, standard, "seed {seed}, {n} items");

            let mut descending = items.clone();
            sort_by_key(&mut descending, |item| std::cmp::Reverse(item.0));
            let mut expected = items.clone();
            expected.sort_by_key(|item| std::cmp::Reverse(item.0));
            assert_eq!(descending, expected);
        }
    }

    #[test]
    fn moves_items_that_cannot_be_copied() {
        let mut names: Vec<String> = ["Sevenoaks", "Ashford", "Dover", "Maidstone", "Ashford"]
            .map(String::from)
            .to_vec();
        sort(&mut names);
        assert_eq!(
            names,
            ["Ashford", "Ashford", "Dover", "Maidstone", "Sevenoaks"]
        );
    }
}
