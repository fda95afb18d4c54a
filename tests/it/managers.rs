//! Managers and missing submissions (contract 6.10) on `fixtures/managers`:
//! `fixtures/small` with a `manager` for every employee. R1 rated all four
//! of theirs; R2 rated E05 to E07 but not E08 (whom nobody rated); R3 rated
//! E09 and E10; R4 submitted nothing, and their E11 and E12 were rated by
//! R3 (second ratings do not count for the manager).

use std::fs;

use calibra::engine::load;
use calibra::engine::managers;
use calibra::engine::session::Session;

use crate::support::{copy_dir, fixture, run, text};

fn session() -> Session {
    let files = load::read_folder(&fixture("managers"));
    Session::new(load::load(files).expect("valid").input)
}

#[test]
fn each_manager_has_expected_rated_and_missing_people() {
    let session = session();
    let input = &session.input;
    let ids = |list: &[usize]| -> String {
        let ids: Vec<&str> = list
            .iter()
            .map(|&e| input.employees[e].id.as_str())
            .collect();
        ids.join(" ")
    };
    let rows: Vec<String> = managers::coverage(input)
        .iter()
        .map(|c| {
            format!(
                "{} {}: expected {}; rated {}; missing {}",
                c.id,
                c.name(input).unwrap_or("-"),
                ids(&c.expected),
                ids(&c.rated),
                ids(&c.missing)
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "R1 甲主管: expected E01 E02 E03 E04; rated E01 E02 E03 E04; missing ",
            "R2 乙主管: expected E05 E06 E07 E08; rated E05 E06 E07; missing E08",
            "R3 丙主管: expected E09 E10; rated E09 E10; missing ",
            "R4 -: expected E11 E12; rated ; missing E11 E12",
        ]
    );
    let complete: Vec<bool> = managers::coverage(input)
        .iter()
        .map(managers::Coverage::is_complete)
        .collect();
    assert_eq!(complete, [true, false, true, false]);
}

#[test]
fn check_warns_once_per_manager_and_strict_does_not_count_it() {
    let dir = fixture("managers");
    let output = run(["check".as_ref(), dir.as_os_str()]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = text(&output.stdout);
    let org = dir.join("org.json").display().to_string();
    let manager_lines: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("has not rated"))
        .collect();
    assert_eq!(
        manager_lines,
        [
            format!("warning: {org}:16: R2 乙主管 has not rated 1 of 4 people: E08"),
            format!("warning: {org}:19: R4 has not rated 2 of 2 people: E11, E12"),
        ]
    );
    // E08's own warning stays, and fails --strict with the boundary tie of
    // E05 and E06 (both 75): 2, not 4.
    assert!(
        stdout.contains("employee \"E08\" 劉八 has no rating"),
        "{stdout}"
    );
    assert_eq!(session().strict_failures(), 2);
}

#[test]
fn export_strict_succeeds_when_only_managers_are_missing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    copy_dir(&fixture("managers"), &dir);
    // Without E08 (unrated) and with E06 at 76 (no tie), only R4's
    // warning is left of the ones --strict could care about.
    let org = fs::read_to_string(dir.join("org.json")).expect("org");
    let org: String = org
        .lines()
        .filter(|l| !l.contains("\"E08\""))
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(dir.join("org.json"), org).expect("org");
    let r2 = fs::read_to_string(dir.join("submissions/r2.json")).expect("r2");
    assert!(r2.contains(r#""score": "75""#));
    fs::write(
        dir.join("submissions/r2.json"),
        r2.replace(r#""score": "75""#, r#""score": "76""#),
    )
    .expect("r2");
    let out = tmp.path().join("grades.csv");
    let output = run([
        "export".as_ref(),
        dir.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--strict".as_ref(),
    ]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("R4 has not rated 2 of 2 people: E11, E12"),
        "{stderr}"
    );
    assert!(!stderr.contains("R2 乙主管 has not rated"), "{stderr}");
    assert!(out.is_file());
}
