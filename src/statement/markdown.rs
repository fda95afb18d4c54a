//! A statement as Markdown. Every text from the input is made safe first
//! (control, bidi and invisible characters shown escaped, as on a
//! terminal), then escaped so that Markdown reads it as text: no HTML tag,
//! link, emphasis or table cell can come from a name, comment or reason.

use std::fmt::Write;

use super::{Block, Doc};
use crate::i18n::{Msg, fill};
use crate::text;

/// `s` as Markdown text: made safe, Markdown's markup characters escaped,
/// line breaks as `<br>` (so a comment of two lines stays in its cell).
fn escape(s: &str) -> String {
    let safe = text::safe_lines(s);
    let mut out = String::with_capacity(safe.len() + 8);
    for c in safe.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

pub fn write(doc: &Doc) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&doc.title));
    let _ = writeln!(out, "**{}**\n", escape(&doc.subtitle));
    for section in &doc.sections {
        if let Some(heading) = &section.heading {
            let _ = writeln!(out, "## {}\n", escape(heading));
        }
        for block in &section.blocks {
            match block {
                Block::Facts(facts) => {
                    for (label, value) in facts {
                        let line = fill(
                            doc.lang,
                            Msg::LabelValue,
                            &[("label", &escape(label)), ("value", &escape(value))],
                        );
                        let _ = writeln!(out, "- {line}");
                    }
                }
                Block::Table { header, rows } => {
                    let row = |cells: &[String]| {
                        let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
                        format!("| {} |", cells.join(" | "))
                    };
                    let _ = writeln!(out, "{}", row(header));
                    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
                    for cells in rows {
                        let _ = writeln!(out, "{}", row(cells));
                    }
                }
                Block::Text(text) => {
                    let _ = writeln!(out, "{}", escape(text));
                }
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "---\n\n{}", escape(&doc.footer));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_from_input_are_text() {
        assert_eq!(
            escape("<script>x</script>"),
            "&lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(escape("a|b *c* [d](e)"), "a\\|b \\*c\\* \\[d\\](e)");
        assert_eq!(
            escape("王\u{202e}五\u{1b}[2J"),
            "王\\\\u{202e}五\\\\u{1b}\\[2J"
        );
        assert_eq!(escape("兩行\n評語"), "兩行<br>評語");
    }
}
