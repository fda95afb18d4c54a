//! Screen 1's state (the raters in display order and the selection) and
//! its keys: rater scale corrections, one rater at a time or all at once.

use rust_decimal::Decimal;

use crate::engine::bias::BiasFlag;
use crate::engine::decision::{Change, Decision};
use crate::engine::rater_model::{RaterEffect, RaterModel};
use crate::engine::session::Session;
use crate::engine::transform::Transform;
use crate::engine::warnings::SMALL_SAMPLE;
use crate::i18n::{Lang, Ui, fill, plural, t};
use crate::tui::action::{Action, Effect, Tone};
use crate::tui::app::App;
use crate::tui::ui::words;
use crate::tui::view::Focus;

/// Orders of the raters screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RaterSort {
    Name,
    /// Most lenient first, most severe last.
    Bias,
    /// Most ratings first.
    Size,
}

impl RaterSort {
    pub fn next(self) -> Self {
        match self {
            RaterSort::Name => RaterSort::Bias,
            RaterSort::Bias => RaterSort::Size,
            RaterSort::Size => RaterSort::Name,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        t(
            lang,
            match self {
                RaterSort::Name => Ui::RaterSortId,
                RaterSort::Bias => Ui::RaterSortBias,
                RaterSort::Size => Ui::RaterSortSize,
            },
        )
    }
}

/// A bias flag's word (`lenient`, as the engine names it, in English).
pub fn bias_flag(lang: Lang, flag: BiasFlag) -> &'static str {
    t(
        lang,
        match flag {
            BiasFlag::Lenient => Ui::FlagLenient,
            BiasFlag::Severe => Ui::FlagSevere,
            BiasFlag::Narrow => Ui::FlagNarrow,
            BiasFlag::Wide => Ui::FlagWide,
            BiasFlag::SmallSample => Ui::FlagSmallSample,
        },
    )
}

const ZSCORE: Transform = Transform::ZScore {
    mean: None,
    sd: None,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatersView {
    pub sort: RaterSort,
    /// Raters with ratings, in display order.
    pub order: Vec<usize>,
    /// Position in `order`.
    pub selected: usize,
    /// The rater adjusted by the previous action: a run of adjustments to
    /// the same rater is kept as one decision.
    adjusting: Option<usize>,
    /// A table of every rater instead of the distribution cards.
    pub table: bool,
    /// Cards per row and per page (or table rows per page), as last laid out.
    pub columns: usize,
    pub per_page: usize,
    /// Only the raters of the focus group.
    focus: Option<Focus>,
}

impl RatersView {
    pub fn new(session: &Session) -> RatersView {
        let mut view = RatersView {
            sort: RaterSort::Bias,
            order: Vec::new(),
            selected: 0,
            adjusting: None,
            table: false,
            columns: 1,
            per_page: 1,
            focus: None,
        };
        view.sort_by(session, RaterSort::Bias);
        view
    }

    /// The selected rater's index in the input.
    pub fn selected_rater(&self) -> Option<usize> {
        self.order.get(self.selected).copied()
    }

    /// Orders the raters by `sort`, keeping the same rater selected.
    pub fn sort_by(&mut self, session: &Session, sort: RaterSort) {
        self.sort = sort;
        let selected = self.selected_rater();
        let Some(figures) = session.figures() else {
            return;
        };
        let biases = &figures.biases;
        let raters = &session.input.raters;
        let mut order: Vec<usize> = (0..biases.len()).collect();
        match sort {
            RaterSort::Name => {
                order.sort_by(|&a, &b| raters[biases[a].rater].id.cmp(&raters[biases[b].rater].id))
            }
            // By how clearly lenient: the end of the 95% interval nearest 0
            // (0 when the interval holds 0, or cannot be computed), so a
            // rater with two ratings and a huge interval does not lead.
            RaterSort::Bias => order.sort_by(|&a, &b| {
                let clear = |i: usize| match (biases[i].ci_low, biases[i].ci_high) {
                    (Some(low), Some(_)) if low > 0.0 => low,
                    (Some(_), Some(high)) if high < 0.0 => high,
                    _ => 0.0,
                };
                let diff = |i: usize| biases[i].mean_diff.unwrap_or(0.0);
                clear(b)
                    .total_cmp(&clear(a))
                    .then(diff(b).total_cmp(&diff(a)))
            }),
            RaterSort::Size => {
                order.sort_by(|&a, &b| biases[b].summary.n.cmp(&biases[a].summary.n))
            }
        }
        self.order = order
            .into_iter()
            .map(|i| biases[i].rater)
            .filter(|&r| self.focus.as_ref().is_none_or(|f| f.has_rater(r)))
            .collect();
        self.selected = selected
            .and_then(|r| self.order.iter().position(|&x| x == r))
            .unwrap_or(0);
    }

    /// Ends a run of adjustments: the next one is a decision of its own.
    pub fn end_run(&mut self) {
        self.adjusting = None;
    }

    /// Shows only the raters of `focus` (all with `None`), keeping the
    /// selection when it is still shown.
    pub fn set_focus(&mut self, session: &Session, focus: Option<&Focus>) {
        self.focus = focus.cloned();
        self.sort_by(session, self.sort);
    }

    /// Selects `rater` if shown; whether it is.
    pub fn select(&mut self, rater: usize) -> bool {
        match self.order.iter().position(|&r| r == rater) {
            Some(i) => {
                self.selected = i;
                true
            }
            None => false,
        }
    }

    fn navigate(&mut self, action: &Action) {
        let n = self.order.len();
        if n == 0 {
            return;
        }
        let last = n - 1;
        // Cards: ↑↓ move a row of cards; the table: one row.
        let row = if self.table { 1 } else { self.columns.max(1) };
        let page = self.per_page.max(1);
        self.selected = match action {
            Action::Left => (self.selected + n - 1) % n,
            Action::Right => (self.selected + 1) % n,
            Action::Up => self.selected.saturating_sub(row),
            Action::Down => (self.selected + row).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.selected,
        };
    }
}

impl App {
    /// The raters screen's actions; `None` when the action is not its own.
    pub(in crate::tui) fn raters_action(
        &mut self,
        action: &Action,
        now: &str,
    ) -> Option<Vec<Effect>> {
        // Only adjustments continue a run of adjustments.
        let adjusting = self.raters.adjusting.take();
        let effects = match action {
            Action::Left
            | Action::Right
            | Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                self.raters.navigate(action);
                Vec::new()
            }
            Action::ToggleTable => {
                self.raters.table = !self.raters.table;
                Vec::new()
            }
            Action::Open => {
                if let Some(rater) = self.selected_rater() {
                    self.employees.rater = Some(rater);
                    self.employees.refresh(&self.session);
                    self.employees.navigate(&Action::Top);
                    self.screen = crate::tui::action::Screen::Employees;
                    self.say(
                        fill(
                            self.lang,
                            Ui::PeopleOfRater,
                            &[("name", &self.rater_name(rater))],
                        ),
                        Tone::Info,
                    );
                }
                Vec::new()
            }
            Action::Sort => {
                let sort = self.raters.sort.next();
                self.raters.sort_by(&self.session, sort);
                self.say(
                    fill(
                        self.lang,
                        Ui::RatersSorted,
                        &[("sort", sort.label(self.lang))],
                    ),
                    Tone::Info,
                );
                Vec::new()
            }
            Action::ZScore | Action::Quantile | Action::ResetScale => {
                let transform = match action {
                    Action::ZScore => ZSCORE,
                    Action::Quantile => Transform::Quantile,
                    _ => Transform::None,
                };
                self.set_scale(|_| Some(transform), None, now)
            }
            Action::StretchMore | Action::StretchLess => {
                let factor = Decimal::new(
                    if *action == Action::StretchMore {
                        11
                    } else {
                        9
                    },
                    1,
                );
                self.set_scale(|current| current.stretched(factor), adjusting, now)
            }
            Action::Raise | Action::Lower => {
                let step = if *action == Action::Raise {
                    Decimal::ONE
                } else {
                    -Decimal::ONE
                };
                let mean = self
                    .selected_rater()
                    .and_then(|r| self.session.figures()?.bias_of(r)?.adjusted)
                    .map(|a| a.mean);
                self.set_scale(|current| current.shifted(step, mean), adjusting, now)
            }
            Action::ZScoreAll => self.zscore_all(now),
            Action::ProposeOffset => {
                self.propose_offset();
                Vec::new()
            }
            Action::ProposeAll => {
                self.propose_all(now);
                Vec::new()
            }
            _ => return None,
        };
        Some(effects)
    }

    /// Sets the selected rater's transform to `next(current)`. With
    /// `adjusting` naming the same rater, the run's last decision is
    /// replaced instead of adding one.
    fn set_scale(
        &mut self,
        next: impl Fn(Transform) -> Option<Transform>,
        adjusting: Option<usize>,
        now: &str,
    ) -> Vec<Effect> {
        let Some(rater) = self.selected_rater() else {
            return Vec::new();
        };
        let current = self.session.state().transforms[rater];
        let lang = self.lang;
        let bounded = next(current).ok_or_else(|| t(lang, Ui::TooLarge).to_string());
        let transform = match bounded.and_then(|t| {
            t.within_bounds(&self.session.input.policy.score)
                .map_err(|why| why.text(lang))?;
            Ok(t)
        }) {
            Ok(transform) => transform,
            Err(why) => {
                self.refused_at = self.clock;
                self.say(fill(lang, Ui::NotApplied, &[("why", &why)]), Tone::Error);
                return Vec::new();
            }
        };
        if transform == current {
            self.refused_at = self.clock;
            self.say(
                fill(
                    lang,
                    Ui::AlreadyScale,
                    &[("transform", &words::transform(lang, &transform))],
                ),
                Tone::Info,
            );
            return Vec::new();
        }
        let id = self.session.input.raters[rater].id.clone();
        let continues = adjusting == Some(rater)
            && matches!(
                self.session.last_act(),
                [Decision { change: Change::RaterScale { rater: r, .. }, .. }] if *r == id
            );
        let reason = self.describe_adjustment(rater, &transform);
        let change = Change::RaterScale {
            rater: id.to_string(),
            transform,
        };
        let summary = words::change(lang, &change);
        let decision = self.stamp(change, Some(reason), now);
        let outcome = if continues {
            self.session.replace_last(decision)
        } else {
            self.session.decide(decision)
        };
        let effects = self.after_decision(outcome, &summary);
        self.raters.adjusting = Some(rater);
        effects
    }

    fn zscore_all(&mut self, now: &str) -> Vec<Effect> {
        // Raters from which the screen first says the batch is under way
        // (about a tenth of a second of work; two in the unit tests).
        const BUSY_AT: usize = if cfg!(test) { 2 } else { 5_000 };
        let Some(figures) = self.session.figures() else {
            return Vec::new();
        };
        let small = figures
            .biases
            .iter()
            .filter(|b| b.summary.n < SMALL_SAMPLE)
            .count();
        let decisions: Vec<Decision> = figures
            .biases
            .iter()
            .filter(|b| b.summary.n >= SMALL_SAMPLE)
            .map(|b| b.rater)
            .filter(|&r| self.session.state().transforms[r] != ZSCORE)
            .map(|r| {
                self.stamp(
                    Change::RaterScale {
                        rater: self.session.input.raters[r].id.to_string(),
                        transform: ZSCORE,
                    },
                    Some(fill(
                        self.lang,
                        Ui::ZScoreAllReason,
                        &[("n", &SMALL_SAMPLE.to_string())],
                    )),
                    now,
                )
            })
            .collect();
        if decisions.is_empty() {
            self.refused_at = self.clock;
            self.say(t(self.lang, Ui::AllZScored), Tone::Info);
            return Vec::new();
        }
        let n = decisions.len();
        if n >= BUSY_AT {
            self.say(
                fill(self.lang, Ui::ZScoringAll, &[("n", &n.to_string())]),
                Tone::Info,
            );
            self.zscore_all_pending = Some((decisions, small));
            return vec![Effect::Busy];
        }
        self.zscore(decisions, small)
    }

    /// Z-scores every rater put off by [`Effect::Busy`].
    pub(in crate::tui) fn resume_zscore_all(&mut self, _now: &str) -> Vec<Effect> {
        match self.zscore_all_pending.take() {
            Some((decisions, small)) => self.zscore(decisions, small),
            None => Vec::new(),
        }
    }

    /// Makes the batch of z-scores, leaving out `small` raters.
    fn zscore(&mut self, decisions: Vec<Decision>, small: usize) -> Vec<Effect> {
        let n = decisions.len();
        let outcome = self.session.decide_all(decisions);
        let lang = self.lang;
        let skipped = if small > 0 {
            fill(
                lang,
                Ui::ZScoredSkipped,
                &[
                    ("small", &small.to_string()),
                    ("n", &SMALL_SAMPLE.to_string()),
                ],
            )
        } else {
            String::new()
        };
        // "raters" even for one, as it always said in English.
        let raters = fill(lang, Ui::RatersMany, &[("n", &n.to_string())]);
        self.after_decision(
            outcome,
            &fill(
                lang,
                Ui::ZScored,
                &[("raters", &raters), ("skipped", &skipped)],
            ),
        )
    }

    /// Proposes the contract 6.7 offset for the selected rater: delta =
    /// −severity rounded to the score's places + 2, the figure and its SE
    /// in the reason. Enter accepts it as an ordinary decision; Esc
    /// declines.
    fn propose_offset(&mut self) {
        let Some(rater) = self.selected_rater() else {
            return;
        };
        let Some(model) = self.linked_or_refuse() else {
            return;
        };
        let effect = model.raters.get(rater).copied().unwrap_or_default();
        let id = self.session.input.raters[rater].id.clone();
        let (transform, reason) = match self.offset_for(&effect) {
            Ok(found) => found,
            Err(why) => {
                self.refuse_text(fill(
                    self.lang,
                    Ui::IdWhy,
                    &[("id", &crate::text::safe(&id)), ("why", &why)],
                ));
                return;
            }
        };
        let current = self.session.state().transforms[rater];
        let lang = self.lang;
        let replaces = if current == Transform::None {
            String::new()
        } else {
            fill(
                lang,
                Ui::Replaces,
                &[("transform", &words::transform(lang, &current))],
            )
        };
        let delta = match transform {
            Transform::Offset { delta } => delta,
            _ => Decimal::ZERO,
        };
        self.open_prompt(
            crate::tui::action::PromptKind::Propose(Change::RaterScale {
                rater: id.to_string(),
                transform,
            }),
            fill(
                lang,
                Ui::ProposeOffset,
                &[
                    ("id", &crate::text::safe(&id)),
                    ("delta", &format!("{delta:+}")),
                    ("replaces", &replaces),
                ],
            ),
            reason,
        );
    }

    /// The linked-ratings model; `None` (refused, saying why) while it is
    /// still being computed: a proposal waits for the figures it quotes.
    fn linked_or_refuse(&mut self) -> Option<&RaterModel> {
        if self.linked.is_none() {
            let why = if self.linking {
                Ui::LinkedNotYet
            } else {
                Ui::LinkedFailed
            };
            self.refuse_text(t(self.lang, why));
        }
        self.linked.as_ref()
    }

    /// The contract 6.7 offset for a rater's linked-ratings figures, with
    /// its reason, or why there is none.
    fn offset_for(&self, effect: &RaterEffect) -> Result<(Transform, String), String> {
        let lang = self.lang;
        let places = self.session.input.policy.score.decimals + 2;
        let Some(severity) = effect.severity else {
            return Err(t(lang, Ui::NoSeverity).into());
        };
        let delta = Decimal::from_f64_retain(-severity)
            .map(|d| {
                d.round_dp_with_strategy(
                    places,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                )
            })
            .ok_or_else(|| t(lang, Ui::SeverityTooLarge).to_string())?;
        let transform = Transform::Offset { delta };
        transform
            .within_bounds(&self.session.input.policy.score)
            .map_err(|why| fill(lang, Ui::NotProposedWhy, &[("why", &why.text(lang))]))?;
        let shown = places as usize;
        let se = effect.severity_se.map_or(String::new(), |se| {
            fill(
                lang,
                Ui::OffsetReasonSe,
                &[("se", &format!("{se:.shown$}"))],
            )
        });
        Ok((
            transform,
            fill(
                lang,
                Ui::OffsetReason,
                &[
                    ("severity", &format!("{severity:+.shown$}")),
                    ("se", &se),
                    ("delta", &format!("{delta:+}")),
                ],
            ),
        ))
    }

    /// Proposes, as one batch, the offset of every rater whose severity's
    /// 95% interval (±1.96 SE) excludes 0 and whose scale is not that
    /// offset already; the prompt previews how many grades it would move.
    fn propose_all(&mut self, now: &str) {
        let Some(model) = self.linked_or_refuse() else {
            return;
        };
        let effects: Vec<(usize, RaterEffect)> = model
            .raters
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, e)| match (e.severity, e.severity_se) {
                (Some(s), Some(se)) => s.abs() > 1.96 * se,
                _ => false,
            })
            .collect();
        let mut decisions = Vec::new();
        for (rater, effect) in effects {
            let Ok((transform, reason)) = self.offset_for(&effect) else {
                continue;
            };
            if self.session.state().transforms[rater] == transform {
                continue;
            }
            let change = Change::RaterScale {
                rater: self.session.input.raters[rater].id.to_string(),
                transform,
            };
            decisions.push(self.stamp(change, Some(reason), now));
        }
        if decisions.is_empty() {
            self.refuse_text(t(self.lang, Ui::NoClearSeverity));
            return;
        }
        // The preview: the same batch on a copy of the session.
        let mut trial = self.session.clone();
        let moved = match trial.decide_all(decisions.clone()) {
            Ok(outcome) => outcome.moved,
            Err(why) => {
                self.refuse_text(fill(
                    self.lang,
                    Ui::NotProposed,
                    &[("why", &why.text(self.lang))],
                ));
                return;
            }
        };
        let lang = self.lang;
        let question = fill(
            lang,
            Ui::ProposeAll,
            &[
                (
                    "raters",
                    &plural(lang, decisions.len(), Ui::RatersOne, Ui::RatersMany),
                ),
                (
                    "grades",
                    &plural(lang, moved, Ui::GradesOne, Ui::GradesMany),
                ),
            ],
        );
        self.open_prompt(
            crate::tui::action::PromptKind::ProposeAll(decisions),
            question,
            String::new(),
        );
    }

    /// What was done, and the raw figures it was done on: facts, never a
    /// judgement that the next adjustment could make stale (a run of `+`
    /// on a lenient rater is recorded as what it is).
    fn describe_adjustment(&self, rater: usize, transform: &Transform) -> String {
        let lang = self.lang;
        let transform = words::transform(lang, transform);
        let Some(bias) = self.session.figures().and_then(|f| f.bias_of(rater)) else {
            return transform;
        };
        let flags: Vec<&str> = bias.flags.iter().map(|&f| bias_flag(lang, f)).collect();
        let diff = bias.mean_diff.map_or(String::new(), |d| {
            fill(lang, Ui::AdjustDiff, &[("diff", &format!("{d:+.2}"))])
        });
        let n = bias.summary.n.to_string();
        let raw = if flags.is_empty() {
            fill(lang, Ui::AdjustRaw, &[("n", &n), ("diff", &diff)])
        } else {
            fill(
                lang,
                Ui::AdjustRawFlags,
                &[
                    ("flags", &flags.join(t(lang, Ui::ListSeparator))),
                    ("n", &n),
                    ("diff", &diff),
                ],
            )
        };
        fill(
            lang,
            Ui::AdjustReason,
            &[("transform", &transform), ("raw", &raw)],
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::load;
    use crate::engine::session::Session;
    use crate::tui::action::{Action, Effect, Screen};
    use crate::tui::app::{App, Origin};
    use crate::tui::theme::{Theme, ThemeName};

    /// Z-scoring many raters first shows what is under way, then does it
    /// when the shell resumes: the screen never freezes unexplained.
    #[test]
    fn zscoring_every_rater_says_so_before_it_is_done() {
        let input = load::load(crate::demo::files())
            .expect("the demo loads")
            .input;
        let origin = Origin {
            input: "demo".into(),
            input_dir: None,
            session_path: None,
            export_stem: "demo-grades".into(),
            by: Some("HR".into()),
        };
        let mut app = App::new(
            Session::new(input),
            origin,
            Theme::new(ThemeName::Dark),
            None,
        );
        const NOW: &str = "2026-11-27T10:00:00Z";
        app.update(Action::Show(Screen::Raters), NOW);
        assert_eq!(app.update(Action::ZScoreAll, NOW), vec![Effect::Busy]);
        assert!(app.session.decisions().is_empty(), "nothing decided yet");
        let said = app.message.as_ref().map(|(text, _)| text.clone());
        assert_eq!(said.as_deref(), Some("Z-scoring 8 raters…"));
        app.update(Action::Resume, NOW);
        assert_eq!(app.session.decisions().len(), 8);
        // Resumed again, nothing more happens.
        assert!(app.update(Action::Resume, NOW).is_empty());
        assert_eq!(app.session.decisions().len(), 8);
    }
}
