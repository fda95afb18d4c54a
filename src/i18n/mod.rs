//! What calibra says, in the users' languages: Traditional Chinese (Taiwan),
//! Simplified Chinese (mainland China) and English.
//!
//! - [`Lang`]: the language, from `--lang` or the locale (`lang.rs`).
//! - Compile-time tables of messages, each message with its three texts:
//!   [`Msg`] for statements and the fairness screen (`messages.rs`), [`Ui`]
//!   for the live screen's screens and panels (`ui.rs`), [`Shell`] for its
//!   keys, prompts, status line and overlays (`shell.rs`), [`Report`] for
//!   what `check` and `stats` print (`report.rs`), and [`Load`] for the
//!   errors and warnings about the input and the decisions (`load.rs`). A
//!   message missing a language does not compile, and a test checks that
//!   the three agree on their placeholders and that the Chinese ones are
//!   written in Chinese.
//! - [`t`], [`fill`] and [`plural`]: a message's text, with `{name}`
//!   placeholders filled in.

mod lang;
mod load;
mod messages;
mod report;
mod shell;
mod ui;

pub use lang::{Lang, UnknownLang};
pub use load::Load;
pub use messages::Msg;
pub use report::Report;
pub use shell::Shell;
pub use ui::Ui;

/// One table's message: its three texts, in the order of [`Lang::ALL`].
pub trait Message: Copy + std::fmt::Debug + 'static {
    /// Traditional Chinese, Simplified Chinese, English.
    fn texts(self) -> [&'static str; 3];
}

/// Declares a table of messages: an enum whose every variant has exactly
/// three texts (Traditional Chinese, Simplified Chinese, English).
macro_rules! table {
    (
        $(#[$enum_doc:meta])* $enum:ident;
        $( $(#[$doc:meta])* $name:ident => [$hant:literal, $hans:literal, $en:literal], )*
    ) => {
        $(#[$enum_doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $enum {
            $( $(#[$doc])* $name, )*
        }

        impl $enum {
            /// Every message, for the tests that check the table.
            #[allow(dead_code)]
            pub const ALL: &'static [$enum] = &[$($enum::$name),*];
        }

        impl $crate::i18n::Message for $enum {
            fn texts(self) -> [&'static str; 3] {
                match self {
                    $( $enum::$name => [$hant, $hans, $en], )*
                }
            }
        }
    };
}
use table;

/// The text of `msg` in `lang`, placeholders left as written.
pub fn t(lang: Lang, msg: impl Message) -> &'static str {
    msg.texts()[lang.index()]
}

/// The text of `msg` in `lang` with each `{name}` replaced by its value.
/// Values are inserted as they are (escaping is the caller's: HTML,
/// Markdown or a terminal each need their own); a placeholder with no
/// value stays visible, so a mistake shows rather than vanishes.
pub fn fill(lang: Lang, msg: impl Message, values: &[(&str, &str)]) -> String {
    let text = t(lang, msg);
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(key, _)| *key == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `one` when `n` is 1, else `many`, with `{n}` filled in (and `values`):
/// English says "1 person" and "2 people"; Chinese texts are the same in
/// both.
pub fn plural<M: Message>(lang: Lang, n: usize, one: M, many: M) -> String {
    let count = n.to_string();
    fill(lang, if n == 1 { one } else { many }, &[("n", &count)])
}

/// The `{name}` placeholders of a text, in order.
#[cfg(test)]
fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_three_texts_with_the_same_placeholders() {
        check_table(Msg::ALL);
        check_table(Ui::ALL);
        check_table(Shell::ALL);
        check_table(Report::ALL);
        check_table(Load::ALL);
    }

    fn check_table<M: Message>(table: &[M]) {
        for &msg in table {
            let texts = msg.texts();
            let mut expected = placeholders(texts[Lang::En.index()]);
            expected.sort_unstable();
            for lang in Lang::ALL {
                let text = t(lang, msg);
                assert!(!text.trim().is_empty(), "{msg:?} is empty in {lang}");
                let mut names = placeholders(text);
                names.sort_unstable();
                assert_eq!(names, expected, "{msg:?} in {lang}: placeholders differ");
            }
            // Chinese texts are written in Chinese, not left in English
            // (a text of placeholders and punctuation has no words).
            for lang in [Lang::ZhHant, Lang::ZhHans] {
                let words = placeholders(t(lang, msg))
                    .iter()
                    .fold(t(lang, msg).to_string(), |text, name| {
                        text.replace(&format!("{{{name}}}"), "")
                    });
                assert!(
                    words
                        .chars()
                        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                        || !words.chars().any(char::is_alphabetic),
                    "{msg:?} in {lang} has no Chinese: {words}"
                );
            }
        }
    }

    #[test]
    fn placeholders_are_filled_and_a_missing_one_stays_visible() {
        assert_eq!(
            fill(Lang::En, Msg::RankOf, &[("rank", "3"), ("of", "12")]),
            "3 of 12"
        );
        assert_eq!(
            fill(Lang::ZhHant, Msg::RankOf, &[("rank", "3"), ("of", "12")]),
            "第 3 名（共 12 人）"
        );
        assert_eq!(fill(Lang::En, Msg::RankOf, &[("rank", "3")]), "3 of {of}");
        // A value holding braces is inserted as it is, never expanded.
        assert_eq!(
            fill(Lang::En, Msg::RankOf, &[("rank", "{of}"), ("of", "x")]),
            "{of} of x"
        );
    }

    #[test]
    fn the_traditional_and_simplified_texts_differ_where_the_scripts_do() {
        assert_eq!(t(Lang::ZhHant, Msg::Rater), "評分者");
        assert_eq!(t(Lang::ZhHans, Msg::Rater), "评分人");
        assert_eq!(t(Lang::ZhHant, Msg::FinalScore), "校準後分數");
        assert_eq!(t(Lang::ZhHans, Msg::FinalScore), "校准后分数");
    }
}
