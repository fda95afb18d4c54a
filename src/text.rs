//! Text measured and cut by display width, so Chinese names (two columns a
//! character) line up and are never split.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The longest prefix of `s` that fits in `max` columns, with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` cut to `columns` and padded with spaces on the right to exactly that width.
/// The end of `s` that fits in `max` columns (whole characters), with `…`
/// in front when something was cut: where typing happens is what shows.
pub fn tail(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut used = 1;
    let mut start = s.len();
    for (i, c) in s.char_indices().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max {
            break;
        }
        used += w;
        start = i;
    }
    format!("…{}", &s[start..])
}

pub fn pad_right(s: &str, columns: usize) -> String {
    let cut = truncate(s, columns);
    let fill = columns.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

/// `s` cut to `columns` and padded with spaces on the left to exactly that width.
pub fn pad_left(s: &str, columns: usize) -> String {
    let cut = truncate(s, columns);
    let fill = columns.saturating_sub(width(&cut));
    format!("{}{cut}", " ".repeat(fill))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_twice_and_are_never_split() {
        assert_eq!(width("陳怡君"), 6);
        assert_eq!(pad_right("陳怡君", 8), "陳怡君  ");
        assert_eq!(pad_left("陳怡君", 7), " 陳怡君");
        // 5 columns: two characters (4) plus the ellipsis (1).
        assert_eq!(truncate("陳怡君", 5), "陳怡…");
        // 4 columns: one character plus ellipsis; a half character never appears.
        assert_eq!(truncate("陳怡君", 4), "陳…");
        assert_eq!(width(&pad_right("陳怡君", 4)), 4);
        assert_eq!(truncate("abc", 0), "");
    }
}
