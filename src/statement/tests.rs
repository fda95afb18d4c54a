//! Statements: the hand-checked one of fixtures/small (EXPECTED.md), and
//! every statement of the demo, in every language and format, naming no
//! other employee.

use std::path::Path;

use super::*;
use crate::engine::decision::SessionFile;
use crate::engine::load;
use crate::engine::previous::Previous;
use crate::engine::provenance::Explainer;
use crate::engine::session::Session;
use crate::engine::source::SourceFile;

fn session_of(dir: &str, session: &str, previous: &str) -> Session {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let input = load::load(load::read_folder(&dir)).expect("valid").input;
    let read = |name: &str| {
        let path = dir.join(name);
        SourceFile::new(name, std::fs::read_to_string(&path).expect(name))
    };
    let file = SessionFile::parse(&read(session)).expect("session");
    let (previous, _) = Previous::read(&read(previous), &input).expect("previous");
    let mut session = Session::replay(input, &file).expect("replays");
    session.set_previous(Some(previous));
    session
}

/// fixtures/small/EXPECTED.md, "Statement of E04": every figure there.
#[test]
fn the_small_statement_of_e04_says_what_expected_md_says() {
    let session = session_of(
        "fixtures/small",
        "statement-session.json",
        "previous/2025-grades.csv",
    );
    let explainer = Explainer::new(&session);
    let e04 = session.input.employee_index("E04").expect("E04");
    let md = render(&explainer, e04, Lang::ZhHant, Format::Markdown);
    for line in [
        "**張四（員工編號 E04）**",
        "- 部門：業務一部（D1）",
        "- 校準群組：D1",
        "| 甲主管（R1） | 80 | 2 | 80.0 | 9 月自二部轉入 |",
        "| 乙主管（R2） | 85 | 1 | 90.0 |  |",
        "- 甲主管（R1）：未校正，分數照原樣計算",
        "- 乙主管（R2）：每個分數調整 +5 分（委員會決議第 1 項，理由：乙主管評分偏嚴，平均低於全體約 3 分）",
        "- 原始分數（各評分的加權平均）：81.7",
        "- 校準後分數：83.3",
        "- 群組內排名：第 3 名（共 4 人）",
        "| S 卓越 | 1 | 1 |",
        "| B 良好 | 2 | 2 |",
        "- 依名額分配的等級：B 良好（B 等級依名次取 2 人，您是其中第 1 位）",
        "- 最終等級：B 良好",
        "- 校準前等級（未經任何委員會決議）：B 良好",
        "- 上期等級：A",
    ] {
        assert!(md.lines().any(|l| l == line), "missing {line:?} in\n{md}");
    }
    let en = render(&explainer, e04, Lang::En, Format::Markdown);
    assert!(en.contains("- Rank in your group: 3 of 4"), "{en}");
    assert!(en.contains("- Grade from the seats: B 良好 (B took 2 people in rank order; you are number 1 of them)"), "{en}");
    let hans = render(&explainer, e04, Lang::ZhHans, Format::Markdown);
    assert!(hans.contains("- 组内排名：第 3 名（共 4 人）"), "{hans}");
}

#[test]
fn carried_down_and_overridden_are_explained() {
    let session = session_of(
        "fixtures/small",
        "statement-session.json",
        "previous/2025-grades.csv",
    );
    let explainer = Explainer::new(&session);
    let at = |id: &str| session.input.employee_index(id).expect(id);
    let e01 = render(&explainer, at("E01"), Lang::ZhHant, Format::Markdown);
    assert!(
        e01.contains("S 等級在您的名次仍有名額，但您的校準後分數 89.5 未達該等級的最低分數 90.0，因此順延至下一等級"),
        "{e01}"
    );
    assert!(
        e01.contains(
            "A 優秀（A 等級依名次取 2 人，您是其中第 1 位；其中 1 個名額由較高等級順延而來）"
        ),
        "{e01}"
    );
    let e10 = render(&explainer, at("E10"), Lang::ZhHant, Format::Markdown);
    assert!(
        e10.contains(
            "- 委員會調整等級：調整為 C 合格（委員會決議第 2 項，理由：支援倉儲年度盤點）"
        ),
        "{e10}"
    );
    assert!(
        e10.contains("- 校準前等級（未經任何委員會決議）：D 待改進"),
        "{e10}"
    );
    let e08 = render(&explainer, at("E08"), Lang::En, Format::Html);
    assert!(e08.contains("You have no rating this cycle"), "{e08}");
}

#[test]
fn no_demo_statement_names_or_scores_another_employee() {
    let session = session_of(
        "fixtures/demo",
        "session.json",
        "previous/2026-H1-grades.csv",
    );
    let input = &session.input;
    let explainer = Explainer::new(&session);
    let started = std::time::Instant::now();
    let mut written = 0;
    for lang in Lang::ALL {
        for format in [Format::Markdown, Format::Html] {
            for e in 0..input.employees.len() {
                let text = render(&explainer, e, lang, format);
                written += 1;
                for (other, person) in input.employees.iter().enumerate() {
                    if other == e {
                        continue;
                    }
                    assert!(
                        !text.contains(person.id.as_str()) && !text.contains(person.name.as_str()),
                        "the statement of {} ({lang}, {format:?}) names {} {}",
                        input.employees[e].id,
                        person.id,
                        person.name
                    );
                }
                // Their own name and id are there.
                assert!(text.contains(input.employees[e].name.as_str()));
                assert!(text.contains(input.employees[e].id.as_str()));
            }
        }
    }
    assert_eq!(written, 78 * 6);
    // Debug build, 468 statements and 36,000 searches: well under a
    // second in release (README figures).
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn the_html_page_is_self_contained_and_escapes_everything() {
    let session = session_of(
        "fixtures/demo",
        "session.json",
        "previous/2026-H1-grades.csv",
    );
    let explainer = Explainer::new(&session);
    let html = render(&explainer, 0, Lang::ZhHant, Format::Html);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hant\">"));
    assert!(html.contains("@page { size: A4;"));
    assert!(html.contains("@media print"));
    for forbidden in [
        "<script", "http://", "https://", "src=", "<link", "@import", "url(",
    ] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
}
