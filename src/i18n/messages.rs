//! The statements' and the fairness screen's messages (see `mod.rs` for
//! the other tables).
//!
//! Chinese texts are written as HR staff write them: Taiwan's usage in
//! Traditional (評分者, 校準, 等級, 獎金), the mainland's in Simplified
//! (评分人, 校准, 等级, 奖金), not one converted from the other.

super::table! {
    /// A statement's or the fairness screen's message.
    Msg;

    // The statement (contract 6.9).
    StatementTitle => ["績效校準結果說明", "绩效校准结果说明", "Calibration statement"],
    StatementFor => ["{name}（員工編號 {id}）", "{name}（员工编号 {id}）", "{name} (employee {id})"],
    LabelValue => ["{label}：{value}", "{label}：{value}", "{label}: {value}"],
    ValueWithNote => ["{value}（{note}）", "{value}（{note}）", "{value} ({note})"],
    TwoClauses => ["{first}；{second}", "{first}；{second}", "{first}; {second}"],
    NameWithId => ["{name}（{id}）", "{name}（{id}）", "{name} ({id})"],
    Cycle => ["考核期間", "考核周期", "Cycle"],
    Department => ["部門", "部门", "Department"],
    DepartmentGrade => ["部門等級", "部门等级", "Department grade"],
    Group => ["校準群組", "校准组", "Calibration group"],
    RatingsHeading => ["評分紀錄", "评分记录", "Your ratings"],
    Rater => ["評分者", "评分人", "Rater"],
    Score => ["分數", "分数", "Score"],
    Weight => ["權重", "权重", "Weight"],
    Comment => ["評語", "评语", "Comment"],
    CorrectedScore => ["校正後分數", "校正后分数", "Corrected score"],
    NoRatings => [
        "本期沒有您的評分，因此不占名額，也不評定等級。",
        "本期没有您的评分，因此不占名额，也不评定等级。",
        "You have no rating this cycle: you take no seat and get no grade."
    ],
    CorrectionsHeading => ["評分尺度校正", "评分尺度校正", "Rater scale corrections"],
    CorrectionsNote => [
        "評分者之間寬嚴不一時，委員會會校正該評分者的全部分數，讓不同評分者的分數可以相互比較。",
        "评分人之间宽严不一时，委员会会校正该评分人的全部分数，使不同评分人的分数可以相互比较。",
        "Where raters score more leniently or strictly than others, the committee corrects all of that rater's scores so that scores from different raters compare fairly."
    ],
    NotCorrected => ["未校正，分數照原樣計算", "未校正，按原始分数计算", "not corrected: scores count as given"],
    TransformNone => ["不校正（撤銷先前的校正）", "不校正（撤销先前的校正）", "no correction (an earlier one was withdrawn)"],
    TransformOffset => ["每個分數調整 {delta} 分", "每个分数调整 {delta} 分", "every score moved by {delta}"],
    TransformLinear => [
        "以該評分者的平均分為中心，分差乘以 {stretch}，再加 {shift} 分",
        "以该评分人的平均分为中心，分差乘以 {stretch}，再加 {shift} 分",
        "the spread around the rater's mean multiplied by {stretch}, then moved by {shift}"
    ],
    TransformZScore => [
        "標準化（z 分數），對齊全體評分的平均與標準差",
        "标准化（z 分数），对齐全体评分的平均值与标准差",
        "standardised (z-score) to the mean and spread of all ratings"
    ],
    TransformZScoreTarget => [
        "標準化（z 分數），對齊平均 {mean}、標準差 {sd}",
        "标准化（z 分数），对齐平均值 {mean}、标准差 {sd}",
        "standardised (z-score) to mean {mean} and standard deviation {sd}"
    ],
    TransformQuantile => [
        "依名次對應到全體評分的分布（百分位校正）",
        "按名次对应到全体评分的分布（分位数校正）",
        "mapped by rank onto the distribution of all ratings (quantile)"
    ],
    DecisionNumber => ["委員會決議第 {n} 項", "委员会决议第 {n} 项", "committee decision {n}"],
    DecisionWithReason => ["委員會決議第 {n} 項，理由：{reason}", "委员会决议第 {n} 项，理由：{reason}", "committee decision {n}, reason: {reason}"],
    ScoresHeading => ["分數", "分数", "Scores"],
    RawScore => ["原始分數（各評分的加權平均）", "原始分数（各项评分的加权平均）", "Raw score (weighted mean of your ratings)"],
    FinalScore => ["校準後分數", "校准后分数", "Final score (after corrections)"],
    RankHeading => ["排名與名額", "排名与名额", "Rank and seats"],
    RankInGroup => ["群組內排名", "组内排名", "Rank in your group"],
    RankOf => ["第 {rank} 名（共 {of} 人）", "第 {rank} 名（共 {of} 人）", "{rank} of {of}"],
    SeatsIntro => [
        "本群組依各部門等級的配額比例，分得各等級名額如下（最大餘數法）：",
        "本组按各部门等级的配额比例，分得各等级名额如下（最大余数法）：",
        "Your group's seats per grade, from its departments' quotas (largest remainder method):"
    ],
    Grade => ["等級", "等级", "Grade"],
    Quota => ["配額（人）", "配额（人）", "Quota (people)"],
    Seats => ["名額", "名额", "Seats"],
    ResultHeading => ["結果", "结果", "Result"],
    AutoGrade => ["依名額分配的等級", "按名额分配的等级", "Grade from the seats"],
    AutoPlace => [
        "{grade} 等級依名次取 {taken} 人，您是其中第 {place} 位",
        "{grade} 等级按名次取 {taken} 人，您是其中第 {place} 位",
        "{grade} took {taken} people in rank order; you are number {place} of them"
    ],
    CarriedSeats => [
        "其中 {carried} 個名額由較高等級順延而來",
        "其中 {carried} 个名额由较高等级顺延而来",
        "{carried} of its places came down from better grades"
    ],
    PassedOver => [
        "{grade} 等級在您的名次仍有名額，但您的校準後分數 {score} 未達該等級的最低分數 {min}，因此順延至下一等級",
        "{grade} 等级在您的名次仍有名额，但您的校准后分数 {score} 未达到该等级的最低分数 {min}，因此顺延至下一等级",
        "{grade} had a seat at your rank, but your final score {score} is below its minimum score {min}, so you were carried down"
    ],
    Override => ["委員會調整等級", "委员会调整等级", "Committee override"],
    OverrideTo => ["調整為 {grade}（{decision}）", "调整为 {grade}（{decision}）", "set to {grade} ({decision})"],
    FinalGrade => ["最終等級", "最终等级", "Final grade"],
    BeforeCalibration => ["校準前等級（未經任何委員會決議）", "校准前等级（未经任何委员会决议）", "Grade before calibration (no committee decisions)"],
    PreviousGrade => ["上期等級", "上期等级", "Previous cycle's grade"],
    BigMover => ["與上期相差兩級以上", "与上期相差两级以上", "two or more grades from the previous cycle"],
    Bonus => ["獎金", "奖金", "Bonus"],
    NotGraded => ["未評定", "未评定", "not graded"],
    Footer => [
        "本說明只包含您本人的評分與結果。如有疑問，請洽人資部門。",
        "本说明只包含您本人的评分与结果。如有疑问，请联系人力资源部。",
        "This statement holds your own ratings and result only. If you have questions, please ask HR."
    ],

    // The fairness screen
    FairTab => ["公平性", "公平性", "Fairness"],
    FairTabTiny => ["公平", "公平", "Fai"],
    FairAttribute => [
        "屬性 {attribute}（第 {at} 個，共 {of} 個；a 換下一個）",
        "属性 {attribute}（第 {at} 个，共 {of} 个；a 换下一个）",
        "Attribute {attribute} ({at} of {of}; a: next)"
    ],
    FairCompany => ["全公司", "全公司", "the whole company"],
    FairFocus => ["校準群組 {group}", "校准组 {group}", "group {group}"],
    FairTopGrades => ["前段等級：{grades}", "前段等级：{grades}", "top grades: {grades}"],
    FairNoAttributes => [
        "org.json 的員工沒有任何屬性（例如性別、年資），無從檢視：請在員工資料加上 \"attributes\"。",
        "org.json 的员工没有任何属性（例如性别、司龄），无从检视：请在员工数据中加上 \"attributes\"。",
        "org.json gives employees no attributes (gender, tenure…) to review: add \"attributes\" to them."
    ],
    FairValue => ["類別", "类别", "value"],
    FairBefore => ["校準前", "校准前", "before"],
    FairNow => ["目前", "当前", "now"],
    FairN => ["人數", "人数", "n"],
    FairTopRate => ["前段比例", "前段比例", "top"],
    FairImpact => ["影響比", "影响比", "impact"],
    FairMoved => ["等級變動", "等级变动", "moved"],
    FairAdverse => ["未達五分之四", "未达五分之四", "below 4/5"],
    FairWithheld => ["不公開（少於 5 人）", "不公开（少于 5 人）", "withheld (<5)"],
    FairWithheldNote => [
        "少於 5 人的類別不公開：不列數字，也不納入比例與檢定",
        "少于 5 人的类别不公开：不列数字，也不计入比例与检验",
        "values under 5 people are withheld: no figures, not in the test"
    ],
    FairMoreValues => [
        "另有 {n} 個類別：請放大視窗，或執行 calibra stats --by {attribute}",
        "另有 {n} 个类别：请放大窗口，或运行 calibra stats --by {attribute}",
        "{n} more values: enlarge the window, or run calibra stats --by {attribute}"
    ],
    FairUpDown => ["↑{up} ↓{down}", "↑{up} ↓{down}", "↑{up} ↓{down}"],
    FairChiHead => ["卡方檢定（類別 × 是否前段）", "卡方检验（类别 × 是否前段）", "chi-square, value × top"],
    FairChiSide => [
        "{side} χ² {statistic}（自由度 {df}，p = {p}）",
        "{side} χ² {statistic}（自由度 {df}，p = {p}）",
        "{side} χ² {statistic} (df {df}, p {p})"
    ],
    FairNoP => ["不適用", "不适用", "n/a"],
    FairLowExpected => [
        "⚠ 有期望次數低於 5：p 值僅供參考",
        "⚠ 有期望频数低于 5：p 值仅供参考",
        "⚠ an expected count is below 5: the p-value is rough"
    ],
    FairWhoMoved => [
        "誰的等級變了：依類別、依評分者（⏎ 看名單與造成變動的決議）",
        "谁的等级变了：按类别、按评分人（⏎ 查看名单与造成变动的决议）",
        "Who moved, by value and by rater (⏎ the people and the decisions)"
    ],
    FairByValue => ["{attribute}：{value}", "{attribute}：{value}", "{attribute} {value}"],
    FairByRater => ["評分者 {rater}", "评分人 {rater}", "rater {rater}"],
    FairNobodyMoved => [
        "沒有人的等級與校準前不同",
        "没有人的等级与校准前不同",
        "No one's grade differs from before calibration"
    ],
    FairWithheldNoPeople => [
        "不公開：此類別少於 5 人",
        "不公开：此类别少于 5 人",
        "Withheld: fewer than 5 people have this value"
    ],
    FairNobodyHere => ["這一列沒有人的等級變動", "这一行没有人的等级变动", "No one in this row moved"],
    FairPanelTitle => ["{row}：等級變動的人與原因", "{row}：等级变动的人与原因", "{row}: who moved and why"],
    FairPanelSummary => [
        "{moved} 人等級變動（升 {up}、降 {down}），出自 {decisions} 項決議",
        "{moved} 人等级变动（升 {up}、降 {down}），来自 {decisions} 项决议",
        "Moved: {moved} ({up} up, {down} down) · decisions behind them: {decisions}"
    ],
    FairPanelDecision => [
        "決議第 {n} 項：{change}{reason}（變動其中 {moved} 人）",
        "决议第 {n} 项：{change}{reason}（变动其中 {moved} 人）",
        "Decision {n}: {change}{reason} (moved {moved} of them)"
    ],
    FairReason => ["，理由：{reason}", "，理由：{reason}", ": {reason}"],
    FairReasonHidden => ["（理由已隱藏）", "（理由已隐藏）", " (reason hidden)"],
    FairPanelKeys => [
        "⏎ 到決議第 {n} 項 · ↑↓ 捲動 · 其他鍵關閉",
        "⏎ 到决议第 {n} 项 · ↑↓ 滚动 · 其他键关闭",
        "⏎ decision {n} on the record · ↑↓ scroll · any other key closes"
    ],
}
