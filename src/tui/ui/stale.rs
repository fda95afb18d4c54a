//! The input-changed screen: what changed in the folder since the session
//! began, the decisions that no longer apply, and the keys to drop them or
//! quit. Drawn at any size (it wraps; below three rows only the list shows).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::i18n::{Shell, fill, plural, t};
use crate::text;
use crate::tui::app::Tone;
use crate::tui::gate::{FIRST_IDS, Gate, GateAction};
use crate::tui::keys;

/// Rows under the list: the message and the keys.
pub const FOOTER_ROWS: u16 = 2;

/// The scrolled part of the screen, one entry a line before wrapping.
pub fn lines(gate: &Gate) -> Vec<Line<'static>> {
    let theme = &gate.theme;
    let lang = gate.lang;
    let session = gate.origin.session_path.as_ref().map_or_else(
        || t(lang, Shell::StaleNoFile).to_string(),
        |p| p.display().to_string(),
    );
    let mut lines = vec![
        Line::styled(t(lang, Shell::StaleTitle), theme.title),
        Line::from(fill(
            lang,
            Shell::StaleSession,
            &[
                ("session", &session),
                (
                    "decisions",
                    &plural(
                        lang,
                        gate.opened.file.decisions.len(),
                        Shell::StaleDecision,
                        Shell::StaleDecisions,
                    ),
                ),
                ("input", &gate.origin.input),
            ],
        )),
        Line::default(),
    ];
    match &gate.opened.changes {
        Some(changes) if !changes.is_empty() => {
            lines.push(Line::styled(
                fill(lang, Shell::StaleChanged, &[("since", &changes.since)]),
                theme.warn,
            ));
            for change in changes.lines_in(lang, FIRST_IDS) {
                lines.push(Line::from(format!("   • {change}")));
            }
        }
        Some(_) => lines.push(Line::from(t(lang, Shell::StaleSame))),
        None => lines.push(Line::from(t(lang, Shell::StaleNoFingerprint))),
    }
    lines.push(Line::default());
    if !gate.unconfirmed.is_empty() {
        lines.push(Line::styled(
            plural(
                lang,
                gate.unconfirmed.len(),
                Shell::StaleRenamedOne,
                Shell::StaleRenamedMany,
            ),
            theme.bad,
        ));
        rows(gate, &gate.unconfirmed, &mut lines);
        lines.push(Line::default());
    }
    if gate.stale.is_empty() {
        if gate.unconfirmed.is_empty() {
            lines.push(Line::from(t(lang, Shell::StaleAllApply)));
        }
        return lines;
    }
    lines.push(Line::styled(
        plural(
            lang,
            gate.stale.len(),
            Shell::StaleListOne,
            Shell::StaleListMany,
        ),
        theme.bad,
    ));
    rows(gate, &gate.stale, &mut lines);
    lines
}

fn rows(gate: &Gate, rows: &[crate::tui::gate::StaleRow], lines: &mut Vec<Line<'static>>) {
    let theme = &gate.theme;
    let lang = gate.lang;
    for row in rows {
        let location = &row.decision.location;
        let place = match location.line {
            Some(line) => fill(lang, Shell::StaleLine, &[("line", &line.to_string())]),
            None => location.file.clone(),
        };
        let mut spans = vec![
            Span::styled(format!("   {}  ", text::pad_left(&place, 9)), theme.dim),
            Span::styled(row.what.clone(), theme.header),
        ];
        if let Some(reason) = row.reason.as_deref().filter(|r| !r.trim().is_empty()) {
            spans.push(Span::raw(fill(
                lang,
                Shell::StaleReason,
                &[("reason", &text::safe(reason))],
            )));
        }
        lines.push(Line::from(spans));
        lines.push(Line::styled(
            format!("              ✘ {}", row.decision.why.text(lang)),
            theme.bad,
        ));
    }
}

impl Widget for &Gate {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let lang = self.lang;
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
                    plural(lang, dropping, Shell::StaleDropOne, Shell::StaleDropMany),
                    theme.status,
                ),
                Span::styled(
                    format!(" {} ", keys::review_label(GateAction::Yes, true)),
                    theme.key,
                ),
                Span::styled(t(lang, Shell::StaleYes), theme.status),
                Span::styled(" n ", theme.key),
                Span::styled(t(lang, Shell::StaleNo), theme.status),
            ]
        } else {
            let drop_words = if n == 1 {
                Shell::StaleKeyDropIt
            } else {
                Shell::StaleKeyDropThese
            };
            let keys_words: Vec<(GateAction, Shell)> = if !self.unconfirmed.is_empty() && n == 0 {
                vec![
                    (GateAction::Keep, Shell::StaleKeyKeep),
                    (GateAction::Drop, Shell::StaleKeyDropThem),
                    (GateAction::Quit, Shell::StaleKeyQuit),
                ]
            } else if n > 0 {
                vec![
                    (GateAction::Drop, drop_words),
                    (GateAction::Up, Shell::StaleKeyScroll),
                    (GateAction::Quit, Shell::StaleKeyQuitAsIs),
                ]
            } else {
                vec![
                    (GateAction::Continue, Shell::StaleKeyGoOn),
                    (GateAction::Up, Shell::StaleKeyScroll),
                    (GateAction::Quit, Shell::StaleKeyQuit),
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
                        Span::styled(t(lang, words), theme.status),
                    ]
                })
                .collect()
        };
        Line::from(spans).render(keys, buf);
    }
}
