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

/// `s` cut to `columns` and padded with spaces on the right to exactly that width.
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

/// `s` broken into lines of at most `width` columns, each line after the
/// first indented two columns past `s`'s own leading spaces, so that a
/// wrapped item still reads as one. Latin text breaks at the last space
/// that fits (unless that would leave the line less than half full);
/// Chinese, which has no spaces, between any two characters.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let lead = s.len() - s.trim_start_matches(' ').len();
    let indent = " ".repeat((lead + 2).min(width / 2));
    let mut lines = Vec::new();
    let mut rest = s;
    loop {
        let prefix = if lines.is_empty() {
            ""
        } else {
            indent.as_str()
        };
        let room = width - self::width(prefix);
        if self::width(rest) <= room {
            lines.push(format!("{prefix}{rest}"));
            return lines;
        }
        let (mut used, mut cut, mut space) = (0, 0, None);
        for (i, c) in rest.char_indices() {
            let w = c.width().unwrap_or(0);
            if used + w > room {
                break;
            }
            used += w;
            cut = i + c.len_utf8();
            if c == ' ' && i > 0 {
                space = Some(i);
            }
        }
        let at = match space {
            // A word that ends exactly at the edge.
            _ if rest[cut..].starts_with(' ') && cut > 0 => cut,
            Some(i) if 2 * i >= cut => i,
            // Always at least one character, even one wider than the room.
            _ if cut == 0 => rest.chars().next().map_or(rest.len(), char::len_utf8),
            _ => cut,
        };
        lines.push(format!("{prefix}{}", &rest[..at]));
        rest = rest[at..].trim_start_matches(' ');
        if rest.is_empty() {
            return lines;
        }
    }
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
    fn wrapped_lines_hang_under_the_first_and_fit() {
        assert_eq!(
            wrap(" 1: the quota fills 3 and 4 hold it now", 16),
            [" 1: the quota", "   fills 3 and 4", "   hold it now"]
        );
        // Chinese breaks anywhere (a space that fits still goes first),
        // never inside a character.
        assert_eq!(
            wrap(" 第 107–108 名同分且跨越等級分界", 16),
            [" 第 107–108", "   名同分且跨越", "   等級分界"]
        );
        assert_eq!(
            wrap("名同分且跨越等級分界", 8),
            ["名同分且", "  跨越等", "  級分界"]
        );
        assert_eq!(wrap("short", 16), ["short"]);
        for line in wrap(
            "  M0023 Mei Müller 也應評分 E0791 廖冠彥：將 M0023 連結到 M0040",
            20,
        ) {
            assert!(width(&line) <= 20, "{line}");
        }
        // A character wider than the room still comes out, one a line.
        assert_eq!(wrap("評分", 1), ["評", "分"]);
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
