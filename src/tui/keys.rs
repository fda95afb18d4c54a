//! The one table from keys to actions. The help overlay, the status line's
//! key hints and the README's key list are generated from it, so they cannot
//! drift from what the keys do. The review screen's keys
//! ([`REVIEW_BINDINGS`]) are a table here too.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{Action, Screen};
use super::gate::GateAction;

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
    /// Shown in the status line as `keys word`, in `order`.
    pub hint: Option<Hint>,
}

/// A key hint of the status line.
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    pub keys: &'static str,
    pub word: &'static str,
    /// Position in the status line (lowest first; help, last, is always
    /// offered).
    pub order: u8,
    /// The screens a global row's hint shows on (a screen's own row shows
    /// on its screen).
    pub on: &'static [Screen],
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
        hint: None,
    }
}

impl Binding {
    /// This row with a status-line hint.
    const fn hint(mut self, keys: &'static str, word: &'static str, order: u8) -> Binding {
        self.hint = Some(Hint {
            keys,
            word,
            order,
            on: &[],
        });
        self
    }

    /// This global row with a status-line hint on `on`.
    const fn hint_on(
        mut self,
        keys: &'static str,
        word: &'static str,
        order: u8,
        on: &'static [Screen],
    ) -> Binding {
        self.hint = Some(Hint {
            keys,
            word,
            order,
            on,
        });
        self
    }
}

const ALL: &[Screen] = &Screen::ALL;

/// Every key of normal mode. Screen-specific rows come before global ones so
/// that they win. Rows with an empty `help` are covered by the row above.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Raters
    b("←/→", &[Code(KeyCode::Left), Char('h')], on(Screen::Raters), Action::Left, "select the previous / next rater").hint("←→", "rater", 0),
    b("→", &[Code(KeyCode::Right), Char('l')], on(Screen::Raters), Action::Right, ""),
    b("z", &[Char('z')], on(Screen::Raters), Action::ZScore, "z-score the selected rater to the pool").hint("z", "z-score", 1),
    b("Z", &[Char('Z')], on(Screen::Raters), Action::ZScoreAll, "z-score every rater at once").hint("Z", "all", 2),
    b("m", &[Char('m')], on(Screen::Raters), Action::Quantile, "quantile-map the selected rater onto the pool").hint("m", "quantile", 5),
    b("+/-", &[Char('+'), Char('=')], on(Screen::Raters), Action::Raise, "shift the selected rater's scores up / down one point").hint("+-", "shift", 3),
    b("-", &[Char('-')], on(Screen::Raters), Action::Lower, ""),
    b("]/[", &[Char(']')], on(Screen::Raters), Action::StretchMore, "stretch / squeeze the selected rater's spread by 10%").hint("[]", "stretch", 4),
    b("[", &[Char('[')], on(Screen::Raters), Action::StretchLess, ""),
    b("0", &[Char('0'), Code(KeyCode::Backspace)], on(Screen::Raters), Action::ResetScale, "reset the selected rater to raw scores").hint("0", "reset", 6),
    b("↑/↓ PgUp/PgDn", &[Code(KeyCode::Up), Char('k')], on(Screen::Raters), Action::Up, "move a row of cards (table: a row) / a page"),
    b("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Raters), Action::Down, ""),
    b("PgUp", &[Code(KeyCode::PageUp)], on(Screen::Raters), Action::PageUp, ""),
    b("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Raters), Action::PageDown, ""),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Raters), Action::Top, "first / last rater"),
    b("End", &[Code(KeyCode::End), Char('G')], on(Screen::Raters), Action::Bottom, ""),
    b("s", &[Char('s')], on(Screen::Raters), Action::Sort, "sort raters by id, bias or size"),
    b("t", &[Char('t')], on(Screen::Raters), Action::ToggleTable, "cards / table of every rater").hint("t", "table", 7),
    b("o", &[Char('o')], on(Screen::Raters), Action::ProposeOffset, "propose the linked-ratings offset (Enter accepts it)"),
    b("P", &[Char('P')], on(Screen::Raters), Action::ProposeAll, "propose offsets for every clearly severe or lenient rater"),
    b("Enter", &[Code(KeyCode::Enter)], on(Screen::Raters), Action::Open, "list the rater's people").hint("⏎", "people", 8),
    b("L", &[Char('L')], on(Screen::Raters), Action::Network, "how raters are linked; cross-ratings that would link more"),
    // Groups
    b("↑/↓", &[Code(KeyCode::Up), Char('k')], on(Screen::Groups), Action::Up, "select the previous / next group").hint("↑↓", "group", 0),
    b("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Groups), Action::Down, ""),
    b("←/→", &[Code(KeyCode::Left), Char('h')], on(Screen::Groups), Action::Left, "select a department within the group").hint("←→", "dept", 1),
    b("→", &[Code(KeyCode::Right), Char('l')], on(Screen::Groups), Action::Right, ""),
    b("+/-", &[Char('+'), Char('=')], on(Screen::Groups), Action::Raise, "raise / lower the department's grade (asks for a reason)").hint("+-", "dept grade", 2),
    b("-", &[Char('-')], on(Screen::Groups), Action::Lower, ""),
    b("PgUp/PgDn", &[Code(KeyCode::PageUp)], on(Screen::Groups), Action::PageUp, "a page of groups"),
    b("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Groups), Action::PageDown, ""),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Groups), Action::Top, "first / last group"),
    b("End", &[Code(KeyCode::End), Char('G')], on(Screen::Groups), Action::Bottom, ""),
    // Employees
    b("↑/↓ PgUp/PgDn", &[Code(KeyCode::Up), Char('k')], on(Screen::Employees), Action::Up, "move through the table"),
    b("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Employees), Action::Down, ""),
    b("PgUp", &[Code(KeyCode::PageUp)], on(Screen::Employees), Action::PageUp, ""),
    b("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Employees), Action::PageDown, ""),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Employees), Action::Top, "first / last row"),
    b("End", &[Code(KeyCode::End), Char('G')], on(Screen::Employees), Action::Bottom, ""),
    b("Enter", &[Code(KeyCode::Enter)], on(Screen::Employees), Action::Open, "why this grade: the person's detail").hint("⏎", "detail", 4),
    b("s/S", &[Char('s')], on(Screen::Employees), Action::Sort, "sort by the next column / reverse the order").hint("s", "sort", 1),
    b("S", &[Char('S')], on(Screen::Employees), Action::ReverseSort, ""),
    b("+/-", &[Char('+'), Char('=')], on(Screen::Employees), Action::Raise, "override one grade up / down (asks for a reason)").hint("+-", "override", 2),
    b("-", &[Char('-')], on(Screen::Employees), Action::Lower, ""),
    b("x", &[Char('x')], on(Screen::Employees), Action::ClearOverride, "clear the selected person's override").hint("x", "clear", 3),
    // Decisions
    b("↑/↓", &[Code(KeyCode::Up), Char('k')], on(Screen::Decisions), Action::Up, "move through the record").hint("↑↓", "scroll", 0),
    b("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Decisions), Action::Down, ""),
    b("PgUp/PgDn", &[Code(KeyCode::PageUp)], on(Screen::Decisions), Action::PageUp, "a page of the record"),
    b("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Decisions), Action::PageDown, ""),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Decisions), Action::Top, "newest / oldest decision"),
    b("End", &[Code(KeyCode::End), Char('G')], on(Screen::Decisions), Action::Bottom, ""),
    b("x", &[Char('x'), Code(KeyCode::Delete)], on(Screen::Decisions), Action::Revoke, "revoke the selected decision (asks for a reason)").hint("x", "revoke", 15),
    b("Enter", &[Code(KeyCode::Enter)], on(Screen::Decisions), Action::Open, "whose grades the decision moved").hint("⏎", "moved", 1),
    // Agenda and warnings: lists
    b("↑/↓ PgUp/PgDn", &[Code(KeyCode::Up), Char('k')], on(Screen::Agenda), Action::Up, "move through the agenda").hint("↑↓", "item", 0),
    b("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Agenda), Action::Down, ""),
    b("PgUp", &[Code(KeyCode::PageUp)], on(Screen::Agenda), Action::PageUp, ""),
    b("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Agenda), Action::PageDown, ""),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Agenda), Action::Top, "first / last item"),
    b("End", &[Code(KeyCode::End), Char('G')], on(Screen::Agenda), Action::Bottom, ""),
    b("Enter", &[Code(KeyCode::Enter)], on(Screen::Agenda), Action::Open, "go to the item (its rater, person or group)").hint("⏎", "go to", 1),
    b("↑/↓ PgUp/PgDn", &[Code(KeyCode::Up), Char('k')], on(Screen::Warnings), Action::Up, "move through the warnings").hint("↑↓", "warning", 0),
    b("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Warnings), Action::Down, ""),
    b("PgUp", &[Code(KeyCode::PageUp)], on(Screen::Warnings), Action::PageUp, ""),
    b("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Warnings), Action::PageDown, ""),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Warnings), Action::Top, "first / last warning"),
    b("End", &[Code(KeyCode::End), Char('G')], on(Screen::Warnings), Action::Bottom, ""),
    b("Enter", &[Code(KeyCode::Enter)], on(Screen::Warnings), Action::Open, "go to what the warning is about").hint("⏎", "go to", 1),
    // Fairness
    b("a", &[Char('a')], on(Screen::Fairness), Action::NextAttribute, "review the next attribute org.json carries").hint("a", "attribute", 0),
    b("↑/↓ PgUp/PgDn", &[Code(KeyCode::Up), Char('k')], on(Screen::Fairness), Action::Up, "move through who moved").hint("↑↓", "row", 1),
    b("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Fairness), Action::Down, ""),
    b("PgUp", &[Code(KeyCode::PageUp)], on(Screen::Fairness), Action::PageUp, ""),
    b("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Fairness), Action::PageDown, ""),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Fairness), Action::Top, "first / last row of who moved"),
    b("End", &[Code(KeyCode::End), Char('G')], on(Screen::Fairness), Action::Bottom, ""),
    b("Enter", &[Code(KeyCode::Enter)], on(Screen::Fairness), Action::Open, "who moved and the decisions behind (⏎ again: the record)").hint("⏎", "people", 2),
    // Everywhere
    b("/", &[Char('/')], None, Action::Find, "find a rater, person, dept or group; filters lists as typed").hint_on("/", "find", 0, &[Screen::Raters, Screen::Groups, Screen::Employees, Screen::Warnings, Screen::Summary]),
    b("f", &[Char('f')], None, Action::Focus, "focus every screen on the selected group / widen back").hint_on("f", "focus", 9, &[Screen::Raters, Screen::Groups, Screen::Employees, Screen::Agenda, Screen::Summary]),
    b("Esc", &[Code(KeyCode::Esc)], None, Action::Cancel, "clear a filter or a rater's list, then widen the focus"),
    b("1-8 Tab", &[Code(KeyCode::Tab)], None, Action::NextScreen, "next screen (1-8 pick one, as numbered in the tab bar)"),
    b("Shift-Tab", &[Code(KeyCode::BackTab)], None, Action::PrevScreen, "previous screen"),
    b("1", &[Char('1')], None, Action::Show(Screen::Raters), ""),
    b("2", &[Char('2')], None, Action::Show(Screen::Groups), ""),
    b("3", &[Char('3')], None, Action::Show(Screen::Employees), ""),
    b("4", &[Char('4')], None, Action::Show(Screen::Decisions), ""),
    b("5", &[Char('5')], None, Action::Show(Screen::Agenda), ""),
    b("6", &[Char('6')], None, Action::Show(Screen::Warnings), ""),
    b("7", &[Char('7')], None, Action::Show(Screen::Summary), ""),
    b("8", &[Char('8')], None, Action::Show(Screen::Fairness), ""),
    b("d", &[Char('d')], None, Action::Discussed, "mark the selected rater, person or group discussed / clear").hint_on("d", "discussed", 16, &[Screen::Raters, Screen::Groups, Screen::Employees, Screen::Agenda]),
    b("O", &[Char('O')], None, Action::SignOff, "sign the session off (asks who); when signed off, reopen"),
    b("r", &[Char('r')], None, Action::Annotate, "give the last decision a reason").hint_on("r", "reason", 13, &[Screen::Decisions]),
    b("u", &[Char('u')], None, Action::Undo, "undo the last decision (a batch as a whole)").hint_on("u", "undo", 11, ALL),
    b("U Ctrl-R", &[Char('U'), Ctrl('r')], None, Action::Redo, "redo what was undone").hint_on("U", "redo", 12, &[Screen::Decisions]),
    b("b", &[Char('b')], None, Action::Bonus, "the bonus pool by grade and department, before and now").hint_on("b", "bonus", 15, &[Screen::Summary]),
    b("p", &[Char('p')], None, Action::TogglePrivacy, "privacy: show ids instead of names"),
    b("e", &[Char('e')], None, Action::Export, "export the final grades (CSV, JSON or Excel)").hint_on("e", "export", 14, &[Screen::Employees, Screen::Decisions]),
    b("?", &[Char('?'), Code(KeyCode::F(1))], None, Action::ToggleHelp, "this help").hint_on("?", "help", u8::MAX, ALL),
    b("q", &[Char('q'), Ctrl('c')], None, Action::Quit, "quit (every decision is already saved; asks if one is not)"),
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
        KeyCode::Up => Some(Action::Up),
        KeyCode::Down => Some(Action::Down),
        KeyCode::Char('c') if ctrl => Some(Action::Cancel),
        KeyCode::Char('w') if ctrl => Some(Action::EraseWord),
        KeyCode::Char('u') if ctrl => Some(Action::EraseAll),
        KeyCode::Char(c) if !ctrl => Some(Action::Type(c)),
        _ => None,
    }
}

/// The action of a key while quitting with decisions not saved. Quitting
/// anyway takes a capital Q, so that no reflex loses decisions.
pub fn quitting(event: &KeyEvent) -> Option<Action> {
    match event.code {
        KeyCode::Char('r') => Some(Action::RetrySave),
        KeyCode::Char('s') => Some(Action::SaveElsewhere),
        KeyCode::Char('Q') => Some(Action::QuitAnyway),
        _ => Some(Action::Cancel),
    }
}

/// The action of a key while a panel is shown: ↑↓ PgUp PgDn scroll, Enter
/// goes on where the panel offers to (else closes it), any other key
/// closes it.
pub fn panel(event: &KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    match event.code {
        KeyCode::Char('c') if ctrl => Some(Action::Quit),
        KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::PageDown),
        // The panel of who moved goes on to the decision behind them.
        KeyCode::Enter => Some(Action::Open),
        _ => Some(Action::Cancel),
    }
}

/// The action of a key while the help overlay is shown: ↑↓ PgUp PgDn
/// scroll, any other key closes it.
pub fn help(event: &KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    match event.code {
        KeyCode::Char('c') if ctrl => Some(Action::Quit),
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::PageDown),
        _ => Some(Action::ToggleHelp),
    }
}

/// Key hints for the status line of a screen, in their order (help last).
pub fn hints(screen: Screen) -> Vec<(&'static str, &'static str)> {
    let mut hints: Vec<(u8, &'static str, &'static str)> = BINDINGS
        .iter()
        .filter_map(|b| {
            let hint = b.hint?;
            let shown = match b.screen {
                Some(own) => own == screen,
                None => hint.on.contains(&screen),
            };
            shown.then_some((hint.order, hint.keys, hint.word))
        })
        .collect();
    hints.sort_by_key(|&(order, ..)| order);
    hints
        .into_iter()
        .map(|(_, keys, word)| (keys, word))
        .collect()
}

/// One key of the review screen (shown before a session whose input
/// changed opens).
#[derive(Debug, Clone, Copy)]
pub struct ReviewBinding {
    pub label: &'static str,
    pub keys: &'static [Key],
    /// Whether the row is for the drop's y/n confirmation.
    pub confirming: bool,
    pub action: GateAction,
}

const fn r(
    label: &'static str,
    keys: &'static [Key],
    confirming: bool,
    action: GateAction,
) -> ReviewBinding {
    ReviewBinding {
        label,
        keys,
        confirming,
        action,
    }
}

/// Every key of the review screen. While confirming, a key not listed
/// means no.
#[rustfmt::skip]
pub const REVIEW_BINDINGS: &[ReviewBinding] = &[
    r("y", &[Char('y'), Char('Y')], true, GateAction::Yes),
    r("Ctrl-C", &[Ctrl('c')], true, GateAction::Quit),
    r("q", &[Char('q'), Code(KeyCode::Esc)], false, GateAction::Quit),
    r("Ctrl-C", &[Ctrl('c')], false, GateAction::Quit),
    r("d", &[Char('d')], false, GateAction::Drop),
    r("Enter", &[Code(KeyCode::Enter)], false, GateAction::Continue),
    r("k", &[Char('k')], false, GateAction::Keep),
    r("↑↓", &[Code(KeyCode::Up)], false, GateAction::Up),
    r("↓", &[Code(KeyCode::Down), Char('j')], false, GateAction::Down),
    r("PgUp", &[Code(KeyCode::PageUp)], false, GateAction::PageUp),
    r("PgDn", &[Code(KeyCode::PageDown), Char(' ')], false, GateAction::PageDown),
];

/// The review screen's action for a key.
pub fn review(event: &KeyEvent, confirming: bool) -> Option<GateAction> {
    REVIEW_BINDINGS
        .iter()
        .filter(|b| b.confirming == confirming)
        .find(|b| b.keys.iter().any(|&k| matches(k, event)))
        .map(|b| b.action)
        .or(confirming.then_some(GateAction::No))
}

/// How the review screen's footer names the key of `action`.
pub fn review_label(action: GateAction, confirming: bool) -> &'static str {
    REVIEW_BINDINGS
        .iter()
        .find(|b| b.action == action && b.confirming == confirming)
        .map_or("?", |b| b.label)
}
