#![allow(clippy::panic)] // A test fails by panicking.

//! The raters, groups, people and summary screens and the panels over them
//! (a person's grade, whose grades a decision moved, the bonus, the linking
//! network) in Traditional and Simplified Chinese at 100×30: snapshots
//! reviewed by eye, and no English word left in what these screens draw.

use calibra::i18n::Lang;
use calibra::tui::app::{Action, App, Screen};
use ratatui::crossterm::event::KeyCode;

use crate::support::{NOW, demo_app, english_words, press, render};

/// The demo's Latin data: the parts of its department and pool ids
/// (`CS-PRE`, `CS-SMALL`…); other ids are a letter and digits, names and
/// grade labels are Chinese.
const DEMO_DATA: &[&str] = &["LOG", "POST", "PRE", "RET", "REV", "SMALL"];

/// The demo with one z-score made (so cards, the record and the panels
/// have something to show), in `lang`, laid out at 100×30.
fn demo_in(lang: Lang) -> App {
    let mut app = demo_app(None).speaking(lang);
    app.update(
        Action::Layout {
            width: 100,
            height: 30,
        },
        NOW,
    );
    press(&mut app, &[KeyCode::Char('z')]);
    app.update(Action::Show(Screen::Raters), NOW);
    app
}

/// What these screens draw: the screen without its tab bar, message line
/// and status line (the shell's, tested with the shell), without the test
/// backend's notes on wide characters, and without commands quoted in
/// backticks (`calibra stats --link-advice N` is typed as it is).
fn body(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let rows = &lines[1..lines.len().saturating_sub(2)];
    let text = rows
        .iter()
        .map(|line| {
            line.split(" Hidden by multi-width symbols")
                .next()
                .unwrap_or("")
        })
        .collect::<Vec<_>>()
        .join("\n");
    // Every other piece between backticks is a command.
    text.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// Snapshots `app` as `name` in `lang`, and checks it shows no English.
fn check(app: &App, lang: Lang, name: &str) {
    let screen = render(app, 100, 30);
    let words = english_words(&body(&screen), DEMO_DATA);
    assert!(
        words.is_empty(),
        "{name} in {lang} shows English: {words:?}\n{screen}"
    );
    insta::assert_snapshot!(format!("{name}_{lang}_100x30"), screen);
}

#[test]
fn the_screens_read_in_chinese() {
    for lang in [Lang::ZhHant, Lang::ZhHans] {
        let mut app = demo_in(lang);
        check(&app, lang, "raters");
        press(&mut app, &[KeyCode::Char('t')]);
        check(&app, lang, "raters_table");
        press(&mut app, &[KeyCode::Char('t'), KeyCode::Char('2')]);
        check(&app, lang, "groups");
        press(&mut app, &[KeyCode::Char('3')]);
        check(&app, lang, "people");
        press(&mut app, &[KeyCode::Char('7')]);
        check(&app, lang, "summary");
    }
}

#[test]
fn the_panels_read_in_chinese() {
    for lang in [Lang::ZhHant, Lang::ZhHans] {
        let mut app = demo_in(lang);
        // Why a person has their grade: the first row of the people table.
        press(&mut app, &[KeyCode::Char('3'), KeyCode::Enter]);
        check(&app, lang, "person");
        // Whose grades the z-score moved, from the record.
        press(
            &mut app,
            &[KeyCode::Esc, KeyCode::Char('4'), KeyCode::Enter],
        );
        check(&app, lang, "moved");
        press(
            &mut app,
            &[KeyCode::Esc, KeyCode::Char('1'), KeyCode::Char('b')],
        );
        check(&app, lang, "bonus");
        press(&mut app, &[KeyCode::Esc, KeyCode::Char('L')]);
        check(&app, lang, "network");
    }
}
