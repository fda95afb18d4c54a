//! Screen 3's state (the employee table: filter, sort, selection, scroll)
//! and its keys: sorting, overriding a grade and clearing an override, each
//! asking for a reason.

use std::cmp::Reverse;
use std::sync::{Arc, OnceLock};

use rust_decimal::Decimal;

use crate::engine::calibrate::Flags;
use crate::engine::decision::Change;
use crate::engine::model::Input;
use crate::engine::session::Session;
use crate::i18n::{Lang, Ui, fill, t};
use crate::tui::action::{Action, Effect, PromptKind, Tone};
use crate::tui::app::App;
use crate::tui::view::lists::Cursor;
use crate::tui::view::order;

/// Columns of the employee table, which is sortable by each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmployeeSort {
    /// org.json order.
    Org,
    Rank,
    Id,
    Name,
    Department,
    Raters,
    Raw,
    Final,
    Auto,
    Grade,
    Flags,
}

impl EmployeeSort {
    const ALL: [EmployeeSort; 11] = [
        EmployeeSort::Org,
        EmployeeSort::Rank,
        EmployeeSort::Id,
        EmployeeSort::Name,
        EmployeeSort::Department,
        EmployeeSort::Raters,
        EmployeeSort::Raw,
        EmployeeSort::Final,
        EmployeeSort::Auto,
        EmployeeSort::Grade,
        EmployeeSort::Flags,
    ];

    pub fn next(self) -> Self {
        let i = EmployeeSort::ALL
            .iter()
            .position(|&s| s == self)
            .unwrap_or(0);
        EmployeeSort::ALL[(i + 1) % EmployeeSort::ALL.len()]
    }

    pub fn label(self, lang: Lang) -> &'static str {
        t(
            lang,
            match self {
                EmployeeSort::Org => Ui::SortOrg,
                EmployeeSort::Rank => Ui::SortRank,
                EmployeeSort::Id => Ui::SortId,
                EmployeeSort::Name => Ui::SortName,
                EmployeeSort::Department => Ui::SortDepartment,
                EmployeeSort::Raters => Ui::SortRaters,
                EmployeeSort::Raw => Ui::SortRaw,
                EmployeeSort::Final => Ui::SortFinal,
                EmployeeSort::Auto => Ui::SortAuto,
                EmployeeSort::Grade => Ui::SortGrade,
                EmployeeSort::Flags => Ui::SortFlags,
            },
        )
    }
}

/// A rounded score as an integer that sorts like it (unrated lowest): a
/// million rows sort several times faster than by comparing decimals.
fn score_key(score: Option<Decimal>) -> i128 {
    score.map_or(i128::MIN, |mut x| {
        // Scores are rounded to at most 6 places, well inside a decimal:
        // at fewer, the mantissa times a power of ten is what rescaling
        // gives, without its checks (a million rows sort by it).
        match 6u32.checked_sub(x.scale()) {
            Some(more) => x.mantissa() * 10i128.pow(more),
            None => {
                x.rescale(6);
                x.mantissa()
            }
        }
    })
}

/// Sorts by score, best first, unrated last: by radix when every score fits
/// 64 bits at 6 places (any real scale does), else by comparison.
fn sort_by_score(rows: &mut [usize], score: impl Fn(usize) -> Option<Decimal>) {
    let mut keys = Vec::with_capacity(rows.len());
    for &e in rows.iter() {
        let key = match score(e) {
            None => u64::MAX,
            Some(x) => match i64::try_from(score_key(Some(x))) {
                Ok(k) if k != i64::MIN => !order::signed(k),
                _ => return rows.sort_by_cached_key(|&e| Reverse(score_key(score(e)))),
            },
        };
        keys.push(key);
    }
    order::sort_by_keys(rows, keys);
}

/// The employee table: filtered, sorted rows and the selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeesView {
    pub sort: EmployeeSort,
    pub descending: bool,
    pub filter: String,
    /// Employee indices in display order.
    pub rows: Vec<usize>,
    /// The selection, a position in `rows`, and the first visible one;
    /// its page is the visible rows as last laid out (see
    /// [`EmployeesView::set_page`]).
    pub cursor: Cursor,
    /// Only this group's people (the focus).
    pub group: Option<usize>,
    /// Only the people this rater rated.
    pub rater: Option<usize>,
    /// Names are hidden, so the filter matches ids only.
    pub privacy: bool,
    /// Ids and names in lower case, once the find prompt built them.
    pub index: Option<std::sync::Arc<super::find::SearchIndex>>,
    /// The text columns' orders, ranked the first time each is sorted by.
    ranks: TextRanks,
    /// The screen's language: the filter finds flag words in it (and in
    /// English).
    pub lang: Lang,
    /// The rows the last filter matched by text or flag words, for the next
    /// key typed to narrow (see [`EmployeesView::refresh`]).
    matched: Option<Matched>,
}

/// The rows a filter matched, and what they were matched under.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Matched {
    needle: String,
    /// Whether flag words were looked at.
    flags: bool,
    /// Group, rater, privacy and the number of decisions: a change of any
    /// of them (or of the results, which comes with a decision) starts anew.
    scope: (Option<usize>, Option<usize>, bool, usize),
    /// In candidate order (org order).
    rows: Vec<usize>,
}

/// Each employee's place by id, by name and by raters: the input does not
/// change during a session, so each is worked out once, in the background
/// from the moment a large table opens (a million names take about a
/// second to order), or when first sorted by, whichever comes first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct TextRanks {
    id: Arc<OnceLock<Vec<u32>>>,
    name: Arc<OnceLock<Vec<u32>>>,
    raters: Arc<OnceLock<Vec<u32>>>,
}

impl TextRanks {
    fn id(&self, input: &Input) -> &[u32] {
        let employees = &input.employees;
        self.id.get_or_init(|| {
            order::ranks(employees.len(), |a, b| {
                employees[a].id.cmp(&employees[b].id)
            })
        })
    }

    fn name(&self, input: &Input) -> &[u32] {
        let employees = &input.employees;
        self.name.get_or_init(|| {
            order::ranks(employees.len(), |a, b| {
                employees[a].name.cmp(&employees[b].name)
            })
        })
    }

    fn raters(&self, input: &Input) -> &[u32] {
        self.raters.get_or_init(|| {
            let raters: Vec<String> = (0..input.employees.len())
                .map(|e| input.raters_of(e).join(";"))
                .collect();
            order::ranks(raters.len(), |a, b| raters[a].cmp(&raters[b]))
        })
    }

    /// Works every rank out on a thread of its own (none if no thread can
    /// be started: then each is worked out when first sorted by).
    fn in_background(&self, input: Arc<Input>) {
        let ranks = self.clone();
        let _ = std::thread::Builder::new()
            .name("table-orders".into())
            .spawn(move || {
                ranks.id(&input);
                ranks.name(&input);
                ranks.raters(&input);
            });
    }
}

impl Default for EmployeesView {
    /// An empty view in org order; [`EmployeesView::refresh`] fills it.
    fn default() -> Self {
        EmployeesView {
            sort: EmployeeSort::Org,
            descending: false,
            filter: String::new(),
            rows: Vec::new(),
            cursor: Cursor::default(),
            group: None,
            rater: None,
            privacy: false,
            index: None,
            ranks: TextRanks::default(),
            lang: Lang::En,
            matched: None,
        }
    }
}

impl EmployeesView {
    /// Orders the text columns in the background when the table is large
    /// enough for ordering them to take longer than a frame.
    pub fn prepare(&self, input: &Arc<Input>) {
        if input.employees.len() >= 50_000 {
            self.ranks.in_background(Arc::clone(input));
        }
    }

    pub fn selected_employee(&self) -> Option<usize> {
        self.rows.get(self.cursor.selected).copied()
    }

    /// Rebuilds the rows after a change of filter, sort or results, keeping
    /// the same person selected when they are still shown.
    pub fn refresh(&mut self, session: &Session) {
        let keep = self.selected_employee();
        let input = &session.input;
        let results = session.results();
        let needle = self.filter.trim().to_lowercase();
        // The grade whose id the needle is (compared once, not per row).
        let needle_grade = input
            .policy
            .grades
            .iter()
            .position(|g| g.id.to_lowercase() == needle)
            .and_then(|g| u8::try_from(g).ok());
        let names = !self.privacy;
        // Only a needle that is part of a flag word (in English or the
        // screen's language) looks at flags.
        let mut every_flag = Flags::BOUNDARY_TIE;
        every_flag.insert(Flags::OVERRIDE);
        every_flag.insert(Flags::UNRATED);
        let flag_needle = (needle.len() >= 3
            && ["override", "tie", "unrated", "big_mover"]
                .iter()
                .any(|w| w.contains(needle.as_str())))
            || (self.lang != Lang::En
                && !needle.is_empty()
                && crate::tui::ui::flag_text(self.lang, every_flag)
                    .to_lowercase()
                    .contains(needle.as_str()));
        let of_rater: Option<Vec<usize>> = self.rater.map(|r| {
            let mut people: Vec<usize> = input
                .rater_ratings
                .of(r)
                .iter()
                .map(|&i| input.ratings[i].employee)
                .collect();
            people.sort_unstable();
            people.dedup();
            people
        });
        // Typing narrows: what holds the longer needle held the shorter one
        // (by text or flag words; the grade is matched on its own), so the
        // rows that matched before are the only ones to look at again.
        let scope = (
            self.group,
            self.rater,
            self.privacy,
            session.decisions().len(),
        );
        let narrowed = self
            .matched
            .take()
            // Rows found by their flag words alone are there only if the
            // shorter needle looked at flags too.
            .filter(|m| m.scope == scope && (m.flags || !flag_needle))
            .filter(|m| needle.len() > m.needle.len() && needle.contains(m.needle.as_str()));
        let candidates: Box<dyn Iterator<Item = usize>> = match (&narrowed, &of_rater) {
            (Some(m), _) => Box::new(m.rows.iter().copied()),
            (None, Some(people)) => Box::new(people.iter().copied()),
            (None, None) => Box::new(0..input.employees.len()),
        };
        let mut matched: Vec<usize> = candidates
            .filter(|&e| self.group.is_none_or(|g| input.group_of(e) == g))
            .filter(|&e| {
                needle.is_empty()
                    || self.text_matches(input, e, &needle, names)
                    // "override", "tie", "unrated", "big": the flags.
                    || (flag_needle && flag_words(session, e, self.lang).contains(&needle))
            })
            .collect();
        // Rows of the grade the needle names, merged in (org order).
        let mut rows = match needle_grade {
            Some(grade) => {
                let mut rows = matched.clone();
                let of_grade = (0..input.employees.len())
                    .filter(|&e| results.employees[e].grade == Some(grade))
                    .filter(|&e| self.group.is_none_or(|g| input.group_of(e) == g))
                    .filter(|e| of_rater.as_ref().is_none_or(|p| p.binary_search(e).is_ok()));
                rows.extend(of_grade);
                rows.sort_unstable();
                rows.dedup();
                rows
            }
            // Kept for the next key only when something was typed.
            None if !needle.is_empty() => matched.clone(),
            None => std::mem::take(&mut matched),
        };
        if !needle.is_empty() {
            self.matched = Some(Matched {
                needle: needle.clone(),
                flags: flag_needle,
                scope,
                rows: matched,
            });
        }
        let employees = &input.employees;
        // Every key is a u64 that sorts as the column does (ties keep org
        // order): a million rows sort within a frame.
        let by = |rows: &mut [usize], key: &dyn Fn(usize) -> u64| order::sort_by_key(rows, key);
        match self.sort {
            EmployeeSort::Org => {}
            EmployeeSort::Rank => {
                // Rank, then group, in as few bits as they take: the
                // unrated (no rank) after every rank there is.
                let (groups, unranked) = (input.groups.len() as u64, employees.len() as u64);
                by(&mut rows, &|e| {
                    let rank = results.employees[e].rank.map_or(unranked, u64::from);
                    rank * groups + input.group_of(e) as u64
                })
            }
            EmployeeSort::Id => {
                let rank = self.ranks.id(input);
                by(&mut rows, &|e| u64::from(rank[e]))
            }
            EmployeeSort::Name => {
                let rank = self.ranks.name(input);
                by(&mut rows, &|e| u64::from(rank[e]))
            }
            EmployeeSort::Department => by(&mut rows, &|e| employees[e].department as u64),
            EmployeeSort::Raters => {
                let rank = self.ranks.raters(input);
                by(&mut rows, &|e| u64::from(rank[e]))
            }
            EmployeeSort::Raw => {
                sort_by_score(&mut rows, |e| session.baseline.raw_scores[e]);
            }
            EmployeeSort::Final => {
                sort_by_score(&mut rows, |e| results.employees[e].final_score);
            }
            EmployeeSort::Auto => by(&mut rows, &|e| {
                u64::from(results.employees[e].auto_grade.unwrap_or(u8::MAX))
            }),
            EmployeeSort::Grade => by(&mut rows, &|e| {
                u64::from(results.employees[e].grade.unwrap_or(u8::MAX))
            }),
            EmployeeSort::Flags => by(&mut rows, &|e| {
                u64::from(!results.employees[e].flags.bits())
            }),
        }
        if self.descending {
            rows.reverse();
        }
        self.rows = rows;
        self.cursor.selected = keep
            .and_then(|e| self.rows.iter().position(|&r| r == e))
            .unwrap_or(0);
        self.cursor.clamp(self.rows.len());
    }

    /// Whether the person's id or department id (or, with `names`, their
    /// name or their department's) holds `needle` (lower case), read from
    /// the lower-case index once it exists.
    fn text_matches(&self, input: &Input, e: usize, needle: &str, names: bool) -> bool {
        let d = input.employees[e].department;
        match &self.index {
            Some(index) => {
                let (id, name) = &index.employees[e];
                let (department_id, department_name) = &index.departments[d];
                id.contains(needle)
                    || department_id.contains(needle)
                    || (names && (name.contains(needle) || department_name.contains(needle)))
            }
            None => {
                let employee = &input.employees[e];
                let department = &input.departments[d];
                let has = |text: &str| text.to_lowercase().contains(needle);
                has(&employee.id)
                    || has(&department.id)
                    || (names && (has(&employee.name) || has(&department.name)))
            }
        }
    }

    /// Fits the table to `rows` visible rows (from the layout).
    pub fn set_page(&mut self, rows: usize) {
        self.cursor.page = rows.max(1);
        self.cursor.clamp(self.rows.len());
    }

    pub fn navigate(&mut self, action: &Action) {
        self.cursor.navigate(action, self.rows.len());
    }

    /// Selects `employee` if shown; whether it is.
    pub fn select(&mut self, employee: usize) -> bool {
        match self.rows.iter().position(|&e| e == employee) {
            Some(i) => {
                self.cursor.selected = i;
                self.cursor.clamp(self.rows.len());
                true
            }
            None => false,
        }
    }
}

impl App {
    /// The employees screen's actions; `None` when the action is not its own.
    pub(in crate::tui) fn employees_action(&mut self, action: &Action) -> Option<Vec<Effect>> {
        match action {
            _ if action.moves_in_list() => self.employees.navigate(action),
            Action::Sort | Action::ReverseSort => {
                if *action == Action::Sort {
                    self.employees.sort = self.employees.sort.next();
                } else {
                    self.employees.descending = !self.employees.descending;
                }
                self.employees.refresh(&self.session);
                let arrow = if self.employees.descending {
                    "↓"
                } else {
                    "↑"
                };
                self.say(
                    fill(
                        self.lang,
                        Ui::SortedBy,
                        &[
                            ("sort", self.employees.sort.label(self.lang)),
                            ("arrow", arrow),
                        ],
                    ),
                    Tone::Info,
                );
            }
            Action::Raise | Action::Lower => self.ask_override(*action == Action::Raise),
            Action::Open => {
                if let Some(e) = self.employees.selected_employee() {
                    self.ensure_before();
                    self.mode = crate::tui::action::Mode::Panel(crate::tui::action::Panel {
                        kind: crate::tui::action::PanelKind::Person(e),
                        scroll: 0,
                    });
                }
            }
            Action::ClearOverride => self.ask_clear_override(),
            _ => return None,
        }
        Some(Vec::new())
    }

    fn ask_override(&mut self, up: bool) {
        let Some(e) = self.employees.selected_employee() else {
            return;
        };
        let result = self.session.results().employees[e];
        let Some(current) = result.grade else {
            self.refuse_text(t(self.lang, Ui::Unrated));
            return;
        };
        let grades = &self.session.input.policy.grades;
        let target = if up {
            usize::from(current).checked_sub(1)
        } else {
            Some(usize::from(current) + 1)
        }
        .filter(|&g| g < grades.len());
        let Some(target) = target else {
            self.refuse_text(t(
                self.lang,
                if up { Ui::BestGrade } else { Ui::WorstGrade },
            ));
            return;
        };
        let id = self.session.input.employees[e].id.clone();
        let from = grades[usize::from(current)].id.clone();
        let to = grades[target].id.clone();
        let change = if u8::try_from(target).ok() == result.auto_grade {
            Change::ClearOverride {
                employee: id.to_string(),
            }
        } else {
            Change::Override {
                employee: id.to_string(),
                grade: to.clone(),
            }
        };
        let question = fill(
            self.lang,
            Ui::OverrideQuestion,
            &[
                ("id", &id),
                ("name", &self.employee_name(e)),
                ("from", &from),
                ("to", &to),
            ],
        );
        self.open_prompt(PromptKind::Reason(change), question, String::new());
    }

    fn ask_clear_override(&mut self) {
        let Some(e) = self.employees.selected_employee() else {
            return;
        };
        if self.session.state().overrides.get(e).is_none() {
            self.refuse_text(t(self.lang, Ui::NoOverride));
            return;
        }
        let id = self.session.input.employees[e].id.to_string();
        let question = fill(
            self.lang,
            Ui::ClearOverrideQuestion,
            &[("id", &id), ("name", &self.employee_name(e))],
        );
        self.open_prompt(
            PromptKind::Reason(Change::ClearOverride { employee: id }),
            question,
            String::new(),
        );
    }
}

/// A person's flags as the filter matches them (lower case): the English
/// words, which the filter's needle is checked against.
fn flag_words(session: &Session, e: usize, lang: Lang) -> String {
    let result = &session.results().employees[e];
    let mut words = crate::tui::ui::flag_text(Lang::En, result.flags);
    if lang != Lang::En {
        words.push(' ');
        words.push_str(&crate::tui::ui::flag_text(lang, result.flags));
    }
    if let Some(previous) = session.previous()
        && previous.big_mover(&session.input.policy, e, result.grade.map(usize::from))
    {
        words.push_str(" big_mover");
    }
    words.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::decision::Decision;
    use crate::engine::transform::Transform;

    /// Every column sorts as a plain stable sort on the column's values
    /// does (the table's order before sorting was made fast), with ties in
    /// org order, ascending and descending.
    #[test]
    fn every_column_sorts_as_comparing_its_values_does() {
        let input = crate::engine::load::load(crate::demo::files())
            .expect("the demo loads")
            .input;
        let mut session = Session::new(input);
        // A corrected rater, so that raw and final scores differ.
        let rater = session.input.raters[0].id.to_string();
        session
            .decide(Decision::new(Change::RaterScale {
                rater,
                transform: Transform::ZScore {
                    mean: None,
                    sd: None,
                },
            }))
            .expect("decided");
        let input = &session.input;
        let results = session.results();
        let employees = &input.employees;
        for sort in EmployeeSort::ALL {
            let mut expected: Vec<usize> = (0..employees.len()).collect();
            match sort {
                EmployeeSort::Org => {}
                EmployeeSort::Rank => expected.sort_by_key(|&e| {
                    (
                        results.employees[e].rank.unwrap_or(u32::MAX),
                        input.group_of(e),
                    )
                }),
                EmployeeSort::Id => {
                    expected.sort_by(|&a, &b| employees[a].id.cmp(&employees[b].id))
                }
                EmployeeSort::Name => {
                    expected.sort_by(|&a, &b| employees[a].name.cmp(&employees[b].name))
                }
                EmployeeSort::Department => expected.sort_by_key(|&e| employees[e].department),
                EmployeeSort::Raters => expected.sort_by_key(|&e| input.raters_of(e).join(";")),
                EmployeeSort::Raw => {
                    expected.sort_by_key(|&e| Reverse(session.baseline.raw_scores[e]))
                }
                EmployeeSort::Final => {
                    expected.sort_by_key(|&e| Reverse(results.employees[e].final_score))
                }
                EmployeeSort::Auto => {
                    expected.sort_by_key(|&e| results.employees[e].auto_grade.unwrap_or(u8::MAX))
                }
                EmployeeSort::Grade => {
                    expected.sort_by_key(|&e| results.employees[e].grade.unwrap_or(u8::MAX))
                }
                EmployeeSort::Flags => {
                    expected.sort_by_key(|&e| Reverse(results.employees[e].flags.bits()))
                }
            }
            for descending in [false, true] {
                let mut view = EmployeesView {
                    sort,
                    descending,
                    ..EmployeesView::default()
                };
                view.refresh(&session);
                let mut expected = expected.clone();
                if descending {
                    expected.reverse();
                }
                assert_eq!(view.rows, expected, "{sort:?}, descending {descending}");
                // A second sort uses the ranks worked out by the first.
                view.refresh(&session);
                assert_eq!(view.rows, expected, "{sort:?} again");
            }
        }
    }

    /// The filter finds flags by their words on screen (未評分, 調整) as well
    /// as by the English ones `check` and the export use.
    #[test]
    fn the_filter_finds_flags_in_the_screens_language_and_in_english() {
        let input = crate::engine::load::load(crate::demo::files())
            .expect("the demo loads")
            .input;
        let session = Session::new(input);
        let unrated: Vec<usize> = (0..session.input.employees.len())
            .filter(|&e| {
                session.results().employees[e]
                    .flags
                    .contains(Flags::UNRATED)
            })
            .collect();
        assert_eq!(unrated.len(), 2, "the demo has two unrated people");
        for (lang, word) in [
            (Lang::ZhHant, "未評分"),
            (Lang::ZhHans, "未评分"),
            (Lang::ZhHant, "unrated"),
            (Lang::En, "unrated"),
        ] {
            let mut view = EmployeesView {
                filter: word.to_string(),
                lang,
                ..EmployeesView::default()
            };
            view.refresh(&session);
            assert_eq!(view.rows, unrated, "{word} in {lang}");
        }
        // Chinese words find nothing on an English screen.
        let mut view = EmployeesView {
            filter: "未評分".to_string(),
            ..EmployeesView::default()
        };
        view.refresh(&session);
        assert!(view.rows.is_empty());
    }

    /// Typing narrows the rows the last key matched; the rows are those a
    /// filter typed at once finds, whatever is typed: ids, names, grades
    /// (an id shorter than what was typed before), flag words.
    #[test]
    fn typing_a_filter_finds_what_the_whole_filter_finds() {
        let input = crate::engine::load::load(crate::demo::files())
            .expect("the demo loads")
            .input;
        let mut session = Session::new(input);
        session
            .decide(Decision {
                reason: Some("peak".into()),
                ..Decision::new(Change::Override {
                    employee: "E0008".into(),
                    grade: "S".into(),
                })
            })
            .expect("decided");
        for lang in [Lang::En, Lang::ZhHant] {
            for word in [
                "e001",
                "cs-pre",
                "周芷",
                "a",
                "s",
                "over",
                "unrated",
                "未評分",
                "✎調整",
                "zz",
            ] {
                let mut typed = EmployeesView {
                    lang,
                    sort: EmployeeSort::Final,
                    ..EmployeesView::default()
                };
                for end in word.char_indices().map(|(i, c)| i + c.len_utf8()) {
                    typed.filter = word[..end].to_string();
                    typed.refresh(&session);
                    let mut whole = EmployeesView {
                        lang,
                        sort: EmployeeSort::Final,
                        filter: typed.filter.clone(),
                        ..EmployeesView::default()
                    };
                    whole.refresh(&session);
                    assert_eq!(typed.rows, whole.rows, "{} in {lang}", typed.filter);
                }
            }
        }
    }

    /// A score's key is its value at 6 places, as rescaling gives it,
    /// whatever its own places (more than 6 are rounded, as before).
    #[test]
    fn score_keys_are_the_scores_at_six_places() {
        use rust_decimal_macros::dec;
        for (score, key) in [
            (dec!(80), 80_000_000),
            (dec!(80.5), 80_500_000),
            (dec!(79.25), 79_250_000),
            (dec!(-1.000001), -1_000_001),
            (dec!(0.1234567), 123_457),
        ] {
            let mut rescaled = score;
            rescaled.rescale(6);
            assert_eq!(score_key(Some(score)), key, "{score}");
            assert_eq!(score_key(Some(score)), rescaled.mantissa(), "{score}");
        }
        assert_eq!(score_key(None), i128::MIN);
    }
}
