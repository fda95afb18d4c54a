//! Text measured and cut by display width, so Chinese names (two columns a
//! character) line up and are never split; and text from input made safe
//! to show ([`safe`]): no escape sequence, bidi override or invisible
//! character in a name reaches a terminal as such.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether `c` must not reach a terminal as it is: a control character
/// (escape sequences, bells, line breaks inside a value), a bidirectional
/// control (which reorders the rest of the line) or an invisible format
/// character (zero-width space, joiners, byte-order mark, soft hyphen).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// `s` with every [`is_unsafe`] character shown as its escape (`\u{1b}`),
/// so that what a person sees is what the text holds. Borrowed when
/// nothing needs escaping (almost always).
pub fn safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text of several lines for a terminal: each line made [`safe`], the line
/// breaks between them kept.
pub fn safe_lines(s: &str) -> String {
    s.split('\n').map(safe).collect::<Vec<_>>().join("\n")
}

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
    fn escapes_bidi_and_invisibles_are_shown_escaped() {
        assert_eq!(safe("王經理"), "王經理");
        assert!(matches!(safe("E0001"), Cow::Borrowed(_)));
        assert_eq!(
            safe("\u{1b}]0;pwned\u{7}\u{1b}[2J"),
            "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J"
        );
        assert_eq!(safe("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(safe("E\u{200b}1"), "E\\u{200b}1");
        assert_eq!(safe_lines("a\u{7}\nb"), "a\\u{7}\nb");
    }

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
