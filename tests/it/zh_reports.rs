//! `check` and `stats` in Chinese (issue 13.4): their text output on the
//! demo and on the managers fixture in Traditional and Simplified, with no
//! English words but the input's own; the locale choosing the language and
//! `--lang` overriding it; and the live screen's warnings list in Chinese.

use calibra::i18n::Lang;
use calibra::tui::app::{Action, Screen};

use crate::support::{NOW, binary, demo_app, draw, english_words, fixture, text};

/// Latin words of the input: its attribute, department ids, the
/// fixtures' file paths; and the statistics' own symbol ICC, the same in
/// every language.
const DATA: &[&str] = &[
    "ICC",
    "gender",
    "PRE",
    "RET",
    "fixtures",
    "managers",
    "submissions",
    "previous",
    "grades",
];

/// What `calibra ARGS --lang LANG` prints: stderr, then stdout, fixture
/// paths as the tests give them.
fn run(args: &[&str], lang: &str) -> (String, String) {
    let out = binary()
        .args(args)
        .args(["--lang", lang])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the calibra binary runs");
    assert!(out.status.success(), "{args:?} --lang {lang} failed");
    (text(&out.stderr), text(&out.stdout))
}

/// Both of [`run`]'s outputs, the one after the other.
fn output(args: &[&str], lang: &str) -> String {
    let (stderr, stdout) = run(args, lang);
    format!("{stderr}{stdout}")
}

/// Each command's Chinese output, snapshotted and checked for English.
#[test]
fn check_and_stats_speak_traditional_and_simplified_chinese() {
    let runs: &[(&str, &[&str])] = &[
        ("check_demo", &["check", "fixtures/demo"]),
        ("check_managers", &["check", "fixtures/managers"]),
        (
            "stats_demo",
            &["stats", "fixtures/demo", "--link-advice", "3"],
        ),
        (
            "stats_demo_previous",
            &[
                "stats",
                "fixtures/demo",
                "--previous",
                "fixtures/demo/previous/2026-H1-grades.csv",
            ],
        ),
        (
            "stats_demo_by",
            &["stats", "fixtures/demo", "--by", "gender"],
        ),
        (
            "check_demo_session",
            &[
                "check",
                "fixtures/demo",
                "--session",
                "fixtures/demo/session.json",
            ],
        ),
    ];
    for lang in ["zh-Hant", "zh-Hans"] {
        for (name, args) in runs {
            let said = output(args, lang);
            insta::assert_snapshot!(format!("{name}_{lang}"), said);
            let words = english_words(&said, DATA);
            assert!(words.is_empty(), "{name} in {lang} says {words:?}:\n{said}");
        }
    }
}

/// `stats`' table lines up by display width: every rater's row and the
/// header start their last column at the same place.
#[test]
fn the_chinese_stats_table_lines_up_by_display_width() {
    for lang in ["zh-Hant", "zh-Hans"] {
        let said = output(&["stats", "fixtures/demo"], lang);
        let lines: Vec<&str> = said.lines().skip(3).take(9).collect();
        let starts: Vec<usize> = lines
            .iter()
            .map(|line| {
                let cut = line.rfind("  ").expect("columns are separated");
                calibra::text::width(&line[..cut])
            })
            .collect();
        assert!(
            starts.windows(2).all(|w| w[0] == w[1]),
            "{lang}: the last column starts at {starts:?}:\n{}",
            lines.join("\n")
        );
    }
}

#[test]
fn the_locale_chooses_simplified_and_lang_overrides_it() {
    let run = |extra: &[&str]| {
        let out = binary()
            .args(["check"])
            .arg(fixture("demo"))
            .args(extra)
            .env("LANG", "zh_CN.UTF-8")
            .output()
            .expect("the calibra binary runs");
        text(&out.stdout)
    };
    let simplified = run(&[]);
    assert!(simplified.contains("通过：员工 78 人"), "{simplified}");
    assert!(simplified.contains("警示："), "{simplified}");
    let english = run(&["--lang", "en"]);
    assert!(english.starts_with("warning: "), "{english}");
    assert!(english.contains("ok: 78 employees (76 rated)"), "{english}");
}

/// JSON is read by programs: the same whatever the language.
#[test]
fn stats_json_does_not_change_with_the_language() {
    let json = |lang| run(&["stats", "fixtures/demo", "--format", "json"], lang).1;
    assert_eq!(json("zh-Hant"), json("en"));
}

/// The live screen's warnings list at 100×30 (the managers' warnings are
/// `check`'s above: on the live screen they name absolute paths).
#[test]
fn the_warnings_screen_speaks_chinese() {
    let apps = [
        ("demo", Lang::ZhHant, demo_app(None).speaking(Lang::ZhHant)),
        ("demo", Lang::ZhHans, demo_app(None).speaking(Lang::ZhHans)),
    ];
    for (name, lang, mut app) in apps {
        app.update(
            Action::Layout {
                width: 100,
                height: 30,
            },
            NOW,
        );
        app.update(Action::Show(Screen::Warnings), NOW);
        let screen = draw(&app, 100, 30);
        insta::assert_snapshot!(format!("warnings_{name}_{lang}_100x30"), screen);
        let words = english_words(&screen, DATA);
        assert!(
            words.is_empty(),
            "{name} in {lang} shows {words:?}:\n{screen}"
        );
    }
}
