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

    // Words the screens share.
    ListSeparator => ["、", "、", ", "],
    IdWhy => ["{id}：{why}", "{id}：{why}", "{id}: {why}"],
    NotApplied => ["未套用：{why}", "未应用：{why}", "Not applied: {why}"],
    RatersOne => ["{n} 位評分者", "{n} 位评分人", "{n} rater"],
    RatersMany => ["{n} 位評分者", "{n} 位评分人", "{n} raters"],
    GradesOne => ["{n} 個等級", "{n} 个等级", "{n} grade"],
    GradesMany => ["{n} 個等級", "{n} 个等级", "{n} grades"],

    // Linked ratings (see `tui/linking.rs`) while the model is computed in
    // the background, or when it could not be: in the raters screen, the
    // summary and the network.
    LinkingSummary => [
        " 連結評分：正在透過共同評分的員工連結評分者…（完成後顯示寬嚴度）",
        " 关联评分：正在通过共同评分的员工关联评分人…（完成后显示宽严度）",
        " Linked ratings: linking raters through shared people… (severities show when ready)"
    ],
    LinkedNotYet => [
        "連結評分仍在計算中：卡片顯示寬嚴度後，o 與 P 才能使用",
        "关联评分仍在计算中：卡片显示宽严度后，o 和 P 才能使用",
        "Linked ratings are still being computed: o and P work once the cards show severity"
    ],
    LinkedFailed => ["無法計算連結評分", "无法计算关联评分", "Linked ratings could not be computed"],
    Unlinked => ["未連結", "未关联", "unlinked"],

    // Bias flags and scale methods, in short.
    FlagLenient => ["偏寬", "偏宽", "lenient"],
    FlagSevere => ["偏嚴", "偏严", "severe"],
    FlagNarrow => ["分布窄", "分布窄", "narrow"],
    FlagWide => ["分布廣", "分布广", "wide"],
    FlagSmallSample => ["樣本少", "样本少", "small_sample"],
    FlagsOk => ["正常", "正常", "ok"],
    MethodNone => ["不校正", "不校正", "none"],
    MethodOffset => ["平移", "平移", "offset"],
    MethodLinear => ["線性", "线性", "linear"],
    MethodZScore => ["標準化", "标准化", "zscore"],
    MethodQuantile => ["百分位", "分位数", "quantile"],

    // The raters screen: cards, table and the selected rater's figures.
    RaterSortId => ["編號", "编号", "id"],
    RaterSortBias => ["偏差（最寬鬆者在前）", "偏差（最宽松者在前）", "bias (most lenient first)"],
    RaterSortSize => ["評分筆數", "评分条数", "number of ratings"],
    ColRater => ["評分者", "评分人", "rater"],
    ColRatings => ["筆數", "条数", "n"],
    ColMean => ["μ 原始→目前", "μ 原始→当前", "μ raw→now"],
    ColSd => ["σ 原始→目前", "σ 原始→当前", "σ raw→now"],
    ColDiff => ["Δ（95% 信賴區間）", "Δ（95% 置信区间）", "Δ (95% CI)"],
    ColSeverity => ["寬嚴度 ±標準誤", "宽严度 ±标准误", "severity ±SE"],
    ColFlags => ["標記", "标记", "flags"],
    ColScale => ["尺度", "尺度", "scale"],
    ColGrades => ["等級分布", "等级分布", "grades"],
    PoolTitle => [" 全體評分（參考） ", " 全体评分（参考） ", " POOL (reference) "],
    PoolRaw => [" 原始 {summary}", " 原始 {summary}", " raw {summary}"],
    PoolNow => [" 目前 {summary}", " 当前 {summary}", " now {summary}"],
    BarsLegend => [" ▒ 原始  █ 校正後", " ▒ 原始  █ 校正后", " ▒ raw  █ adjusted"],
    CardSeverity => [" 寬嚴{severity}", " 宽严{severity}", " sev{severity}"],
    NoRaters => [" 此處沒有評分者。", " 这里没有评分人。", " No raters here."],
    DetailN => ["{n} 筆評分", "{n} 条评分", "n {n}"],
    // 均值: the mainland's statistics word, short enough for the row.
    DetailMean => ["平均 {mean}", "均值 {mean}", "mean {mean}"],
    DetailMeanNow => ["平均 {raw}→{now}", "均值 {raw}→{now}", "mean {raw} → {now}"],
    DetailSd => ["標準差 {sd}", "标准差 {sd}", "sd {sd}"],
    DetailSdNow => ["標準差 {raw}→{now}", "标准差 {raw}→{now}", "sd {raw} → {now}"],
    // Chinese is written short here: the first two rows should hold the
    // figures up to the linked severity at 100 columns, as in English.
    DetailDiff => ["偏差 {diff}{ci}", "偏差 {diff}{ci}", "Δ vs others {diff}{ci}"],
    DetailCi => ["（95% 區間 {low}…{high}）", "（95% 区间 {low}…{high}）", " (95% CI {low}…{high})"],
    DetailDiffNow => ["目前偏差 {diff}", "当前偏差 {diff}", "Δ now {diff}"],
    DetailEffect => ["效果量 g {g}", "效应量 g {g}", "g {g}"],
    DetailSdRatio => ["標準差比 {ratio}", "标准差比 {ratio}", "sd/pool {ratio}"],
    DetailSeverity => ["連結評分寬嚴度 {severity}", "关联评分宽严度 {severity}", "linked severity {severity}"],
    DetailSeverityPropose => [
        "連結評分寬嚴度 {severity}（o：提議平移）",
        "关联评分宽严度 {severity}（o：建议平移）",
        "linked severity {severity} (o: propose offset)"
    ],
    DetailNotLinked => ["未與其他評分者連結：無寬嚴度", "未与其他评分人关联：无宽严度", "not linked to other raters: no severity"],
    DetailScale => ["尺度：{transform}", "尺度：{transform}", "scale: {transform}"],
    DetailImplied => ["分數推估的等級分布 {mix}", "分数推算的等级分布 {mix}", "implied mix {mix}"],
    DetailImpliedNow => ["目前 {mix}", "当前 {mix}", "now {mix}"],
    DetailAllowed => ["配額允許 {mix}", "配额允许 {mix}", "allowed {mix}"],
    RatersFooter => ["{n} 位評分者{scope}，依{sort}排序", "{n} 位评分人{scope}，按{sort}排序", "{n} raters{scope}, by {sort}"],
    RatersScope => ["（校準群組 {group}）", "（校准组 {group}）", " in {group}"],
    Page => ["第 {page}/{pages} 頁", "第 {page}/{pages} 页", "page {page}/{pages}"],
    CardGrades => [
        "卡片上的等級：其員工的最終等級（群組內任何校正都會改變它們）",
        "卡片上的等级：其员工的最终等级（组内任何校正都会改变它们）",
        "card grades: final grades of their people (any correction in the group moves them)"
    ],

    // The raters screen's keys: what they say, the prompts they open and
    // the reasons they write on the record.
    PeopleOfRater => ["{name} 評分的員工（Esc：全部）", "{name} 评分的员工（Esc：全部）", "The people {name} rated (Esc: everyone)"],
    RatersSorted => ["評分者依{sort}排序", "评分人按{sort}排序", "Raters sorted by {sort}"],
    TooLarge => ["數值過大，無法計算", "数值过大，无法计算", "it is too large to compute"],
    AlreadyScale => ["已是{transform}", "已是{transform}", "Already {transform}"],
    ZScoreAllReason => [
        "評分達 {n} 筆以上的評分者全部標準化（對齊全體）",
        "评分达 {n} 条以上的评分人全部标准化（对齐全体）",
        "z-score every rater with {n}+ ratings to the pool"
    ],
    ZScoringAll => [
        "正在將 {n} 位評分者標準化…",
        "正在将 {n} 位评分人标准化…",
        "Z-scoring {n} raters…"
    ],
    AllZScored => ["每位評分者都已標準化", "每位评分人都已标准化", "Every rater is already z-scored"],
    ZScoredSkipped => [
        "（略過 {small} 位評分少於 {n} 筆的評分者：按 z 仍可個別標準化）",
        "（跳过 {small} 位评分少于 {n} 条的评分人：按 z 仍可单独标准化）",
        " (skipped {small} with fewer than {n} ratings: z z-scores one anyway)"
    ],
    ZScored => ["已將 {raters}標準化{skipped}", "已将 {raters}标准化{skipped}", "Z-scored {raters}{skipped}"],
    Replaces => ["（取代 {transform}）", "（替换 {transform}）", " (replaces {transform})"],
    ProposeOffset => [
        "{id} 的提議：平移 {delta}{replaces}——理由：",
        "{id} 的建议：平移 {delta}{replaces}——理由：",
        "Proposal for {id}: offset {delta}{replaces} — reason:"
    ],
    NoSeverity => [
        "未透過共同評分的員工與其他評分者連結，無法衡量寬嚴度",
        "未通过共同评分的员工与其他评分人关联，无法衡量宽严度",
        "not linked to other raters by shared people, so no severity can be measured"
    ],
    SeverityTooLarge => ["寬嚴度過大，無法換算為平移", "宽严度过大，无法换算为平移", "the severity is too large to turn into an offset"],
    NotProposedWhy => ["未提議：{why}", "未建议：{why}", "not proposed: {why}"],
    NotProposed => ["未提議：{why}", "未建议：{why}", "Not proposed: {why}"],
    OffsetReason => [
        "連結評分寬嚴度 {severity}{se}：平移 {delta}",
        "关联评分宽严度 {severity}{se}：平移 {delta}",
        "linked-ratings severity {severity}{se}: offset {delta}"
    ],
    OffsetReasonSe => ["，標準誤 {se}", "，标准误 {se}", ", SE {se}"],
    NoClearSeverity => [
        "沒有評分者的連結評分寬嚴度明顯不為 0（95% 區間不含 0），或都已套用其平移",
        "没有评分人的关联评分宽严度明显不为 0（95% 区间不含 0），或都已应用其平移",
        "No rater's linked-ratings severity is clearly non-zero (95% interval excluding 0), or all have their offset"
    ],
    ProposeAll => [
        "為寬嚴度區間不含 0 的 {raters}套用平移：將有 {grades}變動",
        "为宽严度区间不含 0 的 {raters}应用平移：将有 {grades}变动",
        "Offset {raters} whose severity interval excludes 0: {grades} would move"
    ],
    AdjustReason => ["{transform}；{raw}", "{transform}；{raw}", "{transform}; {raw}"],
    AdjustRaw => ["原始分數共 {n} 筆{diff}", "原始分数共 {n} 条{diff}", "raw scores n={n}{diff}"],
    AdjustRawFlags => ["原始分數{flags}（共 {n} 筆{diff}）", "原始分数{flags}（共 {n} 条{diff}）", "raw scores {flags} (n={n}{diff})"],
    AdjustDiff => ["，與他人差 Δ {diff}", "，与他人差 Δ {diff}", ", Δ {diff} vs others"],

    // The groups screen.
    GroupsPosition => ["第 {from}–{to} 列，共 {total} 列 · ", "第 {from}–{to} 行，共 {total} 行 · ", "{from}–{to} of {total} · "],
    GroupsTitle => [
        " 校準群組：{position}各等級 名額/人數（⚠ 違反配額，≍ 分界同分） ",
        " 校准组：{position}各等级 名额/人数（⚠ 违反配额，≍ 分界同分） ",
        " Groups: {position}seats / count per grade (⚠ quota violated, ≍ boundary tie) "
    ],
    ColGroup => ["群組", "校准组", "group"],
    ColDepartmentGrade => ["部門等級", "部门等级", "dept grade"],
    ColHeadcount => ["人數", "人数", "n"],
    DepartmentLabel => ["{name} [{grade}{mark}] {n} 人", "{name} [{grade}{mark}] {n} 人", "{name} [{grade}{mark}] n{n}"],
    QuotaHeader => [
        " 等級         配額    名額    填入   實際",
        " 等级         配额    名额    填入   实际",
        " grade      quota   seats  filled  count"
    ],
    QuotaViolation => ["⚠ 違反配額", "⚠ 违反配额", "⚠ violation"],
    QuotaNote => [
        " 配額 = Σ 人數 × 部門等級比例；名額依最大餘數法；* = 已調整部門等級",
        " 配额 = Σ 人数 × 部门等级比例；名额按最大余数法；* = 已调整部门等级",
        " quota = Σ headcount × share of the dept grade; seats by largest remainder; * = regraded"
    ],
    NextInLineTitle => [
        " 分界名單：各分界的最後入選者與第一位落選者 ",
        " 分界名单：各分界的最后入选者与第一位落选者 ",
        " Next in line: last in / first out at each boundary "
    ],
    LastIn => ["入選：{person}", "入选：{person}", "in: {person}"],
    FirstOut => ["落選：{person}", "落选：{person}", "out: {person}"],
    NoBoundaries => [" 沒有分界：所有人等級相同。", " 没有分界：所有人等级相同。", " No boundaries: everyone has the same grade."],
    Nobody => ["無人", "无人", "nobody"],
    OnlyReach => ["：只有 {n} 人達到 {min}", "：只有 {n} 人达到 {min}", ": only {n} reach {min}"],
    CarriedDown => [
        " ↓ {grade}：{seats} 個名額缺 {empty} 個{why}，順延至 {next}：不算違規",
        " ↓ {grade}：{seats} 个名额缺 {empty} 个{why}，顺延至 {next}：不算违规",
        " ↓ {grade}: {empty} of {seats} unfilled{why}, carried to {next}: not a violation"
    ],
    MoveOutOf => [
        " ⚠ {grade}：目前 {given} 人，配額 {filled} 人：需從 {grade} 調出 {n} 人（調整等級或取消調整）",
        " ⚠ {grade}：目前 {given} 人，配额 {filled} 人：需从 {grade} 调出 {n} 人（调整等级或取消调整）",
        " ⚠ {grade}: {given} given, the quota fills {filled}: move {n} out of {grade} (override, or clear an override)"
    ],
    MoveInto => [
        " ⚠ {grade}：目前 {given} 人，配額 {filled} 人：需將 {n} 人調入 {grade}（調整等級或取消調整）",
        " ⚠ {grade}：目前 {given} 人，配额 {filled} 人：需将 {n} 人调入 {grade}（调整等级或取消调整）",
        " ⚠ {grade}: {given} given, the quota fills {filled}: move {n} into {grade} (override, or clear an override)"
    ],
    BestDepartmentGrade => ["已是最高的部門等級", "已是最高的部门等级", "Already the best department grade"],
    WorstDepartmentGrade => ["已是最低的部門等級", "已是最低的部门等级", "Already the worst department grade"],
    RegradeQuestion => [
        "{department}：部門等級 {from} → {grade}。理由（選填）：",
        "{department}：部门等级 {from} → {grade}。理由（选填）：",
        "{department}: department grade {from} → {grade}. Reason (optional):"
    ],

    // The people table: its columns, sorts, flags and keys.
    ColRank => ["名次", "名次", "rank"],
    ColId => ["編號", "编号", "id"],
    ColName => ["姓名", "姓名", "name"],
    ColDept => ["部門", "部门", "dept"],
    ColRaters => ["評分者", "评分人", "raters"],
    ColRaw => ["原始", "原始", "raw"],
    ColFinal => ["校準後", "校准后", "final"],
    ColAuto => ["自動", "自动", "auto"],
    ColGrade => ["等級", "等级", "grade"],
    ColPrevious => ["上期", "上期", "prev"],
    ColDepartment => ["部門名稱", "部门名称", "department"],
    SortOrg => ["組織順序", "组织顺序", "org order"],
    SortRank => ["名次", "名次", "rank"],
    SortId => ["編號", "编号", "id"],
    SortName => ["姓名", "姓名", "name"],
    SortDepartment => ["部門", "部门", "department"],
    SortRaters => ["評分者", "评分人", "raters"],
    SortRaw => ["原始分數", "原始分数", "raw score"],
    SortFinal => ["校準後分數", "校准后分数", "final score"],
    SortAuto => ["自動等級", "自动等级", "auto grade"],
    SortGrade => ["等級", "等级", "grade"],
    SortFlags => ["標記", "标记", "flags"],
    FlagOverride => ["✎調整", "✎调整", "✎override"],
    FlagTie => ["≍同分", "≍同分", "≍tie"],
    FlagUnrated => ["∅未評分", "∅未评分", "∅unrated"],
    FlagDiscussed => ["✓已討論", "✓已讨论", "✓discussed"],
    EmployeesTitle => [
        " 員工：{shown}/{total} 人 · 依{sort}排序 {arrow}{filter} ",
        " 员工：{shown}/{total} 人 · 按{sort}排序 {arrow}{filter} ",
        " Employees: {shown} of {total} · sorted by {sort} {arrow}{filter} "
    ],
    EmployeesFilter => [" · 篩選「{filter}」", " · 筛选“{filter}”", " · filter \"{filter}\""],
    SortedBy => ["依{sort}排序 {arrow}", "按{sort}排序 {arrow}", "Sorted by {sort} {arrow}"],
    Unrated => ["此人未獲評分：沒有等級可調整", "此人没有评分：没有等级可调整", "This person is unrated: there is no grade to override"],
    BestGrade => ["已是最高等級：無法再往上調整", "已是最高等级：无法再往上调整", "Already the best grade: there is none above to override to"],
    WorstGrade => ["已是最低等級：無法再往下調整", "已是最低等级：无法再往下调整", "Already the worst grade: there is none below to override to"],
    OverrideQuestion => [
        "{id} {name}：{from} → {to}。理由（必填）：",
        "{id} {name}：{from} → {to}。理由（必填）：",
        "{id} {name}: {from} → {to}. Reason (required):"
    ],
    NoOverride => ["此人沒有可取消的等級調整", "此人没有可取消的等级调整", "This person has no override to clear"],
    ClearOverrideQuestion => [
        "取消 {id} {name} 的等級調整——理由（選填）：",
        "取消 {id} {name} 的等级调整——理由（选填）：",
        "Clear the override of {id} {name} — reason (optional):"
    ],

    // The summary screen.
    TheCompany => ["全公司", "全公司", "the company"],
    PeopleGraded => ["已評定 {n} 人", "已评定 {n} 人", "{n} people graded"],
    Before => ["校準前", "校准前", "before"],
    Now => ["目前", "当前", "now"],
    QuotaOff => ["  ⚠ 配額 {n}", "  ⚠ 配额 {n}", "  ⚠ quota {n}"],
    QuotaMet => ["  = 配額 {n}", "  = 配额 {n}", "  = quota {n}"],
    SummaryDecisions => [
        " 決議：{n} · 評分者校正 {raters} · 部門等級 {departments} · 調整等級 {overrides} · 已討論 {discussed}",
        " 决议：{n} · 评分人校正 {raters} · 部门等级 {departments} · 调整等级 {overrides} · 已讨论 {discussed}",
        " Decisions: {n} · rater corrections {raters} · department grades {departments} · overrides {overrides} · discussed {discussed}"
    ],
    SummaryAgenda => [
        " 議程：已討論 {discussed}/{total} · 警示：{warnings}（{strict} 項未通過嚴格檢查）",
        " 议程：已讨论 {discussed}/{total} · 警示：{warnings}（{strict} 项未通过严格检查）",
        " Agenda: {discussed} of {total} discussed · warnings: {warnings} ({strict} fail --strict)"
    ],
    SubmissionsDone => [" 評分表：每位主管都已評完所屬員工", " 评分表：每位主管都已评完下属员工", " Submissions: every manager has rated all of their people"],
    SubmissionsBehindOne => [
        " 評分表：{n} 位主管尚未評完（{list}；按 6 查看名單）",
        " 评分表：{n} 位主管尚未评完（{list}；按 6 查看名单）",
        " Submissions: {n} manager behind ({list}; 6 lists them)"
    ],
    SubmissionsBehindMany => [
        " 評分表：{n} 位主管尚未評完（{list}；按 6 查看名單）",
        " 评分表：{n} 位主管尚未评完（{list}；按 6 查看名单）",
        " Submissions: {n} managers behind ({list}; 6 lists them)"
    ],
    PartsOne => ["{n} 個部分", "{n} 个部分", "{n} part"],
    PartsMany => ["{n} 個部分", "{n} 个部分", "{n} parts"],
    LinkedNetwork => [
        " 連結評分：{raters} 位評分者中有 {linked} 位與他人評過相同員工，分成 {parts}{largest}",
        " 关联评分：{raters} 位评分人中有 {linked} 位与他人评过相同员工，分成 {parts}{largest}",
        " Linked ratings: {linked} of {raters} raters share people, in {parts}{largest}"
    ],
    LinkedLargest => [
        "（最大部分：{raters} 位評分者、{people} 人）",
        "（最大部分：{raters} 位评分人、{people} 人）",
        " (largest: {raters} raters, {people} people)"
    ],
    MostUnlinked => [
        " ⚠ 多數評分者（{raters} 位中有 {unlinked} 位）沒有與他人共同評分的員工：無法區分其寬嚴度與員工本身的表現；calibra stats --link-advice N 可列出有助連結的補充評分",
        " ⚠ 多数评分人（{raters} 位中有 {unlinked} 位）没有与他人共同评分的员工：无法区分其宽严度与员工本身的表现；calibra stats --link-advice N 可列出有助关联的补充评分",
        " ⚠ Most raters ({unlinked} of {raters}) share no person with another: severity cannot be told from their people's strength for them; stats --link-advice N names second ratings that would help"
    ],
    SignedOff => [" 已由 {by} 簽核{at}", " 已由 {by} 签核{at}", " SIGNED OFF by {by}{at}"],
    SignedOffAt => ["（{at}）", "（{at}）", " at {at}"],
    NotSignedOff => [" 尚未簽核（按 O 簽核）", " 尚未签核（按 O 签核）", " Not signed off (O signs off)"],
    SavedIn => [" 儲存於 {path}", " 保存于 {path}", " Saved in {path}"],
    NotSavedYet => [" 尚未儲存", " 尚未保存", " Saved in (not saved yet)"],

    // The panels: a person's grade, whose grades a decision moved.
    PanelKeys => [" ↑↓ 捲動 · 其他鍵關閉 ", " ↑↓ 滚动 · 其他键关闭 ", " ↑↓ scroll · any other key closes "],
    PersonTitle => [" 等級的由來：{id} {name} ", " 等级的由来：{id} {name} ", " Why this grade: {id} {name} "],
    MovedTitle => [" 決議第 {n} 項：變動了誰的等級 ", " 决议第 {n} 项：变动了谁的等级 ", " Decision {n}: whose grade it moved "],
    Computing => [" 計算中…", " 计算中…", " Computing…"],
    DecisionRef => ["決議第 {n} 項{reason}", "决议第 {n} 项{reason}", "decision {n}{reason}"],
    Reason => ["，理由：{reason}", "，理由：{reason}", ": {reason}"],
    ReasonHidden => ["（理由已隱藏）", "（理由已隐藏）", ": (reason hidden)"],
    AlsoDecision => ["，{decision}", "，{decision}", ", {decision}"],
    PersonDepartment => [
        " 部門 {department}（部門等級 {grade}{decision}）· 校準群組 {group}",
        " 部门 {department}（部门等级 {grade}{decision}）· 校准组 {group}",
        " Department {department} (grade {grade}{decision}) · group {group}"
    ],
    PersonRatings => [" 評分", " 评分", " Ratings"],
    PersonUnrated => ["   無：此人未獲評分，不評定等級", "   无：此人没有评分，不评定等级", "   none: this person is unrated and gets no grade"],
    PersonRating => [
        "   {rater} · 分數 {score} × 權重 {weight} → {adjusted}",
        "   {rater} · 分数 {score} × 权重 {weight} → {adjusted}",
        "   {rater} · score {score} × weight {weight} → {adjusted}"
    ],
    PersonCorrection => ["     校正 {transform}（{decision}）", "     校正 {transform}（{decision}）", "     correction {transform} ({decision})"],
    PersonComment => ["     評語：{comment}", "     评语：{comment}", "     comment: {comment}"],
    PersonScore => [
        " 分數：原始 {raw} → 校準後 {final} · 排名：{group} 內{rank}",
        " 分数：原始 {raw} → 校准后 {final} · 排名：{group} 内{rank}",
        " Score: raw {raw} → final {final} · rank {rank} in {group}"
    ],
    PersonSeats => [" 群組名額：{seats}", " 组内名额：{seats}", " Seats in the group: {seats}"],
    PersonAuto => [
        " 依名額分配的等級 {grade}：該等級取 {taken} 人，此人為第 {place} 位（名額 {seats}{carried}）",
        " 按名额分配的等级 {grade}：该等级取 {taken} 人，此人为第 {place} 位（名额 {seats}{carried}）",
        " Auto grade {grade}: place {place} of the {taken} it took (seats {seats}{carried})"
    ],
    PersonCarried => ["，另有 {n} 個由較高等級順延", "，另有 {n} 个由较高等级顺延", ", +{n} carried down from better grades"],
    PersonNeeds => ["{grade}（需 {min}）", "{grade}（需 {min}）", "{grade} (needs {min})"],
    PersonPassed => ["；順延越過 {grades}", "；顺延越过 {grades}", "; carried down past {grades}"],
    PersonOverridden => [" 調整為 {grade}{decision}", " 调整为 {grade}{decision}", " Overridden to {grade}{decision}"],
    InParentheses => ["（{text}）", "（{text}）", " ({text})"],
    PersonFinal => [" 最終等級 {grade}（未調整）", " 最终等级 {grade}（未调整）", " Final grade {grade} (no override)"],
    PersonBefore => [" 校準前：{grade}", " 校准前：{grade}", " Before calibration: {grade}"],
    PersonPrevious => [" 上期：{grade}{big}", " 上期：{grade}{big}", " Previous cycle: {grade}{big}"],
    PersonBigMover => [" · 大幅變動（相差兩級以上）", " · 大幅变动（相差两级以上）", " · big mover (two or more grades apart)"],
    PersonMover => ["第 {n} 項（{change}）", "第 {n} 项（{change}）", "{n} ({change})"],
    PersonNotMoved => [" 本次校準沒有任何決議改變此等級。", " 本次校准没有任何决议改变此等级。", " No decision of this session changed this grade."],
    PersonMovedBy => [" 改變此等級的決議：{decisions}", " 改变此等级的决议：{decisions}", " Moved by decision {decisions}"],
    MovedChange => [" {change}{reason}", " {change}{reason}", " {change}{reason}"],
    MovedBatch => [
        " 屬於自決議第 {n} 項起的一批決議：以下是整批變動的人",
        " 属于从决议第 {n} 项起的一批决议：以下是整批变动的人",
        " Part of a batch that starts at decision {n}: what the batch moved"
    ],
    MovedNone => [" 沒有改變任何等級。", " 没有改变任何等级。", " It moved no grade."],
    MovedPerson => ["   {id} {name} → 目前 {grade}", "   {id} {name} → 当前 {grade}", "   {id} {name} → now {grade}"],

    // The bonus panel.
    BonusTitle => [" 各等級獎金：校準前 → 目前 ", " 各等级奖金：校准前 → 当前 ", " Bonus by grade: before calibration → now "],
    NoBonus => [" policy.json 沒有設定獎金。", " policy.json 没有设置奖金。", " policy.json has no bonus."],
    BonusPool => [" 獎金池 {pool} · 已分配 {allocated}{unrated}", " 奖金池 {pool} · 已分配 {allocated}{unrated}", " Pool {pool} · allocated {allocated}{unrated}"],
    BonusUnrated => [" · {n} 人未獲評分：無獎金", " · {n} 人没有评分：无奖金", " · {n} unrated: no bonus"],
    BonusNothing => [
        " 每份比例皆為 0（所有已有人的等級倍數都是 0）：沒有分配任何獎金。",
        " 每份比例均为 0（所有有人的等级倍数都是 0）：没有分配任何奖金。",
        " Every share is 0 (the multipliers of every grade held are 0): nothing is allocated."
    ],
    BonusPeople => ["人數", "人数", "people"],
    BonusChange => ["變動", "变动", "change"],
    BonusGrade => ["等級", "等级", "grade"],
    BonusDepartment => ["部門", "部门", "department"],
    BonusDepartmentFocus => ["部門（聚焦中）", "部门（聚焦中）", "department (in focus)"],
    BonusNoLastAct => [
        " 決議紀錄上的最後一次操作沒有改變任何等級：獎金不變。",
        " 决议记录上的最后一次操作没有改变任何等级：奖金不变。",
        " The last act on the record moved no grade: it changed no bonus."
    ],
    BonusActMany => ["決議第 {first}–{last} 項（同一次操作）", "决议第 {first}–{last} 项（同一次操作）", "decisions {first}–{last} (one act)"],
    BonusActOne => ["決議第 {n} 項", "决议第 {n} 项", "decision {n}"],
    BonusLastAct => [" 最後一次操作，{what}：{change}", " 最后一次操作，{what}：{change}", " The last act, {what}: {change}"],
    BonusByGrade => ["依等級", "按等级", "by grade"],
    BonusByDepartment => ["依部門", "按部门", "by department"],
    BonusNoChange => ["   {label}：無變動", "   {label}：无变动", "   {label}: no change"],
    BonusChanges => ["   {label}：{list}", "   {label}：{list}", "   {label}: {list}"],
    BonusOnePool => [
        " 每筆獎金都取自同一個獎金池：變動一個人，其他人的獎金也會略有變動。",
        " 每笔奖金都来自同一个奖金池：变动一个人，其他人的奖金也会略有变动。",
        " Every bonus is a share of the one pool: moving one person changes the others' a little."
    ],

    // The linking network panel.
    NetworkTitle => [" 連結評分：連結網路與下期建議 ", " 关联评分：关联网络与下期建议 ", " Linked ratings: the network, and advice for the next cycle "],
    AdviceNone => [
        " 連結建議：無需再連結（每位有評分的評分者都已連結到最大的部分）。",
        " 关联建议：无需再关联（每位有评分的评分人都已关联到最大的部分）。",
        " Linking advice: nothing to join (every rater who rates is linked to the largest part)."
    ],
    AdviceOne => [
        " 連結建議：{n} 筆交叉評分可將一個部分連結到最大的部分",
        " 关联建议：{n} 条交叉评分可将一个部分关联到最大的部分",
        " Linking advice: {n} cross-rating that would join a part to the largest part"
    ],
    AdviceMany => [
        " 連結建議：{n} 筆交叉評分可將一個部分連結到最大的部分",
        " 关联建议：{n} 条交叉评分可将一个部分关联到最大的部分",
        " Linking advice: {n} cross-ratings that would join a part to the largest part"
    ],
    AdviceRule => [
        " 規則：每個部分透過其中一位評分者，為最大部分的一位員工評分，以連結到最大的部分；優先選擇該評分者所屬部門的員工，其次是同校準群組的員工；同一位員工只建議一次。與 `calibra stats --link-advice N` 相同。",
        " 规则：每个部分通过其中一位评分人，为最大部分的一位员工评分，以关联到最大的部分；优先选择该评分人所在部门的员工，其次是同校准组的员工；同一名员工只建议一次。与 `calibra stats --link-advice N` 相同。",
        " The rule: each part joins the largest one through one of its raters rating one person of the largest part, preferring a person in the rater's own department, then pool; no person is suggested twice. Same as `calibra stats --link-advice N`."
    ],
}
