//! A statement as one printable HTML page: A4, print styles, no script,
//! no external resource (fonts, styles and images are all the reader's
//! own). Every text is made safe (control, bidi and invisible characters
//! shown escaped) and then HTML-escaped.

use std::fmt::Write;

use super::{Block, Doc};
use crate::text;

/// The page's styles: plain, readable on screen, tidy on A4 paper.
const STYLE: &str = "\
@page { size: A4; margin: 18mm 16mm; }
html { font-family: \"Noto Sans CJK TC\", \"Noto Sans CJK SC\", \"PingFang TC\", \"Microsoft JhengHei\", \"Microsoft YaHei\", sans-serif; color: #1a1a1a; }
body { max-width: 178mm; margin: 2em auto; padding: 0 1em; line-height: 1.6; font-size: 11pt; }
h1 { font-size: 18pt; margin: 0 0 .2em; }
.who { font-size: 13pt; margin: 0 0 1.2em; }
h2 { font-size: 12.5pt; border-bottom: 1px solid #999; padding-bottom: .15em; margin: 1.4em 0 .5em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25em 1.2em; margin: .4em 0; }
dt { color: #444; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border: 1px solid #bbb; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
footer { margin-top: 2em; padding-top: .5em; border-top: 1px solid #999; color: #555; font-size: 9.5pt; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  table, dl, p { break-inside: avoid; }
  th { background: #f0f0f0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

/// `s` as HTML text: made safe, `& < > " '` escaped, line breaks as `<br>`.
fn escape(s: &str) -> String {
    let safe = text::safe_lines(s);
    let mut out = String::with_capacity(safe.len() + 8);
    for c in safe.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// Whether a cell holds a number, to align it right.
fn is_number(cell: &str) -> bool {
    !cell.is_empty()
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
}

pub fn write(doc: &Doc) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} · {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n",
        doc.lang.code(),
        escape(&doc.title),
        escape(&doc.subtitle),
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&doc.title));
    let _ = writeln!(out, "<p class=\"who\">{}</p>", escape(&doc.subtitle));
    for section in &doc.sections {
        out.push_str("<section>\n");
        if let Some(heading) = &section.heading {
            let _ = writeln!(out, "<h2>{}</h2>", escape(heading));
        }
        for block in &section.blocks {
            match block {
                Block::Facts(facts) => {
                    out.push_str("<dl>\n");
                    for (label, value) in facts {
                        let _ =
                            writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(value));
                    }
                    out.push_str("</dl>\n");
                }
                Block::Table { header, rows } => {
                    out.push_str("<table>\n<thead><tr>");
                    for cell in header {
                        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(cell));
                    }
                    out.push_str("</tr></thead>\n<tbody>\n");
                    for cells in rows {
                        out.push_str("<tr>");
                        for cell in cells {
                            let class = if is_number(cell) { " class=\"n\"" } else { "" };
                            let _ = write!(out, "<td{class}>{}</td>", escape(cell));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
                Block::Text(text) => {
                    let _ = writeln!(out, "<p>{}</p>", escape(text));
                }
            }
        }
        out.push_str("</section>\n");
    }
    let _ = write!(
        out,
        "</main>\n<footer>{}</footer>\n</body>\n</html>\n",
        escape(&doc.footer)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_input_cannot_become_markup() {
        assert_eq!(
            escape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("a&b \"c\""), "a&amp;b &quot;c&quot;");
        assert_eq!(escape("E\u{202e}1\u{1b}[31m"), "E\\u{202e}1\\u{1b}[31m");
        assert_eq!(escape("第一行\n第二行"), "第一行<br>第二行");
    }
}
