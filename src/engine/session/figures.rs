//! The figures the live screen reads after every decision, kept up to date
//! from what each decision touched rather than recomputed: every rater's
//! bias figures, and the warning count (the fixed part, and each group's).
//!
//! A headless run (`check`, `export`) never needs them, so a [`Session`]
//! only keeps them when asked to ([`Session::track_figures`]).

use super::Session;
use crate::engine::bias::{self, RaterBias};
use crate::engine::cores;
use crate::engine::decision::Touched;
use crate::engine::warnings;

#[derive(Debug, Clone)]
pub struct Figures {
    /// Bias figures of the raters with ratings, in input order.
    pub biases: Vec<RaterBias>,
    /// Per rater: position in `biases`.
    bias_index: Vec<Option<usize>>,
    /// Warnings no decision changes (unrated, small samples, quota table).
    fixed_warnings: usize,
    /// Per group: how many warnings it has now (mixed pool, violations, ties).
    group_warnings: Vec<usize>,
    /// 1 when the bonus pool cannot be allocated (every share is 0).
    bonus_warning: usize,
    /// The company-wide raw cut-offs of the implied mixes (they move only
    /// when a department is regraded).
    pub cutoffs: Vec<Option<rust_decimal::Decimal>>,
}

impl Figures {
    /// Every figure, from scratch.
    pub(super) fn new(session: &Session) -> Figures {
        let biases = bias::rater_biases(session);
        let mut bias_index = vec![None; session.input.raters.len()];
        for (i, b) in biases.iter().enumerate() {
            bias_index[b.rater] = Some(i);
        }
        let input = &session.input;
        let unrated = (0..input.employees.len())
            .filter(|&e| !input.is_rated(e))
            .count();
        let mut figures = Figures {
            biases,
            bias_index,
            fixed_warnings: unrated + warnings::about_input(input, &session.baseline).len(),
            group_warnings: vec![0; input.groups.len()],
            bonus_warning: 0,
            cutoffs: bias::company_cutoffs(session),
        };
        figures.count_bonus_warning(session);
        for g in 0..input.groups.len() {
            figures.count_group_warnings(session, g);
        }
        figures
    }

    fn count_group_warnings(&mut self, session: &Session, g: usize) {
        let mut found = Vec::new();
        warnings::about_group(
            &session.input,
            session.state(),
            session.results(),
            g,
            &mut found,
        );
        self.group_warnings[g] = found.len();
    }

    fn count_bonus_warning(&mut self, session: &Session) {
        self.bonus_warning = usize::from(
            warnings::about_bonus(&session.input, session.state(), session.results()).is_some(),
        );
    }

    /// Recomputes what `touched` can change: the touched groups' warnings,
    /// a touched rater's adjusted figures, every rater's grade mix after a
    /// department regrade.
    pub(super) fn refresh(&mut self, session: &Session, touched: &[Touched]) {
        let mut groups: Vec<usize> = touched
            .iter()
            .flat_map(|&t| session.groups_touched_by(t))
            .collect();
        groups.sort_unstable();
        groups.dedup();
        for g in groups {
            self.count_group_warnings(session, g);
        }
        if !touched.is_empty() && session.input.policy.bonus.is_some() {
            self.count_bonus_warning(session);
        }
        self.refresh_raters(session, touched);
        for &t in touched {
            match t {
                Touched::Rater(_) => {}
                Touched::Department(d) => {
                    self.cutoffs =
                        bias::refresh_after_regrade(session, &mut self.biases, d, &self.cutoffs);
                }
                Touched::Employee(_) | Touched::Record => {}
            }
        }
    }

    /// The adjusted figures of every touched rater: with many (z-scoring
    /// every rater), half of the raters on each core.
    fn refresh_raters(&mut self, session: &Session, touched: &[Touched]) {
        let mut marked = vec![false; self.biases.len()];
        let mut count = 0;
        for &t in touched {
            if let Touched::Rater(r) = t
                && let Some(i) = self.bias_index[r]
            {
                count += usize::from(!marked[i]);
                marked[i] = true;
            }
        }
        // Few in the unit tests, so that they take both paths.
        let split = count >= if cfg!(test) { 10 } else { 1_000 };
        cores::each(&mut self.biases, split, |(i, bias)| {
            if marked[i] {
                bias::refresh_adjusted(session, bias);
            }
        });
    }

    /// Bias figures of a rater (`None` for a rater without ratings).
    pub fn bias_of(&self, rater: usize) -> Option<&RaterBias> {
        self.bias_index
            .get(rater)
            .copied()
            .flatten()
            .map(|i| &self.biases[i])
    }

    /// Every warning the engine would print for this session.
    pub fn warning_count(&self) -> usize {
        self.fixed_warnings + self.group_warnings.iter().sum::<usize>() + self.bonus_warning
    }
}
