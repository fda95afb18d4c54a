//! The one table from keys to actions. The help overlay and the README's key
//! list are generated from it, so they cannot drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{Action, Screen};

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Binding {
    /// How the keys are shown in help (empty help: not listed).
    pub label: &'static str,
    pub keys: &'static [Key],
    /// `None`: on every screen.
    pub screen: Option<Screen>,
    pub action: Action,
    pub help: &'static str,
}

use Key::{Char, Code, Ctrl};

const fn on(screen: Screen) -> Option<Screen> {
    Some(screen)
}

const fn b(
    label: &'static str,
    keys: &'static [Key],
    screen: Option<Screen>,
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        label,
        keys,
        screen,
        action,
        help,
    }
}

/// Every key of normal mode. Screen-specific rows come before global ones so
/// that they win. Rows with an empty `help` are covered by the row above.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Raters
    b("←/→", &[Code(KeyCode::Left), Char('h')], on(Screen::Raters), Action::Left, "select the previous / next rater"),
    b("→", &[Code(KeyCode::Right), Char('l')], on(Screen::Raters), Action::Right, ""),
    b("z", &[Char('z')], on(Screen::Raters), Action::ZScore, "z-score the selected rater to the pool"),
    b("Z", &[Char('Z')], on(Screen::Raters), Action::ZScoreAll, "z-score every rater at once"),
    b("m", &[Char('m')], on(Screen::Raters), Action::Quantile, "quantile-map the selected rater onto the pool"),
    b("+/-", &[Char('+'), Char('=')], on(Screen::Raters), Action::Raise, "shift the selected rater's scores up / down one point"),
    b("-", &[Char('-')], on(Screen::Raters), Action::Lower, ""),
    b("]/[", &[Char(']')], on(Screen::Raters), Action::StretchMore, "stretch / squeeze the selected rater's spread by 10%"),
    b("[", &[Char('[')], on(Screen::Raters), Action::StretchLess, ""),
    b("0", &[Char('0'), Code(KeyCode::Backspace)], on(Screen::Raters), Action::ResetScale, "reset the selected rater to raw scores"),
    b("s", &[Char('s')], on(Screen::Raters), Action::Sort, "sort raters by name, bias or size"),
    // Groups
    b("↑/↓", &[Code(KeyCode::Up), Char('k')], on(Screen::Groups), Action::Up, "select the previous / next group"),
    b("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Groups), Action::Down, ""),
    b("←/→", &[Code(KeyCode::Left), Char('h')], on(Screen::Groups), Action::Left, "select a department within the group"),
    b("→", &[Code(KeyCode::Right), Char('l')], on(Screen::Groups), Action::Right, ""),
    b("+/-", &[Char('+'), Char('=')], on(Screen::Groups), Action::Raise, "raise / lower the department's grade (asks for a reason)"),
    b("-", &[Char('-')], on(Screen::Groups), Action::Lower, ""),
    // Employees
    b("↑/↓ PgUp/PgDn", &[Code(KeyCode::Up), Char('k')], on(Screen::Employees), Action::Up, "move through the table"),
    b("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Employees), Action::Down, ""),
    b("PgUp", &[Code(KeyCode::PageUp)], on(Screen::Employees), Action::PageUp, ""),
    b("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Employees), Action::PageDown, ""),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Employees), Action::Top, "first / last row"),
    b("End", &[Code(KeyCode::End), Char('G')], on(Screen::Employees), Action::Bottom, ""),
    b("/", &[Char('/')], None, Action::Filter, "search: Enter keeps the filter, Esc jumps to the selection"),
    b("s/S", &[Char('s')], on(Screen::Employees), Action::Sort, "sort by the next column / reverse the order"),
    b("S", &[Char('S')], on(Screen::Employees), Action::ReverseSort, ""),
    b("+/-", &[Char('+'), Char('=')], on(Screen::Employees), Action::Raise, "override one grade up / down (asks for a reason)"),
    b("-", &[Char('-')], on(Screen::Employees), Action::Lower, ""),
    b("x", &[Char('x')], on(Screen::Employees), Action::ClearOverride, "clear the selected person's override"),
    // Decisions
    b("↑/↓", &[Code(KeyCode::Up), Char('k')], on(Screen::Decisions), Action::Up, "move through the record"),
    b("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Decisions), Action::Down, ""),
    // Everywhere
    b("1-4 Tab", &[Code(KeyCode::Tab)], None, Action::NextScreen, "switch screen: 1 raters, 2 groups, 3 employees, 4 decisions"),
    b("Shift-Tab", &[Code(KeyCode::BackTab)], None, Action::PrevScreen, "previous screen"),
    b("1", &[Char('1')], None, Action::Show(Screen::Raters), ""),
    b("2", &[Char('2')], None, Action::Show(Screen::Groups), ""),
    b("3", &[Char('3')], None, Action::Show(Screen::Employees), ""),
    b("4", &[Char('4')], None, Action::Show(Screen::Decisions), ""),
    b("r", &[Char('r')], None, Action::Annotate, "give the last decision a reason"),
    b("u", &[Char('u')], None, Action::Undo, "undo the last decision"),
    b("U Ctrl-R", &[Char('U'), Ctrl('r')], None, Action::Redo, "redo what was undone"),
    b("p", &[Char('p')], None, Action::TogglePrivacy, "privacy: show ids instead of names"),
    b("e", &[Char('e')], None, Action::Export, "export the final grades (CSV or JSON)"),
    b("?", &[Char('?'), Code(KeyCode::F(1))], None, Action::ToggleHelp, "this help"),
    b("q", &[Char('q'), Ctrl('c')], None, Action::Quit, "quit (every decision is already saved)"),
];

fn matches(key: Key, event: &KeyEvent) -> bool {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    match key {
        Char(c) => !ctrl && event.code == KeyCode::Char(c),
        Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
        Code(code) => !ctrl && event.code == code,
    }
}

/// The action of a key in normal mode on `screen`.
pub fn normal(event: &KeyEvent, screen: Screen) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.screen.is_none_or(|s| s == screen))
        .find(|b| b.keys.iter().any(|&k| matches(k, event)))
        .map(|b| b.action.clone())
}

/// The action of a key while a prompt is open: text editing.
pub fn prompt(event: &KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    match event.code {
        KeyCode::Enter => Some(Action::Submit),
        KeyCode::Esc => Some(Action::Cancel),
        KeyCode::Backspace => Some(Action::Erase),
        KeyCode::Tab => Some(Action::SwitchFormat),
        KeyCode::Char('c') if ctrl => Some(Action::Cancel),
        KeyCode::Char(c) if !ctrl => Some(Action::Type(c)),
        _ => None,
    }
}

/// The action of a key while the help overlay is shown: any key closes it.
pub fn help(event: &KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    match event.code {
        KeyCode::Char('c') if ctrl => Some(Action::Quit),
        KeyCode::Char('q') => Some(Action::Quit),
        _ => Some(Action::ToggleHelp),
    }
}

/// Key hints for the status line of a screen.
#[rustfmt::skip]
pub fn hints(screen: Screen) -> &'static [(&'static str, &'static str)] {
    match screen {
        Screen::Raters => &[("←→", "rater"), ("z", "z-score"), ("Z", "all"), ("+-", "shift"), ("[]", "stretch"), ("m", "quantile"), ("0", "reset"), ("u", "undo"), ("?", "help")],
        Screen::Groups => &[("↑↓", "group"), ("←→", "dept"), ("+-", "dept grade"), ("u", "undo"), ("?", "help")],
        Screen::Employees => &[("/", "filter"), ("s", "sort"), ("+-", "override"), ("x", "clear"), ("u", "undo"), ("e", "export"), ("?", "help")],
        Screen::Decisions => &[("↑↓", "scroll"), ("u", "undo"), ("U", "redo"), ("r", "reason"), ("e", "export"), ("?", "help")],
    }
}
