//! What `check` and `stats` print, and the warnings in words (the live
//! screen's warnings list uses the same texts).
//!
//! Chinese texts are written as HR staff write them: Taiwan's usage in
//! Traditional (評分者, 校準, 等級, 獎金), the mainland's in Simplified
//! (评分人, 校准, 等级, 奖金), not one converted from the other.

super::table! {
    /// A message `check` or `stats` prints.
    Report;

    // check's verdict.
    InputValid => ["輸入資料有效", "输入数据有效", "input is valid"],
}
