//! Putting a million table rows in order within a frame: rows are sorted
//! by a 64-bit key with a stable radix sort (only the key's bytes that
//! differ cost a pass), and text columns, which never change during a
//! session, are ranked once and then sort by that rank.

use std::cmp::Ordering;

/// Sorts `rows` by `key`, keeping the present order of rows with equal keys
/// (like `sort_by_key`), in a few linear passes.
pub fn sort_by_key(rows: &mut Vec<usize>, key: impl Fn(usize) -> u64) {
    if rows.len() < 2 {
        return;
    }
    *rows = sort_pairs(rows.iter().map(|&row| (key(row), row)).collect());
}

/// The rows of `(key, row)` pairs in key order, pairs with equal keys in
/// their present order.
pub fn sort_pairs(mut pairs: Vec<(u64, usize)>) -> Vec<usize> {
    let (mut all_ones, mut all_zeros) = (u64::MAX, u64::MAX);
    for &(k, _) in &pairs {
        all_ones &= k;
        all_zeros &= !k;
    }
    // Bits that are the same in every key: their bytes need no pass.
    let varying = !(all_ones | all_zeros);
    let mut spare = vec![(0u64, 0usize); pairs.len()];
    for byte in 0..8 {
        let shift = byte * 8;
        if (varying >> shift) & 0xff == 0 {
            continue;
        }
        let mut counts = [0usize; 256];
        for &(k, _) in &pairs {
            counts[((k >> shift) & 0xff) as usize] += 1;
        }
        let mut start = 0;
        for count in counts.iter_mut() {
            let n = *count;
            *count = start;
            start += n;
        }
        for &pair in &pairs {
            let digit = ((pair.0 >> shift) & 0xff) as usize;
            spare[counts[digit]] = pair;
            counts[digit] += 1;
        }
        std::mem::swap(&mut pairs, &mut spare);
    }
    pairs.into_iter().map(|(_, row)| row).collect()
}

/// Each item's place among `n` items in the order `cmp` gives (equal items
/// share the lower place), to sort by with [`sort_by_key`].
pub fn ranks(n: usize, cmp: impl Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|&a, &b| cmp(a, b));
    let mut rank = vec![0u32; n];
    let mut place = 0u32;
    for (i, &item) in order.iter().enumerate() {
        if i > 0 && cmp(order[i - 1], item) != Ordering::Equal {
            place = u32::try_from(i).unwrap_or(u32::MAX);
        }
        rank[item] = place;
    }
    rank
}

/// A signed key as an unsigned one that sorts the same way.
pub fn signed(key: i64) -> u64 {
    (key as u64) ^ (1 << 63)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_a_stable_sort_does(
            keys in proptest::collection::vec(any::<u64>(), 0..300),
            narrow in any::<bool>(),
        ) {
            // Narrow keys repeat, so that the order of equal keys shows.
            let keys: Vec<u64> = keys.iter().map(|&k| if narrow { (k % 7) << 40 } else { k }).collect();
            let mut rows: Vec<usize> = (0..keys.len()).rev().collect();
            let mut expected = rows.clone();
            expected.sort_by_key(|&r| keys[r]);
            sort_by_key(&mut rows, |r| keys[r]);
            prop_assert_eq!(rows, expected);
        }

        #[test]
        fn ranks_order_as_the_comparison_does(words in proptest::collection::vec("[a-c]{0,3}", 0..60)) {
            let rank = ranks(words.len(), |a, b| words[a].cmp(&words[b]));
            for a in 0..words.len() {
                for b in 0..words.len() {
                    prop_assert_eq!(rank[a].cmp(&rank[b]), words[a].cmp(&words[b]));
                }
            }
        }

        #[test]
        fn signed_keys_keep_their_order(a in any::<i64>(), b in any::<i64>()) {
            prop_assert_eq!(signed(a).cmp(&signed(b)), a.cmp(&b));
        }
    }
}
