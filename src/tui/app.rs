//! The live screen's state (the Elm architecture's model): the session,
//! owned by the engine with its record and figures, and the view state
//! around it (screen, mode, each screen's selection). State changes only in
//! [`App::update`] (`update/`); from outside the TUI it is read through the
//! accessors below. Nothing here touches the terminal or the disk.

use std::borrow::Cow;
use std::path::PathBuf;

use super::histogram::Histograms;
use super::theme::Theme;
use super::view::{
    AgendaView, BonusView, DecisionsView, EmployeesView, FairnessView, FindView, Focus, GroupsView,
    RatersView, WarningsView,
};
use crate::engine::calibrate::Results;
use crate::engine::rater_model::{RaterEffect, RaterModel};
use crate::engine::session::Session;
use crate::i18n::Lang;
use crate::text;
use crate::workspace::lock::SessionLock;

pub use super::action::{Action, Effect, Mode, Prompt, PromptKind, Screen, Tone};

/// Where the session lives and what it is called, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The input as shown to the operator (folder path or `<demo>`).
    pub input: String,
    /// The input folder (`None`: the built-in demo), never written into.
    pub input_dir: Option<PathBuf>,
    /// The session file; `None` when nothing is saved.
    pub session_path: Option<PathBuf>,
    /// Default export path offered by the export prompt (without extension).
    pub export_stem: String,
    /// Who is recorded as deciding (`by`), if known.
    pub by: Option<String>,
}

pub struct App {
    pub(in crate::tui) session: Session,
    pub(in crate::tui) origin: Origin,
    pub(in crate::tui) theme: Theme,
    /// Shown until the first message (e.g. "resumed 7 decisions").
    pub(in crate::tui) notice: Option<String>,
    pub(in crate::tui) histograms: Histograms,
    pub(in crate::tui) screen: Screen,
    pub(in crate::tui) mode: Mode,
    pub(in crate::tui) privacy: bool,
    pub(in crate::tui) message: Option<(String, Tone)>,
    /// Why the last save failed; the status line shows NOT SAVED until a
    /// save succeeds (the decisions are still in memory).
    pub(in crate::tui) unsaved: Option<String>,
    pub(in crate::tui) raters: RatersView,
    pub(in crate::tui) groups: GroupsView,
    pub(in crate::tui) employees: EmployeesView,
    pub(in crate::tui) decisions: DecisionsView,
    pub(in crate::tui) agenda: AgendaView,
    pub(in crate::tui) warnings: WarningsView,
    pub(in crate::tui) fairness: FairnessView,
    /// The language of the screen's texts.
    pub lang: Lang,
    /// The find prompt's results.
    pub(in crate::tui) find: FindView,
    /// The agenda and warnings lists need recomputing before they show.
    pub(in crate::tui) lists_stale: bool,
    /// First line of the help overlay shown.
    pub(in crate::tui) help_scroll: usize,
    /// The group every screen is narrowed to, if any.
    pub(in crate::tui) focus: Option<Focus>,
    /// The linked-ratings model (contract 6.7) of the raw scores: it never
    /// changes with decisions. `None` until it arrives ([`Action::Linked`]).
    pub(in crate::tui) linked: Option<RaterModel>,
    /// The model is still being computed (the screen says "linking…").
    pub(in crate::tui) linking: bool,
    /// The grades before calibration (no decisions): they never change.
    pub(in crate::tui) before: Option<Results>,
    /// The managers who have not rated all of their people (contract
    /// 6.10): the input's, so computed once, when first shown.
    managers_behind: std::cell::OnceCell<Vec<u32>>,
    /// The linking advice the network panel shows, computed when it opens.
    pub(in crate::tui) advice: Vec<crate::engine::rater_model::advice::Suggestion>,
    /// The bonus panel's figures, computed when it opens.
    pub(in crate::tui) bonus: Option<BonusView>,
    /// Looking only: another screen holds the session, or `--read-only`.
    pub(in crate::tui) read_only: bool,
    /// Where decisions are appended as they are made (opened at the
    /// first save; see `effect.rs`).
    pub(in crate::tui) journal: Option<crate::workspace::journal::Journal>,
    /// The session's lock, held while the screen is open.
    lock: Option<SessionLock>,
    /// The clock of the last update (seconds since the epoch).
    pub(in crate::tui) clock: Option<i64>,
    /// When an action was last refused.
    pub(in crate::tui) refused_at: Option<i64>,
    /// A destructive action waiting to be pressed again.
    pub(in crate::tui) confirming: Option<Action>,
    /// Quit once the next save succeeds (asked to quit while unsaved).
    pub(in crate::tui) quit_after_save: bool,
    /// A z-score of every rater put off until the screen says it is under
    /// way ([`Effect::Busy`]): its decisions, and the raters left out.
    pub(in crate::tui) zscore_all_pending: Option<(Vec<crate::engine::decision::Decision>, usize)>,
}

impl App {
    /// The live screen on `session` (its figures tracked from now on).
    ///
    /// The linked-ratings model is not computed here, so that the first
    /// frame never waits for it: the shell fits it in the background (see
    /// `linking.rs`) and hands it over as [`Action::Linked`].
    pub fn new(session: Session, origin: Origin, theme: Theme, notice: Option<String>) -> Self {
        let session = session.track_figures();
        let histograms = match session.figures() {
            Some(figures) => Histograms::new(&session, &figures.biases),
            None => Histograms::default(),
        };
        let mut employees = EmployeesView::default();
        employees.prepare(&session.input);
        employees.refresh(&session);
        App {
            raters: RatersView::new(&session),
            groups: GroupsView::default(),
            employees,
            decisions: DecisionsView::default(),
            // Each walks every employee: worked out when a screen shows them
            // (`lists_stale`), not before the first frame.
            agenda: AgendaView::default(),
            warnings: WarningsView::default(),
            fairness: FairnessView::default(),
            lang: Lang::En,
            find: FindView::default(),
            focus: None,
            help_scroll: 0,
            lists_stale: true,
            linked: None,
            linking: true,
            // Only the summary and a person's detail need it: computed
            // when one is first opened, not before the first frame.
            before: None,
            bonus: None,
            advice: Vec::new(),
            managers_behind: std::cell::OnceCell::new(),
            histograms,
            notice,
            theme,
            session,
            origin,
            screen: Screen::Raters,
            mode: Mode::Normal,
            privacy: false,
            message: None,
            unsaved: None,
            read_only: false,
            lock: None,
            journal: None,
            clock: None,
            refused_at: None,
            confirming: None,
            quit_after_save: false,
            zscore_all_pending: None,
        }
    }

    /// Holds the session's lock for as long as the screen is open.
    pub fn holding(mut self, lock: Option<SessionLock>) -> Self {
        self.lock = lock;
        self
    }

    /// Speaks `lang` on every screen.
    pub fn speaking(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self.employees.lang = lang;
        self.warnings.lang = lang;
        self
    }

    /// Only looks: every decision is refused, nothing is saved.
    pub fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Whether the screen holds the session's lock.
    pub fn holds_lock(&self) -> bool {
        self.lock.is_some()
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn privacy(&self) -> bool {
        self.privacy
    }

    pub fn message(&self) -> Option<&(String, Tone)> {
        self.message.as_ref()
    }

    /// Why the last save failed, while the status line says NOT SAVED.
    pub fn unsaved(&self) -> Option<&str> {
        self.unsaved.as_deref()
    }

    pub fn raters(&self) -> &RatersView {
        &self.raters
    }

    pub fn groups(&self) -> &GroupsView {
        &self.groups
    }

    pub fn employees(&self) -> &EmployeesView {
        &self.employees
    }

    pub fn decisions(&self) -> &DecisionsView {
        &self.decisions
    }

    pub fn agenda(&self) -> &AgendaView {
        &self.agenda
    }

    pub fn warnings(&self) -> &WarningsView {
        &self.warnings
    }

    pub fn fairness(&self) -> &FairnessView {
        &self.fairness
    }

    pub fn find(&self) -> &FindView {
        &self.find
    }

    /// The group in focus (input index), if any.
    pub fn focus(&self) -> Option<usize> {
        self.focus.as_ref().map(|f| f.group)
    }

    /// Every warning the engine would print for this session.
    pub fn warning_count(&self) -> usize {
        self.session.figures().map_or(0, |f| f.warning_count())
    }

    /// The selected rater's index in the input.
    pub fn selected_rater(&self) -> Option<usize> {
        self.raters.selected_rater()
    }

    /// Bias figures of a rater (`None` for a rater without ratings).
    pub fn bias_of(&self, rater: usize) -> Option<&crate::engine::bias::RaterBias> {
        self.session.figures()?.bias_of(rater)
    }

    /// The rater's linked-ratings figures, once the model is computed.
    pub fn linked_effect(&self, rater: usize) -> Option<&RaterEffect> {
        self.linked.as_ref()?.raters.get(rater)
    }

    /// Whether the linked-ratings model is still being computed.
    pub fn is_linking(&self) -> bool {
        self.linking
    }

    /// The managers behind with their ratings (computed once: it depends
    /// on the input only).
    pub fn managers_behind(&self) -> &[u32] {
        self.managers_behind
            .get_or_init(|| crate::engine::managers::incomplete(&self.session.input).collect())
    }

    /// Computes the grades before calibration if they are not yet.
    pub(in crate::tui) fn ensure_before(&mut self) {
        if self.before.is_none() {
            self.before = Some(self.session.uncalibrated());
        }
    }

    /// Whether an agenda item is marked discussed.
    pub fn is_discussed(&self, item: &crate::engine::decision::Item) -> bool {
        self.session.state().discussed.contains_key(item)
    }

    /// The selected department (input index) on the groups screen.
    pub fn selected_department(&self) -> Option<usize> {
        self.groups.selected_department(&self.session)
    }

    /// Shows an employee's name, or their id in privacy mode; made safe
    /// to show (see [`text::safe`]).
    pub fn employee_name(&self, e: usize) -> Cow<'_, str> {
        let employee = &self.session.input.employees[e];
        text::safe(if self.privacy {
            &employee.id
        } else {
            &employee.name
        })
    }

    /// Shows a rater's name, or their id in privacy mode; made safe.
    pub fn rater_name(&self, r: usize) -> Cow<'_, str> {
        let rater = &self.session.input.raters[r];
        text::safe(if self.privacy { &rater.id } else { &rater.name })
    }

    pub(in crate::tui) fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.message = Some((text.into(), tone));
    }
}
