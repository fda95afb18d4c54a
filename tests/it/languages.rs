//! The live screen in each language (issue 13.4): every screen drawn in
//! Traditional and Simplified Chinese shows no English words, and the
//! check that says so finds them on the English screens.

use calibra::i18n::Lang;
use calibra::tui::app::{Action, Screen};
use ratatui::crossterm::event::KeyCode;

use crate::support::{NOW, demo_at, draw, english_words, press};

/// The demo's own Latin words: the parts of its department and pool ids
/// (`CS-PRE`, `CS-SMALL`…) and its employees' attribute names; other ids
/// are a letter and digits, and names, grade labels and the cycle are
/// Chinese or digits.
const DEMO_DATA: &[&str] = &[
    "LOG", "POST", "PRE", "RET", "REV", "SMALL", "gender", "tenure",
];

/// Every screen of the demo in `lang` at 100×30, after a z-score and an
/// override (so that the record, the agenda and the fairness screen have
/// something to show).
fn every_screen(lang: Lang) -> Vec<(Screen, String)> {
    let mut app = demo_at(lang, 100, 30);
    press(&mut app, &[KeyCode::Char('z'), KeyCode::Char('3')]);
    press(&mut app, &[KeyCode::Char('+')]);
    crate::support::type_text(&mut app, "表現突出");
    press(&mut app, &[KeyCode::Enter]);
    Screen::ALL
        .iter()
        .map(|&screen| {
            app.update(Action::Show(screen), NOW);
            (screen, draw(&app, 100, 30))
        })
        .collect()
}

#[test]
fn no_chinese_screen_shows_an_english_word() {
    for lang in [Lang::ZhHant, Lang::ZhHans] {
        for (screen, text) in every_screen(lang) {
            let words = english_words(&text, DEMO_DATA);
            assert!(
                words.is_empty(),
                "{screen:?} in {lang} shows {words:?}:\n{text}"
            );
        }
    }
}

#[test]
fn the_english_screens_are_found_to_be_english() {
    for (screen, text) in every_screen(Lang::En) {
        let words = english_words(&text, DEMO_DATA);
        assert!(words.len() >= 3, "{screen:?} shows only {words:?}:\n{text}");
    }
}

/// What the engine refuses is said in the screen's language too: a
/// decision on a signed-off session, and a stretch beyond its bounds.
#[test]
fn refusals_speak_chinese() {
    for lang in [Lang::ZhHant, Lang::ZhHans] {
        let mut app = demo_at(lang, 100, 30);
        // Stretch the selected rater until the bounds refuse.
        for _ in 0..30 {
            press(&mut app, &[KeyCode::Char(']')]);
        }
        let screen = draw(&app, 100, 30);
        let said = screen.lines().nth(28).unwrap_or("").to_string();
        assert!(said.contains("10"), "refused at the bound: {said}");
        let words = english_words(&said, &["stretch"]);
        assert!(words.is_empty(), "{lang}: {words:?} in {said}");
        // Signed off: a decision is refused.
        press(&mut app, &[KeyCode::Char('O')]);
        crate::support::type_text(&mut app, "主席");
        press(&mut app, &[KeyCode::Enter, KeyCode::Char('z')]);
        let screen = draw(&app, 100, 30);
        let said = screen.lines().nth(28).unwrap_or("").to_string();
        let words = english_words(&said, DEMO_DATA);
        assert!(words.is_empty(), "{lang}: {words:?} in {said}\n{screen}");
        assert!(!said.trim().is_empty(), "something is said:\n{screen}");
    }
}
