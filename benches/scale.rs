//! Scale benchmarks (issues 4 and 14). `cargo bench` prints a markdown table
//! of the figures for 10k, 100k and 1M generated employees, side by side,
//! against the issues' targets:
//!
//! - parse only: serde_json (and csv) reading the same folder into typed
//!   records on one core, measured in the same run, as the yardstick of
//!   `export`;
//! - `check` and `export` end to end: the release binary run as a child
//!   process; wall time and the child's peak memory (`ru_maxrss` from `wait4`);
//! - saving one decision with 50,000 on record: through the decision
//!   journal, and (before it) the whole session file rewritten;
//! - the TUI's state on a 160x45 `TestBackend`: opening (load + `App::new`)
//!   to the first full frame; the input's fingerprint that opening a session
//!   takes (taken and written as JSON), and the size of its file; one decision to the next frame; sorting,
//!   filtering and z-scoring every rater, each to the next frame; one
//!   navigation frame;
//! - the linked-ratings model (contract 6.7) fitted on a linked folder of
//!   the same size with 12% second ratings (`Spec::second_ratings`).
//!
//! `CALIBRA_BENCH_SIZES=10000,100000` (or `10k,100k,1M`) chooses the sizes.
//! Input folders are generated once into `target/bench-data/<n>` and reused
//! while their size, seed and generator version match.
//!
//! Run without `--bench` (as `cargo test --benches` does), it only checks
//! itself on 2,000 employees.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use calibra::engine::decision::{Change, Decision, Header};
use calibra::engine::fingerprint::Fingerprint;
use calibra::engine::load;
use calibra::engine::rater_model;
use calibra::engine::session::Session;
use calibra::tui::app::{Action, App, Effect, Mode, Origin, Screen};
use calibra::tui::theme::{Theme, ThemeName};
use calibra::workspace::journal::Journal;
use calibra::workspace::store;
use calibra_synth::{self as synth, Spec};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const BIN: &str = env!("CARGO_BIN_EXE_calibra");
const SEED: u64 = synth::DEFAULT_SEED;
const NOW: &str = "2026-11-27T10:00:00Z";
const WIDTH: u16 = 160;
const HEIGHT: u16 = 45;
const DEFAULT_SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];
const SMOKE_SIZE: usize = 2_000;

/// Everything measured, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Metric {
    ParseOnly,
    ExportRatio,
    CheckWall,
    CheckMemory,
    ExportWall,
    ExportMemory,
    FirstFrame,
    Load,
    NewApp,
    FirstDraw,
    Fingerprint,
    FingerprintFile,
    SaveJournal,
    SaveWhole,
    ZScore,
    Override,
    DepartmentGrade,
    SortEmployees,
    Filter,
    ZScoreAll,
    ScrollEmployees,
    NextRater,
    LinkedFit,
}

impl Metric {
    const ALL: [Metric; 23] = [
        Metric::ParseOnly,
        Metric::ExportRatio,
        Metric::CheckWall,
        Metric::CheckMemory,
        Metric::ExportWall,
        Metric::ExportMemory,
        Metric::FirstFrame,
        Metric::Load,
        Metric::NewApp,
        Metric::FirstDraw,
        Metric::Fingerprint,
        Metric::FingerprintFile,
        Metric::SaveJournal,
        Metric::SaveWhole,
        Metric::ZScore,
        Metric::Override,
        Metric::DepartmentGrade,
        Metric::SortEmployees,
        Metric::Filter,
        Metric::ZScoreAll,
        Metric::ScrollEmployees,
        Metric::NextRater,
        Metric::LinkedFit,
    ];

    fn label(self) -> &'static str {
        match self {
            Metric::ParseOnly => "parse only: serde_json + csv, one core (median)",
            Metric::ExportRatio => "`export` wall ÷ parse only",
            Metric::CheckWall => "`check` wall (median)",
            Metric::CheckMemory => "`check` peak memory",
            Metric::ExportWall => "`export` wall (median)",
            Metric::ExportMemory => "`export` peak memory",
            Metric::FirstFrame => "TUI: open to first frame",
            Metric::Load => "… of which read + load",
            Metric::NewApp => "… of which `App::new`",
            Metric::FirstDraw => "… of which first draw",
            Metric::Fingerprint => "fingerprint: take + write as JSON (median)",
            Metric::FingerprintFile => "… its file (`<session>.input.json`)",
            Metric::SaveJournal => "save one decision, 50,000 on record (journal)",
            Metric::SaveWhole => "… the whole session file rewritten (before)",
            Metric::ZScore => "decision: z-score one rater + frame",
            Metric::Override => "decision: override one employee (+ reason) + frame",
            Metric::DepartmentGrade => "decision: department grade (+ reason) + frame",
            Metric::SortEmployees => "sort the employee table + frame",
            Metric::Filter => "filter employees (id, name, department) + frame",
            Metric::ZScoreAll => "`Z`: z-score every rater + frame",
            Metric::ScrollEmployees => "navigation: employees ↓ + frame",
            Metric::NextRater => "navigation: raters → + frame",
            Metric::LinkedFit => "linked-ratings fit, 12% second ratings (median)",
        }
    }

    fn is_memory(self) -> bool {
        matches!(self, Metric::CheckMemory | Metric::ExportMemory)
    }

    fn is_size(self) -> bool {
        self == Metric::FingerprintFile
    }

    fn is_ratio(self) -> bool {
        self == Metric::ExportRatio
    }

    fn target(self) -> &'static str {
        match self {
            Metric::ParseOnly | Metric::SaveWhole => "",
            Metric::ExportRatio => "≤ 1.5",
            Metric::CheckWall => "< 2 s at 1M, < export",
            Metric::ExportWall => "< 2 s at 1M",
            Metric::CheckMemory | Metric::ExportMemory => "≤ 400 MB at 1M",
            Metric::FirstFrame => "< 1.2 s at 1M",
            Metric::Load | Metric::NewApp | Metric::FirstDraw => "",
            Metric::Fingerprint | Metric::FingerprintFile => "",
            Metric::SaveJournal => "< 5 ms",
            Metric::ZScore | Metric::Override | Metric::DepartmentGrade => "< 16 ms",
            Metric::SortEmployees | Metric::Filter => "< 16 ms",
            Metric::ZScoreAll => "< 1 s",
            Metric::ScrollEmployees | Metric::NextRater => "< 2 ms at 1M",
            Metric::LinkedFit => "< 1 s at 1M",
        }
    }

    /// The limit for `n` employees (seconds or MB); a target stated
    /// for one size holds for every smaller input too.
    fn limit(self, n: usize, figures: &Figures) -> Option<f64> {
        let by_size = |small: f64, large: f64| match n {
            0..=100_000 => Some(small),
            100_001..=1_000_000 => Some(large),
            _ => None,
        };
        match self {
            Metric::CheckWall => {
                let export = figures.get(Metric::ExportWall).unwrap_or(f64::INFINITY);
                by_size(2.0, 2.0).map(|l| l.min(export))
            }
            Metric::ExportWall => by_size(2.0, 2.0),
            Metric::ParseOnly | Metric::SaveWhole => None,
            Metric::ExportRatio => Some(1.5),
            Metric::CheckMemory | Metric::ExportMemory => by_size(400.0, 400.0),
            Metric::FirstFrame => by_size(1.2, 1.2),
            Metric::Load | Metric::NewApp | Metric::FirstDraw => None,
            Metric::Fingerprint | Metric::FingerprintFile => None,
            Metric::SaveJournal => Some(0.005),
            Metric::ZScore | Metric::Override | Metric::DepartmentGrade => by_size(0.016, 0.016),
            Metric::SortEmployees | Metric::Filter => by_size(0.016, 0.016),
            Metric::ZScoreAll => by_size(1.0, 1.0),
            Metric::ScrollEmployees | Metric::NextRater => by_size(0.002, 0.002),
            Metric::LinkedFit => by_size(1.0, 1.0),
        }
    }
}

/// The figures of one size.
struct Figures {
    employees: usize,
    values: [Option<f64>; Metric::ALL.len()],
}

impl Figures {
    fn get(&self, metric: Metric) -> Option<f64> {
        self.values[metric as usize]
    }

    fn set(&mut self, metric: Metric, value: f64) {
        eprintln!(
            "  {:>5} {:<50} {}",
            size_label(self.employees),
            metric.label(),
            fmt_value(metric, value)
        );
        self.values[metric as usize] = Some(value);
    }
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let sizes = if bench {
        sizes_from_env()
    } else {
        eprintln!("not run with --bench: checking the benchmark on {SMOKE_SIZE} employees only");
        vec![SMOKE_SIZE]
    };
    let target = Path::new(BIN)
        .parent()
        .and_then(Path::parent)
        .expect("the binary is in target/<profile>/")
        .join("bench-data");
    let mut all = Vec::new();
    let mut data = Vec::new();
    for &n in &sizes {
        let (dir, about) = bench_data(&target, &Spec::new(n, SEED));
        data.push(format!("- {}: {about}", size_label(n)));
        let mut figures = Figures {
            employees: n,
            values: [None; Metric::ALL.len()],
        };
        figures.set(Metric::ParseOnly, parse_only(&dir));
        headless(&target, &dir, &mut figures);
        if let (Some(export), Some(parse)) = (
            figures.get(Metric::ExportWall),
            figures.get(Metric::ParseOnly),
        ) {
            figures.set(Metric::ExportRatio, export / parse);
        }
        saving(&target, &mut figures);
        tui(&dir, &mut figures);
        let linked = Spec {
            second_ratings: Some(LINKED_SHARE),
            ..Spec::new(n, SEED)
        };
        let (dir, about) = bench_data(&target, &linked);
        data.push(format!("- {} linked: {about}", size_label(n)));
        figures.set(Metric::LinkedFit, linked_fit(&dir));
        all.push(figures);
    }
    print_table(&all, &data);
}

fn sizes_from_env() -> Vec<usize> {
    let Ok(text) = std::env::var("CALIBRA_BENCH_SIZES") else {
        return DEFAULT_SIZES.to_vec();
    };
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            let (digits, factor) = match s.as_bytes().last() {
                Some(b'k' | b'K') => (&s[..s.len() - 1], 1_000),
                Some(b'm' | b'M') => (&s[..s.len() - 1], 1_000_000),
                _ => (s, 1),
            };
            digits
                .parse::<usize>()
                .expect("CALIBRA_BENCH_SIZES: numbers like 10000 or 10k")
                * factor
        })
        .collect()
}

/// The input folder of `spec`, generated unless a matching one is there;
/// returns it and a line about it.
fn bench_data(target: &Path, spec: &Spec) -> (PathBuf, String) {
    let n = spec.employees;
    let (dir, key) = match spec.second_ratings {
        None => (
            target.join(n.to_string()),
            format!(
                "employees={n} seed={} generator={}",
                spec.seed,
                synth::VERSION
            ),
        ),
        Some(share) => (
            target.join(format!("{n}-linked")),
            format!(
                "employees={n} seed={} second_ratings={share} generator={}",
                spec.seed,
                synth::VERSION
            ),
        ),
    };
    let marker = dir.join(".generated");
    if let Ok(text) = fs::read_to_string(&marker)
        && let Some(about) = text.strip_prefix(&format!("{key}\n"))
    {
        eprintln!("{}: reusing {}", size_label(n), dir.display());
        return (
            dir,
            format!("{} (kept from an earlier run)", about.trim_end()),
        );
    }
    if dir.exists() {
        fs::remove_dir_all(&dir).expect("remove a stale bench-data folder");
    }
    eprintln!("{}: generating {}", size_label(n), dir.display());
    let start = Instant::now();
    let summary = synth::write(spec, &dir).expect("generate the input folder");
    let about = format!(
        "{summary}; generated in {:.2} s",
        start.elapsed().as_secs_f64()
    );
    fs::write(&marker, format!("{key}\n{about}\n")).expect("write the marker");
    (dir, about)
}

/// The share of second ratings of the linked folders.
const LINKED_SHARE: f64 = 0.12;

/// The linked-ratings model's fit on a linked folder (loaded once): the
/// median of up to 5 fits within 20 s. Prints the conjugate-gradient work
/// of the largest part.
fn linked_fit(dir: &Path) -> f64 {
    let input = load::load(load::read_folder(dir))
        .expect("the generated folder is valid")
        .input;
    let mut model = None;
    let time = repeat(1, 5, Duration::from_secs(20), || {
        let start = Instant::now();
        model = Some(rater_model::fit(&input));
        start.elapsed().as_secs_f64()
    });
    if let Some(model) = model
        && let Some(part) = model.components.iter().max_by_key(|c| c.raters)
    {
        eprintln!(
            "  linked: {} parts, the largest {} raters ({:?}); severities: {:?}; probes: {:?}",
            model.components.len(),
            part.raters,
            part.se_method,
            part.solve,
            part.probes_solve
        );
    }
    time
}

/// `check` and `export` as the user runs them.
fn headless(target: &Path, dir: &Path, figures: &mut Figures) {
    let n = figures.employees;
    let out = target.join(format!("{n}-export.csv"));
    let log = target.join(format!("{n}-stderr.txt"));
    let data_dir = target.join("data-dir");
    let runs = |args: Vec<OsString>| {
        let mut walls = Vec::new();
        let mut peak: f64 = 0.0;
        let budget = Duration::from_secs(20);
        let start = Instant::now();
        while walls.len() < 5 && (walls.is_empty() || start.elapsed() < budget) {
            let (wall, rss) = run_child(&args, &log, &data_dir);
            walls.push(wall);
            peak = peak.max(rss);
        }
        (median(walls), peak)
    };
    let (wall, memory) = runs(vec![
        "export".into(),
        dir.into(),
        "--out".into(),
        (&out).into(),
    ]);
    figures.set(Metric::ExportWall, wall);
    figures.set(Metric::ExportMemory, memory);
    let (wall, memory) = runs(vec!["check".into(), dir.into()]);
    figures.set(Metric::CheckWall, wall);
    figures.set(Metric::CheckMemory, memory);
    let _ = fs::remove_file(&out);
    let _ = fs::remove_file(&log);
}

/// The yardstick: what serde_json (and csv) alone take to read the folder
/// into typed records, on one core, files read included; the median of
/// up to 5 runs.
fn parse_only(dir: &Path) -> f64 {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Org {
        departments: Vec<Department>,
        employees: Vec<Employee>,
    }
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Department {
        id: String,
        name: Option<String>,
        grade: String,
        pool: Option<String>,
    }
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Employee {
        id: String,
        name: String,
        department: String,
    }
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Submission {
        rater: Rater,
        ratings: Vec<Rating>,
    }
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Rater {
        id: String,
        name: String,
    }
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Rating {
        employee: String,
        score: f64,
        weight: Option<f64>,
    }
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Row {
        rater_id: String,
        rater_name: String,
        employee_id: String,
        score: f64,
        weight: Option<f64>,
    }
    let mut files: Vec<PathBuf> = fs::read_dir(dir.join("submissions"))
        .expect("submissions")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let once = || {
        let start = Instant::now();
        let org: Org =
            serde_json::from_slice(&fs::read(dir.join("org.json")).expect("org")).expect("org");
        let mut ratings = 0;
        for path in &files {
            let bytes = fs::read(path).expect("a submission");
            if path.extension().is_some_and(|e| e == "csv") {
                let mut reader = csv::Reader::from_reader(bytes.as_slice());
                for row in reader.deserialize::<Row>() {
                    row.expect("a row");
                    ratings += 1;
                }
            } else {
                let submission: Submission = serde_json::from_slice(&bytes).expect("json");
                ratings += submission.ratings.len();
            }
        }
        assert!(ratings > 0 && !org.employees.is_empty());
        start.elapsed().as_secs_f64()
    };
    repeat(1, 5, Duration::from_secs(15), once)
}

/// Saving one decision with 50,000 on record, as the live screen does after
/// every decision: through the journal (one appended line), and the whole
/// session file rewritten, as before it.
fn saving(target: &Path, figures: &mut Figures) {
    let dir = target.join("save");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("the save folder");
    let path = dir.join("session.json");
    let decision = |i: usize| Decision {
        at: Some(NOW.to_string()),
        by: Some("bench".to_string()),
        ..Decision::new(Change::Override {
            employee: format!("E{i:07}"),
            grade: "A".to_string(),
        })
        .with_reason("bench: a reason of some length, 帶新人 表現穩定")
    };
    let mut record: Vec<Decision> = (0..50_000).map(decision).collect();
    let header = Header::default();
    let mut journal = Journal::resume(&path, None);
    journal.compact(&header, &record).expect("the session file");
    let mut next = record.len();
    let appended = repeat(20, 200, Duration::from_secs(5), || {
        record.push(decision(next));
        next += 1;
        let start = Instant::now();
        journal.save(&header, &record).expect("saved");
        start.elapsed().as_secs_f64()
    });
    figures.set(Metric::SaveJournal, appended);
    record.truncate(50_000);
    let whole = repeat(3, 10, Duration::from_secs(10), || {
        let start = Instant::now();
        store::save(&path, &record).expect("saved whole");
        start.elapsed().as_secs_f64()
    });
    figures.set(Metric::SaveWhole, whole);
    let _ = fs::remove_dir_all(&dir);
}

/// Runs the binary; returns its wall time (s) and peak resident memory (MB).
fn run_child(args: &[OsString], log: &Path, data_dir: &Path) -> (f64, f64) {
    let stderr = fs::File::create(log).expect("create the log file");
    let start = Instant::now();
    let child = Command::new(BIN)
        .args(args)
        .env("CALIBRA_DATA_DIR", data_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("start calibra");
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain old data, for which all zeroes is valid.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our child and not yet reaped (`Child` is never
        // waited on); both pointers are to live locals.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let err = std::io::Error::last_os_error();
        assert!(
            err.kind() == std::io::ErrorKind::Interrupted,
            "wait4: {err}"
        );
    }
    let wall = start.elapsed().as_secs_f64();
    drop(child);
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    assert!(
        ok,
        "calibra {args:?} failed (status {status}): {}",
        fs::read_to_string(log).unwrap_or_default()
    );
    // Linux reports ru_maxrss in KiB.
    (wall, usage.ru_maxrss as f64 / 1024.0)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
}

/// Opens the folder as the TUI does; returns the app, its terminal, and the
/// seconds spent loading, in `App::new` and drawing the first frame.
fn open(dir: &Path) -> (App, Terminal<TestBackend>, [f64; 3]) {
    let start = Instant::now();
    let loaded = load::load(load::read_folder(dir)).expect("the generated folder is valid");
    let loaded_at = start.elapsed().as_secs_f64();
    let origin = Origin {
        input: dir.display().to_string(),
        input_dir: Some(dir.to_path_buf()),
        session_path: None,
        export_stem: "bench-grades".to_string(),
        by: Some("bench".to_string()),
    };
    let mut app = App::new(
        Session::new(loaded.input),
        origin,
        Theme::new(ThemeName::Dark),
        None,
    );
    // What the event loop tells it of the terminal's size.
    app.update(
        Action::Layout {
            width: WIDTH,
            height: HEIGHT,
        },
        "2026-11-27T10:00:00Z",
    );
    let created_at = start.elapsed().as_secs_f64();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    draw(&mut terminal, &app);
    let drawn_at = start.elapsed().as_secs_f64();
    (
        app,
        terminal,
        [loaded_at, created_at - loaded_at, drawn_at - created_at],
    )
}

/// The TUI's state: opening, decisions, navigation.
fn tui(dir: &Path, figures: &mut Figures) {
    let mut opened = None;
    let mut parts: [Vec<f64>; 3] = Default::default();
    let first_frame = repeat(1, 5, Duration::from_secs(30), || {
        opened = None; // the previous app goes before the next is built
        let (app, terminal, times) = open(dir);
        for (all, time) in parts.iter_mut().zip(times) {
            all.push(time);
        }
        opened = Some((app, terminal));
        times.iter().sum()
    });
    figures.set(Metric::FirstFrame, first_frame);
    let [load, new, first_draw] = parts.map(median);
    figures.set(Metric::Load, load);
    figures.set(Metric::NewApp, new);
    figures.set(Metric::FirstDraw, first_draw);
    let (mut app, mut terminal) = opened.expect("opened at least once");

    // What opening a session adds before the screen is usable: the input's
    // fingerprint, taken and written as the file kept beside the session.
    let input = Arc::clone(&app.session().input);
    let shown_as = dir.display().to_string();
    let mut file = 0;
    let fingerprint = repeat(3, 10, Duration::from_secs(20), || {
        let start = Instant::now();
        let text = Fingerprint::of(&input, &shown_as, NOW).to_json();
        let time = start.elapsed().as_secs_f64();
        file = text.len();
        time
    });
    figures.set(Metric::Fingerprint, fingerprint);
    figures.set(Metric::FingerprintFile, file as f64 / 1e6);
    let app = &mut app;
    let terminal = &mut terminal;
    let budget = Duration::from_secs(20);

    // Each decision is undone (untimed) before the next, on the next rater,
    // employee or group, so that the state does not drift.
    show(app, terminal, Screen::Raters);
    let z = repeat(3, 20, budget, || {
        let decisions = app.session().decisions().len();
        let start = Instant::now();
        app.update(Action::ZScore, NOW);
        draw(terminal, app);
        let time = start.elapsed().as_secs_f64();
        assert_eq!(app.session().decisions().len(), decisions + 1, "z-scored");
        app.update(Action::Undo, NOW);
        app.update(Action::Right, NOW);
        time
    });
    figures.set(Metric::ZScore, z);

    show(app, terminal, Screen::Employees);
    let over = repeat(3, 20, budget, || {
        let e = select_rated_employee(app);
        let best = app.session().results().employees[e].grade == Some(0);
        let decisions = app.session().decisions().len();
        let start = Instant::now();
        decide(app, if best { Action::Lower } else { Action::Raise });
        draw(terminal, app);
        let time = start.elapsed().as_secs_f64();
        assert_eq!(app.session().decisions().len(), decisions + 1, "overridden");
        app.update(Action::Undo, NOW);
        app.update(Action::Down, NOW);
        time
    });
    figures.set(Metric::Override, over);

    show(app, terminal, Screen::Groups);
    let department = repeat(3, 20, budget, || {
        let d = app.selected_department().expect("a department");
        let best = app.session().state().department_grades[d] == 0;
        let decisions = app.session().decisions().len();
        let start = Instant::now();
        decide(app, if best { Action::Lower } else { Action::Raise });
        draw(terminal, app);
        let time = start.elapsed().as_secs_f64();
        assert_eq!(app.session().decisions().len(), decisions + 1, "regraded");
        app.update(Action::Undo, NOW);
        app.update(Action::Down, NOW);
        time
    });
    figures.set(Metric::DepartmentGrade, department);

    show(app, terminal, Screen::Employees);
    let sort = repeat(3, 20, budget, || {
        let start = Instant::now();
        app.update(Action::Sort, NOW);
        draw(terminal, app);
        start.elapsed().as_secs_f64()
    });
    figures.set(Metric::SortEmployees, sort);

    // The table follows the filter as it is typed: one key press filters
    // every employee.
    let filter = repeat(3, 20, budget, || {
        set_filter(app, "E0000");
        let start = Instant::now();
        app.update(Action::Type('1'), NOW);
        draw(terminal, app);
        let time = start.elapsed().as_secs_f64();
        app.update(Action::Submit, NOW);
        time
    });
    set_filter(app, "");
    app.update(Action::Submit, NOW);
    figures.set(Metric::Filter, filter);

    show(app, terminal, Screen::Raters);
    let all = repeat(1, 5, Duration::from_secs(30), || {
        let decisions = app.session().decisions().len();
        let start = Instant::now();
        // At company scale the screen first says it is z-scoring (a frame of
        // its own), then does it.
        if app.update(Action::ZScoreAll, NOW).contains(&Effect::Busy) {
            draw(terminal, app);
            app.update(Action::Resume, NOW);
        }
        draw(terminal, app);
        let time = start.elapsed().as_secs_f64();
        assert!(app.session().decisions().len() > decisions, "z-scored all");
        app.update(Action::Undo, NOW);
        time
    });
    figures.set(Metric::ZScoreAll, all);

    let budget = Duration::from_secs(10);
    show(app, terminal, Screen::Employees);
    app.update(Action::Top, NOW);
    let scroll = repeat(10, 50, budget, || {
        let start = Instant::now();
        app.update(Action::Down, NOW);
        draw(terminal, app);
        start.elapsed().as_secs_f64()
    });
    figures.set(Metric::ScrollEmployees, scroll);

    show(app, terminal, Screen::Raters);
    let next = repeat(10, 50, budget, || {
        let start = Instant::now();
        app.update(Action::Right, NOW);
        draw(terminal, app);
        start.elapsed().as_secs_f64()
    });
    figures.set(Metric::NextRater, next);
    assert!(
        app.session().decisions().is_empty(),
        "every decision was undone"
    );
}

/// Opens the filter prompt and types `text` over what it held (not yet
/// submitted; the table follows each key).
fn set_filter(app: &mut App, text: &str) {
    app.update(Action::Find, NOW);
    for _ in 0..app.employees().filter.chars().count() {
        app.update(Action::Erase, NOW);
    }
    for c in text.chars() {
        app.update(Action::Type(c), NOW);
    }
}

/// Raises or lowers, answering the reason prompt if one opens, as the
/// operator does.
fn decide(app: &mut App, action: Action) {
    app.update(action, NOW);
    if matches!(app.mode(), Mode::Prompt(_)) {
        for c in "bench: a reason".chars() {
            app.update(Action::Type(c), NOW);
        }
        app.update(Action::Submit, NOW);
    }
}

fn show(app: &mut App, terminal: &mut Terminal<TestBackend>, screen: Screen) {
    app.update(Action::Show(screen), NOW);
    draw(terminal, app);
}

/// Moves down the employee table to a rated employee (unrated ones have no
/// grade to override).
fn select_rated_employee(app: &mut App) -> usize {
    for _ in 0..10_000 {
        if let Some(e) = app.employees().selected_employee()
            && app.session().results().employees[e].grade.is_some()
        {
            return e;
        }
        app.update(Action::Down, NOW);
    }
    unreachable!("no rated employee in 10,000 rows")
}

/// Runs `sample` (which returns the seconds it measured) between `min` and
/// `max` times, stopping at `max` or once `budget` is spent; the median.
fn repeat(min: usize, max: usize, budget: Duration, mut sample: impl FnMut() -> f64) -> f64 {
    let start = Instant::now();
    let mut times = Vec::with_capacity(max);
    while times.len() < max && (times.len() < min || start.elapsed() < budget) {
        times.push(sample());
    }
    median(times)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn size_label(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

fn fmt_value(metric: Metric, value: f64) -> String {
    if metric.is_ratio() {
        format!("×{value:.2}")
    } else if metric.is_memory() {
        format!("{value:.0} MB")
    } else if metric.is_size() && value < 1.0 {
        format!("{:.0} kB", value * 1e3)
    } else if metric.is_size() {
        format!("{value:.1} MB")
    } else if value < 0.01 {
        format!("{:.2} ms", value * 1e3)
    } else if value < 1.0 {
        format!("{:.1} ms", value * 1e3)
    } else {
        format!("{value:.2} s")
    }
}

fn print_table(all: &[Figures], data: &[String]) {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!();
    println!("## calibra at scale (seed {SEED}, {cores} cores, 160x45 TestBackend)");
    println!();
    let mut header = "| measure | target |".to_string();
    let mut rule = "| --- | --- |".to_string();
    for figures in all {
        header.push_str(&format!(" {} |", size_label(figures.employees)));
        rule.push_str(" ---: |");
    }
    let growth = match all {
        [.., a, b] if a.employees > 1 && b.employees > a.employees => {
            let (n1, n2) = (a.employees as f64, b.employees as f64);
            let bound = (n2 * n2.ln()) / (n1 * n1.ln());
            header.push_str(&format!(
                " growth {}→{} (n log n: ×{bound:.1}) |",
                size_label(a.employees),
                size_label(b.employees)
            ));
            rule.push_str(" ---: |");
            Some((a, b, bound))
        }
        _ => None,
    };
    println!("{header}");
    println!("{rule}");
    for metric in Metric::ALL {
        let mut line = format!("| {} | {} |", metric.label(), metric.target());
        for figures in all {
            let cell = match figures.get(metric) {
                None => "—".to_string(),
                Some(value) => match metric.limit(figures.employees, figures) {
                    Some(limit) => {
                        format!("{} {}", fmt_value(metric, value), verdict(value < limit))
                    }
                    None => fmt_value(metric, value),
                },
            };
            line.push_str(&format!(" {cell} |"));
        }
        if let Some((a, b, bound)) = growth {
            let cell = match (a.get(metric), b.get(metric)) {
                (Some(x), Some(y)) if x > 0.0 => {
                    let ratio = y / x;
                    format!("×{ratio:.1} {}", verdict(ratio <= bound))
                }
                _ => "—".to_string(),
            };
            line.push_str(&format!(" {cell} |"));
        }
        println!("{line}");
    }
    println!();
    println!(
        "A target stated for one size holds for smaller inputs too. Times are medians \
         (decisions: up to 20 runs, each undone before the next; navigation: up to 50 frames; \
         check/export: up to 5 runs within 20 s). Peak memory is the child's ru_maxrss."
    );
    println!();
    println!("Input folders (target/bench-data):");
    for line in data {
        println!("{line}");
    }
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "**missed**" }
}
