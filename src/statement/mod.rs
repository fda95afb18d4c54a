//! Statements for employees (contract 6.9): what each person is entitled
//! to see of their own result, and nothing of anyone else's.
//!
//! The content is built once, in the reader's language, as a plain
//! [`Doc`] from the engine's [`provenance`](crate::engine::provenance)
//! (`content.rs`); it is then written as Markdown (`markdown.rs`) or as a
//! printable HTML page (`html.rs`), each escaping every text from the
//! input its own way. `file_names` names the files of `--all`.

mod content;
mod file_names;
mod html;
mod markdown;

use crate::engine::provenance::Explainer;
use crate::i18n::Lang;

pub use file_names::file_names;

/// How a statement is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
}

impl Format {
    /// The file name ending of a statement in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }
}

/// A statement's content, before it is written in a format. Every text is
/// plain (unescaped) and may hold anything the input holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub lang: Lang,
    pub title: String,
    pub subtitle: String,
    pub sections: Vec<Section>,
    pub footer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// `None`: the opening facts, shown without a heading.
    pub heading: Option<String>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Label and value pairs.
    Facts(Vec<(String, String)>),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Text(String),
}

/// Employee `e`'s statement in `lang`, written in `format`.
pub fn render(explainer: &Explainer<'_>, e: usize, lang: Lang, format: Format) -> String {
    let doc = content::document(explainer.session(), &explainer.explain(e), lang);
    match format {
        Format::Markdown => markdown::write(&doc),
        Format::Html => html::write(&doc),
    }
}

#[cfg(test)]
mod tests;
