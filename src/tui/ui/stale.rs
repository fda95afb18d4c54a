//! The input-changed screen: what changed in the folder since the session
//! began, the decisions that no longer apply, and the keys to drop them or
//! quit. Drawn at any size (it wraps; below three rows only the list shows).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::app::Tone;
use crate::tui::gate::{FIRST_IDS, Gate, GateAction};
use crate::tui::keys;

/// Rows under the list: the message and the keys.
pub const FOOTER_ROWS: u16 = 2;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The scrolled part of the screen, one entry a line before wrapping.
pub fn lines(gate: &Gate) -> Vec<Line<'static>> {
    let theme = &gate.theme;
    let session = gate
        .origin
        .session_path
        .as_ref()
        .map_or_else(|| "(not saved)".to_string(), |p| p.display().to_string());
    let mut lines = vec![
        Line::styled(
            " calibra · the input changed under this session",
            theme.title,
        ),
        Line::from(format!(
            " Session: {session} ({}) · Input: {}",
            plural(gate.opened.file.decisions.len(), "decision", "decisions"),
            gate.origin.input
        )),
        Line::default(),
    ];
    match &gate.opened.changes {
        Some(changes) if !changes.is_empty() => {
            lines.push(Line::styled(
                format!(
                    " What changed in the input since the session began ({}):",
                    changes.since
                ),
                theme.warn,
            ));
            for change in changes.lines(FIRST_IDS) {
                lines.push(Line::from(format!("   • {change}")));
            }
        }
        Some(_) => lines.push(Line::from(
            " The input is the same as when the session began.",
        )),
        None => lines.push(Line::from(
            " No fingerprint of the input this session began on was kept, so what changed cannot be listed.",
        )),
    }
    lines.push(Line::default());
    if !gate.unconfirmed.is_empty() {
        lines.push(Line::styled(
            format!(
                " {} about people whose name changed since the session began; {} until you say so (k keeps, d drops):",
                plural(gate.unconfirmed.len(), "decision is", "decisions are"),
                if gate.unconfirmed.len() == 1 { "it does not apply" } else { "they do not apply" }
            ),
            theme.bad,
        ));
        rows(gate, &gate.unconfirmed, &mut lines);
        lines.push(Line::default());
    }
    if gate.stale.is_empty() {
        if gate.unconfirmed.is_empty() {
            lines.push(Line::from(
                " Every decision still applies. Enter goes on with the input as it is now.",
            ));
        }
        return lines;
    }
    lines.push(Line::styled(
        format!(
            " {} to the input as it is now, so {} not applied:",
            plural(
                gate.stale.len(),
                "decision no longer applies",
                "decisions no longer apply"
            ),
            if gate.stale.len() == 1 {
                "it is"
            } else {
                "they are"
            }
        ),
        theme.bad,
    ));
    rows(gate, &gate.stale, &mut lines);
    lines
}

fn rows(gate: &Gate, rows: &[crate::tui::gate::StaleRow], lines: &mut Vec<Line<'static>>) {
    let theme = &gate.theme;
    for row in rows {
        let location = &row.decision.location;
        let place = match location.line {
            Some(line) => format!("line {line}"),
            None => location.file.clone(),
        };
        let mut spans = vec![
            Span::styled(format!("   {place:>9}  "), theme.dim),
            Span::styled(row.what.clone(), theme.header),
        ];
        if let Some(reason) = row.reason.as_deref().filter(|r| !r.trim().is_empty()) {
            spans.push(Span::raw(format!(
                "  reason: “{}”",
                crate::text::safe(reason)
            )));
        }
        lines.push(Line::from(spans));
        lines.push(Line::styled(
            format!("              ✘ {}", row.decision.why),
            theme.bad,
        ));
    }
}

impl Widget for &Gate {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        buf.set_style(area, theme.base);
        let footer = if area.height > FOOTER_ROWS {
            FOOTER_ROWS
        } else {
            0
        };
        let [body, message, keys] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(footer / 2),
            Constraint::Length(footer - footer / 2),
        ])
        .areas(area);
        let lines = lines(self);
        let scroll = self.scroll.min(lines.len().saturating_sub(1));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
            .render(body, buf);
        if let Some((text, tone)) = &self.message {
            let style = match tone {
                Tone::Error => theme.bad,
                Tone::Success => theme.good,
                Tone::Info => theme.base,
            };
            Line::styled(format!(" {text}"), style).render(message, buf);
        }
        buf.set_style(keys, theme.status);
        let n = self.stale.len();
        let dropping = n + self.unconfirmed.len();
        let spans = if self.confirming {
            vec![
                Span::styled(
                    format!(
                        " Drop {}? The session as it is now is kept as a copy first. ",
                        plural(dropping, "decision", "decisions")
                    ),
                    theme.status,
                ),
                Span::styled(
                    format!(" {} ", keys::review_label(GateAction::Yes, true)),
                    theme.key,
                ),
                Span::styled(" drop  ", theme.status),
                Span::styled(" n ", theme.key),
                Span::styled(" keep them ", theme.status),
            ]
        } else {
            let drop_words = format!(" drop {} ", if n == 1 { "it" } else { "these" });
            let keys_words: Vec<(GateAction, &str)> = if !self.unconfirmed.is_empty() && n == 0 {
                vec![
                    (GateAction::Keep, " keep them: the same people "),
                    (GateAction::Drop, " drop them "),
                    (GateAction::Quit, " quit "),
                ]
            } else if n > 0 {
                vec![
                    (GateAction::Drop, drop_words.as_str()),
                    (GateAction::Up, " scroll "),
                    (GateAction::Quit, " quit, leaving the session as it is "),
                ]
            } else {
                vec![
                    (GateAction::Continue, " go on "),
                    (GateAction::Up, " scroll "),
                    (GateAction::Quit, " quit "),
                ]
            };
            keys_words
                .into_iter()
                .flat_map(|(action, words)| {
                    [
                        Span::styled(
                            format!(" {} ", keys::review_label(action, false)),
                            theme.key,
                        ),
                        Span::styled(words.to_string(), theme.status),
                    ]
                })
                .collect()
        };
        Line::from(spans).render(keys, buf);
    }
}
