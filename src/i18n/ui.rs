//! The live screen's screens and panels: raters, groups, people, summary,
//! bonus, the linking network, histograms and the words they share.
//!
//! Chinese texts are written as HR staff write them: Taiwan's usage in
//! Traditional (評分者, 校準, 等級, 獎金), the mainland's in Simplified
//! (评分人, 校准, 等级, 奖金), not one converted from the other.

super::table! {
    /// A message of the live screen's screens and panels.
    Ui;

    // Linked ratings (the rater model) while it is being fitted.
    Linking => ["連結中…", "关联中…", "linking…"],
}
