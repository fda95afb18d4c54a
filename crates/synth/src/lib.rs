//! Synthetic input folders at any size, for benchmarks and load tests.
//!
//! [`write()`] produces a folder shaped like `fixtures/demo`: the contract's
//! policy; departments of about 200 people (50 to 400) with grades A/B/C,
//! small ones pooled two to four at a time; one rater per about 20 people,
//! some lenient (+8), some severe (−8), some narrow (sd 1); about 10% of
//! people rated by a second rater (with weights) and 2% by nobody; Chinese
//! and Latin names; one JSON file per rater for about half of the raters and
//! CSV files of about 50 raters for the rest. Every employee names their
//! main rater as `manager` (contract 6.10); with [`Spec::missing_share`],
//! a few managers are behind and have not rated some of their people.
//!
//! With [`Spec::second_ratings`] the folder is *linked* (contract 6.7): a
//! chosen share of people get a second rating from their department's
//! head (a skip-level manager) or from the manager of another team, every
//! rater scores on the additive model the engine fits, with a known
//! severity, and teams differ in ability. [`write_with_truth`] returns
//! those true figures ([`Truth`]) for the caller to keep apart from the
//! folder.
//!
//! The same [`Spec`] gives the same bytes on every machine: the random
//! numbers come from a hand-written splitmix64, and the only floating point
//! is exact IEEE arithmetic (no `ln`, `cos` or other library functions whose
//! last bit may differ between platforms).

use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 2026;

/// Changes whenever the same [`Spec`] would give other bytes, so that a
/// folder kept from an earlier version (the benchmarks keep theirs) is
/// known to be stale.
pub const VERSION: u32 = 2;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spec {
    pub employees: usize,
    pub seed: u64,
    /// About this share of employees (0 to 1) lack their manager's rating
    /// on top of the 2% whom nobody rated: a share of twice as many
    /// managers are behind, and each has left out about half of their
    /// people. 0 (the default) leaves every rating in; any value leaves the
    /// rest of the folder as it is at 0.
    pub missing_share: f64,
    /// `Some(share)`: a linked folder. This share of the rated employees
    /// (0 to 1) get a second rating, half from their department's head (a
    /// rater of their own, who rates only second ratings) and half from the
    /// manager of another team anywhere in the company. Every score is then
    /// person + team + rater severity + the rater's noise, so that the
    /// severities are known ([`Truth`]); the plain folder's 12% second
    /// ratings by a colleague are replaced. `None` (the default) is the
    /// plain folder, byte for byte.
    pub second_ratings: Option<f64>,
}

impl Spec {
    /// `employees` people from `seed`, every rating given.
    pub fn new(employees: usize, seed: u64) -> Self {
        Spec {
            employees,
            seed,
            missing_share: 0.0,
            second_ratings: None,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub employees: usize,
    pub departments: usize,
    /// Pools of small departments.
    pub pools: usize,
    /// Calibration groups: the pools and every department outside a pool.
    pub groups: usize,
    /// Raters with at least one rating (each in exactly one file).
    pub raters: usize,
    pub ratings: usize,
    /// Employees rated by two raters.
    pub multi_rated: usize,
    /// Employees rated by nobody.
    pub unrated: usize,
    /// Employees whose manager did not rate them (the unrated included).
    pub manager_missing: usize,
    pub json_files: usize,
    pub csv_files: usize,
    /// Bytes written, every file together.
    pub bytes: u64,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} employees in {} departments ({} pools, {} groups), {} raters, {} ratings \
             ({} people with two raters, {} unrated, {} without their manager's rating), \
             {} JSON + {} CSV files, {:.1} MB",
            self.employees,
            self.departments,
            self.pools,
            self.groups,
            self.raters,
            self.ratings,
            self.multi_rated,
            self.unrated,
            self.manager_missing,
            self.json_files,
            self.csv_files,
            self.bytes as f64 / 1e6
        )
    }
}

/// The contract's policy, as in `fixtures/demo`.
const POLICY: &str = r#"{
  "cycle": "2026 H2",
  "score": { "min": 0, "max": 100, "decimals": 2 },
  "grades": [
    { "id": "S", "label": "卓越", "min_score": 90 },
    { "id": "A", "label": "優秀" },
    { "id": "B", "label": "良好" },
    { "id": "C", "label": "合格" },
    { "id": "D", "label": "待改進" }
  ],
  "department_grades": ["A", "B", "C"],
  "quotas": {
    "A": { "S": 0.15, "A": 0.30, "B": 0.40, "C": 0.10, "D": 0.05 },
    "B": { "S": 0.10, "A": 0.20, "B": 0.50, "C": 0.15, "D": 0.05 },
    "C": { "S": 0.05, "A": 0.15, "B": 0.50, "C": 0.20, "D": 0.10 }
  }
}
"#;

const DEPARTMENT_GRADES: [&str; 3] = ["A", "B", "C"];
const SURNAMES: [&str; 40] = [
    "陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭", "謝", "郭", "洪", "曾",
    "邱", "廖", "賴", "周", "徐", "蘇", "葉", "莊", "呂", "江", "何", "蕭", "羅", "高", "潘", "簡",
    "朱", "鍾", "彭", "游", "詹", "胡", "施", "沈",
];
const GIVEN_F: [&str; 24] = [
    "怡", "君", "宜", "蓁", "惠", "如", "淑", "貞", "美", "芷", "瑄", "晴", "婷", "雅", "佩", "欣",
    "詩", "涵", "筱", "雯", "琪", "玉", "秀", "芳",
];
const GIVEN_M: [&str; 24] = [
    "志", "豪", "宇", "翔", "凱", "文", "家", "國", "棟", "建", "耀", "俊", "良", "冠", "廷", "承",
    "恩", "柏", "宏", "彥", "傑", "明", "龍", "哲",
];
const FIRST_F: [&str; 12] = [
    "Alice", "Emily", "Grace", "Sophie", "Chloé", "María", "Hannah", "Yuki", "Priya", "Olivia",
    "Mei", "Anna",
];
const FIRST_M: [&str; 12] = [
    "David", "Kevin", "James", "Lucas", "Mateo", "Jean-Luc", "Ryan", "Hiroshi", "Arjun", "Thomas",
    "Ethan", "Noah",
];
const LAST: [&str; 16] = [
    "Chen", "Lin", "Wang", "Huang", "Smith", "Nguyen", "Müller", "García", "Tanaka", "Kim",
    "O'Brien", "Martin", "Kumar", "Rossi", "Dubois", "Lee",
];
const SITES_ZH: [&str; 6] = ["台北", "新竹", "台中", "台南", "高雄", "桃園"];
const FUNCTIONS_ZH: [&str; 16] = [
    "售前客服",
    "售後客服",
    "退換貨與退款",
    "評價管理",
    "物流追蹤",
    "倉儲管理",
    "採購",
    "財務會計",
    "人力資源",
    "法務",
    "資訊安全",
    "平台研發",
    "數據分析",
    "行銷企劃",
    "門市營運",
    "供應鏈",
];
const SITES_EN: [&str; 4] = ["Taipei", "Hsinchu", "Singapore", "Tokyo"];
const FUNCTIONS_EN: [&str; 8] = [
    "Platform Engineering",
    "Data Science",
    "Customer Success",
    "Supply Chain",
    "Finance",
    "Security",
    "Mobile Apps",
    "Field Sales",
];
const TENURES: [&str; 4] = ["<1y", "1-3y", "3-5y", "5y+"];
/// Comments, some with commas and quotes (CSV quoting, JSON escapes).
const COMMENTS: [&str; 8] = [
    "回覆品質穩定，轉單率高",
    "帶新人成效佳，滿意度 98%",
    "主動整理\"常見退款問題\"手冊",
    "退款流程熟練, 11.11 期間零積案",
    "Consistently exceeds targets",
    "Needs to improve follow-up, see 1:1 notes",
    "跨部門協作佳",
    "Led the Q3 migration; the \"go-to\" person on call",
];

/// splitmix64: tiny, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// About N(0, 1): the sum of 12 uniforms (Irwin–Hall), exact arithmetic only.
    fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.unit()).sum::<f64>() - 6.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

struct Department {
    size: usize,
    grade: usize,
    pool: Option<usize>,
    name: String,
    first_rater: usize,
    raters: usize,
}

/// A rating weight; `Default` is written as no weight at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weight {
    Default,
    One,
    Two,
    Half,
}

impl Weight {
    fn text(self) -> &'static str {
        match self {
            Weight::Default => "",
            Weight::One => "1",
            Weight::Two => "2",
            Weight::Half => "0.5",
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Rating {
    employee: usize,
    /// Hundredths of a point, 0 to 10000.
    cents: u32,
    weight: Weight,
    /// Index into [`COMMENTS`] plus one; 0 for none.
    comment: usize,
}

struct Rater {
    name: String,
    mean: f64,
    sd: f64,
    /// Scores are multiples of this many hundredths (a rater's habit).
    step: u32,
    csv: bool,
    submitted_at: String,
    ratings: Vec<Rating>,
}

impl Rater {
    /// A score of a person of `ability` (about N(0, 1)). In a plain folder
    /// the rater's spread scales the person too; in a linked one (`team`:
    /// the team's ability effect) everything adds up, as the engine's
    /// model assumes, and the rater's spread sets only their noise: 0.3 of
    /// it, about 2 points, so that two raters of a person differ by about
    /// 3. (At the plain folder's 0.6, 15% second ratings tell severities
    /// only to about ±3 points, as much as raters differ: see README.)
    fn score(&self, rng: &mut Rng, ability: f64, team: Option<f64>) -> u32 {
        let x = match team {
            None => self.mean + self.sd * (0.8 * ability + 0.6 * rng.normal()),
            Some(team) => {
                self.mean + team + TYPICAL_SD * 0.8 * ability + self.sd * 0.3 * rng.normal()
            }
        };
        let step = f64::from(self.step);
        let cents = ((x.clamp(0.0, 100.0) * 100.0) / step).round() * step;
        (cents as u32).min(10_000)
    }
}

/// Ids zero-padded to a common width, so byte order is number order.
#[derive(Clone, Copy)]
struct Ids {
    employee: usize,
    department: usize,
    rater: usize,
}

fn width(count: usize) -> usize {
    count.max(1).to_string().len().max(4)
}

/// Generates an input folder of `spec.employees` people into `dir`
/// (`policy.json`, `org.json`, `submissions/`). `dir/submissions` must be
/// empty or absent, so that an older folder's files are never mixed in.
pub fn write(spec: &Spec, dir: &Path) -> io::Result<Summary> {
    write_with_truth(spec, dir).map(|(summary, _)| summary)
}

/// [`write`], and for a linked folder ([`Spec::second_ratings`]) the true
/// figures behind its scores (`None` for a plain folder, whose raters
/// also differ in spread, so that no additive truth exists).
pub fn write_with_truth(spec: &Spec, dir: &Path) -> io::Result<(Summary, Option<Truth>)> {
    let submissions = dir.join("submissions");
    if submissions.is_dir() && fs::read_dir(&submissions)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} already holds files: generate into an empty folder",
                submissions.display()
            ),
        ));
    }
    fs::create_dir_all(&submissions)?;
    let mut rng = Rng(spec.seed);
    let mut summary = Summary {
        employees: spec.employees,
        ..Summary::default()
    };
    let (mut departments, pools) = departments(&mut rng, spec.employees);
    summary.departments = departments.len();
    summary.pools = pools;
    summary.groups = pools + departments.iter().filter(|d| d.pool.is_none()).count();
    let mut raters = raters(&mut rng, &mut departments);
    let behind = behind(spec, raters.len());
    let mut linking = spec
        .second_ratings
        .map(|share| Linking::new(spec.seed, share, &departments, &mut raters));
    let ids = Ids {
        employee: width(spec.employees),
        department: width(departments.len()),
        rater: width(raters.len()),
    };

    let mut policy = Counted::create(&dir.join("policy.json"))?;
    policy.write_all(POLICY.as_bytes())?;
    summary.bytes += policy.finish()?;

    let mut org = Counted::create(&dir.join("org.json"))?;
    write_departments(&mut org, &departments, ids)?;
    rate(
        &mut rng,
        &mut org,
        &departments,
        &mut raters,
        Variations {
            behind,
            linking: linking.as_mut(),
        },
        ids,
        &mut summary,
    )?;
    summary.bytes += org.finish()?;

    write_submissions(dir, &raters, ids, &mut summary)?;
    let truth = linking.map(|linking| linking.truth(spec, &raters, ids));
    Ok((summary, truth))
}

/// The true figures of a linked folder. A score is [`TYPICAL_MEAN`] +
/// the rater's severity + the person's team's ability + 5.6 × N(0, 1) for
/// the person + the rater's noise (0.3 × their spread), rounded to the rater's step and kept
/// within 0 to 100.
#[derive(Debug, Clone, PartialEq)]
pub struct Truth {
    pub seed: u64,
    pub employees: usize,
    pub second_ratings: f64,
    /// Every rater with a rating, in id order.
    pub raters: Vec<RaterTruth>,
    /// Every manager's people, in manager id order.
    pub teams: Vec<TeamTruth>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RaterTruth {
    pub id: String,
    /// Added to every score the rater gives: positive is lenient.
    pub severity: f64,
    /// A department head, who rates only second ratings.
    pub skip_level: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TeamTruth {
    /// The manager (main rater) of the team.
    pub manager: String,
    /// Added to the level of every person of the team.
    pub ability: f64,
}

impl Truth {
    /// The truth as JSON, figures to 4 places.
    pub fn write_json(&self, out: &mut impl Write) -> io::Result<()> {
        write!(
            out,
            "{{\n  \"seed\": {},\n  \"employees\": {},\n  \"second_ratings\": {},\n  \"typical_mean\": {TYPICAL_MEAN},\n  \"raters\": [\n",
            self.seed, self.employees, self.second_ratings
        )?;
        for (i, rater) in self.raters.iter().enumerate() {
            let comma = if i + 1 < self.raters.len() { "," } else { "" };
            writeln!(
                out,
                "    {{ \"id\": \"{}\", \"severity\": {:.4}, \"skip_level\": {} }}{comma}",
                rater.id, rater.severity, rater.skip_level
            )?;
        }
        out.write_all(b"  ],\n  \"teams\": [\n")?;
        for (i, team) in self.teams.iter().enumerate() {
            let comma = if i + 1 < self.teams.len() { "," } else { "" };
            writeln!(
                out,
                "    {{ \"manager\": \"{}\", \"ability\": {:.4} }}{comma}",
                team.manager, team.ability
            )?;
        }
        out.write_all(b"  ]\n}\n")
    }
}

/// How much teams differ in ability (sd, score points): about as much as
/// raters differ in severity, so that a rater's mean says little alone.
const TEAM_SD: f64 = 4.0;

/// A linked folder's own numbers ([`Spec::second_ratings`]): the teams'
/// abilities, the department heads, who gives the second ratings. A
/// stream of its own, so that the departments and the managers are the
/// plain folder's.
struct Linking {
    share: f64,
    rng: Rng,
    /// Per manager (the first raters, one per team): the team's ability.
    teams: Vec<f64>,
}

impl Linking {
    /// Draws the teams' abilities and appends one head per department to
    /// `raters`, after every manager.
    fn new(seed: u64, share: f64, departments: &[Department], raters: &mut Vec<Rater>) -> Self {
        let mut rng = Rng(seed ^ 0x6C69_6E6B_6564_2121);
        let teams = (0..raters.len()).map(|_| TEAM_SD * rng.normal()).collect();
        for _ in departments {
            raters.push(rater(&mut rng));
        }
        Linking { share, rng, teams }
    }

    fn head(&self, department: usize) -> usize {
        self.teams.len() + department
    }

    /// Who gives a person of `primary`'s team in `department` a second
    /// rating, if anyone: their department's head or another manager.
    fn second(&mut self, department: usize, primary: usize) -> Option<usize> {
        if !self.rng.chance(self.share) {
            return None;
        }
        let managers = self.teams.len();
        if managers < 2 || self.rng.chance(0.5) {
            return Some(self.head(department));
        }
        let other = self.rng.below(managers - 1);
        Some(if other >= primary { other + 1 } else { other })
    }

    fn truth(self, spec: &Spec, raters: &[Rater], ids: Ids) -> Truth {
        let id = |r: usize| format!("M{:0w$}", r + 1, w = ids.rater);
        Truth {
            seed: spec.seed,
            employees: spec.employees,
            second_ratings: self.share,
            raters: (0..raters.len())
                .filter(|&r| !raters[r].ratings.is_empty())
                .map(|r| RaterTruth {
                    id: id(r),
                    severity: raters[r].mean - TYPICAL_MEAN,
                    skip_level: r >= self.teams.len(),
                })
                .collect(),
            teams: self
                .teams
                .iter()
                .enumerate()
                .map(|(r, &ability)| TeamTruth {
                    manager: id(r),
                    ability,
                })
                .collect(),
        }
    }
}

/// Department sizes, grades, pools and names; returns them and the pool count.
fn departments(rng: &mut Rng, employees: usize) -> (Vec<Department>, usize) {
    let mut departments = Vec::new();
    let mut left = employees;
    while left > 0 {
        let size = if rng.chance(0.15) {
            rng.range(6, 40)
        } else {
            // Mean 225 between 50 and 400, most near the middle.
            50 + rng.range(0, 175) + rng.range(0, 175)
        };
        let size = size.min(left);
        left -= size;
        let grade = match rng.below(4) {
            0 => 0,
            3 => 2,
            _ => 1,
        };
        let name = if rng.chance(0.25) {
            format!(
                "{} · {} {}",
                rng.pick(&FUNCTIONS_EN),
                rng.pick(&SITES_EN),
                rng.range(1, 9)
            )
        } else {
            format!(
                "{}{}{}組",
                rng.pick(&SITES_ZH),
                rng.pick(&FUNCTIONS_ZH),
                rng.range(1, 9)
            )
        };
        departments.push(Department {
            size,
            grade,
            pool: None,
            name,
            first_rater: 0,
            raters: 0,
        });
    }
    // Small departments are calibrated together, 2 to 4 to a pool, in org
    // order; a last one left alone stays its own group.
    let small: Vec<usize> = (0..departments.len())
        .filter(|&d| departments[d].size < 50)
        .collect();
    let mut pools = 0;
    let mut rest = &small[..];
    while rest.len() >= 2 {
        let take = rng.range(2, 4).min(rest.len());
        for &d in &rest[..take] {
            departments[d].pool = Some(pools);
        }
        pools += 1;
        rest = &rest[take..];
    }
    (departments, pools)
}

/// One rater per about 20 people of each department, with their biases.
fn raters(rng: &mut Rng, departments: &mut [Department]) -> Vec<Rater> {
    let mut raters = Vec::new();
    for department in departments.iter_mut() {
        department.first_rater = raters.len();
        department.raters = ((department.size + 10) / 20).max(1);
        for _ in 0..department.raters {
            raters.push(rater(rng));
        }
    }
    raters
}

/// The mean and spread of a rater who is neither lenient nor severe: a
/// linked folder's severity is a rater's mean minus this mean.
const TYPICAL_MEAN: f64 = 78.0;
const TYPICAL_SD: f64 = 7.0;

/// A rater with their habits: some lenient (+8), some severe (−8), some
/// narrow (sd 1), each mean a little off.
fn rater(rng: &mut Rng) -> Rater {
    let kind = rng.unit();
    let (mean, sd) = if kind < 0.10 {
        (TYPICAL_MEAN + 8.0, TYPICAL_SD) // lenient
    } else if kind < 0.20 {
        (TYPICAL_MEAN - 8.0, TYPICAL_SD) // severe
    } else if kind < 0.25 {
        (TYPICAL_MEAN, 1.0) // narrow
    } else {
        (TYPICAL_MEAN, TYPICAL_SD)
    };
    let step = match rng.below(10) {
        0..=4 => 50,
        5..=7 => 25,
        8 => 100,
        _ => 1,
    };
    let female = rng.chance(0.5);
    let name = person_name(rng, female);
    Rater {
        name,
        mean: mean + 1.5 * rng.normal(),
        sd: if sd > 1.0 {
            sd + 0.5 * rng.normal()
        } else {
            sd
        },
        step,
        csv: rng.chance(0.5),
        submitted_at: format!(
            "2026-11-{:02}T{:02}:{:02}:00Z",
            rng.range(16, 24),
            rng.range(8, 19),
            rng.below(60)
        ),
        ratings: Vec::new(),
    }
}

fn person_name(rng: &mut Rng, female: bool) -> String {
    if rng.chance(0.25) {
        let first = rng.pick(if female { &FIRST_F } else { &FIRST_M });
        format!("{first} {}", rng.pick(&LAST))
    } else {
        let given = if female { &GIVEN_F } else { &GIVEN_M };
        let mut name = rng.pick(&SURNAMES).to_string();
        name.push_str(rng.pick(given));
        if rng.chance(0.9) {
            name.push_str(rng.pick(given));
        }
        name
    }
}

fn write_departments(out: &mut impl Write, departments: &[Department], ids: Ids) -> io::Result<()> {
    out.write_all(b"{\n  \"departments\": [\n")?;
    for (d, department) in departments.iter().enumerate() {
        if d > 0 {
            out.write_all(b",\n")?;
        }
        write!(
            out,
            "    {{ \"id\": \"D{:0w$}\", \"name\": ",
            d + 1,
            w = ids.department
        )?;
        json_string(out, &department.name)?;
        write!(
            out,
            ", \"grade\": \"{}\"",
            DEPARTMENT_GRADES[department.grade]
        )?;
        if let Some(pool) = department.pool {
            write!(out, ", \"pool\": \"P{:0w$}\"", pool + 1, w = ids.department)?;
        }
        out.write_all(b" }")?;
    }
    out.write_all(b"\n  ],\n  \"employees\": [\n")
}

/// Which raters are behind with their ratings ([`Spec::missing_share`]),
/// and the numbers that pick whose ratings they left out: a stream of its
/// own, so that the rest of the folder is the same with or without.
struct Behind {
    raters: Vec<bool>,
    rng: Rng,
}

fn behind(spec: &Spec, raters: usize) -> Behind {
    let mut rng = Rng(spec.seed ^ 0x6265_6869_6E64_2121);
    let share = (2.0 * spec.missing_share).clamp(0.0, 1.0);
    Behind {
        raters: (0..raters)
            .map(|_| share > 0.0 && rng.chance(share))
            .collect(),
        rng,
    }
}

/// What a [`Spec`] changes from the plain folder while people are rated.
struct Variations<'a> {
    behind: Behind,
    linking: Option<&'a mut Linking>,
}

/// Writes the employees to org.json and gives each their ratings.
fn rate(
    rng: &mut Rng,
    out: &mut impl Write,
    departments: &[Department],
    raters: &mut [Rater],
    variations: Variations,
    ids: Ids,
    summary: &mut Summary,
) -> io::Result<()> {
    let Variations {
        mut behind,
        mut linking,
    } = variations;
    let mut e = 0;
    for (d, department) in departments.iter().enumerate() {
        for i in 0..department.size {
            if e > 0 {
                out.write_all(b",\n")?;
            }
            let female = rng.chance(0.5);
            let name = person_name(rng, female);
            // The main rater is the manager, rated or not.
            let primary = department.first_rater + i * department.raters / department.size;
            write!(
                out,
                "    {{ \"id\": \"E{:0w$}\", \"name\": ",
                e + 1,
                w = ids.employee
            )?;
            json_string(out, &name)?;
            write!(
                out,
                ", \"department\": \"D{:0w$}\", \"manager\": \"M{:0r$}\", \"attributes\": {{ \"gender\": \"{}\", \"tenure\": \"{}\" }} }}",
                d + 1,
                primary + 1,
                if female { "F" } else { "M" },
                rng.pick(&TENURES),
                w = ids.department,
                r = ids.rater
            )?;

            let ability = rng.normal();
            if rng.chance(0.02) {
                summary.unrated += 1;
                summary.manager_missing += 1;
                e += 1;
                continue;
            }
            let skipped = behind.raters[primary] && behind.rng.chance(0.5);
            let second = match linking.as_deref_mut() {
                None if rng.chance(0.12) => second_rater(rng, department, primary, raters.len()),
                None => None,
                Some(linking) => linking.second(d, primary),
            };
            let team = linking.as_deref().map(|linking| linking.teams[primary]);
            let (w1, w2) = match (second, rng.below(4)) {
                (None, _) => (Weight::Default, Weight::Default),
                (Some(_), 0) => (Weight::Two, Weight::One),
                (Some(_), 1) => (Weight::One, Weight::Half),
                (Some(_), 2) => (Weight::One, Weight::One),
                (Some(_), _) => (Weight::Default, Weight::Default),
            };
            // A rating left out is still drawn, so that every later number
            // is the one it would have been.
            let mut give = |rng: &mut Rng, r: usize, weight: Weight, kept: bool| {
                let cents = raters[r].score(rng, ability, team);
                let comment = if rng.chance(0.06) {
                    1 + rng.below(COMMENTS.len())
                } else {
                    0
                };
                if kept {
                    raters[r].ratings.push(Rating {
                        employee: e,
                        cents,
                        weight,
                        comment,
                    });
                }
            };
            give(rng, primary, w1, !skipped);
            if skipped {
                summary.manager_missing += 1;
            } else {
                summary.ratings += 1;
            }
            match second {
                Some(r) => {
                    give(rng, r, w2, true);
                    summary.ratings += 1;
                    if !skipped {
                        summary.multi_rated += 1;
                    }
                }
                None if skipped => summary.unrated += 1,
                None => {}
            }
            e += 1;
        }
    }
    out.write_all(b"\n  ]\n}\n")
}

/// Another rater of the same department, or a neighbouring department's.
fn second_rater(
    rng: &mut Rng,
    department: &Department,
    primary: usize,
    raters: usize,
) -> Option<usize> {
    if department.raters > 1 {
        let offset = primary - department.first_rater;
        let other = (offset + 1 + rng.below(department.raters - 1)) % department.raters;
        Some(department.first_rater + other)
    } else if primary + 1 < raters {
        Some(primary + 1)
    } else {
        primary.checked_sub(1)
    }
}

fn write_submissions(
    dir: &Path,
    raters: &[Rater],
    ids: Ids,
    summary: &mut Summary,
) -> io::Result<()> {
    let submissions = dir.join("submissions");
    let mut batch: Vec<usize> = Vec::new();
    let rated = (0..raters.len()).filter(|&r| !raters[r].ratings.is_empty());
    for r in rated {
        summary.raters += 1;
        if raters[r].csv {
            batch.push(r);
            if batch.len() == 50 {
                write_csv(&submissions, raters, &batch, ids, summary)?;
                batch.clear();
            }
            continue;
        }
        let path = submissions.join(format!("M{:0w$}.json", r + 1, w = ids.rater));
        let mut out = Counted::create(&path)?;
        write_json(&mut out, r, &raters[r], ids)?;
        summary.bytes += out.finish()?;
        summary.json_files += 1;
    }
    if !batch.is_empty() {
        write_csv(&submissions, raters, &batch, ids, summary)?;
    }
    Ok(())
}

fn write_json(out: &mut impl Write, r: usize, rater: &Rater, ids: Ids) -> io::Result<()> {
    write!(
        out,
        "{{\n  \"rater\": {{ \"id\": \"M{:0w$}\", \"name\": ",
        r + 1,
        w = ids.rater
    )?;
    json_string(out, &rater.name)?;
    write!(
        out,
        " }},\n  \"submitted_at\": \"{}\",\n  \"ratings\": [\n",
        rater.submitted_at
    )?;
    for (i, rating) in rater.ratings.iter().enumerate() {
        if i > 0 {
            out.write_all(b",\n")?;
        }
        write!(
            out,
            "    {{ \"employee\": \"E{:0w$}\", \"score\": {}",
            rating.employee + 1,
            Score(rating.cents),
            w = ids.employee
        )?;
        if rating.weight != Weight::Default {
            write!(out, ", \"weight\": {}", rating.weight.text())?;
        }
        if rating.comment > 0 {
            out.write_all(b", \"comment\": ")?;
            json_string(out, COMMENTS[rating.comment - 1])?;
        }
        out.write_all(b" }")?;
    }
    out.write_all(b"\n  ]\n}\n")
}

/// One CSV file of many raters. Files differ in column order and line ends,
/// as files from different people do; every fifth starts with a BOM.
fn write_csv(
    submissions: &Path,
    raters: &[Rater],
    batch: &[usize],
    ids: Ids,
    summary: &mut Summary,
) -> io::Result<()> {
    let k = summary.csv_files;
    summary.csv_files += 1;
    let mut out = Counted::create(&submissions.join(format!("batch-{:04}.csv", k + 1)))?;
    let end: &[u8] = if k % 3 == 2 { b"\r\n" } else { b"\n" };
    let reordered = k % 2 == 1;
    if k % 5 == 4 {
        out.write_all("\u{feff}".as_bytes())?;
    }
    if reordered {
        out.write_all(b"employee_id,score,weight,comment,rater_name,rater_id")?;
    } else {
        out.write_all(b"rater_id,rater_name,employee_id,score,weight,comment")?;
    }
    out.write_all(end)?;
    let mut name = Vec::new();
    for &r in batch {
        let rater = &raters[r];
        name.clear();
        csv_cell(&mut name, &rater.name)?;
        for rating in &rater.ratings {
            let comment = if rating.comment > 0 {
                COMMENTS[rating.comment - 1]
            } else {
                ""
            };
            let (employee, score, weight) = (
                rating.employee + 1,
                Score(rating.cents),
                rating.weight.text(),
            );
            if reordered {
                write!(out, "E{employee:0w$},{score},{weight},", w = ids.employee)?;
                csv_cell(&mut out, comment)?;
                out.write_all(b",")?;
                out.write_all(&name)?;
                write!(out, ",M{:0w$}", r + 1, w = ids.rater)?;
            } else {
                write!(out, "M{:0w$},", r + 1, w = ids.rater)?;
                out.write_all(&name)?;
                write!(out, ",E{employee:0w$},{score},{weight},", w = ids.employee)?;
                csv_cell(&mut out, comment)?;
            }
            out.write_all(end)?;
        }
    }
    summary.bytes += out.finish()?;
    Ok(())
}

/// A score in hundredths, printed with no trailing zeros (`82.5`, `76`, `71.25`).
struct Score(u32);

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        if frac == 0 {
            write!(f, "{whole}")
        } else if frac % 10 == 0 {
            write!(f, "{whole}.{}", frac / 10)
        } else {
            write!(f, "{whole}.{frac:02}")
        }
    }
}

fn json_string(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            c if u32::from(c) < 0x20 => "",
            _ => continue,
        };
        out.write_all(&text.as_bytes()[start..i])?;
        if escape.is_empty() {
            write!(out, "\\u{:04x}", u32::from(c))?;
        } else {
            out.write_all(escape.as_bytes())?;
        }
        start = i + c.len_utf8();
    }
    out.write_all(&text.as_bytes()[start..])?;
    out.write_all(b"\"")
}

fn csv_cell(out: &mut impl Write, text: &str) -> io::Result<()> {
    if text.contains([',', '"', '\n', '\r']) {
        out.write_all(b"\"")?;
        out.write_all(text.replace('"', "\"\"").as_bytes())?;
        out.write_all(b"\"")
    } else {
        out.write_all(text.as_bytes())
    }
}

/// A buffered file that counts what is written to it.
struct Counted {
    out: BufWriter<File>,
    bytes: u64,
}

impl Counted {
    fn create(path: &Path) -> io::Result<Self> {
        Ok(Counted {
            out: BufWriter::with_capacity(1 << 16, File::create(path)?),
            bytes: 0,
        })
    }

    /// Flushes; returns the size of the file.
    fn finish(mut self) -> io::Result<u64> {
        self.out.flush()?;
        Ok(self.bytes)
    }
}

impl Write for Counted {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calibra::engine::load;
    use calibra::engine::session::Session;

    fn generate(employees: usize, seed: u64) -> (tempfile::TempDir, Summary) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let summary = write(&Spec::new(employees, seed), dir.path()).expect("generated");
        (dir, summary)
    }

    /// Every file of a folder, by relative path, with its bytes.
    fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut paths = vec![dir.join("policy.json"), dir.join("org.json")];
        let mut submissions: Vec<_> = fs::read_dir(dir.join("submissions"))
            .expect("submissions")
            .map(|e| e.expect("entry").path())
            .collect();
        submissions.sort();
        paths.extend(submissions);
        paths
            .into_iter()
            .map(|p| {
                let name = p.strip_prefix(dir).expect("inside").display().to_string();
                (name, fs::read(&p).expect("readable"))
            })
            .collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        let (a, summary_a) = generate(3_000, 7);
        let (b, summary_b) = generate(3_000, 7);
        let (c, _) = generate(3_000, 8);
        assert_eq!(summary_a, summary_b);
        assert!(files(a.path()) == files(b.path()), "same seed, same bytes");
        assert_ne!(
            fs::read(a.path().join("org.json")).expect("org"),
            fs::read(c.path().join("org.json")).expect("org"),
            "another seed, another folder"
        );
        let total: u64 = files(a.path()).iter().map(|(_, b)| b.len() as u64).sum();
        assert_eq!(summary_a.bytes, total);
    }

    #[test]
    fn the_folder_loads_with_the_counts_it_reports() {
        let (dir, summary) = generate(12_000, DEFAULT_SEED);
        let loaded = load::load(load::read_folder(dir.path())).expect("a valid folder");
        let input = &loaded.input;
        assert_eq!(input.employees.len(), 12_000);
        assert_eq!(input.departments.len(), summary.departments);
        assert_eq!(input.groups.len(), summary.groups);
        assert_eq!(input.raters.len(), summary.raters);
        assert_eq!(input.ratings.len(), summary.ratings);
        let unrated = (0..input.employees.len())
            .filter(|&e| !input.is_rated(e))
            .count();
        assert_eq!(unrated, summary.unrated);
        let multi = (0..input.employees.len())
            .filter(|&e| input.employee_ratings.of(e).len() == 2)
            .count();
        assert_eq!(multi, summary.multi_rated);
        let files = fs::read_dir(dir.path().join("submissions"))
            .expect("submissions")
            .count();
        assert_eq!(files, summary.json_files + summary.csv_files);

        // The shape the issue asks for.
        let per = |n: usize, of: usize| n as f64 / of as f64;
        assert!((150.0..250.0).contains(&per(12_000, summary.departments)));
        assert!((17.0..23.0).contains(&per(12_000, summary.raters)));
        assert!((1.05..1.15).contains(&per(summary.ratings, 12_000)));
        assert!((0.01..0.03).contains(&per(summary.unrated, 12_000)));
        assert!(summary.pools > 0 && summary.groups < summary.departments);
        assert!(summary.json_files > 10 && summary.csv_files > 1);
        let names = || input.employees.iter().map(|e| e.name.as_str());
        assert!(names().any(|n| n.chars().any(|c| c > '\u{3000}')));
        assert!(names().any(|n| n.starts_with(|c: char| c.is_ascii_uppercase())));
        assert!(
            input
                .ratings
                .iter()
                .any(|r| r.weight != rust_decimal::Decimal::ONE)
        );

        let session = Session::new(loaded.input);
        assert!(
            session
                .results()
                .employees
                .iter()
                .any(|r| r.grade.is_some())
        );
    }

    #[test]
    fn every_employee_names_their_main_rater_as_manager() {
        let (dir, summary) = generate(12_000, DEFAULT_SEED);
        let input = load::load(load::read_folder(dir.path()))
            .expect("a valid folder")
            .input;
        assert!(input.employees.iter().all(|e| e.manager.is_some()));
        // Every manager submitted (none is behind by default), and only
        // the 2% whom nobody rated lack their manager's rating.
        let coverage = calibra::engine::managers::coverage(&input);
        assert!(coverage.iter().all(|c| c.rater.is_some()));
        let missing: usize = coverage.iter().map(|c| c.missing.len()).sum();
        assert_eq!(missing, summary.unrated);
        assert_eq!(summary.manager_missing, summary.unrated);
        // Everyone is someone's.
        let expected: usize = coverage.iter().map(|c| c.expected.len()).sum();
        assert_eq!(expected, 12_000);
    }

    #[test]
    fn the_default_folder_is_the_first_version_s_plus_the_manager_field() {
        use sha2::{Digest, Sha256};
        // Every file of version 1 for 3,000 people and seed 7, one after
        // another in name order (org.json, policy.json, submissions/...).
        const VERSION_1: &str = "67bbfed33bc9f9d149bc2c1dddc7e265697ff9f88a6d701eea3fb2893c2e87d8";
        let (dir, _) = generate(3_000, 7);
        let mut hash = Sha256::new();
        let mut files = files(dir.path());
        files.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, bytes) in &files {
            if name == "org.json" {
                let text = String::from_utf8(bytes.clone()).expect("UTF-8");
                let mut without = String::new();
                for line in text.split_inclusive('\n') {
                    let (head, tail) = line.split_once(", \"manager\": \"M").unwrap_or((line, ""));
                    without.push_str(head);
                    // The id is 4 digits and its closing quote.
                    without.push_str(tail.get(5..).unwrap_or(""));
                }
                hash.update(without.as_bytes());
            } else {
                hash.update(bytes);
            }
        }
        let hex: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, VERSION_1);
    }

    #[test]
    fn behind_managers_leave_out_about_the_share_asked_and_nothing_else_changes() {
        let (plain, plain_summary) = generate(12_000, DEFAULT_SEED);
        let dir = tempfile::tempdir().expect("a temporary folder");
        let spec = Spec {
            missing_share: 0.02,
            ..Spec::new(12_000, DEFAULT_SEED)
        };
        let summary = write(&spec, dir.path()).expect("generated");
        assert_eq!(
            fs::read(dir.path().join("org.json")).expect("org"),
            fs::read(plain.path().join("org.json")).expect("org"),
            "the same people and managers"
        );
        let input = load::load(load::read_folder(dir.path()))
            .expect("a valid folder")
            .input;
        let coverage = calibra::engine::managers::coverage(&input);
        let missing: usize = coverage.iter().map(|c| c.missing.len()).sum();
        assert_eq!(missing, summary.manager_missing);
        let left_out = summary.manager_missing - plain_summary.manager_missing;
        assert_eq!(plain_summary.ratings - summary.ratings, left_out);
        let share = left_out as f64 / 12_000.0;
        assert!((0.01..0.03).contains(&share), "{share}");
        // A few managers, each missing part of their people (or, with very
        // few people, all): not everyone a little.
        let behind = coverage
            .iter()
            .filter(|c| c.missing.len() > c.expected.len() / 5)
            .count();
        assert!((5..=40).contains(&behind), "{behind} of {}", coverage.len());
        // The ratings kept are the plain folder's, exactly.
        let plain_input = load::load(load::read_folder(plain.path()))
            .expect("a valid folder")
            .input;
        let key = |input: &calibra::engine::model::Input, r: &calibra::engine::model::Rating| {
            (
                input.raters[r.rater].id.clone(),
                input.employees[r.employee].id.clone(),
                r.score,
                r.weight,
            )
        };
        let all: std::collections::HashSet<_> = plain_input
            .ratings
            .iter()
            .map(|r| key(&plain_input, r))
            .collect();
        assert!(input.ratings.iter().all(|r| all.contains(&key(&input, r))));
    }

    #[test]
    fn a_linked_folder_has_the_second_ratings_asked_and_tells_its_truth() {
        let (plain, _) = generate(12_000, DEFAULT_SEED);
        let dir = tempfile::tempdir().expect("a temporary folder");
        let spec = Spec {
            second_ratings: Some(0.2),
            ..Spec::new(12_000, DEFAULT_SEED)
        };
        let (summary, truth) = write_with_truth(&spec, dir.path()).expect("generated");
        let truth = truth.expect("a linked folder has a truth");
        let input = load::load(load::read_folder(dir.path()))
            .expect("a valid folder")
            .input;
        assert_eq!(input.ratings.len(), summary.ratings);
        // 20% of the 98% who are rated.
        let share = summary.multi_rated as f64 / 12_000.0;
        assert!((0.18..0.21).contains(&share), "{share}");
        // The departments are the plain folder's.
        let departments = |dir: &Path| {
            let org = fs::read_to_string(dir.join("org.json")).expect("org");
            org.split("\"employees\"").next().map(str::to_owned)
        };
        assert_eq!(departments(dir.path()), departments(plain.path()));

        // Every rater is in the truth; everyone rated has their manager's
        // rating, the second is a head's about half of the time.
        let mut ids: Vec<&str> = input.raters.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        let truth_ids: Vec<&str> = truth.raters.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, truth_ids);
        let skip_level: std::collections::HashMap<&str, bool> = truth
            .raters
            .iter()
            .map(|r| (r.id.as_str(), r.skip_level))
            .collect();
        let mut by_head = 0;
        for e in 0..input.employees.len() {
            let ratings = input.employee_ratings.of(e);
            let manager = input.employees[e].manager.map(|m| input.managers.word(m));
            let (own, second): (Vec<&str>, Vec<&str>) = ratings
                .iter()
                .map(|&i| input.raters[input.ratings[i].rater].id.as_str())
                .partition(|&id| Some(id) == manager);
            assert!(ratings.is_empty() || own.len() == 1, "{e}: {own:?}");
            assert!(second.len() <= 1 && (second.is_empty() || own.len() == 1));
            assert!(
                own.iter().all(|id| !skip_level[id]),
                "a head manages no one"
            );
            by_head += second.iter().filter(|id| skip_level[*id]).count();
        }
        let heads = by_head as f64 / summary.multi_rated as f64;
        assert!((0.45..0.55).contains(&heads), "{heads}");
        let heads = truth.raters.iter().filter(|r| r.skip_level).count();
        assert!(heads > 0 && heads <= summary.departments);

        // The severities are the raters' habits: about 10% lenient by 8
        // points, 10% severe; teams differ by about 4 points.
        let lenient = truth.raters.iter().filter(|r| r.severity > 4.0).count();
        let severe = truth.raters.iter().filter(|r| r.severity < -4.0).count();
        let n = truth.raters.len() as f64;
        assert!((0.06..0.14).contains(&(lenient as f64 / n)), "{lenient}");
        assert!((0.06..0.14).contains(&(severe as f64 / n)), "{severe}");
        let sd = (truth.teams.iter().map(|t| t.ability.powi(2)).sum::<f64>()
            / truth.teams.len() as f64)
            .sqrt();
        assert!((3.5..4.5).contains(&sd), "{sd}");

        // The JSON says the same, to 4 places.
        let mut json = Vec::new();
        truth.write_json(&mut json).expect("in memory");
        let doc: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
        assert_eq!(doc["second_ratings"], 0.2);
        assert_eq!(doc["raters"][0]["id"], truth.raters[0].id.as_str());
        let severity = doc["raters"][0]["severity"].as_f64().expect("a number");
        assert!((severity - truth.raters[0].severity).abs() <= 5e-5);
        assert_eq!(
            doc["teams"].as_array().map(Vec::len),
            Some(truth.teams.len())
        );
    }

    #[test]
    fn a_plain_folder_has_no_truth() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (_, truth) = write_with_truth(&Spec::new(100, 1), dir.path()).expect("generated");
        assert_eq!(truth, None);
    }

    #[test]
    fn tiny_folders_load_too() {
        for employees in [0, 1, 2, 7, 45, 401] {
            let (dir, summary) = generate(employees, 1);
            let loaded = load::load(load::read_folder(dir.path()));
            let loaded = loaded.unwrap_or_else(|e| unreachable!("{employees}: {e}"));
            assert_eq!(loaded.input.employees.len(), employees);
            assert_eq!(loaded.input.ratings.len(), summary.ratings);
        }
    }

    #[test]
    fn a_folder_with_submissions_is_not_written_over() {
        let (dir, _) = generate(100, 1);
        let again = write(&Spec::new(100, 2), dir.path());
        assert_eq!(
            again.map_err(|e| e.kind()).err(),
            Some(io::ErrorKind::AlreadyExists)
        );
    }

    #[test]
    fn scores_print_without_trailing_zeros() {
        let shown: Vec<String> = [8250, 7600, 7125, 0, 10_000, 5]
            .map(|c| Score(c).to_string())
            .into();
        assert_eq!(shown, ["82.5", "76", "71.25", "0", "100", "0.05"]);
    }

    #[test]
    fn text_is_escaped_for_json_and_quoted_for_csv() {
        let mut json = Vec::new();
        json_string(&mut json, "a \"b\" \\ \u{1}").expect("in memory");
        assert_eq!(String::from_utf8_lossy(&json), r#""a \"b\" \\ \u0001""#);
        let mut csv = Vec::new();
        csv_cell(&mut csv, "x, \"y\"").expect("in memory");
        assert_eq!(String::from_utf8_lossy(&csv), r#""x, ""y""""#);
    }
}
