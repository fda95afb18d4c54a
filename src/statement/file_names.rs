//! File names for `statement --all`: one per employee, named by id, safe
//! on every file system.

use std::collections::HashSet;

/// The longest name kept from an id, in bytes (before the ending).
const MAX_STEM: usize = 100;

/// A file name stem for each id, in order: ASCII letters, digits, `-` and
/// `_` are kept, every other character becomes `_` (so no `/`, `..`,
/// control character or leading dot survives), cut to [`MAX_STEM`]. Two
/// ids that would share a name (`E/1` and `E_1`, or `e1` and `E1` on a
/// file system that ignores case) get `-N` after the later one, N being
/// its 1-based place in the list.
pub fn file_names<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken = HashSet::new();
    ids.into_iter()
        .enumerate()
        .map(|(i, id)| {
            let mut stem: String = id
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .take(MAX_STEM)
                .collect();
            if stem.is_empty() {
                stem.push('_');
            }
            if !taken.insert(stem.to_ascii_lowercase()) {
                stem = format!("{stem}-{}", i + 1);
                taken.insert(stem.to_ascii_lowercase());
            }
            stem
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_safe_distinct_names() {
        let names = file_names([
            "E0001",
            "../etc/passwd",
            "E/1",
            "E_1",
            "e0001",
            "",
            "王\u{202e}1",
            ".hidden",
        ]);
        assert_eq!(
            names,
            [
                "E0001",
                "___etc_passwd",
                "E_1",
                "E_1-4",
                "e0001-5",
                "_",
                "__1",
                "_hidden"
            ]
        );
    }
}
