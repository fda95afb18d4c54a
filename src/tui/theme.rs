//! One set of named styles per theme. Only the 16 named ANSI colours are used,
//! so a plain projector terminal shows the same thing; meaning never rests on
//! colour alone (symbols and text carry it too).

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Light text on the terminal's dark background.
    #[default]
    Dark,
    /// Black on white, for projectors in bright rooms.
    Light,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub header: Style,
    pub selected: Style,
    pub dim: Style,
    pub raw_bar: Style,
    pub adjusted_bar: Style,
    pub pool_bar: Style,
    pub good: Style,
    pub bad: Style,
    pub warn: Style,
    pub key: Style,
    pub status: Style,
    pub border: Style,
    pub border_selected: Style,
    pub prompt: Style,
}

impl Theme {
    pub fn new(name: ThemeName) -> Self {
        match name {
            ThemeName::Dark => Theme {
                base: Style::new().fg(Color::White).bg(Color::Black),
                title: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
                tab: Style::new().fg(Color::Gray),
                tab_active: Style::new()
                    .fg(Color::Black)
                    .bg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
                header: Style::new()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                selected: Style::new()
                    .fg(Color::Black)
                    .bg(Color::White)
                    .add_modifier(Modifier::BOLD),
                dim: Style::new().fg(Color::Gray),
                raw_bar: Style::new().fg(Color::Gray),
                adjusted_bar: Style::new().fg(Color::LightCyan),
                pool_bar: Style::new().fg(Color::LightGreen),
                good: Style::new().fg(Color::LightGreen),
                bad: Style::new()
                    .fg(Color::LightRed)
                    .add_modifier(Modifier::BOLD),
                warn: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                key: Style::new().fg(Color::Black).bg(Color::Gray),
                status: Style::new().fg(Color::White).bg(Color::Blue),
                border: Style::new().fg(Color::Gray),
                border_selected: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                prompt: Style::new().fg(Color::White).bg(Color::Blue),
            },
            ThemeName::Light => Theme {
                base: Style::new().fg(Color::Black).bg(Color::White),
                title: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
                tab: Style::new().fg(Color::Black),
                tab_active: Style::new()
                    .fg(Color::White)
                    .bg(Color::Black)
                    .add_modifier(Modifier::BOLD),
                header: Style::new()
                    .fg(Color::Black)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                selected: Style::new()
                    .fg(Color::White)
                    .bg(Color::Blue)
                    .add_modifier(Modifier::BOLD),
                dim: Style::new().fg(Color::DarkGray),
                raw_bar: Style::new().fg(Color::DarkGray),
                adjusted_bar: Style::new().fg(Color::Blue),
                pool_bar: Style::new().fg(Color::Green),
                good: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
                bad: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                warn: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
                key: Style::new().fg(Color::White).bg(Color::Black),
                status: Style::new().fg(Color::White).bg(Color::Black),
                border: Style::new().fg(Color::Black),
                border_selected: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
                prompt: Style::new().fg(Color::White).bg(Color::Black),
            },
        }
    }
}
