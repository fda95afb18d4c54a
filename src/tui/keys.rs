//! The one table from keys to actions. The help overlay, the status line's
//! key hints and the README's key list are generated from it, so they cannot
//! drift from what the keys do. The review screen's keys
//! ([`REVIEW_BINDINGS`]) are a table here too.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{Action, Screen};
use super::gate::GateAction;
use crate::i18n::{Lang, Shell, t};

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
    /// How the keys are shown in help.
    pub label: &'static str,
    pub keys: &'static [Key],
    /// `None`: on every screen.
    pub screen: Option<Screen>,
    pub action: Action,
    /// The help overlay's line (`None`: covered by the row above, not
    /// listed).
    pub help: Option<Shell>,
    /// Shown in the status line as `keys word`, in `order`.
    pub hint: Option<Hint>,
}

/// A key hint of the status line.
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    pub keys: &'static str,
    pub word: Shell,
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
    help: Shell,
) -> Binding {
    Binding {
        label,
        keys,
        screen,
        action,
        help: Some(help),
        hint: None,
    }
}

/// A row whose help line is the row above's.
const fn also(
    label: &'static str,
    keys: &'static [Key],
    screen: Option<Screen>,
    action: Action,
) -> Binding {
    Binding {
        label,
        keys,
        screen,
        action,
        help: None,
        hint: None,
    }
}

impl Binding {
    /// This row with a status-line hint.
    const fn hint(mut self, keys: &'static str, word: Shell, order: u8) -> Binding {
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
        word: Shell,
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
/// that they win. Rows made with `also` are covered by the row above.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Raters
    b("←/→", &[Code(KeyCode::Left), Char('h')], on(Screen::Raters), Action::Left, Shell::HelpRaterPrevNext).hint("←→", Shell::HintRater, 0),
    also("→", &[Code(KeyCode::Right), Char('l')], on(Screen::Raters), Action::Right),
    b("z", &[Char('z')], on(Screen::Raters), Action::ZScore, Shell::HelpZScore).hint("z", Shell::HintZScore, 1),
    b("Z", &[Char('Z')], on(Screen::Raters), Action::ZScoreAll, Shell::HelpZScoreAll).hint("Z", Shell::HintAll, 2),
    b("m", &[Char('m')], on(Screen::Raters), Action::Quantile, Shell::HelpQuantile).hint("m", Shell::HintQuantile, 5),
    b("+/-", &[Char('+'), Char('=')], on(Screen::Raters), Action::Raise, Shell::HelpShift).hint("+-", Shell::HintShift, 3),
    also("-", &[Char('-')], on(Screen::Raters), Action::Lower),
    b("]/[", &[Char(']')], on(Screen::Raters), Action::StretchMore, Shell::HelpStretch).hint("[]", Shell::HintStretch, 4),
    also("[", &[Char('[')], on(Screen::Raters), Action::StretchLess),
    b("0", &[Char('0'), Code(KeyCode::Backspace)], on(Screen::Raters), Action::ResetScale, Shell::HelpReset).hint("0", Shell::HintReset, 6),
    b("↑/↓ PgUp/PgDn", &[Code(KeyCode::Up), Char('k')], on(Screen::Raters), Action::Up, Shell::HelpCards),
    also("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Raters), Action::Down),
    also("PgUp", &[Code(KeyCode::PageUp)], on(Screen::Raters), Action::PageUp),
    also("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Raters), Action::PageDown),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Raters), Action::Top, Shell::HelpRaterEnds),
    also("End", &[Code(KeyCode::End), Char('G')], on(Screen::Raters), Action::Bottom),
    b("s", &[Char('s')], on(Screen::Raters), Action::Sort, Shell::HelpRaterSort),
    b("t", &[Char('t')], on(Screen::Raters), Action::ToggleTable, Shell::HelpTable).hint("t", Shell::HintTable, 7),
    b("o", &[Char('o')], on(Screen::Raters), Action::ProposeOffset, Shell::HelpPropose),
    b("P", &[Char('P')], on(Screen::Raters), Action::ProposeAll, Shell::HelpProposeAll),
    b("Enter", &[Code(KeyCode::Enter)], on(Screen::Raters), Action::Open, Shell::HelpRaterPeople).hint("⏎", Shell::HintPeople, 8),
    b("L", &[Char('L')], on(Screen::Raters), Action::Network, Shell::HelpNetwork),
    // Groups
    b("↑/↓", &[Code(KeyCode::Up), Char('k')], on(Screen::Groups), Action::Up, Shell::HelpGroupPrevNext).hint("↑↓", Shell::HintGroup, 0),
    also("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Groups), Action::Down),
    b("←/→", &[Code(KeyCode::Left), Char('h')], on(Screen::Groups), Action::Left, Shell::HelpDepartment).hint("←→", Shell::HintDept, 1),
    also("→", &[Code(KeyCode::Right), Char('l')], on(Screen::Groups), Action::Right),
    b("+/-", &[Char('+'), Char('=')], on(Screen::Groups), Action::Raise, Shell::HelpDepartmentGrade).hint("+-", Shell::HintDeptGrade, 2),
    also("-", &[Char('-')], on(Screen::Groups), Action::Lower),
    b("PgUp/PgDn", &[Code(KeyCode::PageUp)], on(Screen::Groups), Action::PageUp, Shell::HelpGroupPage),
    also("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Groups), Action::PageDown),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Groups), Action::Top, Shell::HelpGroupEnds),
    also("End", &[Code(KeyCode::End), Char('G')], on(Screen::Groups), Action::Bottom),
    // Employees
    b("↑/↓ PgUp/PgDn", &[Code(KeyCode::Up), Char('k')], on(Screen::Employees), Action::Up, Shell::HelpTableMove),
    also("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Employees), Action::Down),
    also("PgUp", &[Code(KeyCode::PageUp)], on(Screen::Employees), Action::PageUp),
    also("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Employees), Action::PageDown),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Employees), Action::Top, Shell::HelpRowEnds),
    also("End", &[Code(KeyCode::End), Char('G')], on(Screen::Employees), Action::Bottom),
    b("Enter", &[Code(KeyCode::Enter)], on(Screen::Employees), Action::Open, Shell::HelpPerson).hint("⏎", Shell::HintDetail, 4),
    b("s/S", &[Char('s')], on(Screen::Employees), Action::Sort, Shell::HelpPeopleSort).hint("s", Shell::HintSort, 1),
    also("S", &[Char('S')], on(Screen::Employees), Action::ReverseSort),
    b("+/-", &[Char('+'), Char('=')], on(Screen::Employees), Action::Raise, Shell::HelpOverride).hint("+-", Shell::HintOverride, 2),
    also("-", &[Char('-')], on(Screen::Employees), Action::Lower),
    b("x", &[Char('x')], on(Screen::Employees), Action::ClearOverride, Shell::HelpClearOverride).hint("x", Shell::HintClear, 3),
    // Decisions
    b("↑/↓", &[Code(KeyCode::Up), Char('k')], on(Screen::Decisions), Action::Up, Shell::HelpRecordMove).hint("↑↓", Shell::HintScroll, 0),
    also("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Decisions), Action::Down),
    b("PgUp/PgDn", &[Code(KeyCode::PageUp)], on(Screen::Decisions), Action::PageUp, Shell::HelpRecordPage),
    also("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Decisions), Action::PageDown),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Decisions), Action::Top, Shell::HelpRecordEnds),
    also("End", &[Code(KeyCode::End), Char('G')], on(Screen::Decisions), Action::Bottom),
    b("x", &[Char('x'), Code(KeyCode::Delete)], on(Screen::Decisions), Action::Revoke, Shell::HelpRevoke).hint("x", Shell::HintRevoke, 15),
    b("Enter", &[Code(KeyCode::Enter)], on(Screen::Decisions), Action::Open, Shell::HelpMoved).hint("⏎", Shell::HintMoved, 1),
    // Agenda and warnings: lists
    b("↑/↓ PgUp/PgDn", &[Code(KeyCode::Up), Char('k')], on(Screen::Agenda), Action::Up, Shell::HelpAgendaMove).hint("↑↓", Shell::HintItem, 0),
    also("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Agenda), Action::Down),
    also("PgUp", &[Code(KeyCode::PageUp)], on(Screen::Agenda), Action::PageUp),
    also("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Agenda), Action::PageDown),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Agenda), Action::Top, Shell::HelpItemEnds),
    also("End", &[Code(KeyCode::End), Char('G')], on(Screen::Agenda), Action::Bottom),
    b("Enter", &[Code(KeyCode::Enter)], on(Screen::Agenda), Action::Open, Shell::HelpAgendaGo).hint("⏎", Shell::HintGoTo, 1),
    b("↑/↓ PgUp/PgDn", &[Code(KeyCode::Up), Char('k')], on(Screen::Warnings), Action::Up, Shell::HelpWarningsMove).hint("↑↓", Shell::HintWarning, 0),
    also("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Warnings), Action::Down),
    also("PgUp", &[Code(KeyCode::PageUp)], on(Screen::Warnings), Action::PageUp),
    also("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Warnings), Action::PageDown),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Warnings), Action::Top, Shell::HelpWarningEnds),
    also("End", &[Code(KeyCode::End), Char('G')], on(Screen::Warnings), Action::Bottom),
    b("Enter", &[Code(KeyCode::Enter)], on(Screen::Warnings), Action::Open, Shell::HelpWarningGo).hint("⏎", Shell::HintGoTo, 1),
    // Fairness
    b("a", &[Char('a')], on(Screen::Fairness), Action::NextAttribute, Shell::HelpAttribute).hint("a", Shell::HintAttribute, 0),
    b("↑/↓ PgUp/PgDn", &[Code(KeyCode::Up), Char('k')], on(Screen::Fairness), Action::Up, Shell::HelpMoversMove).hint("↑↓", Shell::HintRow, 1),
    also("↓", &[Code(KeyCode::Down), Char('j')], on(Screen::Fairness), Action::Down),
    also("PgUp", &[Code(KeyCode::PageUp)], on(Screen::Fairness), Action::PageUp),
    also("PgDn", &[Code(KeyCode::PageDown)], on(Screen::Fairness), Action::PageDown),
    b("Home/End", &[Code(KeyCode::Home), Char('g')], on(Screen::Fairness), Action::Top, Shell::HelpMoversEnds),
    also("End", &[Code(KeyCode::End), Char('G')], on(Screen::Fairness), Action::Bottom),
    b("Enter", &[Code(KeyCode::Enter)], on(Screen::Fairness), Action::Open, Shell::HelpMoversOpen).hint("⏎", Shell::HintPeople, 2),
    // Everywhere
    b("/", &[Char('/')], None, Action::Find, Shell::HelpFind).hint_on("/", Shell::HintFind, 0, &[Screen::Raters, Screen::Groups, Screen::Employees, Screen::Warnings, Screen::Summary]),
    b("f", &[Char('f')], None, Action::Focus, Shell::HelpFocus).hint_on("f", Shell::HintFocus, 9, &[Screen::Raters, Screen::Groups, Screen::Employees, Screen::Agenda, Screen::Summary]),
    b("Esc", &[Code(KeyCode::Esc)], None, Action::Cancel, Shell::HelpEsc),
    b("1-8 Tab", &[Code(KeyCode::Tab)], None, Action::NextScreen, Shell::HelpNextScreen),
    b("Shift-Tab", &[Code(KeyCode::BackTab)], None, Action::PrevScreen, Shell::HelpPrevScreen),
    also("1", &[Char('1')], None, Action::Show(Screen::Raters)),
    also("2", &[Char('2')], None, Action::Show(Screen::Groups)),
    also("3", &[Char('3')], None, Action::Show(Screen::Employees)),
    also("4", &[Char('4')], None, Action::Show(Screen::Decisions)),
    also("5", &[Char('5')], None, Action::Show(Screen::Agenda)),
    also("6", &[Char('6')], None, Action::Show(Screen::Warnings)),
    also("7", &[Char('7')], None, Action::Show(Screen::Summary)),
    also("8", &[Char('8')], None, Action::Show(Screen::Fairness)),
    b("d", &[Char('d')], None, Action::Discussed, Shell::HelpDiscussed).hint_on("d", Shell::HintDiscussed, 16, &[Screen::Raters, Screen::Groups, Screen::Employees, Screen::Agenda]),
    b("O", &[Char('O')], None, Action::SignOff, Shell::HelpSignOff),
    b("r", &[Char('r')], None, Action::Annotate, Shell::HelpAnnotate).hint_on("r", Shell::HintReason, 13, &[Screen::Decisions]),
    b("u", &[Char('u')], None, Action::Undo, Shell::HelpUndo).hint_on("u", Shell::HintUndo, 11, ALL),
    b("U Ctrl-R", &[Char('U'), Ctrl('r')], None, Action::Redo, Shell::HelpRedo).hint_on("U", Shell::HintRedo, 12, &[Screen::Decisions]),
    b("b", &[Char('b')], None, Action::Bonus, Shell::HelpBonus).hint_on("b", Shell::HintBonus, 15, &[Screen::Summary]),
    b("p", &[Char('p')], None, Action::TogglePrivacy, Shell::HelpPrivacy),
    b("e", &[Char('e')], None, Action::Export, Shell::HelpExport).hint_on("e", Shell::HintExport, 14, &[Screen::Employees, Screen::Decisions]),
    b("?", &[Char('?'), Code(KeyCode::F(1))], None, Action::ToggleHelp, Shell::HelpHelp).hint_on("?", Shell::HintHelp, u8::MAX, ALL),
    b("q", &[Char('q'), Ctrl('c')], None, Action::Quit, Shell::HelpQuit),
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

/// Key hints for the status line of a screen, in their order (help last),
/// their words in `lang`.
pub fn hints(lang: Lang, screen: Screen) -> Vec<(&'static str, &'static str)> {
    let mut hints: Vec<(u8, &'static str, Shell)> = BINDINGS
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
        .map(|(_, keys, word)| (keys, t(lang, word)))
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
