//! Work split over two cores: the machine calibra is built for has two, and
//! at company scale the per-item work of a recomputation (a million
//! ratings, people or raters) is independent from item to item.

/// `f` on every item of `items` with its index, in two halves on two cores
/// when `split` (the caller knows when the work is worth a thread), else
/// in order on this one.
pub fn each<T: Send>(items: &mut [T], split: bool, f: impl Fn((usize, &mut T)) + Sync) {
    if !split || items.len() < 2 {
        items.iter_mut().enumerate().for_each(f);
        return;
    }
    let mid = items.len() / 2;
    let (first, second) = items.split_at_mut(mid);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            second
                .iter_mut()
                .enumerate()
                .for_each(|(i, item)| f((mid + i, item)))
        });
        first.iter_mut().enumerate().for_each(&f);
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_item_is_visited_once_with_its_index() {
        for split in [false, true] {
            for n in [0, 1, 2, 7, 100] {
                let mut items = vec![0usize; n];
                super::each(&mut items, split, |(i, item)| *item += i + 1);
                assert_eq!(items, (1..=n).collect::<Vec<_>>(), "{n}, split {split}");
            }
        }
    }
}
