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
    /// A cell's own style inside a row: on the selected row the row's
    /// selection style alone applies, so that a coloured cell never sits
    /// on the selection's background (yellow on white, red on blue).
    pub fn in_row(&self, selected: bool, style: Style) -> Style {
        if selected { Style::new() } else { style }
    }

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
                // Grey on white is below 4.5:1 in the xterm palette: the
                // secondary text is black without bold instead.
                dim: Style::new().fg(Color::Black),
                raw_bar: Style::new().fg(Color::Black),
                adjusted_bar: Style::new().fg(Color::Blue),
                pool_bar: Style::new().fg(Color::Magenta),
                good: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The xterm default values of the 16 colours: the palette the
    /// contrast check assumes (most terminal emulators ship close to it).
    fn rgb(color: Color) -> Option<(u8, u8, u8)> {
        Some(match color {
            Color::Black => (0x00, 0x00, 0x00),
            Color::Red => (0xcd, 0x00, 0x00),
            Color::Green => (0x00, 0xcd, 0x00),
            Color::Yellow => (0xcd, 0xcd, 0x00),
            Color::Blue => (0x00, 0x00, 0xee),
            Color::Magenta => (0xcd, 0x00, 0xcd),
            Color::Cyan => (0x00, 0xcd, 0xcd),
            Color::Gray => (0xe5, 0xe5, 0xe5),
            Color::DarkGray => (0x7f, 0x7f, 0x7f),
            Color::LightRed => (0xff, 0x00, 0x00),
            Color::LightGreen => (0x00, 0xff, 0x00),
            Color::LightYellow => (0xff, 0xff, 0x00),
            Color::LightBlue => (0x5c, 0x5c, 0xff),
            Color::LightMagenta => (0xff, 0x00, 0xff),
            Color::LightCyan => (0x00, 0xff, 0xff),
            Color::White => (0xff, 0xff, 0xff),
            _ => return None,
        })
    }

    /// WCAG 2 relative luminance.
    fn luminance(color: Color) -> f64 {
        let (r, g, b) = rgb(color).expect("one of the 16 colours");
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    fn contrast(a: Color, b: Color) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn the_contrast_of_white_on_black_is_21() {
        assert!((contrast(Color::White, Color::Black) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn every_text_and_background_pair_has_at_least_4_5_to_1() {
        for name in [ThemeName::Dark, ThemeName::Light] {
            let theme = Theme::new(name);
            let page = theme.base.bg.unwrap_or(Color::Black);
            let styles = [
                ("base", theme.base),
                ("title", theme.title),
                ("tab", theme.tab),
                ("tab_active", theme.tab_active),
                ("header", theme.header),
                ("selected", theme.selected),
                ("dim", theme.dim),
                ("raw_bar", theme.raw_bar),
                ("adjusted_bar", theme.adjusted_bar),
                ("pool_bar", theme.pool_bar),
                ("good", theme.good),
                ("bad", theme.bad),
                ("warn", theme.warn),
                ("key", theme.key),
                ("status", theme.status),
                ("border", theme.border),
                ("border_selected", theme.border_selected),
                ("prompt", theme.prompt),
            ];
            for (what, style) in styles {
                let fg = style.fg.unwrap_or(page);
                let bg = style.bg.unwrap_or(page);
                let ratio = contrast(fg, bg);
                assert!(
                    ratio >= 4.5,
                    "{name:?} {what}: {fg:?} on {bg:?} is {ratio:.2}:1"
                );
            }
            // Status hints: keys beside the status line's words.
            let key = theme.key.bg.unwrap_or(page);
            let status = theme.status.bg.unwrap_or(page);
            assert!(contrast(theme.key.fg.unwrap_or(page), key) >= 4.5);
            assert!(contrast(theme.status.fg.unwrap_or(page), status) >= 4.5);
        }
    }
}
