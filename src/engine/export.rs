//! The final grades as HR receives them (contract section 5): one row per
//! employee in org.json order, as CSV, JSON or a workbook ([`xlsx`], contract
//! 6.4). The TUI shows the same rows.

mod xlsx;

pub use super::sheet::WorkbookError;
pub use xlsx::to_xlsx;

use serde::Serialize;

use super::bonus::{self, Allocation};
use super::decision;
use super::previous::BIG_MOVER;
use super::session::Session;

/// CSV columns, in order; also the JSON keys of each employee.
pub const COLUMNS: [&str; 13] = [
    "employee_id",
    "employee_name",
    "department_id",
    "department_grade",
    "group",
    "raters",
    "raw_score",
    "final_score",
    "rank",
    "auto_grade",
    "grade",
    "override_reason",
    "flags",
];

/// The column after [`COLUMNS`] when a previous export is given (contract 6.6).
pub const PREVIOUS_COLUMN: &str = "previous_grade";

/// The last column when the policy has a bonus (contract 6.5): after
/// [`COLUMNS`] and [`PREVIOUS_COLUMN`].
pub const BONUS_COLUMN: &str = "bonus";

/// One employee's exported line; `None` is an empty cell (unrated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row<'a> {
    pub employee_id: &'a str,
    pub employee_name: &'a str,
    pub department_id: &'a str,
    pub department_grade: &'a str,
    pub group: &'a str,
    pub raters: Vec<&'a str>,
    pub raw_score: Option<String>,
    pub final_score: Option<String>,
    pub rank: Option<u32>,
    pub auto_grade: Option<&'a str>,
    pub grade: Option<&'a str>,
    pub override_reason: Option<&'a str>,
    pub flags: Vec<&'static str>,
    /// Only when a previous export is given (`Some`), and then `None` when
    /// the employee is not in it or had no grade there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_grade: Option<Option<&'a str>>,
    /// Only when the policy has a bonus (`Some`), and then `None` for the
    /// unrated: a row without it is exactly the export before bonuses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bonus: Option<Option<String>>,
}

/// The row of employee `e`, without its bonus, which needs the whole pool
/// split first: [`rows`] has it.
pub fn row(session: &Session, e: usize) -> Row<'_> {
    let input = &session.input;
    let policy = &input.policy;
    let employee = &input.employees[e];
    let department = &input.departments[employee.department];
    let result = &session.results().employees[e];
    let grade_id = |g: Option<u8>| g.map(|g| policy.grades[g as usize].id.as_str());
    let previous = session.previous();
    let mut flags: Vec<&'static str> = result.flags.names().collect();
    if previous.is_some_and(|p| p.big_mover(policy, e, result.grade.map(usize::from))) {
        flags.push(BIG_MOVER);
        flags.sort_unstable();
    }
    Row {
        employee_id: &employee.id,
        employee_name: &employee.name,
        department_id: &department.id,
        department_grade: &policy.department_grades
            [session.state().department_grades[employee.department]],
        group: &input.groups[department.group].id,
        raters: input.raters_of(e),
        raw_score: session.baseline.raw_scores[e].map(|s| policy.score.format(s)),
        final_score: result.final_score.map(|s| policy.score.format(s)),
        rank: result.rank,
        auto_grade: grade_id(result.auto_grade),
        grade: grade_id(result.grade),
        override_reason: session.state().overrides.get(e).map(|o| o.reason.as_str()),
        flags,
        previous_grade: previous.map(|p| p.grade(e)),
        bonus: None,
    }
}

/// The split of the bonus pool, when the policy has one. Loading refused
/// any input whose figures could overflow (`bonus::check_fits`), so an
/// error cannot happen here; the CLI checks once more before writing.
fn allocation(session: &Session) -> Option<Allocation> {
    bonus::allocate(session).and_then(Result::ok)
}

/// [`row`] with the bonus from `allocation`.
fn row_with<'a>(session: &'a Session, e: usize, allocation: Option<&Allocation>) -> Row<'a> {
    Row {
        bonus: allocation.map(|a| a.bonus(e)),
        ..row(session, e)
    }
}

/// Every row, in org.json order, with its bonus when the policy has one.
pub fn rows(session: &Session) -> impl Iterator<Item = Row<'_>> {
    let allocation = allocation(session);
    (0..session.input.employees.len()).map(move |e| row_with(session, e, allocation.as_ref()))
}

/// The characters that make a spreadsheet read a cell as a formula when they
/// come first: OWASP's list (=, +, -, @, tab, carriage return, line feed).
pub const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// A UTF-8 byte-order mark: `--bom` writes it first so that spreadsheet
/// programs read the CSV as UTF-8 (Chinese names included).
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A text cell made safe for spreadsheets (contract 6.1): a cell that
/// begins with one of [`FORMULA_STARTS`] gets a `'` in front so it is not
/// run as a formula. Only its start: the rest of a name or a reason is kept
/// as written, `;` included.
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A `;`-joined list cell (`raters`, `flags`), each part defused on its own
/// (contract 6.1), so that the cell split on `;` stays safe: split after
/// joining, since a rater id may itself hold a `;`.
pub fn defuse_list<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    let joined = values.into_iter().collect::<Vec<_>>().join(";");
    let mut cell = String::with_capacity(joined.len() + 2);
    for (i, part) in joined.split(';').enumerate() {
        if i > 0 {
            cell.push(';');
        }
        cell.push_str(&defuse(part));
    }
    cell
}

/// The CSV export: UTF-8, header row, RFC 4180 quoting, CRLF line ends.
pub fn to_csv(session: &Session) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_csv(session, &mut bytes);
    bytes
}

/// Rows made at a time by [`write_csv`]: each batch is split over two cores
/// and written before the next is made, so a million rows (64 MB) are never
/// in memory at once, only a batch (about 3 MB).
const CSV_BATCH: usize = 32_768;

/// [`to_csv`], written to `out` as it is made (on two cores from 50,000
/// employees: fewer are not worth a thread).
pub fn write_csv(session: &Session, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let split = session.input.employees.len() >= 50_000;
    write_csv_in(session, out, CSV_BATCH, split)
}

/// [`write_csv`] in batches of `batch` rows (at least 2), each made in two
/// halves on two cores when `split`.
fn write_csv_in(
    session: &Session,
    out: &mut impl std::io::Write,
    batch: usize,
    split: bool,
) -> std::io::Result<()> {
    let n = session.input.employees.len();
    let allocation = allocation(session);
    let allocation = allocation.as_ref();
    out.write_all(&csv_rows(session, None, allocation))?;
    let batch = batch.max(2);
    let mut start = 0;
    while start < n {
        let end = n.min(start + batch);
        if !split {
            out.write_all(&csv_rows(session, Some(start..end), allocation))?;
            start = end;
            continue;
        }
        let middle = start + (end - start) / 2;
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| csv_rows(session, Some(middle..end), allocation));
            let first = csv_rows(session, Some(start..middle), allocation);
            (first, second.join())
        });
        // Rendering rows never panics; if it ever did, fall back to doing it here.
        let second = second.unwrap_or_else(|_| csv_rows(session, Some(middle..end), allocation));
        out.write_all(&first)?;
        out.write_all(&second)?;
        start = end;
    }
    Ok(())
}

/// The header row (`None`), or the rows of employees `range`; with a
/// `previous_grade` column when a previous export is given, and a last
/// `bonus` column when there is an allocation.
fn csv_rows(
    session: &Session,
    range: Option<std::ops::Range<usize>>,
    allocation: Option<&Allocation>,
) -> Vec<u8> {
    let capacity = range.as_ref().map_or(256, |r| r.len() * 96);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(capacity));
    // Writing to memory cannot fail.
    let Some(range) = range else {
        let previous = session.previous().map(|_| PREVIOUS_COLUMN);
        let bonus = allocation.map(|_| BONUS_COLUMN);
        let _ = writer.write_record(COLUMNS.iter().copied().chain(previous).chain(bonus));
        return writer.into_inner().unwrap_or_default();
    };
    for row in range.map(|e| row_with(session, e, allocation)) {
        let rank = row.rank.map(|r| r.to_string()).unwrap_or_default();
        let raters = defuse_list(row.raters.iter().copied());
        let flags = defuse_list(row.flags.iter().copied());
        let record = [
            defuse(row.employee_id),
            defuse(row.employee_name),
            defuse(row.department_id),
            defuse(row.department_grade),
            defuse(row.group),
            raters.as_str().into(),
            row.raw_score.as_deref().unwrap_or("").into(),
            row.final_score.as_deref().unwrap_or("").into(),
            rank.as_str().into(),
            defuse(row.auto_grade.unwrap_or("")),
            defuse(row.grade.unwrap_or("")),
            defuse(row.override_reason.unwrap_or("")),
            flags.as_str().into(),
        ];
        let previous = row.previous_grade.map(|g| defuse(g.unwrap_or("")));
        // A bonus is a number: never defused, like the scores.
        let bonus = row.bonus.as_ref().map(|b| b.as_deref().unwrap_or(""));
        let _ = writer.write_record(
            record
                .iter()
                .chain(previous.as_ref())
                .map(|c| c.as_bytes())
                .chain(bonus.map(str::as_bytes)),
        );
    }
    writer.into_inner().unwrap_or_default()
}

/// The CSV export with a UTF-8 byte-order mark first (`export --bom`).
pub fn to_csv_with_bom(session: &Session) -> Vec<u8> {
    let mut bytes = BOM.to_vec();
    bytes.extend(to_csv(session));
    bytes
}

#[derive(Serialize)]
struct JsonExport<'a> {
    cycle: &'a str,
    employees: Vec<Row<'a>>,
    groups: Vec<GroupFigures<'a>>,
    decisions: Vec<serde_json::Value>,
    /// `{ by, at }` of the last sign-off when the session ends signed off
    /// (contract 6.2), else null.
    signed_off: Option<JsonSignedOff<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bonus: Option<JsonBonus>,
}

#[derive(Serialize)]
struct JsonSignedOff<'a> {
    by: &'a str,
    at: Option<&'a str>,
}

/// The pool and what the bonuses add up to (0 when every share is 0).
#[derive(Serialize)]
struct JsonBonus {
    pool: String,
    allocated: String,
}

/// One group's figures (contract section 5): the JSON's `groups` and the
/// workbook's `groups` sheet.
#[derive(Serialize)]
pub struct GroupFigures<'a> {
    pub id: &'a str,
    /// The rated headcount.
    pub headcount: usize,
    pub grades: Vec<GradeFigures<'a>>,
}

/// One grade of a group: its quota share, Hamilton seats, auto-graded
/// count after carry-over, and final count after overrides.
#[derive(Serialize)]
pub struct GradeFigures<'a> {
    pub grade: &'a str,
    /// q_g as an exact decimal string.
    pub quota: String,
    pub seats: u64,
    pub filled: u64,
    pub count: u64,
}

/// Every group's figures, in group order.
pub fn group_figures(session: &Session) -> Vec<GroupFigures<'_>> {
    let input = &session.input;
    input
        .groups
        .iter()
        .zip(&session.results().groups)
        .map(|(group, result)| GroupFigures {
            id: &group.id,
            headcount: result.headcount,
            grades: input
                .policy
                .grades
                .iter()
                .enumerate()
                .map(|(g, grade)| GradeFigures {
                    grade: &grade.id,
                    quota: result.quotas[g].normalize().to_string(),
                    seats: result.seats[g],
                    filled: result.filled[g],
                    count: result.counts[g],
                })
                .collect(),
        })
        .collect()
}

/// The JSON export: employees, groups with quotas and seats, and the decisions.
pub fn to_json(session: &Session) -> Vec<u8> {
    let input = &session.input;
    let allocation = allocation(session);
    let export = JsonExport {
        cycle: &input.policy.cycle,
        employees: (0..input.employees.len())
            .map(|e| row_with(session, e, allocation.as_ref()))
            .collect(),
        groups: group_figures(session),
        decisions: decision::to_values(session.decisions()),
        signed_off: session.signed_off().map(|s| JsonSignedOff {
            by: &s.by,
            at: s.at.as_deref(),
        }),
        bonus: allocation.as_ref().map(|a| JsonBonus {
            pool: a.format(a.pool),
            allocated: a.format(a.allocated),
        }),
    };
    let mut bytes = serde_json::to_vec_pretty(&export).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_written_in_batches_of_two_halves_is_the_same() {
        let loaded = crate::engine::load::load(crate::demo::files()).expect("valid demo");
        let session = Session::new(loaded.input);
        let allocation = allocation(&session);
        assert!(allocation.is_some(), "the demo has a bonus column");
        let whole = [
            csv_rows(&session, None, allocation.as_ref()),
            csv_rows(
                &session,
                Some(0..session.input.employees.len()),
                allocation.as_ref(),
            ),
        ]
        .concat();
        assert_eq!(whole.iter().filter(|&&b| b == b'\n').count(), 79);
        for batch in [2, 3, 7, 78, 1000] {
            for split in [false, true] {
                let mut written = Vec::new();
                write_csv_in(&session, &mut written, batch, split).expect("to memory");
                assert_eq!(written, whole, "batches of {batch}, split {split}");
            }
        }
        assert_eq!(to_csv(&session), whole);
    }

    #[test]
    fn formula_cells_are_defused() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx"] {
            assert_eq!(defuse(bad), format!("'{bad}"));
        }
        for fine in ["E0001", "陳怡君", "a=b", "", "M01;M02", "a; -1", "＝1"] {
            assert_eq!(defuse(fine), fine);
        }
    }

    #[test]
    fn a_cell_is_defused_only_at_its_start_but_lists_part_by_part() {
        // Contract 6.1: names, reasons, ids keep their text after the start.
        assert_eq!(defuse("x;@y"), "x;@y");
        assert_eq!(defuse("ok;\r=2"), "ok;\r=2");
        assert_eq!(defuse("\tx;=y"), "'\tx;=y");
        assert_eq!(defuse_list(["M01", "=cmd"]), "M01;'=cmd");
        assert_eq!(defuse_list(["-a", "b", "@c", ""]), "'-a;b;'@c;");
        assert_eq!(defuse_list(Vec::<&str>::new()), "");
    }

    #[test]
    fn every_part_of_a_list_is_defused() {
        assert_eq!(defuse_list(["", "\n"]), ";'\n");
        assert_eq!(defuse_list(["M01"]), "M01");
        // A value holding a `;` is split too: the cell split on `;` is safe.
        assert_eq!(defuse_list(["M1;\n=1+1", "R2"]), "M1;'\n=1+1;R2");
    }
}
