//! Loading spreadsheet submissions (contract 6.3) against the same ratings
//! as CSV: 100,000 ratings (10,000 employees, 100 raters of 1,000 each) in
//! one submissions file, written once into target/ as `ratings.csv` in one
//! folder and `ratings.xlsx` in another (same policy.json and org.json).
//! Prints the median time to load each folder (`read_folder` + `load`), the
//! same less the folder's fixed part (policy and org, measured on the folder
//! with no submissions), and the ratios; and calamine's own share (opening
//! the workbook and reading the sheet, nothing else). The target: the
//! workbook within 2x of the CSV.
//!
//! Run without `--bench` (as `cargo test --benches` does), it only checks
//! itself on 2,000 ratings.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use calamine::{Reader, ReaderRef, Xlsx, open_workbook_from_rs};
use calibra::engine::load;
use rust_xlsxwriter::Workbook;

const EMPLOYEES: usize = 10_000;
const RATERS: usize = 100;
const RUNS: usize = 9;

const POLICY: &str = r#"{
  "cycle": "bench",
  "score": { "min": 0, "max": 100, "decimals": 2 },
  "grades": [ { "id": "S" }, { "id": "A" }, { "id": "B" }, { "id": "C" }, { "id": "D" } ],
  "department_grades": ["A"],
  "quotas": { "A": { "S": 0.1, "A": 0.2, "B": 0.5, "C": 0.15, "D": 0.05 } }
}"#;

/// One rating as both files hold it.
struct Row {
    rater: usize,
    employee: usize,
    /// In tenths: 734 is 73.4.
    score: u32,
    weight: u32,
    comment: Option<String>,
}

fn rows(ratings: usize) -> Vec<Row> {
    let per_rater = ratings / RATERS;
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let x = (state ^ (state >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x ^ (x >> 31)
    };
    (0..RATERS)
        .flat_map(|r| (0..per_rater).map(move |i| (r, i)))
        .map(|(r, i)| Row {
            rater: r,
            employee: (r * EMPLOYEES / RATERS + i) % EMPLOYEES,
            score: 500 + (next() % 500) as u32,
            weight: 1 + u32::from(i % 7 == 0),
            comment: (i % 10 == 0).then(|| format!("評語 {i}")),
        })
        .collect()
}

fn rater(r: usize) -> (String, String) {
    (format!("M{r:03}"), format!("主管{r}"))
}

fn org() -> String {
    let employees: Vec<String> = (0..EMPLOYEES)
        .map(|e| {
            format!(
                "    {{ \"id\": \"E{e:05}\", \"name\": \"員工{e}\", \"department\": \"D{:02}\" }}",
                e % 20
            )
        })
        .collect();
    let departments: Vec<String> = (0..20)
        .map(|d| format!("    {{ \"id\": \"D{d:02}\", \"grade\": \"A\" }}"))
        .collect();
    format!(
        "{{\n  \"departments\": [\n{}\n  ],\n  \"employees\": [\n{}\n  ]\n}}\n",
        departments.join(",\n"),
        employees.join(",\n")
    )
}

fn csv(rows: &[Row]) -> String {
    let mut out = String::from("rater_id,rater_name,employee_id,score,weight,comment\n");
    for row in rows {
        let (id, name) = rater(row.rater);
        out.push_str(&format!(
            "{id},{name},E{:05},{}.{},{},{}\n",
            row.employee,
            row.score / 10,
            row.score % 10,
            row.weight,
            row.comment.as_deref().unwrap_or("")
        ));
    }
    out
}

fn xlsx(rows: &[Row]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "rater_id",
        "rater_name",
        "employee_id",
        "score",
        "weight",
        "comment",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let (id, name) = rater(row.rater);
        sheet.write_string(r, 0, id).expect("cell");
        sheet.write_string(r, 1, name).expect("cell");
        sheet
            .write_string(r, 2, format!("E{:05}", row.employee))
            .expect("cell");
        sheet
            .write_number(r, 3, f64::from(row.score) / 10.0)
            .expect("cell");
        sheet
            .write_number(r, 4, f64::from(row.weight))
            .expect("cell");
        if let Some(comment) = &row.comment {
            sheet.write_string(r, 5, comment).expect("cell");
        }
    }
    book.save_to_buffer().expect("a workbook")
}

/// A folder with the bench policy and org and `submission` (if any).
fn folder(root: &Path, name: &str, submission: Option<(&str, &[u8])>) -> PathBuf {
    let dir = root.join(name);
    let submissions = dir.join("submissions");
    if submissions.exists() {
        fs::remove_dir_all(&submissions).expect("clear");
    }
    fs::create_dir_all(&submissions).expect("mkdir");
    fs::write(dir.join("policy.json"), POLICY).expect("policy");
    fs::write(dir.join("org.json"), org()).expect("org");
    if let Some((file, bytes)) = submission {
        fs::write(submissions.join(file), bytes).expect("submission");
    }
    dir
}

fn median_load(dir: &Path, runs: usize, ratings: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let loaded = load::load(load::read_folder(dir)).expect("a valid folder");
            let took = start.elapsed();
            assert_eq!(loaded.input.ratings.len(), ratings);
            took
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// calamine alone: open the workbook and read its first sheet, the floor
/// under any reader built on it.
fn median_calamine(book: &[u8], runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let mut xlsx: Xlsx<_> =
                open_workbook_from_rs(std::io::Cursor::new(book)).expect("a workbook");
            let name = xlsx.sheet_names()[0].clone();
            let range = xlsx.worksheet_range_ref(&name).expect("a sheet");
            assert!(range.height() > 1);
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let (ratings, runs) = if bench {
        (100_000, RUNS)
    } else {
        eprintln!("not run with --bench: checking the benchmark on 2,000 ratings only");
        (2_000, 1)
    };
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-xlsx-{ratings}"));
    let rows = rows(ratings);
    let csv = csv(&rows);
    let book = xlsx(&rows);
    let as_csv = folder(&root, "csv", Some(("ratings.csv", csv.as_bytes())));
    let as_xlsx = folder(&root, "xlsx", Some(("ratings.xlsx", &book)));
    let none = folder(&root, "none", None);
    let fixed = median_load(&none, runs, 0);
    let csv_time = median_load(&as_csv, runs, ratings);
    let xlsx_time = median_load(&as_xlsx, runs, ratings);
    let calamine = median_calamine(&book, runs);
    let ratio = xlsx_time.as_secs_f64() / csv_time.as_secs_f64();
    let part = |d: Duration| d.saturating_sub(fixed);
    let part_ratio = part(xlsx_time).as_secs_f64() / part(csv_time).as_secs_f64().max(1e-9);
    println!(
        "{ratings} ratings, {EMPLOYEES} employees, {RATERS} raters; median of {runs} loads (read_folder + load)"
    );
    println!(
        "  csv  {:>9} ({} KiB)   xlsx {:>9} ({} KiB)   policy+org only {:>9}",
        ms(csv_time),
        csv.len() / 1024,
        ms(xlsx_time),
        book.len() / 1024,
        ms(fixed)
    );
    println!("  xlsx / csv, whole load: {ratio:.2}x (target: at most 2x)");
    println!(
        "  xlsx / csv, submissions only: {part_ratio:.2}x ({} vs {})",
        ms(part(xlsx_time)),
        ms(part(csv_time))
    );
    println!(
        "  of which calamine opening the workbook and reading the sheet: {} ({:.2}x the CSV submissions)",
        ms(calamine),
        calamine.as_secs_f64() / part(csv_time).as_secs_f64().max(1e-9)
    );
}
