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

    // A rater's scale correction, in short (the engine's own words in
    // English: `offset +2`, `z-score to pool`).
    ScaleNone => ["不校正", "不校正", "none"],
    ScaleOffset => ["平移 {delta}", "平移 {delta}", "offset {delta}"],
    ScaleLinear => ["線性 ×{stretch} {shift}", "线性 ×{stretch} {shift}", "linear ×{stretch} {shift}"],
    ScaleZPool => ["標準化（對齊全體）", "标准化（对齐全体）", "z-score to pool"],
    ScaleZMean => ["平均 {mean}", "平均值 {mean}", "mean {mean}"],
    ScaleZSd => ["標準差 {sd}", "标准差 {sd}", "sd {sd}"],
    ScaleZTo => ["標準化（{target}）", "标准化（{target}）", "z-score to {target}"],
    ScaleQuantile => ["百分位對應", "分位数映射", "quantile map"],

    // A decision's change, in one line.
    ChangeScale => ["{rater}：{transform}", "{rater}：{transform}", "{rater}: {transform}"],
    ChangeDepartmentGrade => [
        "{department} → 部門等級 {grade}",
        "{department} → 部门等级 {grade}",
        "{department} → department grade {grade}"
    ],
    ChangeOverride => ["{employee} → {grade}", "{employee} → {grade}", "{employee} → {grade}"],
    ChangeClearOverride => ["{employee}：取消等級調整", "{employee}：取消等级调整", "{employee}: override cleared"],
    ChangeDiscussed => ["{item}：已討論", "{item}：已讨论", "{item}: discussed"],
    ChangeDiscussedNote => ["{item}：已討論（{note}）", "{item}：已讨论（{note}）", "{item}: discussed ({note})"],
    ChangeClearDiscussed => ["{item}：取消已討論標記", "{item}：取消已讨论标记", "{item}: discussed mark cleared"],
    ChangeSignOff => ["簽核本次校準", "签核本次校准", "session signed off"],
    ChangeReopen => ["重新開啟本次校準", "重新开启本次校准", "session reopened"],
    ItemRater => ["評分者 {id}", "评分人 {id}", "rater {id}"],
    ItemEmployee => ["員工 {id}", "员工 {id}", "employee {id}"],
    ItemGroup => ["校準群組 {id}", "校准组 {id}", "group {id}"],
}
