#![allow(clippy::panic)] // A test fails by panicking.

//! The raters, groups, people and summary screens and the panels over them
//! (a person's grade, whose grades a decision moved, the bonus, the linking
//! network) in Traditional and Simplified Chinese at 100×30: snapshots
//! reviewed by eye, and no English word left in what these screens draw.

use calibra::i18n::Lang;
use calibra::tui::app::{Action, App, Screen};
use ratatui::crossterm::event::KeyCode;

use crate::support::{NOW, demo_at, draw, english_words, press, render};

/// The demo's Latin data: the parts of its department and pool ids
/// (`CS-PRE`, `CS-SMALL`…); other ids are a letter and digits, names and
/// grade labels are Chinese.
const DEMO_DATA: &[&str] = &["LOG", "POST", "PRE", "RET", "REV", "SMALL"];

/// The demo with one z-score made (so cards, the record and the panels
/// have something to show), in `lang`, laid out at 100×30.
fn demo_in(lang: Lang) -> App {
    let mut app = demo_at(lang, 100, 30);
    press(&mut app, &[KeyCode::Char('z')]);
    app.update(Action::Show(Screen::Raters), NOW);
    app
}

/// What a screen shows in words: commands quoted in backticks left out
/// (`calibra stats --link-advice N` is typed as it is).
fn body(screen: &str) -> String {
    // Every other piece between backticks is a command.
    screen.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// Snapshots `app` as `name` in `lang`, and checks it shows no English.
fn check(app: &App, lang: Lang, name: &str) {
    let screen = draw(app, 100, 30);
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

/// What the keys of these screens say (messages, prompts, the reasons they
/// write on the record) in each Chinese.
#[test]
fn the_keys_speak_chinese() {
    use calibra::i18n::{Ui, t};
    use calibra::tui::app::Mode;

    let chinese = |text: &str, what: &str, lang: Lang| {
        let words = english_words(text, DEMO_DATA);
        assert!(words.is_empty(), "{what} in {lang}: {words:?} in {text}");
    };
    // A prompt's question and text; a refusal's own words, without how to
    // close it (the shell's, tested with the shell).
    let question = |app: &App| match app.mode() {
        Mode::Prompt(p) => (
            p.question
                .split(" — Enter or Esc closes")
                .next()
                .unwrap_or("")
                .to_string(),
            p.text.clone(),
        ),
        other => panic!("a prompt, not {other:?}"),
    };
    for lang in [Lang::ZhHant, Lang::ZhHans] {
        let mut app = demo_in(lang);
        // The z-score's reason, written when the app was made.
        let reason = app.session().decisions()[0].reason.clone();
        chinese(&reason.unwrap_or_default(), "the z-score's reason", lang);

        press(&mut app, &[KeyCode::Char('s')]);
        let (said, _) = app.message().cloned().expect("sorting says so");
        chinese(&said, "the raters' sort", lang);

        // The linked-ratings offset, and the batch of every clear one.
        press(&mut app, &[KeyCode::Char('o')]);
        let (asked, reason) = question(&app);
        chinese(&asked, "the offset proposal", lang);
        chinese(&reason, "the offset's reason", lang);
        // The demo has no clear severity left for a batch: said so.
        press(&mut app, &[KeyCode::Esc, KeyCode::Char('P')]);
        assert!(question(&app).0.starts_with(t(lang, Ui::NoClearSeverity)));
        press(&mut app, &[KeyCode::Esc]);

        // A department regrade, and an override and its refusals.
        press(&mut app, &[KeyCode::Char('2'), KeyCode::Char('-')]);
        chinese(&question(&app).0, "a department regrade", lang);
        press(
            &mut app,
            &[KeyCode::Esc, KeyCode::Char('3'), KeyCode::Char('+')],
        );
        chinese(&question(&app).0, "an override", lang);
        press(&mut app, &[KeyCode::Esc, KeyCode::Char('x')]);
        assert!(
            question(&app).0.starts_with(t(lang, Ui::NoOverride)),
            "{:?}",
            app.mode()
        );
        press(&mut app, &[KeyCode::Esc, KeyCode::Char('s')]);
        let (said, _) = app.message().cloned().expect("sorting says so");
        chinese(&said, "the people's sort", lang);
    }
}

/// Chinese is twice as wide: every screen and panel of these still draws
/// at the smallest and larger sizes, focused on a group too.
#[test]
fn chinese_draws_at_every_size() {
    for lang in [Lang::ZhHant, Lang::ZhHans] {
        for (width, height) in [(60, 15), (80, 24), (160, 45), (200, 55)] {
            let mut app = demo_in(lang);
            app.update(Action::Layout { width, height }, NOW);
            for keys in [
                &[KeyCode::Char('1')][..],
                &[KeyCode::Char('t')],
                &[KeyCode::Char('t'), KeyCode::Char('2')],
                &[KeyCode::Char('3')],
                &[KeyCode::Enter],
                &[KeyCode::Esc, KeyCode::Char('7')],
                &[KeyCode::Char('b')],
                &[KeyCode::Esc, KeyCode::Char('L')],
                &[KeyCode::Esc, KeyCode::Char('2'), KeyCode::Char('f')],
                &[KeyCode::Char('1')],
                &[KeyCode::Char('7')],
                &[KeyCode::Char('b')],
            ] {
                press(&mut app, keys);
                let screen = render(&app, width, height);
                assert_eq!(screen.lines().count(), usize::from(height));
            }
        }
    }
}
