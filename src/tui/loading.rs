//! Opening a session behind a progress screen: the folder is read, parsed
//! and replayed on a thread of its own while the screen draws from its
//! first frame what is being done and for how long, so a folder of a
//! million people never shows a blank terminal.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};

use super::Options;
use super::open::{Opening, prepare};
use super::theme::Theme;
use crate::i18n::{Lang, Shell, fill, t};
use crate::text;

/// How often the progress screen is drawn again.
const TICK: Duration = Duration::from_millis(80);

/// Below this, opening is not worth a progress screen (the demo, a small
/// folder): the first frame is the session's, and an input that cannot be
/// opened is reported before the terminal is touched.
pub const QUICK: Duration = Duration::from_millis(40);

/// What opening is doing now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading and parsing the folder, and checking its fingerprint.
    Reading,
    /// Replaying the session's decisions.
    Replaying,
    /// Computing the figures every screen shows.
    Preparing,
}

impl Phase {
    const ALL: [Phase; 3] = [Phase::Reading, Phase::Replaying, Phase::Preparing];

    fn label(self, lang: Lang) -> &'static str {
        t(
            lang,
            match self {
                Phase::Reading => Shell::PhaseReading,
                Phase::Replaying => Shell::PhaseReplaying,
                Phase::Preparing => Shell::PhasePreparing,
            },
        )
    }
}

/// How opening ended.
pub enum Opened {
    Done(Result<Opening, String>),
    /// The operator left (q, Esc or Ctrl-C) before it was ready.
    Left,
}

/// A session being opened on a thread of its own.
pub struct Pending {
    done: mpsc::Receiver<Result<Opening, String>>,
    phases: mpsc::Receiver<Phase>,
    started: Instant,
}

impl Pending {
    /// Starts opening the session `options` asks for.
    pub fn start(options: &Options) -> Pending {
        let (phases, phase_rx) = mpsc::channel();
        let (done, done_rx) = mpsc::channel();
        let task = options.clone();
        let spawned = std::thread::Builder::new()
            .name("open".into())
            .spawn(move || {
                let opening = prepare(&task, &|phase| {
                    let _ = phases.send(phase);
                });
                let _ = done.send(opening);
            });
        // Without a thread the sender is dropped at once: `wait` reports it.
        drop(spawned);
        Pending {
            done: done_rx,
            phases: phase_rx,
            started: Instant::now(),
        }
    }

    /// The result, if it comes within `wait`.
    pub fn wait(&self, wait: Duration) -> Option<Result<Opening, String>> {
        match self.done.recv_timeout(wait) {
            Ok(opening) => Some(opening),
            Err(RecvTimeoutError::Disconnected) => Some(Err(FAILED.to_string())),
            Err(RecvTimeoutError::Timeout) => None,
        }
    }

    /// The result, however long it takes (when there is no screen to show
    /// progress on).
    pub fn finish(self) -> Result<Opening, String> {
        self.done.recv().unwrap_or_else(|_| Err(FAILED.to_string()))
    }

    /// Draws the progress screen until the session is open or the operator
    /// leaves.
    pub fn show(
        self,
        terminal: &mut ratatui::DefaultTerminal,
        options: &Options,
    ) -> std::io::Result<Opened> {
        let theme = Theme::new(options.theme);
        let what = options
            .dir
            .as_ref()
            .map_or(t(options.lang, Shell::LoadingDemo).to_string(), |d| {
                d.display().to_string()
            });
        let mut phase = Phase::Reading;
        loop {
            while let Ok(next) = self.phases.try_recv() {
                phase = next;
            }
            let screen = Progress {
                what: &what,
                phase,
                elapsed: self.started.elapsed(),
                theme: &theme,
                lang: options.lang,
            };
            super::draw(terminal, &screen)?;
            while event::poll(Duration::ZERO)? {
                if let Event::Key(key) = event::read()?
                    && key.kind == KeyEventKind::Press
                    && (matches!(key.code, KeyCode::Char('q') | KeyCode::Esc)
                        || (key.code == KeyCode::Char('c')
                            && key.modifiers.contains(KeyModifiers::CONTROL)))
                {
                    return Ok(Opened::Left);
                }
            }
            if let Some(opening) = self.wait(TICK) {
                return Ok(Opened::Done(opening));
            }
        }
    }
}

/// Said if the opening thread failed (it never panics on input: fuzzed).
const FAILED: &str = "calibra failed while opening the session (please report this)";

/// The progress screen: what is opened, the steps (done, now, to come),
/// the time so far and a bar that moves while the work goes on.
pub struct Progress<'a> {
    pub what: &'a str,
    pub phase: Phase,
    pub elapsed: Duration,
    pub theme: &'a Theme,
    pub lang: Lang,
}

impl Widget for &Progress<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let lang = self.lang;
        let width = area.width.min(72);
        let height = area.height.min(7);
        let [_, middle, _] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(height),
            Constraint::Fill(1),
        ])
        .areas(area);
        let [_, boxed, _] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(width),
            Constraint::Fill(1),
        ])
        .areas(middle);
        let block = Block::bordered()
            .border_style(theme.border_selected)
            .title(Line::styled(" calibra ", theme.title));
        let inner = block.inner(boxed);
        block.render(boxed, buf);
        let room = usize::from(inner.width.saturating_sub(2));
        let now = Phase::ALL
            .iter()
            .position(|&p| p == self.phase)
            .unwrap_or(0);
        let opening = fill(lang, Shell::LoadingOpening, &[("what", "")]);
        let what = text::truncate(
            &text::safe(self.what),
            room.saturating_sub(text::width(&opening)),
        );
        let mut lines = vec![Line::styled(
            fill(lang, Shell::LoadingOpening, &[("what", &what)]),
            theme.header,
        )];
        for (i, phase) in Phase::ALL.iter().enumerate() {
            let (mark, style) = match i.cmp(&now) {
                std::cmp::Ordering::Less => ("✔", theme.good),
                std::cmp::Ordering::Equal => ("▶", theme.base),
                std::cmp::Ordering::Greater => ("·", theme.dim),
            };
            lines.push(Line::styled(
                format!(" {mark} {}", phase.label(lang)),
                style,
            ));
        }
        lines.push(Line::styled(
            fill(
                lang,
                Shell::LoadingElapsed,
                &[
                    ("bar", &bar(self.elapsed, room.saturating_sub(14).min(40))),
                    ("seconds", &format!("{:.1}", self.elapsed.as_secs_f64())),
                ],
            ),
            theme.dim,
        ));
        Paragraph::new(lines).render(inner, buf);
    }
}

/// A bar `width` wide with a block that sweeps along it as time passes:
/// opening has no known length, but the screen shows it is working.
fn bar(elapsed: Duration, width: usize) -> String {
    if width < 4 {
        return String::new();
    }
    let block = 3;
    let steps = width - block + 1;
    // One sweep every 1.5 s, there and back.
    let tick = (elapsed.as_millis() / 60) as usize % (2 * steps);
    let at = if tick < steps {
        tick
    } else {
        2 * steps - 1 - tick
    };
    let mut out = String::with_capacity(width * 3);
    for i in 0..width {
        out.push(if (at..at + block).contains(&i) {
            '█'
        } else {
            '░'
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_keeps_its_width_and_its_block_moves() {
        let at = |ms| bar(Duration::from_millis(ms), 10);
        for ms in (0..3000).step_by(37) {
            assert_eq!(at(ms).chars().count(), 10);
            assert_eq!(at(ms).chars().filter(|&c| c == '█').count(), 3);
        }
        assert!(at(0).starts_with("███░"));
        assert_ne!(at(0), at(120));
        // There and back: after one sweep it is at the far end.
        assert!(at(7 * 60).ends_with("███"));
        assert_eq!(bar(Duration::ZERO, 3), "");
    }

    #[test]
    fn the_screen_draws_at_every_small_size() {
        let theme = Theme::new(super::super::theme::ThemeName::Dark);
        for (w, h) in [(1, 1), (2, 1), (5, 3), (20, 4), (30, 10), (80, 24)] {
            let screen = Progress {
                what: "/a/very/long/folder/name/that/does/not/fit/anywhere/at/all",
                phase: Phase::Preparing,
                elapsed: Duration::from_secs(3),
                theme: &theme,
                lang: Lang::En,
            };
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            (&screen).render(area, &mut buf);
        }
    }

    #[test]
    fn the_screen_shows_what_is_done_and_what_is_being_done() {
        let theme = Theme::new(super::super::theme::ThemeName::Dark);
        let screen = Progress {
            what: "/data/acme",
            phase: Phase::Replaying,
            elapsed: Duration::from_millis(1234),
            theme: &theme,
            lang: Lang::En,
        };
        let area = Rect::new(0, 0, 100, 30);
        let mut buf = Buffer::empty(area);
        (&screen).render(area, &mut buf);
        let text: String = (0..30)
            .map(|y| {
                (0..100)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    + "\n"
            })
            .collect();
        assert!(text.contains("Opening /data/acme"), "{text}");
        assert!(
            text.contains("✔ reading the folder and checking it"),
            "{text}"
        );
        assert!(
            text.contains("▶ replaying the session's decisions"),
            "{text}"
        );
        assert!(
            text.contains("· computing the figures of every screen"),
            "{text}"
        );
        assert!(text.contains("1.2 s · q leaves"), "{text}");
    }
}
