//! The README's first lines and key list stay true.

use calibra::i18n::{Lang, t};
use calibra::tui::keys::BINDINGS;

const README: &str = include_str!("../../README.md");

#[test]
fn readme_starts_with_the_run_and_test_commands() {
    let first_block: Vec<&str> = README
        .lines()
        .skip_while(|l| !l.starts_with("```"))
        .skip(1)
        .take(2)
        .collect();
    assert!(
        first_block[0].starts_with("cargo run --release"),
        "{first_block:?}"
    );
    assert!(first_block[1].starts_with("cargo test"), "{first_block:?}");
    let ci = include_str!("../../.ci/run");
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        "CI runs the README's test command"
    );
}

#[test]
fn every_key_in_the_help_is_in_the_readme() {
    for (binding, help) in BINDINGS
        .iter()
        .filter_map(|b| Some((b, t(Lang::En, b.help?))))
    {
        let row = format!("| `{}` |", binding.label);
        let found = README.lines().any(|line| {
            line.starts_with(&row) && line.trim_end().ends_with(&format!("| {help} |"))
        });
        assert!(
            found,
            "README lacks the key row for {:?}: {help}",
            binding.label
        );
    }
}

#[test]
fn every_help_line_fits_the_help_overlay() {
    // The overlay is 78 columns: borders, a 16-column key label, 60 for text.
    for help in BINDINGS.iter().filter_map(|b| b.help) {
        for lang in Lang::ALL {
            assert!(
                calibra::text::width(t(lang, help)) <= 60,
                "too long for the help overlay: {help:?} in {lang}"
            );
        }
    }
}
