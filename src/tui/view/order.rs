//! Putting a million table rows in order within a frame: rows are sorted
//! by a 64-bit key with a stable radix sort (a pass per 11 bits of the
//! keys' range), and text columns, which never change during a
//! session, are ranked once and then sort by that rank.

use std::cmp::Ordering;

/// Sorts `rows` by `key`, keeping the present order of rows with equal keys
/// (like `sort_by_key`), in a few linear passes.
pub fn sort_by_key(rows: &mut [usize], key: impl Fn(usize) -> u64) {
    if rows.len() < 2 {
        return;
    }
    let keys = rows.iter().map(|&row| key(row)).collect();
    sort_by_keys(rows, keys);
}

/// Sorts `rows` by `keys` (one a row, in the same order), rows with equal
/// keys in their present order.
///
/// Keys are taken relative to the smallest and packed with the row's
/// position into one `u64` when they fit (they do for every column of the
/// table), so that each pass moves 8 bytes a row; a pass sorts 11 bits.
/// Two buffers of a row each are all it allocates (the keys' is reused):
/// at a million rows, allocating and freeing was a third of the time.
pub fn sort_by_keys(rows: &mut [usize], keys: Vec<u64>) {
    let n = rows.len();
    debug_assert_eq!(keys.len(), n);
    let (min, max) = keys
        .iter()
        .fold((u64::MAX, 0), |(lo, hi), &k| (lo.min(k), hi.max(k)));
    if n < 2 || min >= max {
        return;
    }
    let key_bits = 64 - (max - min).leading_zeros();
    let place_bits = usize::BITS - (n - 1).leading_zeros();
    if key_bits + place_bits > 64 {
        let sorted = wide(keys.into_iter().zip(rows.iter().copied()).collect());
        rows.copy_from_slice(&sorted);
        return;
    }
    let mut packed = keys;
    for (place, k) in packed.iter_mut().enumerate() {
        *k = ((*k - min) << place_bits) | place as u64;
    }
    let mut spare = vec![0u64; n];
    let mut counts = vec![0usize; 1 << DIGIT_BITS];
    let mut shift = place_bits;
    while shift < place_bits + key_bits {
        let digit = |v: u64| ((v >> shift) & DIGIT_MASK) as usize;
        counts.fill(0);
        for &v in &packed {
            counts[digit(v)] += 1;
        }
        let mut start = 0;
        for count in counts.iter_mut() {
            (*count, start) = (start, start + *count);
        }
        for &v in &packed {
            let d = digit(v);
            spare[counts[d]] = v;
            counts[d] += 1;
        }
        std::mem::swap(&mut packed, &mut spare);
        shift += DIGIT_BITS;
    }
    // The rows as they were, then each put at its place.
    for (was, &row) in spare.iter_mut().zip(rows.iter()) {
        *was = row as u64;
    }
    let place_mask = (1u64 << place_bits) - 1;
    for (row, &v) in rows.iter_mut().zip(&packed) {
        *row = spare[(v & place_mask) as usize] as usize;
    }
}

const DIGIT_BITS: u32 = 11;
const DIGIT_MASK: u64 = (1 << DIGIT_BITS) - 1;

/// [`sort_pairs`] for keys too wide to pack: a pass per byte that varies.
fn wide(mut pairs: Vec<(u64, usize)>) -> Vec<usize> {
    let (mut all_ones, mut all_zeros) = (u64::MAX, u64::MAX);
    for &(k, _) in &pairs {
        all_ones &= k;
        all_zeros &= !k;
    }
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
            (*count, start) = (start, start + *count);
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
            prop_assert_eq!(&rows, &expected);
            // Keys too wide to pack with their place take the byte passes.
            let rows: Vec<usize> = (0..keys.len()).rev().collect();
            prop_assert_eq!(wide(rows.iter().map(|&r| (keys[r], r)).collect()), expected);
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
