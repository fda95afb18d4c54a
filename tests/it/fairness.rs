#![allow(clippy::panic)] // A test fails by panicking.

//! `stats --by gender` on the demo (contract 6.8) against figures checked by
//! hand: counts from org.json and the export, the chi-square computed apart
//! with Python's math.erfc (for df 1, p = erfc(sqrt(X2 / 2))). Then the
//! live fairness screen (8) on the same session: the figures it shows are
//! the command's, a value under 5 people shows none, and a row of "who
//! moved" leads to the decisions that moved them.

use calibra::demo;
use calibra::engine::decision::SessionFile;
use calibra::engine::load;
use calibra::engine::session::Session;
use calibra::tui::app::{Action, App, Mode, Origin, Screen};
use calibra::tui::theme::{Theme, ThemeName};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

use crate::support::{NOW, fixture, press, run, text};

#[test]
fn demo_gender_review_matches_hand_checked_figures() {
    let demo = fixture("demo");
    let out = run([
        "stats".into(),
        demo.clone().into_os_string(),
        "--session".into(),
        demo.join("session.json").into_os_string(),
        "--by".into(),
        "gender".into(),
        "--format".into(),
        "json".into(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let values = doc["values"].as_array().expect("values");
    assert_eq!(values.len(), 2);
    let f = &values[0];
    let m = &values[1];
    assert_eq!(f["value"], "F");
    assert_eq!(f["before"]["n"], 43);
    assert_eq!(m["before"]["n"], 33);
    // Top (S + A): F 13 -> 14 of 43, M 11 -> 13 of 33.
    let close = |v: &serde_json::Value, x: f64| (v.as_f64().unwrap_or(f64::NAN) - x).abs() < 5e-4;
    assert!(close(&f["before"]["top_rate"], 13.0 / 43.0));
    assert!(close(&f["after"]["top_rate"], 14.0 / 43.0));
    assert!(close(&m["after"]["top_rate"], 13.0 / 33.0));
    assert!(close(&f["before"]["impact_ratio"], 0.907));
    assert!(close(&f["after"]["impact_ratio"], 0.826));
    assert_eq!(f["after"]["adverse_impact"], false);
    assert_eq!(f["moved"]["moved_up"], 8);
    assert_eq!(f["moved"]["moved_down"], 4);
    assert_eq!(m["moved"]["moved_up"], 6);
    assert_eq!(m["moved"]["moved_down"], 4);
    let chi = &doc["chi_square"];
    assert_eq!(chi["after"]["df"], 1);
    assert!(close(&chi["before"]["statistic"], 0.083));
    assert!(close(&chi["before"]["p_value"], 0.773));
    assert!(close(&chi["after"]["statistic"], 0.381));
    assert!(close(&chi["after"]["p_value"], 0.537));
}

/// `calibra stats fixtures/demo --session session.json --by ATTR --format json`.
fn stats_json(attribute: &str) -> serde_json::Value {
    let demo = fixture("demo");
    let out = run([
        "stats".into(),
        demo.clone().into_os_string(),
        "--session".into(),
        demo.join("session.json").into_os_string(),
        "--by".into(),
        attribute.into(),
        "--format".into(),
        "json".into(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The live screen on the demo with its session (7 decisions), org.json
/// changed by `org` first.
fn demo_meeting(org: impl FnOnce(&mut serde_json::Value)) -> App {
    let mut files = demo::files();
    let file = files.org.as_mut().expect("the demo has org.json");
    let mut doc: serde_json::Value = serde_json::from_str(&file.text).expect("org.json");
    org(&mut doc);
    file.text = doc.to_string();
    let input = load::load(files).expect("still valid").input;
    let record = SessionFile::parse(&demo::session()).expect("the demo session parses");
    let session = Session::replay(input, &record).expect("replays");
    let origin = Origin {
        input: demo::name().to_string(),
        input_dir: None,
        session_path: None,
        export_stem: "demo-grades".to_string(),
        by: Some("HR".to_string()),
    };
    App::new(session, origin, Theme::new(ThemeName::Dark), None)
}

fn screen_text(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
    terminal.backend().to_string()
}

/// The screen's line that starts (after spaces) with `start`.
fn line_of(screen: &str, start: &str) -> String {
    screen
        .lines()
        .find(|l| l.trim_start_matches(['"', ' ']).starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start:?} in\n{screen}"))
        .to_string()
}

#[test]
fn the_screen_shows_the_commands_figures() {
    let mut app = demo_meeting(|_| {});
    press(&mut app, &[KeyCode::Char('3'), KeyCode::Char('8')]);
    assert_eq!(app.screen(), Screen::Fairness);
    for attribute in ["gender", "tenure"] {
        let doc = stats_json(attribute);
        let figures = app
            .fairness()
            .figures
            .as_ref()
            .expect("computed when shown");
        let review = &figures.review;
        assert_eq!(review.attribute, attribute);
        let values = doc["values"].as_array().expect("values");
        assert_eq!(review.values.len(), values.len());
        let screen = screen_text(&app, 160, 45);
        for (shown, json) in review.values.iter().zip(values) {
            assert_eq!(json["value"], shown.value.as_str());
            for (side, key) in [(&shown.before, "before"), (&shown.after, "after")] {
                let json = &json[key];
                assert_eq!(json["n"], side.n);
                for (grade, &count) in ["S", "A", "B", "C", "D"].iter().zip(&side.counts) {
                    assert_eq!(json["counts"][grade], count);
                }
                // JSON text keeps 17 digits: equal to the last bit or so.
                let same = |json: &serde_json::Value, x: f64| {
                    json.as_f64().is_some_and(|j| (j - x).abs() < 1e-12)
                };
                assert!(same(&json["top_rate"], side.top_rate));
                match side.impact_ratio {
                    Some(r) => assert!(same(&json["impact_ratio"], r)),
                    None => assert!(json["impact_ratio"].is_null()),
                }
                assert_eq!(json["adverse_impact"], side.adverse_impact);
            }
            assert_eq!(json["moved"]["moved_up"], shown.moved_up);
            assert_eq!(json["moved"]["moved_down"], shown.moved_down);
            // The value's "now" row, as the screen prints it.
            let before = line_of(&screen, &format!("{} ", shown.value));
            assert!(
                before.contains(&format!("{:.1}%", shown.before.top_rate * 100.0)),
                "{before}"
            );
            let at = screen.find(&before).unwrap_or(0) + before.len();
            let now = screen[at..].lines().nth(1).unwrap_or_default();
            assert!(now.contains("now"), "{now}");
            assert!(
                now.contains(&format!(
                    "↑{} ↓{}",
                    json["moved"]["moved_up"], json["moved"]["moved_down"]
                )),
                "{now}"
            );
        }
        let chi = &doc["chi_square"]["after"];
        let p = chi["p_value"].as_f64().unwrap_or(f64::NAN);
        assert!(
            screen.contains(&format!(
                "now χ² {:.3} (df {}, p {p:.3})",
                chi["statistic"].as_f64().unwrap_or(f64::NAN),
                chi["df"]
            )),
            "{screen}"
        );
        press(&mut app, &[KeyCode::Char('a')]);
    }
    // Hand-checked (see the command's test above): F 13 -> 14 of 43 top,
    // M 11 -> 13 of 33; F now 14/43 / (13/33) = 0.826; moved F 8 up 4
    // down, M 6 up 4 down; chi-square now 0.381, p 0.537.
    let screen = screen_text(&app, 100, 30);
    assert!(
        screen.contains("Attribute gender (1 of 2; a: next)"),
        "{screen}"
    );
    let f = line_of(&screen, "F ");
    assert!(
        f.contains("before 43") && f.contains("30.2%") && f.contains("0.907"),
        "{f}"
    );
    assert!(screen.contains("32.6%   0.826"), "{screen}");
    assert!(
        screen.contains("↑8 ↓4") && screen.contains("↑6 ↓4"),
        "{screen}"
    );
    assert!(screen.contains("now χ² 0.381 (df 1, p 0.537)"), "{screen}");
    // Tenure's 1-3y: 6 of 26 top against <1y's 7 of 17: 0.560, flagged in
    // words beside the colour.
    press(&mut app, &[KeyCode::Char('a')]);
    let screen = screen_text(&app, 100, 30);
    assert!(
        screen.contains("Attribute tenure (2 of 2; a: next)"),
        "{screen}"
    );
    let flagged = line_of(&screen, "1-3y ");
    assert!(
        flagged.contains("0.560") && flagged.contains("⚠ below 4/5"),
        "{flagged}"
    );
}

#[test]
fn a_value_under_five_people_shows_no_figures() {
    // Three graded people (E0001-E0003) get a tenure of their own.
    let mut app = demo_meeting(|org| {
        for e in &mut org["employees"].as_array_mut().expect("employees")[..3] {
            e["attributes"]["tenure"] = "10y+".into();
        }
    });
    press(&mut app, &[KeyCode::Char('8'), KeyCode::Char('a')]);
    let review = &app.fairness().figures.as_ref().expect("computed").review;
    let small = review
        .values
        .iter()
        .position(|v| v.value == "10y+")
        .expect("the value");
    assert_eq!(review.values[small].before.n, 3);
    let screen = screen_text(&app, 100, 30);
    for line in screen.lines().filter(|l| l.contains("10y+")) {
        assert!(line.contains("withheld (<5)"), "{line}");
        let rest = line.replace("10y+", "").replace("(<5)", "");
        assert!(
            !rest.chars().any(|c| c.is_ascii_digit()),
            "a figure shown: {line}"
        );
    }
    assert_eq!(
        screen.matches("10y+").count(),
        2,
        "in the table and in who moved: {screen}"
    );
    assert!(
        screen.contains("values under 5 people are withheld"),
        "{screen}"
    );
    // Its row of who moved opens nothing.
    for _ in 0..small {
        press(&mut app, &[KeyCode::Down]);
    }
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.mode(), &Mode::Normal);
    let said = app.message().map(|m| m.0.as_str()).unwrap_or_default();
    assert!(said.starts_with("Withheld"), "{said}");
}

#[test]
fn enter_on_a_moved_row_reaches_the_decisions_that_moved_them() {
    let mut app = demo_meeting(|_| {});
    press(&mut app, &[KeyCode::Char('8')]);
    // gender F: 12 moved (8 up, 4 down).
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.mode(), Mode::Panel(_)), "{:?}", app.mode());
    let panel = screen_text(&app, 160, 45);
    assert!(panel.contains("gender F: who moved and why"), "{panel}");
    // By the record (fixtures/demo/session.json): the two z-scores, the
    // department grade of CS-RET and the override of E0008 to S moved
    // them; E0064's override was cleared again, so E0064 did not move.
    assert!(
        panel.contains("Moved: 12 (8 up, 4 down) · decisions behind them: 4"),
        "{panel}"
    );
    let order: Vec<usize> = [
        "Decision 2: M04",
        "Decision 1: M07",
        "Decision 4: CS-RET",
        "Decision 5: E0008",
    ]
    .iter()
    .map(|d| {
        panel
            .find(d)
            .unwrap_or_else(|| panic!("{d} not in\n{panel}"))
    })
    .collect();
    assert!(order.is_sorted(), "most moved first: {order:?}");
    assert!(panel.contains("(moved 5 of them)") && panel.contains("(moved 1 of them)"));
    assert!(panel.contains("E0008 謝惠如  A → S ↑"), "{panel}");
    assert!(!panel.contains("E0064"), "{panel}");
    assert!(panel.contains("⏎ decision 2 on the record"), "{panel}");
    // Enter again: the record, at the decision that moved most of them.
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.mode(), &Mode::Normal);
    assert_eq!(app.screen(), Screen::Decisions);
    assert_eq!(app.decisions().selected_decision(app.session()), Some(1));

    // In privacy mode the panel names no one and shows no reason.
    press(
        &mut app,
        &[KeyCode::Char('p'), KeyCode::Char('8'), KeyCode::Enter],
    );
    let panel = screen_text(&app, 160, 45);
    assert!(panel.contains("E0008  A → S ↑"), "{panel}");
    assert!(
        !panel.contains("謝惠如") && !panel.contains("主導"),
        "{panel}"
    );
    assert!(panel.contains("(reason hidden)"), "{panel}");
}

#[test]
fn the_figures_wait_for_the_screen_and_follow_the_focus() {
    let mut app = demo_meeting(|_| {});
    press(&mut app, &[KeyCode::Char('8')]);
    assert!(app.fairness().figures.is_some());
    // A decision elsewhere leaves them to be recomputed when next shown.
    press(&mut app, &[KeyCode::Char('1'), KeyCode::Char('m')]);
    assert_eq!(app.session().decisions().len(), 8);
    assert!(app.fairness().figures.is_none(), "not computed off screen");
    app.update(Action::Show(Screen::Fairness), NOW);
    let review = &app.fairness().figures.as_ref().expect("computed").review;
    let company: usize = review.values.iter().map(|v| v.after.n).sum();
    assert_eq!(company, 76);
    press(&mut app, &[KeyCode::Char('f')]);
    let group = app.focus().expect("focused");
    let review = &app.fairness().figures.as_ref().expect("computed").review;
    let focused: usize = review.values.iter().map(|v| v.after.n).sum();
    assert_eq!(focused, app.session().results().groups[group].headcount);
    let screen = screen_text(&app, 100, 30);
    let id = &app.session().input.groups[group].id;
    assert!(screen.contains(&format!("· group {id} ·")), "{screen}");
}

#[test]
fn who_moved_by_rater_adds_up_to_the_decision() {
    let mut app = crate::support::demo_app(None);
    // z-scoring the lenient M07 moves 8 grades in the CS-SMALL pool (CS-REV
    // and CS-LOG): M07's people down, and M08's, ranked with them, up.
    press(&mut app, &[KeyCode::Char('z'), KeyCode::Char('8')]);
    let moved = app.session().note(0).expect("noted").moved.clone();
    assert_eq!(moved.len(), 8);
    let figures = app.fairness().figures.as_ref().expect("computed");
    let input = &app.session().input;
    let rows: Vec<(&str, usize, usize)> = figures
        .raters
        .iter()
        .map(|r| (input.raters[r.rater].id.as_str(), r.up, r.down))
        .collect();
    assert_eq!(rows, [("M07", 0, 4), ("M08", 4, 0)]);
    let mut everyone: Vec<usize> = figures
        .raters
        .iter()
        .flat_map(|r| r.employees.iter().copied())
        .collect();
    everyone.sort_unstable();
    assert_eq!(everyone, moved);
    let by_value: usize = figures.review.values.iter().map(|v| v.movers.len()).sum();
    assert_eq!(by_value, 8);
}

#[test]
fn without_attributes_the_screen_says_so() {
    let mut app = demo_meeting(|org| {
        for e in org["employees"].as_array_mut().expect("employees") {
            e.as_object_mut().expect("an employee").remove("attributes");
        }
    });
    press(
        &mut app,
        &[KeyCode::Char('8'), KeyCode::Char('a'), KeyCode::Enter],
    );
    assert_eq!(app.mode(), &Mode::Normal);
    let screen = screen_text(&app, 80, 24);
    assert!(
        screen.contains("org.json gives employees no attributes"),
        "{screen}"
    );
}

#[test]
fn the_screen_reads_in_traditional_chinese() {
    let mut app = demo_meeting(|_| {});
    app.lang = calibra::i18n::Lang::ZhHant;
    press(&mut app, &[KeyCode::Char('8')]);
    let screen = screen_text(&app, 100, 30);
    assert!(
        screen.contains("屬性 gender（第 1 個，共 2 個；a 換下一個）"),
        "{screen}"
    );
    let f = line_of(&screen, "F ");
    assert!(f.contains("校準前") && f.contains("30.2%"), "{f}");
    assert!(screen.contains("評分者 M07 蔡文龍"), "{screen}");
}
