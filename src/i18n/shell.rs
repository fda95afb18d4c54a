//! The live screen around its screens: tab titles, keys and help, prompts,
//! the status line, overlays, the progress screen, the agenda, the record
//! and the review of a changed input.
//!
//! Chinese texts are written as HR staff write them: Taiwan's usage in
//! Traditional (評分者, 校準, 等級, 獎金), the mainland's in Simplified
//! (评分人, 校准, 等级, 奖金), not one converted from the other.

super::table! {
    /// A message of the live screen's frame: tabs, keys, prompts, status.
    Shell;

    // Tab titles.
    TabRaters => ["評分者", "评分人", "Raters"],
}
