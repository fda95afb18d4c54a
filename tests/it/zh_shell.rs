//! The live screen's frame in Traditional and Simplified Chinese (issue
//! 13.4): the record, the agenda, the help overlay, a prompt, the progress
//! screen and the review of decisions that no longer apply, at 100×30, each
//! snapshotted and shown to hold no English words.

use std::time::Duration;

use calibra::demo;
use calibra::engine::decision::SessionFile;
use calibra::engine::fingerprint::InputChanges;
use calibra::engine::load;
use calibra::engine::source::SourceFile;
use calibra::i18n::{Lang, Shell, t};
use calibra::tui::app::{Action, App, Origin, Screen};
use calibra::tui::gate::{Gate, GateAction};
use calibra::tui::loading::{Phase, Progress};
use calibra::tui::theme::{Theme, ThemeName};
use calibra::workspace::Opened;
use ratatui::crossterm::event::KeyCode;

use crate::support::{NOW, demo_at, draw, english_words, press, type_text};

const CHINESE: [(Lang, &str); 2] = [(Lang::ZhHant, "zh_hant"), (Lang::ZhHans, "zh_hans")];

/// The demo's own Latin words a screen may show: its departments' ids.
const DEMO_DATA: &[&str] = &["PRE", "LOG", "RET"];

/// The demo at 100×30 in `lang`, with a rater z-scored and a person's grade
/// overridden (reasons typed in Chinese), shown on the record.
fn record(lang: Lang) -> App {
    let mut app = demo_at(lang, 100, 30);
    press(&mut app, &[KeyCode::Char('z'), KeyCode::Char('r')]);
    app.update(Action::EraseAll, NOW);
    type_text(&mut app, "評分明顯偏寬");
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('3')]);
    press(&mut app, &[KeyCode::Char('+')]);
    type_text(&mut app, "雙十一檔期表現突出");
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('4')]);
    app
}

fn assert_chinese(name: &str, screen: &str) {
    let words = english_words(screen, DEMO_DATA);
    assert!(words.is_empty(), "{name} shows {words:?}:\n{screen}");
}

#[test]
fn the_record_speaks_chinese() {
    for (lang, tag) in CHINESE {
        let app = record(lang);
        let screen = draw(&app, 100, 30);
        assert!(screen.contains(t(lang, Shell::TabDecisions)), "{screen}");
        assert_chinese(tag, &screen);
        insta::assert_snapshot!(format!("record_{tag}_100x30"), screen);
    }
}

#[test]
fn the_help_overlay_speaks_chinese() {
    for (lang, tag) in CHINESE {
        let mut app = record(lang);
        press(&mut app, &[KeyCode::Char('?')]);
        let screen = draw(&app, 100, 30);
        assert_chinese(tag, &screen);
        insta::assert_snapshot!(format!("help_{tag}_100x30"), screen);
    }
}

#[test]
fn the_revoke_and_find_prompts_speak_chinese() {
    for (lang, tag) in CHINESE {
        let mut app = record(lang);
        press(&mut app, &[KeyCode::Char('x')]);
        type_text(&mut app, "誤植");
        let screen = draw(&app, 100, 30);
        assert_chinese(tag, &screen);
        insta::assert_snapshot!(format!("revoke_prompt_{tag}_100x30"), screen);
        press(&mut app, &[KeyCode::Esc, KeyCode::Char('/')]);
        type_text(&mut app, "m0");
        let screen = draw(&app, 100, 30);
        assert_chinese(tag, &screen);
        insta::assert_snapshot!(format!("find_prompt_{tag}_100x30"), screen);
    }
}

#[test]
fn the_agenda_speaks_chinese() {
    for (lang, tag) in CHINESE {
        let mut app = record(lang);
        app.update(Action::Show(Screen::Agenda), NOW);
        let screen = draw(&app, 100, 30);
        assert_chinese(tag, &screen);
        insta::assert_snapshot!(format!("agenda_{tag}_100x30"), screen);
    }
}

#[test]
fn the_progress_screen_speaks_chinese() {
    let theme = Theme::new(ThemeName::Dark);
    for (lang, tag) in CHINESE {
        let screen = Progress {
            what: t(lang, Shell::LoadingDemo),
            phase: Phase::Replaying,
            elapsed: Duration::from_millis(1234),
            theme: &theme,
            lang,
        };
        let screen = draw(&screen, 100, 30);
        assert!(screen.contains(t(lang, Shell::PhaseReplaying)), "{screen}");
        assert_chinese(tag, &screen);
        insta::assert_snapshot!(format!("progress_{tag}_100x30"), screen);
    }
}

/// A session whose two decisions name a rater and a person the input no
/// longer has, after one person left.
fn gate(lang: Lang) -> Gate {
    let input = load::load(demo::files()).expect("valid").input;
    let text = r#"{"version": 1, "decisions": [
{ "kind": "rater_scale", "rater": "M99", "method": "zscore", "reason": "已離職的主管" },
{ "kind": "override", "employee": "E9999", "grade": "A", "reason": "專案成果" }
]}"#;
    let file = SessionFile::parse(&SourceFile::new("s.json", text)).expect("parses");
    let mut opened = Opened::from_parts(input, file, demo::name());
    opened.changes = Some(InputChanges {
        employees_removed: vec!["E9999".into()],
        since: "2026-11-27T09:00:00Z".into(),
        ..InputChanges::default()
    });
    let origin = Origin {
        input: demo::name().to_string(),
        input_dir: None,
        session_path: None,
        export_stem: "demo-grades".to_string(),
        by: Some("HR".to_string()),
    };
    Gate::new(opened, origin, Theme::new(ThemeName::Dark), lang)
}

/// What changed in the input (`•`) and why a decision cannot apply (`✘`)
/// are the engine's words, in English: the rest of the screen is checked.
#[test]
fn the_review_of_decisions_that_no_longer_apply_speaks_chinese() {
    for (lang, tag) in CHINESE {
        let mut gate = gate(lang);
        let screen = draw(&gate, 100, 30);
        insta::assert_snapshot!(format!("stale_{tag}_100x30"), screen);
        assert_chinese(tag, &screen);
        // Asking to drop them, and going on while they are there.
        gate.update(GateAction::Drop);
        let screen = draw(&gate, 100, 30);
        assert_chinese(tag, &screen);
        insta::assert_snapshot!(format!("stale_drop_{tag}_100x30"), screen);
        gate.update(GateAction::No);
        gate.update(GateAction::Continue);
        assert_chinese(tag, &draw(&gate, 100, 30));
    }
}

/// What the screen says on going on from the review, dropping the stale
/// decisions or keeping them, is in the screen's language.
#[test]
fn going_on_from_the_review_speaks_chinese() {
    for (lang, tag) in CHINESE {
        let notice = gate(lang).opened.acknowledge(lang);
        assert!(!notice.is_empty());
        assert_chinese(tag, &notice);
        let notice = gate(lang).opened.drop_stale(NOW, lang).expect("dropped");
        assert!(notice.contains('2'), "{notice}");
        assert_chinese(tag, &notice);
    }
}
