//! Finding anything from any screen: raters (id, name), groups,
//! departments (id, name) and people (id, name), best matches first. In
//! privacy mode names are hidden, so only ids match.

use crate::engine::model::Input;
use crate::i18n::Shell;

/// How many hits the list keeps (the total is counted in full).
pub const MAX_HITS: usize = 200;

/// One thing found, by index into the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Hit {
    Rater(usize),
    Group(usize),
    Department(usize),
    Employee(usize),
}

impl Hit {
    /// What kind of thing was found, as the find prompt names it.
    pub fn kind(self) -> Shell {
        match self {
            Hit::Rater(_) => Shell::FindKindRater,
            Hit::Group(_) => Shell::FindKindGroup,
            Hit::Department(_) => Shell::FindKindDepartment,
            Hit::Employee(_) => Shell::FindKindPerson,
        }
    }
}

/// Ids and names in lower case, made once (on the first search): a key
/// press then compares, without lowercasing a hundred thousand names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    pub raters: Vec<(Box<str>, Box<str>)>,
    pub groups: Vec<Box<str>>,
    pub departments: Vec<(Box<str>, Box<str>)>,
    pub employees: Vec<(Box<str>, Box<str>)>,
}

impl SearchIndex {
    pub fn new(input: &Input) -> SearchIndex {
        let lower = |s: &str| s.to_lowercase().into_boxed_str();
        SearchIndex {
            raters: input
                .raters
                .iter()
                .map(|r| (lower(&r.id), lower(&r.name)))
                .collect(),
            groups: input.groups.iter().map(|g| lower(&g.id)).collect(),
            departments: input
                .departments
                .iter()
                .map(|d| (lower(&d.id), lower(&d.name)))
                .collect(),
            employees: input
                .employees
                .iter()
                .map(|e| (lower(&e.id), lower(&e.name)))
                .collect(),
        }
    }
}

/// The find prompt's results and which one is chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindView {
    /// Built on the first search.
    pub index: Option<std::sync::Arc<SearchIndex>>,
    /// Best first, at most [`MAX_HITS`].
    pub hits: Vec<Hit>,
    /// How many matched in all.
    pub total: usize,
    /// The chosen hit; `None` until ↑/↓ is pressed (then Enter jumps to it
    /// even on a screen whose list the text filters).
    pub chosen: Option<usize>,
    /// Everything the last search found, and its needle and privacy: what
    /// holds a longer needle held the shorter one, so a key typed searches
    /// only those again.
    found: Option<(String, bool, Vec<Hit>)>,
}

/// How well `needle` matches an id and a name (all three in lower case):
/// 0 the id exactly, 1 the start of the id, 2 the start of the name, 3
/// anywhere.
fn closeness(needle: &str, id: &str, name: Option<&str>) -> Option<u8> {
    if id == needle {
        return Some(0);
    }
    if id.starts_with(needle) {
        return Some(1);
    }
    if name.is_some_and(|n| n.starts_with(needle)) {
        return Some(2);
    }
    (id.contains(needle) || name.is_some_and(|n| n.contains(needle))).then_some(3)
}

impl FindView {
    /// Searches for `text` (trimmed, any case).
    pub fn search(&mut self, input: &Input, text: &str, privacy: bool) {
        let needle = text.trim().to_lowercase();
        self.chosen = None;
        self.hits.clear();
        self.total = 0;
        if needle.is_empty() {
            return;
        }
        let index = self
            .index
            .get_or_insert_with(|| std::sync::Arc::new(SearchIndex::new(input)))
            .clone();
        let names = !privacy;
        let close = |hit: Hit| match hit {
            Hit::Rater(r) => {
                let (id, n) = &index.raters[r];
                closeness(&needle, id, names.then_some(&**n))
            }
            Hit::Group(g) => closeness(&needle, &index.groups[g], None),
            Hit::Department(d) => {
                let (id, n) = &index.departments[d];
                closeness(&needle, id, names.then_some(&**n))
            }
            Hit::Employee(e) => {
                let (id, n) = &index.employees[e];
                closeness(&needle, id, names.then_some(&**n))
            }
        };
        let narrowed = self.found.take().filter(|(last, private, _)| {
            *private == privacy && needle.len() > last.len() && needle.contains(last.as_str())
        });
        let mut found: Vec<(u8, Hit)> = match narrowed {
            Some((_, _, hits)) => hits
                .into_iter()
                .filter_map(|hit| close(hit).map(|c| (c, hit)))
                .collect(),
            None => (0..index.raters.len())
                .map(Hit::Rater)
                .chain((0..index.groups.len()).map(Hit::Group))
                .chain((0..index.departments.len()).map(Hit::Department))
                .chain((0..index.employees.len()).map(Hit::Employee))
                .filter_map(|hit| close(hit).map(|c| (c, hit)))
                .collect(),
        };
        self.found = Some((
            needle.clone(),
            privacy,
            found.iter().map(|&(_, h)| h).collect(),
        ));
        self.total = found.len();
        // Only the best are kept: select them, then sort those.
        if found.len() > MAX_HITS {
            found.select_nth_unstable(MAX_HITS);
            found.truncate(MAX_HITS);
        }
        found.sort_unstable();
        self.hits = found.into_iter().map(|(_, h)| h).collect();
    }

    /// Moves the choice down (`down`) or up the list.
    pub fn choose(&mut self, down: bool) {
        let n = self.hits.len();
        if n == 0 {
            return;
        }
        self.chosen = Some(match (self.chosen, down) {
            (None, _) => 0,
            (Some(i), true) => (i + 1).min(n - 1),
            (Some(i), false) => i.saturating_sub(1),
        });
    }

    /// The hit Enter goes to: the chosen one, else the best.
    pub fn target(&self) -> Option<Hit> {
        self.hits.get(self.chosen.unwrap_or(0)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exact_id_beats_a_prefix_beats_a_name_beats_anywhere() {
        assert_eq!(closeness("m01", "m01", Some("王")), Some(0));
        assert_eq!(closeness("m01", "m012", Some("王")), Some(1));
        assert_eq!(closeness("wang", "m9", Some("wang li")), Some(2));
        assert_eq!(closeness("li", "m9", Some("wang li")), Some(3));
        assert_eq!(closeness("zz", "m9", Some("wang li")), None);
        assert_eq!(closeness("wang", "m9", None), None, "privacy: ids only");
    }

    /// A key typed searches only what the last search found; the hits and
    /// the count are those of the whole text searched at once.
    #[test]
    fn typing_finds_what_the_whole_text_finds() {
        let input = crate::engine::load::load(crate::demo::files())
            .expect("the demo loads")
            .input;
        for privacy in [false, true] {
            for word in ["m0", "e00", "cs-p", "王志", "e0008", "zz"] {
                let mut typed = FindView::default();
                for end in word.char_indices().map(|(i, c)| i + c.len_utf8()) {
                    typed.search(&input, &word[..end], privacy);
                    let mut whole = FindView::default();
                    whole.search(&input, &word[..end], privacy);
                    assert_eq!(typed.hits, whole.hits, "{}", &word[..end]);
                    assert_eq!(typed.total, whole.total, "{}", &word[..end]);
                }
            }
        }
    }
}
