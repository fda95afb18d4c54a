//! Everything the operator can ask for ([`Action`]), what the shell must
//! then do ([`Effect`]), and the modes and screens they apply to.

use std::path::PathBuf;

use crate::engine::decision::Change;
use crate::i18n::{Lang, Msg, Shell, t};

/// The screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Raters,
    Groups,
    Employees,
    Decisions,
    Agenda,
    Warnings,
    Summary,
    Fairness,
}

impl Screen {
    pub const ALL: [Screen; 8] = [
        Screen::Raters,
        Screen::Groups,
        Screen::Employees,
        Screen::Decisions,
        Screen::Agenda,
        Screen::Warnings,
        Screen::Summary,
        Screen::Fairness,
    ];

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Screen::Raters => t(lang, Shell::TabRaters),
            Screen::Groups => t(lang, Shell::TabGroups),
            Screen::Employees => t(lang, Shell::TabPeople),
            Screen::Decisions => t(lang, Shell::TabDecisions),
            Screen::Agenda => t(lang, Shell::TabAgenda),
            Screen::Warnings => t(lang, Shell::TabWarnings),
            Screen::Summary => t(lang, Shell::TabSummary),
            Screen::Fairness => t(lang, Msg::FairTab),
        }
    }

    /// Three letters (one or two characters in Chinese), for the inactive
    /// tabs of a narrow tab bar.
    pub fn tiny_title(self, lang: Lang) -> &'static str {
        match self {
            Screen::Raters => t(lang, Shell::TinyRaters),
            Screen::Groups => t(lang, Shell::TinyGroups),
            Screen::Employees => t(lang, Shell::TinyPeople),
            Screen::Decisions => t(lang, Shell::TinyDecisions),
            Screen::Agenda => t(lang, Shell::TinyAgenda),
            Screen::Warnings => t(lang, Shell::TinyWarnings),
            Screen::Summary => t(lang, Shell::TinySummary),
            Screen::Fairness => t(lang, Msg::FairTabTiny),
        }
    }

    /// The title where the tab bar is short of room.
    pub fn short_title(self, lang: Lang) -> &'static str {
        match self {
            Screen::Groups => t(lang, Shell::ShortGroups),
            Screen::Decisions => t(lang, Shell::ShortDecisions),
            Screen::Warnings => t(lang, Shell::ShortWarnings),
            other => other.title(lang),
        }
    }

    pub(super) fn index(self) -> usize {
        Screen::ALL.iter().position(|&s| s == self).unwrap_or(0)
    }
}

/// Everything the operator can ask for, and what the shell reports back
/// (the layout, the outcome of a save or an export): every change of state
/// goes through [`super::app::App::update`].
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Leave calibra; every decision is already on disk.
    Quit,
    /// Show the next screen.
    NextScreen,
    /// Show the previous screen.
    PrevScreen,
    /// Show a given screen.
    Show(Screen),
    /// Open or close the key list.
    ToggleHelp,
    /// Show ids instead of names (for discussing raters' distributions).
    TogglePrivacy,
    /// Drop the last decision (or the last batch, such as "z-score all").
    Undo,
    /// Re-apply what was last undone.
    Redo,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move the selection left (previous rater, previous department).
    Left,
    /// Move the selection right.
    Right,
    /// Move a page up.
    PageUp,
    /// Move a page down.
    PageDown,
    /// Go to the first row.
    Top,
    /// Go to the last row.
    Bottom,
    /// Cycle the sort order of the current list.
    Sort,
    /// Reverse the sort order of the current list.
    ReverseSort,
    /// Z-score the selected rater to the pool.
    ZScore,
    /// Z-score every rater to the pool, as one batch.
    ZScoreAll,
    /// Carry on with the work an [`Effect::Busy`] put off: the shell sends
    /// it once the screen shows what is under way.
    Resume,
    /// Quantile-map the selected rater onto the pool.
    Quantile,
    /// Return the selected rater to raw scores.
    ResetScale,
    /// Raters: shift up a point; groups: raise the department's grade;
    /// employees: override one grade up.
    Raise,
    /// The opposite of [`Action::Raise`].
    Lower,
    /// Stretch the selected rater's spread by 10%.
    StretchMore,
    /// Squeeze the selected rater's spread by 10%.
    StretchLess,
    /// Clear the selected employee's override.
    ClearOverride,
    /// Find a rater, a person, a department or a group (on the people and
    /// warnings screens, also filters the list as it is typed).
    Find,
    /// Open the bonus panel (contract 6.5).
    Bonus,
    /// Open the linking network panel, with advice for the next cycle.
    Network,
    /// Focus every screen on the selected group; when focused, widen back
    /// to the company.
    Focus,
    /// Open what is selected: a rater's people, a person's detail, the
    /// subject of a warning or an agenda item, a decision's moves.
    Open,
    /// Raters: switch between the distribution cards and a table.
    ToggleTable,
    /// Fairness: review the next attribute org.json carries.
    NextAttribute,
    /// Raters: propose the linked-ratings offset for the selected rater
    /// (contract 6.7), as a decision to accept or decline.
    ProposeOffset,
    /// Raters: propose the offset for every rater whose severity is clearly
    /// non-zero (its 95% interval excludes 0), previewed, as one batch.
    ProposeAll,
    /// Start an export (asks for the path).
    Export,
    /// Give the last decision a reason (asks for it).
    Annotate,
    /// Prompt: type a character.
    Type(char),
    /// Prompt: delete the last character.
    Erase,
    /// Prompt: delete the last word (Ctrl-W).
    EraseWord,
    /// Prompt: delete everything typed or pre-filled (Ctrl-U).
    EraseAll,
    /// Prompt: confirm.
    Submit,
    /// Prompt: cancel.
    Cancel,
    /// Export prompt: switch between CSV, JSON and a workbook.
    SwitchFormat,
    /// Quitting while unsaved: try the save again.
    RetrySave,
    /// Quitting while unsaved: save to another file.
    SaveElsewhere,
    /// Quitting while unsaved: quit, losing what is not saved.
    QuitAnyway,
    /// Decisions: revoke the selected decision (asks for a reason).
    Revoke,
    /// Mark the selected rater, person or group as discussed (asks for an
    /// optional note), or clear the mark if it has one.
    Discussed,
    /// Sign the session off (asks who); on a signed-off session, reopen it
    /// (asks why).
    SignOff,
    /// The shell: the screen is this many columns and rows.
    Layout { width: u16, height: u16 },
    /// The shell: the session was saved (where), or why it was not.
    Saved(Result<PathBuf, String>),
    /// The shell: an export was written (the full path), or why not.
    Exported(Result<String, String>),
    /// The linked-ratings model (contract 6.7) of the raw scores, computed
    /// in the background since the screen opened; `None`: it failed.
    Linked(Option<Box<crate::engine::rater_model::RaterModel>>),
}

impl Action {
    /// Whether the action moves through a list: ↑↓, a page, an end.
    pub fn moves_in_list(&self) -> bool {
        matches!(
            self,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom
        )
    }

    /// Whether the action is hard to take back unnoticed: it undoes,
    /// redoes, revokes, writes a file or decides for every rater.
    pub fn is_destructive(&self) -> bool {
        matches!(
            self,
            Action::Undo | Action::Redo | Action::Export | Action::Revoke | Action::ZScoreAll
        )
    }

    /// Whether on `screen` the action opens a prompt for text.
    pub fn asks_for_text(&self, screen: Screen) -> bool {
        match self {
            Action::Raise | Action::Lower => {
                matches!(screen, Screen::Groups | Screen::Employees)
            }
            Action::ClearOverride
            | Action::Annotate
            | Action::Revoke
            | Action::Find
            | Action::ProposeOffset
            | Action::ProposeAll
            | Action::Discussed
            | Action::SignOff => true,
            Action::Export => true,
            _ => false,
        }
    }

    /// Whether the action makes, undoes or changes a decision (or asks for
    /// one), which a read-only screen refuses.
    pub fn decides(&self) -> bool {
        matches!(
            self,
            Action::Undo
                | Action::Redo
                | Action::ZScore
                | Action::ZScoreAll
                | Action::Quantile
                | Action::ResetScale
                | Action::Raise
                | Action::Lower
                | Action::StretchMore
                | Action::StretchLess
                | Action::ClearOverride
                | Action::Annotate
                | Action::Revoke
                | Action::Discussed
                | Action::SignOff
                | Action::ProposeOffset
                | Action::ProposeAll
        )
    }
}

/// Side effects for the shell to carry out after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the decisions to the session file now.
    Save,
    /// Write the decisions to `path` and keep saving there.
    SaveAs { path: PathBuf },
    /// Write the export to `path`.
    Export { path: PathBuf, format: ExportFormat },
    /// Leave the event loop.
    Quit,
    /// Draw the screen as it stands (its message says what is under way),
    /// then send [`Action::Resume`]: work that takes a moment at company
    /// scale (z-scoring 50,000 raters) never freezes a frame unexplained.
    Busy,
}

/// What the export prompt writes; Tab goes to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
    /// A workbook (contract 6.4).
    Xlsx,
}

impl ExportFormat {
    pub fn next(self) -> Self {
        match self {
            ExportFormat::Csv => ExportFormat::Json,
            ExportFormat::Json => ExportFormat::Xlsx,
            ExportFormat::Xlsx => ExportFormat::Csv,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => ".csv",
            ExportFormat::Json => ".json",
            ExportFormat::Xlsx => ".xlsx",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            ExportFormat::Csv => "CSV",
            ExportFormat::Json => "JSON",
            ExportFormat::Xlsx => t(lang, Shell::FormatXlsx),
        }
    }
}

/// What a prompt is asking for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// The reason for an override (or its removal) that is waiting for one.
    Reason(Change),
    /// A reason to attach to the last decision.
    Annotate,
    /// Find anything; on the people and warnings screens the list is
    /// filtered as it is typed.
    Find,
    /// The reason for a proposed offset (prefilled with the figures).
    Propose(Change),
    /// A previewed batch of offsets: Enter makes them, as one act.
    ProposeAll(Vec<crate::engine::decision::Decision>),
    /// The export path.
    Export { format: ExportFormat },
    /// The reason for revoking decision `.0` (0-based).
    Revoke(usize),
    /// What was asked for cannot be done (the question says why); what is
    /// typed is shown and ignored, so that a reason typed after a refusal
    /// never runs as commands. Enter or Esc closes it.
    Refused,
    /// Where to save the session instead (its save failed).
    SaveAs,
    /// The note for marking an item discussed.
    Discussed(crate::engine::decision::Item),
    /// Who signs the session off.
    SignOff,
    /// Why a signed-off session is reopened.
    Reopen,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    /// What the prompt says above the input.
    pub question: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    Prompt(Prompt),
    /// A panel over the screen: a person's detail, a decision's moves.
    Panel(Panel),
    /// Quit was asked for while decisions are not saved: retry, save
    /// elsewhere, quit anyway, or stay.
    Quitting,
}

/// What a panel over the screen shows; any key closes it (↑↓ scroll).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    pub kind: PanelKind,
    /// First line shown.
    pub scroll: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelKind {
    /// Why a person has their grade (employee index).
    Person(usize),
    /// Whose grades decision `.0` moved (0-based).
    Moved(usize),
    /// The bonus pool by grade and department (`App::bonus`).
    Bonus,
    /// How the raters are linked, and which cross-ratings would link more
    /// (`App::advice`).
    Network,
    /// The people the fairness screen's "who moved" row `.0` moved, and
    /// the decisions behind them.
    Movers(usize),
}

/// How a message in the status area should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Error,
}
