//! The arithmetic target's input: a random but well-formed input folder
//! (policy, org, ratings) and a random list of decisions, written out as the
//! JSON files calibra reads. Extreme values are picked on purpose: 10^20
//! scores, 28-digit fractions, tiny and huge weights, empty groups, a
//! department of one, nobody rated, everybody equal.

use arbitrary::Arbitrary;
use rust_decimal::{Decimal, RoundingStrategy};

use calibra::engine::decision::{Change, Decision};
use calibra::engine::load::InputFiles;
use calibra::engine::source::SourceFile;
use calibra::engine::transform::Transform;

const MAX_GRADES: usize = 9;
const MAX_DEPARTMENT_GRADES: usize = 4;
const MAX_DEPARTMENTS: usize = 8;
const MAX_EMPLOYEES: usize = 48;
const MAX_RATERS: usize = 6;
const MAX_RATINGS: usize = 160;
const MAX_DECISIONS: usize = 24;

/// Any decimal: 96-bit mantissa, sign and scale 0 to 28.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct AnyDecimal {
    lo: u32,
    mid: u32,
    hi: u32,
    negative: bool,
    scale: u8,
}

impl AnyDecimal {
    pub fn value(self) -> Decimal {
        Decimal::from_parts(
            self.lo,
            self.mid,
            self.hi,
            self.negative,
            u32::from(self.scale % 29),
        )
    }

    /// A small decimal: a mantissa below 2^32 at the given scale.
    pub fn small(self) -> Decimal {
        Decimal::from_parts(self.lo, 0, 0, self.negative, u32::from(self.scale % 29))
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Range {
    Percent,
    Billion,
    /// 0 to 10^-27: every score rounds to 0.
    Tiny,
    /// Bounds with 28 significant digits.
    Fraction28,
    /// 0 to 10^20: refused (beyond the 10^9 limit).
    Huge,
    Negative,
    Any(AnyDecimal, AnyDecimal),
}

impl Range {
    fn bounds(self) -> (Decimal, Decimal) {
        match self {
            Range::Percent => (Decimal::ZERO, Decimal::ONE_HUNDRED),
            Range::Billion => (
                Decimal::new(-1_000_000_000, 0),
                Decimal::new(1_000_000_000, 0),
            ),
            Range::Tiny => (Decimal::ZERO, Decimal::new(1, 27)),
            Range::Fraction28 => (
                Decimal::from_i128_with_scale(1_234_567_890_123_456_789_012_345_678, 28),
                Decimal::from_i128_with_scale(9_999_999_999_999_999_999_999_999_999, 28),
            ),
            Range::Huge => (
                Decimal::ZERO,
                Decimal::from_i128_with_scale(100_000_000_000_000_000_000, 0),
            ),
            Range::Negative => (Decimal::new(-500, 1), Decimal::new(-1, 2)),
            Range::Any(a, b) => (a.small(), b.small()),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Score {
    Min,
    Max,
    Middle,
    /// min + (max - min) * k / 65535.
    Fraction(u16),
    /// The same score for everybody who gets it.
    Constant,
    /// 10^20: outside every accepted range.
    Huge,
    /// min plus a 28-digit fraction of the range.
    Digits28(u64),
    /// Just outside the range.
    BelowMin,
    AboveMax,
    Exact(AnyDecimal),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Weight {
    One,
    Whole(u32),
    /// 10^-28: refused (below 0.000001).
    Tiny,
    /// 0.000001, the smallest accepted.
    Millionth,
    /// 10^6, the largest accepted.
    Largest,
    Zero,
    Negative,
    Exact(AnyDecimal),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Row {
    /// Shares that sum to exactly 1, cut to `places` decimal places.
    SumsToOne {
        weights: [u16; MAX_GRADES],
        places: u8,
    },
    /// Shares as given: usually not summing to 1 (an error).
    Raw([AnyDecimal; MAX_GRADES]),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct DepartmentSpec {
    grade: u8,
    pool: Option<u8>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct RatingSpec {
    rater: u8,
    employee: u8,
    score: Score,
    weight: Option<Weight>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Shape {
    AsGiven,
    /// No ratings at all.
    NobodyRated,
    /// Every score the same.
    AllEqual,
    /// Only the first rating of each department's people is kept.
    OneRatingEach,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Method {
    None,
    Offset(AnyDecimal),
    Linear(AnyDecimal, AnyDecimal),
    ZScore(Option<AnyDecimal>, Option<AnyDecimal>),
    Quantile,
    /// A stretch of 10^-28 or Decimal::MAX and a shift of Decimal::MIN.
    ExtremeLinear(bool),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Reason {
    Plain,
    Blank,
    /// A reason starting with a formula character.
    Formula(u8),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Step {
    Scale {
        rater: u8,
        method: Method,
    },
    DepartmentGrade {
        department: u8,
        grade: u8,
    },
    Override {
        employee: u8,
        grade: u8,
        reason: Reason,
    },
    Clear {
        employee: u8,
    },
    Undo,
    UnknownRater,
}

/// One fuzz case of the arithmetic target.
#[derive(Arbitrary, Debug)]
pub struct Spec {
    decimals: u8,
    range: Range,
    min_scores: [Option<Score>; MAX_GRADES],
    grade_count: u8,
    department_grade_count: u8,
    rows: [Row; MAX_DEPARTMENT_GRADES],
    departments: Vec<DepartmentSpec>,
    employees: Vec<u8>,
    rater_count: u8,
    ratings: Vec<RatingSpec>,
    shape: Shape,
    numbers_as_strings: bool,
    pub steps: Vec<Step>,
}

const FORMULA_TEXT: [&str; 8] = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", "＝1"];

impl Spec {
    fn grades(&self) -> usize {
        usize::from(self.grade_count) % MAX_GRADES + 1
    }

    fn department_grades(&self) -> usize {
        usize::from(self.department_grade_count) % MAX_DEPARTMENT_GRADES + 1
    }

    fn department_count(&self) -> usize {
        self.departments.len().clamp(1, MAX_DEPARTMENTS)
    }

    fn employee_count(&self) -> usize {
        self.employees.len().min(MAX_EMPLOYEES)
    }

    fn rater_count(&self) -> usize {
        usize::from(self.rater_count) % MAX_RATERS + 1
    }

    fn number(&self, x: Decimal) -> String {
        if self.numbers_as_strings {
            format!("\"{x}\"")
        } else {
            x.to_string()
        }
    }

    fn score(&self, score: Score) -> Decimal {
        let (min, max) = self.range.bounds();
        let span = max.checked_sub(min).unwrap_or(Decimal::ZERO);
        let part = |numerator: Decimal, denominator: Decimal| {
            span.checked_mul(numerator)
                .and_then(|x| x.checked_div(denominator))
                .and_then(|x| min.checked_add(x))
                .unwrap_or(min)
        };
        match score {
            Score::Min => min,
            Score::Max => max,
            Score::Middle => part(Decimal::ONE, Decimal::TWO),
            Score::Fraction(k) => part(Decimal::from(k), Decimal::from(u16::MAX)),
            Score::Constant => part(Decimal::new(1, 0), Decimal::new(3, 0)),
            Score::Huge => Decimal::from_i128_with_scale(100_000_000_000_000_000_000, 0),
            Score::Digits28(k) => {
                let fraction = Decimal::from_i128_with_scale(
                    i128::from(k % 10_000_000_000_000_000) * 1_000_000_000_000,
                    28,
                );
                part(fraction, Decimal::ONE)
            }
            Score::BelowMin => min.checked_sub(Decimal::new(1, 28)).unwrap_or(min),
            Score::AboveMax => max.checked_add(Decimal::new(1, 28)).unwrap_or(max),
            Score::Exact(d) => d.small(),
        }
    }

    fn weight(weight: Weight) -> Decimal {
        match weight {
            Weight::One => Decimal::ONE,
            Weight::Whole(w) => Decimal::from(w % 2_000_000),
            Weight::Tiny => Decimal::new(1, 28),
            Weight::Millionth => Decimal::new(1, 6),
            Weight::Largest => Decimal::from(1_000_000),
            Weight::Zero => Decimal::ZERO,
            Weight::Negative => Decimal::NEGATIVE_ONE,
            Weight::Exact(d) => d.small(),
        }
    }

    fn row_shares(&self, row: Row) -> Vec<Decimal> {
        let grades = self.grades();
        match row {
            Row::SumsToOne { weights, places } => {
                let weights = &weights[..grades];
                let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
                if total == 0 {
                    let mut shares = vec![Decimal::ZERO; grades];
                    shares[grades - 1] = Decimal::ONE;
                    return shares;
                }
                let places = u32::from(places % 29);
                let mut shares: Vec<Decimal> = weights[..grades - 1]
                    .iter()
                    .map(|&w| {
                        (Decimal::from(w) / Decimal::from(total))
                            .round_dp_with_strategy(places, RoundingStrategy::ToZero)
                    })
                    .collect();
                let used: Decimal = shares.iter().sum();
                shares.push(Decimal::ONE - used);
                shares
            }
            Row::Raw(values) => values[..grades].iter().map(|d| d.small()).collect(),
        }
    }

    pub fn policy_json(&self) -> String {
        let (min, max) = self.range.bounds();
        let grades: Vec<String> = (0..self.grades())
            .map(|g| match self.min_scores[g] {
                Some(score) => format!(
                    "{{ \"id\": \"G{g}\", \"min_score\": {} }}",
                    self.number(self.score(score))
                ),
                None => format!("{{ \"id\": \"G{g}\" }}"),
            })
            .collect();
        let department_grades: Vec<String> = (0..self.department_grades())
            .map(|d| format!("\"K{d}\""))
            .collect();
        let rows: Vec<String> = (0..self.department_grades())
            .map(|d| {
                let shares: Vec<String> = self
                    .row_shares(self.rows[d])
                    .iter()
                    .enumerate()
                    .map(|(g, share)| format!("\"G{g}\": {}", self.number(*share)))
                    .collect();
                format!("\"K{d}\": {{ {} }}", shares.join(", "))
            })
            .collect();
        format!(
            "{{\n\"cycle\": \"fuzz\",\n\"score\": {{ \"min\": {}, \"max\": {}, \"decimals\": {} }},\n\"grades\": [{}],\n\"department_grades\": [{}],\n\"quotas\": {{\n{}\n}}\n}}\n",
            self.number(min),
            self.number(max),
            self.decimals % 8,
            grades.join(", "),
            department_grades.join(", "),
            rows.join(",\n")
        )
    }

    pub fn org_json(&self) -> String {
        let departments: Vec<String> = (0..self.department_count())
            .map(|d| {
                let spec = self.departments.get(d).copied().unwrap_or(DepartmentSpec {
                    grade: 0,
                    pool: None,
                });
                let grade = usize::from(spec.grade) % self.department_grades();
                match spec.pool {
                    Some(p) => format!(
                        "{{ \"id\": \"D{d}\", \"grade\": \"K{grade}\", \"pool\": \"P{}\" }}",
                        p % 3
                    ),
                    None => format!("{{ \"id\": \"D{d}\", \"grade\": \"K{grade}\" }}"),
                }
            })
            .collect();
        let employees: Vec<String> = (0..self.employee_count())
            .map(|e| {
                let d = usize::from(self.employees[e]) % self.department_count();
                let name = if e % 7 == 3 {
                    FORMULA_TEXT[e % FORMULA_TEXT.len()].to_string()
                } else {
                    format!("名{e}")
                };
                format!(
                    "{{ \"id\": \"E{e}\", \"name\": {}, \"department\": \"D{d}\" }}",
                    serde_json::Value::String(name)
                )
            })
            .collect();
        format!(
            "{{\n\"departments\": [\n{}\n],\n\"employees\": [\n{}\n]\n}}\n",
            departments.join(",\n"),
            employees.join(",\n")
        )
    }

    /// One JSON submission per rater that has ratings.
    pub fn submissions(&self) -> Vec<(String, String)> {
        let employees = self.employee_count();
        if employees == 0 || matches!(self.shape, Shape::NobodyRated) {
            return Vec::new();
        }
        let mut per_rater: Vec<Vec<String>> = vec![Vec::new(); self.rater_count()];
        let mut seen = std::collections::HashSet::new();
        let mut rated = std::collections::HashSet::new();
        for rating in self.ratings.iter().take(MAX_RATINGS) {
            let r = usize::from(rating.rater) % self.rater_count();
            let e = usize::from(rating.employee) % employees;
            // A duplicate rating is an error; keep the arithmetic cases valid.
            if !seen.insert((r, e)) {
                continue;
            }
            if matches!(self.shape, Shape::OneRatingEach) && !rated.insert(e) {
                continue;
            }
            let score = match self.shape {
                Shape::AllEqual => self.score(Score::Constant),
                _ => self.score(rating.score),
            };
            let weight = match rating.weight {
                Some(w) => format!(", \"weight\": {}", self.number(Self::weight(w))),
                None => String::new(),
            };
            per_rater[r].push(format!(
                "{{ \"employee\": \"E{e}\", \"score\": {}{weight} }}",
                self.number(score)
            ));
        }
        per_rater
            .iter()
            .enumerate()
            .filter(|(_, ratings)| !ratings.is_empty())
            .map(|(r, ratings)| {
                (
                    format!("submissions/r{r}.json"),
                    format!(
                        "{{\n\"rater\": {{ \"id\": \"R{r}\", \"name\": \"Rater {r}\" }},\n\"ratings\": [\n{}\n]\n}}\n",
                        ratings.join(",\n")
                    ),
                )
            })
            .collect()
    }

    pub fn files(&self) -> InputFiles {
        InputFiles {
            policy: Some(SourceFile::new("policy.json", self.policy_json())),
            org: Some(SourceFile::new("org.json", self.org_json())),
            submissions: self
                .submissions()
                .into_iter()
                .map(|(name, text)| SourceFile::new(name, text))
                .collect(),
            ..InputFiles::default()
        }
    }

    /// The decision a step makes (`None` for undo).
    pub fn decision(&self, step: Step) -> Option<Decision> {
        let change = match step {
            Step::Scale { rater, method } => Change::RaterScale {
                rater: format!("R{}", usize::from(rater) % self.rater_count()),
                transform: match method {
                    Method::None => Transform::None,
                    Method::Offset(d) => Transform::Offset { delta: d.value() },
                    Method::Linear(s, t) => Transform::Linear {
                        stretch: s.value(),
                        shift: t.value(),
                    },
                    Method::ZScore(m, s) => Transform::ZScore {
                        mean: m.map(AnyDecimal::value),
                        sd: s.map(AnyDecimal::value),
                    },
                    Method::Quantile => Transform::Quantile,
                    Method::ExtremeLinear(tiny) => Transform::Linear {
                        stretch: if tiny {
                            Decimal::new(1, 28)
                        } else {
                            Decimal::MAX
                        },
                        shift: Decimal::MIN,
                    },
                },
            },
            Step::DepartmentGrade { department, grade } => Change::DepartmentGrade {
                department: format!("D{}", usize::from(department) % self.department_count()),
                grade: format!("K{}", usize::from(grade) % (self.department_grades() + 1)),
            },
            Step::Override {
                employee,
                grade,
                reason,
            } => {
                let mut decision = Decision::new(Change::Override {
                    employee: format!("E{}", usize::from(employee) % self.employee_count().max(1)),
                    grade: format!("G{}", usize::from(grade) % (self.grades() + 1)),
                });
                decision.reason = Some(match reason {
                    Reason::Plain => "led the peak".to_string(),
                    Reason::Blank => " ".to_string(),
                    Reason::Formula(i) => {
                        FORMULA_TEXT[usize::from(i) % FORMULA_TEXT.len()].to_string()
                    }
                });
                return Some(decision);
            }
            Step::Clear { employee } => Change::ClearOverride {
                employee: format!("E{}", usize::from(employee) % self.employee_count().max(1)),
            },
            Step::Undo => return None,
            Step::UnknownRater => Change::RaterScale {
                rater: "nobody".to_string(),
                transform: Transform::Quantile,
            },
        };
        Some(Decision::new(change))
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps[..self.steps.len().min(MAX_DECISIONS)]
    }
}
