//! What must hold for every session calibra computes, whatever the input:
//! checked after every step by the fuzz targets, and by
//! `tests/it/fuzz_regressions.rs` (which includes this file by path), so a
//! finding stays fixed. Only `calibra`, `csv`, `serde_json` and `std` here.

use calibra::engine::bias;
use calibra::engine::decision::SessionFile;
use calibra::engine::export;
use calibra::engine::session::Session;
use calibra::engine::source::SourceFile;

/// The leading characters a spreadsheet may run as a formula (OWASP).
pub const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// CSV columns that hold numbers and are never defused.
const NUMBER_COLUMNS: [&str; 3] = ["raw_score", "final_score", "rank"];

/// `;`-joined list columns, defused part by part (contract 6.1); any other
/// text cell is defused only at its start.
const LIST_COLUMNS: [&str; 2] = ["raters", "flags"];

/// Seats, counts, ranks and scores of every group and employee.
pub fn check_session(session: &Session) {
    let input = &session.input;
    let results = session.results();
    let scale = &input.policy.score;
    let grade_count = input.policy.grades.len();
    assert_eq!(results.groups.len(), input.groups.len());
    assert_eq!(results.employees.len(), input.employees.len());
    for (g, group) in input.groups.iter().enumerate() {
        let result = &results.groups[g];
        let rated: Vec<usize> = group
            .employees
            .iter()
            .copied()
            .filter(|&e| input.is_rated(e))
            .collect();
        let headcount = rated.len() as u64;
        assert_eq!(result.headcount, rated.len(), "group {}", group.id);
        assert_eq!(result.seats.len(), grade_count);
        assert_eq!(result.filled.len(), grade_count);
        assert_eq!(result.counts.len(), grade_count);
        assert_eq!(
            result.seats.iter().sum::<u64>(),
            headcount,
            "seats of group {} sum to its rated headcount: {:?} from quotas {:?}",
            group.id,
            result.seats,
            result.quotas
        );
        assert_eq!(result.filled.iter().sum::<u64>(), headcount);
        assert_eq!(result.counts.iter().sum::<u64>(), headcount);
        assert_eq!(result.ranking.len(), rated.len());
        let mut auto = vec![0u64; grade_count];
        let mut last_auto = 0usize;
        for (i, &e) in result.ranking.iter().enumerate() {
            let r = &results.employees[e];
            assert_eq!(
                r.rank,
                Some(i as u32 + 1),
                "rank of {}",
                input.employees[e].id
            );
            let a = usize::from(r.auto_grade.expect("a rated employee has an auto grade"));
            assert!(a < grade_count);
            assert!(a >= last_auto, "auto grades follow the ranking");
            last_auto = a;
            auto[a] += 1;
            if i > 0 {
                let prev = &results.employees[result.ranking[i - 1]];
                assert!(prev.final_score >= r.final_score, "ranked by final score");
            }
        }
        assert_eq!(auto, result.filled, "auto grades per grade = filled");
        let mut counts = vec![0u64; grade_count];
        for &e in &result.ranking {
            let grade = results.employees[e]
                .grade
                .expect("a rated employee has a grade");
            counts[usize::from(grade)] += 1;
        }
        assert_eq!(counts, result.counts);
    }
    let (low, high) = (scale.round(scale.min), scale.round(scale.max));
    for (e, employee) in input.employees.iter().enumerate() {
        let r = &results.employees[e];
        let raw = session.baseline.raw_scores[e];
        if input.is_rated(e) {
            let score = r.final_score.expect("a rated employee has a final score");
            assert_eq!(score, scale.round(score), "final score is rounded");
            assert!(
                low <= score && score <= high,
                "final score {score} of {} inside [{low}, {high}]",
                employee.id
            );
            let raw = raw.expect("a rated employee has a raw score");
            assert_eq!(raw, scale.round(raw));
            assert!(r.grade.is_some() && r.rank.is_some());
        } else {
            assert_eq!(raw, None);
            assert_eq!(
                (r.final_score, r.rank, r.grade, r.auto_grade),
                (None, None, None, None)
            );
        }
    }
    for &adjusted in &results.adjusted {
        assert!(
            scale.min <= adjusted && adjusted <= scale.max,
            "{adjusted} clamped"
        );
    }
}

/// Both exports and the bias figures: well-formed, one row per employee,
/// every text cell safe for spreadsheets.
pub fn check_exports(session: &Session) {
    let input = &session.input;
    let csv_bytes = export::to_csv(session);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv_bytes.as_slice());
    let headers = reader.headers().expect("a CSV header").clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), export::COLUMNS.to_vec());
    let mut rows = 0;
    for record in reader.records() {
        let record = record.expect("a well-formed CSV row");
        assert_eq!(record.len(), export::COLUMNS.len());
        for (column, cell) in export::COLUMNS.iter().zip(record.iter()) {
            if !NUMBER_COLUMNS.contains(column) {
                assert!(
                    !cell.starts_with(FORMULA_STARTS),
                    "{column} cell {cell:?} could run as a formula"
                );
                let parts = if LIST_COLUMNS.contains(column) {
                    cell.split(';').skip(1).collect()
                } else {
                    Vec::new()
                };
                for part in parts {
                    assert!(
                        !part.starts_with(FORMULA_STARTS),
                        "{column} cell {cell:?} has a formula after a ';'"
                    );
                }
            }
        }
        rows += 1;
    }
    assert_eq!(rows, input.employees.len());

    let json: serde_json::Value =
        serde_json::from_slice(&export::to_json(session)).expect("the JSON export parses");
    let employees = json["employees"].as_array().expect("employees");
    assert_eq!(employees.len(), input.employees.len());
    for (employee, row) in input.employees.iter().zip(employees) {
        assert_eq!(row["employee_id"].as_str(), Some(employee.id.as_str()));
    }

    for b in bias::rater_biases(session) {
        let total: f64 = b.implied_mix.iter().sum();
        assert!((total - 1.0).abs() < 1e-9, "implied mix sums to 1: {total}");
        assert_eq!(b.allowed_mix.len(), input.policy.grades.len());
    }
}

/// The decisions written as a file read back as the same decisions, and
/// replaying them from scratch gives what the session computed step by step.
pub fn check_replay(session: &Session) {
    let text = SessionFile::to_json(session.decisions());
    let file =
        SessionFile::parse(&SourceFile::new("session.json", text)).expect("a saved session parses");
    assert_eq!(file.decisions, session.decisions());
    let replayed = Session::replay(session.input.clone(), &file).expect("a saved session replays");
    assert_eq!(replayed.state(), session.state());
    assert_eq!(
        replayed.results(),
        session.results(),
        "incremental results equal a full replay"
    );
}
