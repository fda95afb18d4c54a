//! What `check` and `stats` print, and the warnings in words (the live
//! screen's warnings list uses the same texts).
//!
//! Chinese texts are written as HR staff write them: Taiwan's usage in
//! Traditional (評分者, 校準, 等級, 獎金), the mainland's in Simplified
//! (评分人, 校准, 等级, 奖金), not one converted from the other.

use crate::engine::bias::BiasFlag;
use crate::engine::rater_model::advice::Why;

super::table! {
    /// A message `check` or `stats` prints.
    Report;

    // check's verdict.
    CheckOk => [
        "通過：員工 {employees} 人（已評分 {rated} 人）、評分者 {raters} 位、評分 {ratings} 筆、部門 {departments} 個（分屬 {groups} 個校準群組）、決議 {decisions} 項；錯誤 0 個、{warnings}",
        "通过：员工 {employees} 人（已评分 {rated} 人）、评分人 {raters} 位、评分 {ratings} 条、部门 {departments} 个（分属 {groups} 个校准组）、决议 {decisions} 项；错误 0 个、{warnings}",
        "ok: {employees} employees ({rated} rated), {raters} raters, {ratings} ratings, {departments} departments in {groups} groups, {decisions} decisions; 0 errors, {warnings}"
    ],
    WarningsOne => ["警示 {n} 則", "警示 {n} 条", "{n} warning"],
    WarningsMany => ["警示 {n} 則", "警示 {n} 条", "{n} warnings"],

    // A diagnostic's line: its kind, where, and what.
    TagWarning => ["警示", "警示", "warning"],
    TagError => ["錯誤", "错误", "error"],
    DiagnosticAtLine => ["{tag}：{location} {message}", "{tag}：{location} {message}", "{tag}: {location} {message}"],
    DiagnosticIn => ["{tag}：{location}：{message}", "{tag}：{location}：{message}", "{tag}: {location}: {message}"],
    DiagnosticBare => ["{tag}：{message}", "{tag}：{message}", "{tag}: {message}"],

    // What is applied, and what stops a command (stderr).
    DecisionsOne => ["{n} 項決議", "{n} 项决议", "{n} decision"],
    DecisionsMany => ["{n} 項決議", "{n} 项决议", "{n} decisions"],
    AppliedFrom => [
        "calibra：套用 {path} 中的 {count}",
        "calibra：应用 {path} 中的 {count}",
        "calibra: applied {count} from {path}"
    ],
    AppliedNone => [
        "calibra：套用 {count}（未指定 --session）",
        "calibra：应用 {count}（未指定 --session）",
        "calibra: applied {count} (no --session)"
    ],
    SavedNotApplied => [
        "；互動畫面為這個資料夾儲存的決議紀錄「未」套用：{path}（{count}），加上 --session last 即可套用",
        "；交互界面为这个文件夹保存的决议记录“未”应用：{path}（{count}），加上 --session last 即可应用",
        "; the live screen saved a session for this folder that was NOT applied: {path} ({count}); --session last applies it"
    ],
    Unconfirmed => [
        "calibra：有 {n} 項決議涉及的人員在本次校準開始後改了姓名；請在互動畫面開啟這份決議紀錄，確認或捨棄這些決議。未寫入任何內容。",
        "calibra：有 {n} 项决议涉及的人员在本次校准开始后改了姓名；请在交互界面打开这份决议记录，确认或舍弃这些决议。未写入任何内容。",
        "calibra: {n} decision(s) are about people whose name changed since the session began; open the session on the live screen to confirm or drop them. Nothing was written."
    ],
    ErrorsOne => [
        "calibra：發現 {n} 個錯誤，未寫入任何內容。",
        "calibra：发现 {n} 个错误，未写入任何内容。",
        "calibra: {n} error found; nothing was written."
    ],
    ErrorsMany => [
        "calibra：發現 {n} 個錯誤，未寫入任何內容。",
        "calibra：发现 {n} 个错误，未写入任何内容。",
        "calibra: {n} errors found; nothing was written."
    ],
    NothingWritten => ["calibra：未寫入任何內容。", "calibra：未写入任何内容。", "calibra: nothing was written."],

    // export.
    OutRefused => [
        "calibra：--out {why}；未寫入任何內容。",
        "calibra：--out {why}；未写入任何内容。",
        "calibra: --out {why}; nothing was written."
    ],
    StrictFails => [
        "calibra：--strict：有 {n} 則關於未評分員工、不符配額或等級分界同分的警示，未寫入任何內容。",
        "calibra：--strict：有 {n} 条关于未评分员工、不符配额或等级分界同分的警示，未写入任何内容。",
        "calibra: --strict: {n} warning(s) about unrated employees, quota violations or boundary ties; nothing was written."
    ],
    ErrorNothingWritten => [
        "錯誤：{why}；未寫入任何內容。",
        "错误：{why}；未写入任何内容。",
        "error: {why}; nothing was written."
    ],
    CannotMakeWorkbook => [
        "錯誤：{path}：無法產生活頁簿：{why}；未寫入任何內容。",
        "错误：{path}：无法生成工作簿：{why}；未写入任何内容。",
        "error: {path}: cannot make the workbook: {why}; nothing was written."
    ],
    CannotWriteExport => [
        "錯誤：{path}：無法寫入匯出檔案：{why}；未寫入任何內容。",
        "错误：{path}：无法写入导出文件：{why}；未写入任何内容。",
        "error: {path}: cannot write the export: {why}; nothing was written."
    ],
    Wrote => [
        "已將 {employees} 位員工寫入 {path}（{warnings}）",
        "已将 {employees} 名员工写入 {path}（{warnings}）",
        "wrote {employees} employees to {path} ({warnings})"
    ],

    // template.
    NoManagers => [
        "錯誤：{file}：沒有任何員工指定「manager」（應為其評分的評分者），因此沒有可產生範本的對象；未寫入任何內容。",
        "错误：{file}：没有任何员工指定“manager”（应为其评分的评分人），因此没有可生成模板的对象；未写入任何内容。",
        "error: {file}: no employee names a \"manager\" (the rater expected to rate them), so there is no one to write a template for; nothing was written."
    ],
    CannotMakeTemplate => [
        "錯誤：無法產生範本：{why}；未寫入任何內容。",
        "错误：无法生成模板：{why}；未写入任何内容。",
        "error: cannot make a template: {why}; nothing was written."
    ],
    CannotWriteTemplates => [
        "錯誤：{path}：無法寫入範本：{why}；未寫入任何內容。",
        "错误：{path}：无法写入模板：{why}；未写入任何内容。",
        "error: {path}: cannot write the templates: {why}; nothing was written."
    ],
    TemplateFor => ["{path}：{manager}，{people}", "{path}：{manager}，{people}", "{path}: {manager}, {people}"],
    PeopleOne => ["{n} 人", "{n} 人", "{n} person"],
    PeopleMany => ["{n} 人", "{n} 人", "{n} people"],
    TemplatesOne => ["{n} 份範本", "{n} 份模板", "{n} template"],
    TemplatesMany => ["{n} 份範本", "{n} 份模板", "{n} templates"],
    WroteTemplates => [
        "已將 {templates}寫入 {path}；分數：{score}",
        "已将 {templates}写入 {path}；分数：{score}",
        "wrote {templates} to {path}; score: {score}"
    ],

    // stats: the pool of ratings.
    NoRatings => ["{cycle}：沒有任何評分。", "{cycle}：没有任何评分。", "{cycle}: no ratings."],
    Pool => [
        "{cycle} · 全體 {n} 筆評分：平均 {mean}、標準差 {sd}、中位數 {median}、範圍 {min} 至 {max}",
        "{cycle} · 全部 {n} 条评分：平均值 {mean}，标准差 {sd}，中位数 {median}，范围 {min} 至 {max}",
        "{cycle} · pool of {n} ratings: mean {mean}, sd {sd}, median {median}, range {min} to {max}"
    ],

    // stats: the raters' table, its columns and its notes.
    ColRater => ["評分者", "评分人", "rater"],
    ColName => ["姓名", "姓名", "name"],
    ColN => ["筆數", "条数", "n"],
    ColMean => ["平均", "平均值", "mean"],
    ColSd => ["標準差", "标准差", "sd"],
    ColMeanDiff => ["Δ平均", "Δ平均值", "Δmean"],
    ColCi => ["  95% 信賴區間", "  95% 置信区间", "  95% CI"],
    ColG => ["效果量", "效应量", "g"],
    ColSdRatio => ["標準差比", "标准差比", "sd/P"],
    ColFlags => ["標記", "标记", "flags"],
    ColImplied => ["推估 {grades}", "推算 {grades}", "implied {grades}"],
    ColAllowed => ["配額 {grades}", "配额 {grades}", "allowed {grades}"],
    ColSeverity => ["寬嚴度 ± 標準誤", "宽严度 ± 标准误", "severity ± SE"],
    AloneInPart => ["—（未與他人連結）", "—（未与他人关联）", "— (alone in their part)"],
    NoteColumns => [
        "Δ平均：該評分者的平均減去其他所有評分的平均；95% 信賴區間不假設變異數相等；效果量：以標準差為單位的平均差（小樣本校正）；標準差比：該評分者的標準差 ÷ 全體標準差。",
        "Δ平均值：该评分人的平均值减去其他所有评分的平均值；95% 置信区间不假设方差相等；效应量：以标准差为单位的平均差（小样本校正）；标准差比：该评分人的标准差 ÷ 全部标准差。",
        "Δmean: rater mean minus the mean of all other ratings; 95% CI by Welch; g: Hedges' g; sd/P: sd over pool sd."
    ],
    NoteFlags => [
        "標記：信賴區間不含 0 且 |效果量| ≥ {effect} 時標 {lenient}／{severe}；標準差比 < {narrow} 標 {narrowed}；標準差比 > {wide} 標 {widened}；評分少於 {small} 筆標 {small_sample}。",
        "标记：置信区间不含 0 且 |效应量| ≥ {effect} 时标 {lenient}／{severe}；标准差比 < {narrow} 标 {narrowed}；标准差比 > {wide} 标 {widened}；评分少于 {small} 条标 {small_sample}。",
        "Flags: {lenient} / {severe} when the CI excludes 0 and |g| >= {effect}; {narrowed} when sd/P < {narrow}; {widened} when sd/P > {wide}; {small_sample} below {small} ratings."
    ],
    NoteMix => [
        "推估：依全公司統一切分點，該評分者的等級分布；配額：其部門等級的配額所允許的等級分布（百分比）。",
        "推算：按全公司统一切分点，该评分人的等级分布；配额：其部门等级的配额所允许的等级分布（百分比）。",
        "implied: the rater's grade mix under company-wide cut-offs; allowed: the mix their departments' grades allow (percent)."
    ],

    // A rater's flags (the engine's names in English).
    FlagLenient => ["偏寬", "偏宽", "lenient"],
    FlagSevere => ["偏嚴", "偏严", "severe"],
    FlagNarrow => ["集中", "集中", "narrow"],
    FlagWide => ["分散", "分散", "wide"],
    FlagSmallSample => ["樣本少", "样本少", "small_sample"],

    // stats: how the raters are linked, and the advice to link them.
    Linking => [
        "連結評分：{parts} 個由兩位以上評分者連成的群（最大的有 {largest} 位評分者），{alone} 位評分者未與他人連結；寬嚴度：雙因子模型「分數 = 員工 + 評分者」中的評分者效果（正值為偏寬），殘差自由度 {df}。受兩人以上評分的員工 {employees} 位，評分一致性：ICC(1,1) {icc1}、ICC(2,1) {icc2}、ICC(3,1) {icc3}。{unconverged}",
        "关联评分：{parts} 个由两位以上评分人连成的组（最大的有 {largest} 位评分人），{alone} 位评分人未与他人关联；宽严度：双因素模型“分数 = 员工 + 评分人”中的评分人效应（正值为偏宽），残差自由度 {df}。由两人以上评分的员工 {employees} 名，评分一致性：ICC(1,1) {icc1}、ICC(2,1) {icc2}、ICC(3,1) {icc3}。{unconverged}",
        "Linking: {parts} part(s) of two or more raters (largest {largest} raters), {alone} rater(s) alone; severity: rater effect of the two-way fit score = employee + rater (positive is lenient), residual df {df}. Agreement over {employees} employees rated twice or more: ICC(1,1) {icc1}, ICC(2,1) {icc2}, ICC(3,1) {icc3}.{unconverged}"
    ],
    Unconverged => [
        "以下各群的計算未達收斂標準，數字僅供參考：{parts}。",
        "以下各组的计算未达到收敛标准，数字仅供参考：{parts}。",
        " The solver stopped before its tolerance in part(s) {parts}: read their figures as rough."
    ],
    AdviceNone => ["連結建議：沒有需要連結的群。", "关联建议：没有需要关联的组。", "Linking advice: nothing to join."],
    AdviceHead => [
        "連結建議：以下 {n} 筆交叉評分可把各部分連結到最大的部分：",
        "关联建议：以下 {n} 条交叉评分可把各部分关联到最大的部分：",
        "Linking advice: {n} cross-rating(s) that would join a part to the largest part:"
    ],
    /// One suggestion, also on the live screen's network panel; `rater`
    /// and `employee` are an id and a name, or an id alone.
    Advice => [
        "  {rater} 也應評分 {employee}：將 {part} 連結到 {largest}（{why}）",
        "  {rater} 也应评分 {employee}：将 {part} 关联到 {largest}（{why}）",
        "  {rater} should also rate {employee}: joins {part} to {largest} ({why})"
    ],
    WhySameDepartment => ["同部門", "同部门", "same department"],
    WhySamePool => ["同校準群組", "同校准组", "same pool"],
    WhyAny => ["不限部門", "不限部门", "any"],

    // stats --previous: the raters' track records.
    TrackNone => [
        "上一期（{file}）：沒有可比的評分紀錄（檔案缺少 raters、raw_score、final_score 或 auto_grade 欄位）。",
        "上一期（{file}）：没有可比的评分记录（文件缺少 raters、raw_score、final_score 或 auto_grade 列）。",
        "Previous cycle ({file}): no track record (the file lacks raters, raw_score, final_score or auto_grade)."
    ],
    TrackHead => ["上一期（{file}）：", "上一期（{file}）：", "Previous cycle ({file}):"],
    ColPeople => ["人數", "人数", "people"],
    ColTrackDiff => ["Δ平均", "Δ平均值", "Δmean"],
    ColCorrection => ["校正", "校正", "correction"],
    ColRescored => ["改分", "改分", "rescored"],
    ColOverridden => ["調整等級", "调整等级", "overridden"],
    NoteTrack => [
        "Δ平均：其員工的平均原始分數減去其他所有人的；校正：校準後分數減原始分數的平均；改分：校準後分數不同於原始分數的人數；調整等級：等級不同於依名額分配等級的人數。",
        "Δ平均值：其员工的平均原始分数减去其他所有人的；校正：校准后分数减原始分数的平均值；改分：校准后分数不同于原始分数的人数；调整等级：等级不同于按名额分配等级的人数。",
        "Δmean: their people's mean raw score minus every other person's; correction: mean final minus raw score; rescored: final score not the raw one; overridden: grade not the auto grade."
    ],

    // stats --by: the attribute review.
    ReviewHead => [
        "依屬性「{attribute}」檢視等級（前段等級：{grades}）",
        "按属性“{attribute}”检视等级（前段等级：{grades}）",
        "Attribute review by \"{attribute}\" (top grades: {grades})"
    ],
    ReviewBefore => ["校準前", "校准前", "before"],
    ReviewAfter => ["目前", "当前", "after"],
    ReviewMoved => ["變動", "变动", "moved"],
    ReviewWithheld => ["少於 5 人", "少于 5 人", "fewer than 5"],
    ReviewSide => [
        "人數 {n}  {counts}  前段比例 {top}  影響比 {ratio}{adverse}",
        "人数 {n}  {counts}  前段比例 {top}  影响比 {ratio}{adverse}",
        "n {n}  {counts}  top rate {top}  impact ratio {ratio}{adverse}"
    ],
    ReviewAdverse => ["  未達五分之四", "  未达五分之四", "  adverse impact"],
    ReviewUpDown => ["升 {up}  降 {down}", "升 {up}  降 {down}", "up {up}  down {down}"],
    ReviewChi => [
        "卡方檢定 {side}統計量 {statistic}  自由度 {df}  p {p}{low}",
        "卡方检验 {side}统计量 {statistic}  自由度 {df}  p {p}{low}",
        "chi-square {side}statistic {statistic}  df {df}  p {p}{low}"
    ],
    ReviewLowExpected => ["  （有期望次數低於 5）", "  （有期望频数低于 5）", "  (an expected count is below 5)"],

    // A warning in words (check, export, and the live screen's list).
    Unrated => [
        "員工「{id}」{name} 沒有任何評分：不占名額，也不評定等級",
        "员工“{id}”{name} 没有任何评分：不占名额，也不评定等级",
        "employee \"{id}\" {name} has no rating: unrated, takes no seat and gets no grade"
    ],
    IdsEmployee => ["員工編號", "员工编号", "employee ids"],
    IdsRater => ["評分者編號", "评分人编号", "rater ids"],
    IdsDepartment => ["部門代號", "部门代码", "department ids"],
    LookAlike => [
        "{what}「{first}」與「{second}」看起來相同，其實不同（字元組成方式不同，或含有看不見的字元、文字方向控制字元）：閱讀的人只會看到同一個編號",
        "{what}“{first}”与“{second}”看起来相同，实际上不同（字符组成方式不同，或含有看不见的字符、文字方向控制字符）：阅读的人只会看到同一个编号",
        "{what} \"{first}\" and \"{second}\" look the same but differ (in Unicode normalization, or by invisible or bidi characters): a person reading them sees one id"
    ],
    BonusNotAllocated => [
        "獎金池「{pool}」未分配：每位有等級員工的分配權數（獎金基數 × 等級倍數 × 部門等級倍數）都是 0，因此每人獎金都是 0",
        "奖金池“{pool}”未分配：每名有等级员工的分配权数（奖金基数 × 等级系数 × 部门等级系数）都是 0，因此每人奖金都是 0",
        "the bonus pool \"{pool}\" was not allocated: every graded employee's share (bonus_base x grade multiplier x department grade multiplier) is 0, so every bonus is 0"
    ],
    ManagerMissing => [
        "{who} 應評的 {of} 人中有 {n} 人尚未評分：{ids}{more}",
        "{who} 应评的 {of} 人中有 {n} 人尚未评分：{ids}{more}",
        "{who} has not rated {n} of {of} people: {ids}{more}"
    ],
    AndMore => ["，另有 {n} 人", "，另有 {n} 人", " and {n} more"],
    SmallSample => [
        "評分者「{id}」{name} 只評了 {n} 筆：評分少於 {small} 筆時，統計數字與標準化都不可靠",
        "评分人“{id}”{name} 只评了 {n} 条：评分少于 {small} 条时，统计数字与标准化都不可靠",
        "rater \"{id}\" {name} gave only {n} rating(s): statistics and z-scores on fewer than {small} are unreliable"
    ],
    QuotaTable => [
        "配額表：部門等級「{better}」的 {grade} 等級配額為 {allows}，但較差的部門等級「{worse}」卻有 {worse_allows}",
        "配额表：部门等级“{better}”的 {grade} 等级配额为 {allows}，但较差的部门等级“{worse}”却有 {worse_allows}",
        "quota table: department grade \"{better}\" allows {allows} of grade \"{grade}\" but the worse department grade \"{worse}\" allows {worse_allows}"
    ],
    MixedPool => [
        "校準群組「{group}」內的部門等級不一：{departments}",
        "校准组“{group}”内的部门等级不一致：{departments}",
        "pool \"{group}\" mixes department grades: {departments}"
    ],
    IdWithGrade => ["{id}（{grade}）", "{id}（{grade}）", "{id} ({grade})"],
    ListSeparator => ["、", "、", ", "],
    QuotaViolation => [
        "校準群組「{group}」不符配額：調整等級後 {grade} 等級有 {count} 人，但依配額應為 {filled} 人",
        "校准组“{group}”不符配额：调整等级后 {grade} 等级有 {count} 人，但按配额应为 {filled} 人",
        "quota violation in group \"{group}\": grade \"{grade}\" has {count} after overrides but the quotas gave {filled}"
    ],
    BoundaryTie => [
        "校準群組「{group}」等級分界同分：{who}的校準後分數同為 {score}，等級卻不同",
        "校准组“{group}”等级分界同分：{who}的校准后分数同为 {score}，等级却不同",
        "boundary tie in group \"{group}\": final score {score} is shared by {who} but the grades differ"
    ],

    // A warning without names (the live screen in privacy mode).
    PrivateUnrated => ["未評分：{id}", "未评分：{id}", "unrated: {id}"],
    PrivateSmallSample => ["僅 {n} 筆評分：{id}", "仅 {n} 条评分：{id}", "only {n} ratings: {id}"],
    PrivateQuotaTable => [
        "配額表：部門等級 {better} 的最高等級配額少於 {worse}",
        "配额表：部门等级 {better} 的最高等级配额少于 {worse}",
        "quota table: department grade {better} allows less of the top grade than {worse}"
    ],
    PrivateMixedPool => ["校準群組內部門等級不一：{group}", "校准组内部门等级不一致：{group}", "pool mixes department grades: {group}"],
    PrivateQuotaViolation => ["不符配額：{group} 的 {grade} 等級", "不符配额：{group} 的 {grade} 等级", "quota violated: {group} grade {grade}"],
    PrivateBoundaryTie => [
        "等級分界同分：{group} 第 {start}–{end} 名",
        "等级分界同分：{group} 第 {start}–{end} 名",
        "boundary tie: {group} ranks {start}–{end}"
    ],
    PrivateLookAlike => ["相似的{what}：{first} 與 {second}", "相似的{what}：{first} 与 {second}", "look-alike {what}: {first} and {second}"],
    PrivateBonus => [
        "獎金池未分配：每人的分配權數都是 0",
        "奖金池未分配：每人的分配权数都是 0",
        "bonus pool not allocated: every share is 0"
    ],
    PrivateManager => [
        "主管尚未評完所屬員工：{id}",
        "主管尚未评完所属员工：{id}",
        "manager has not rated all their people: {id}"
    ],

    // The live screen's warnings list.
    ListHead => [
        " 警示 {n} 則，其中 {strict} 則 ✘ 使嚴格匯出失敗",
        " 警示 {n} 条，其中 {strict} 条 ✘ 使严格导出失败",
        " {n} warnings, {strict} fail --strict"
    ],
    ListShown => [
        " · 顯示 {shown} 則{filter} · ⏎ 前往",
        " · 显示 {shown} 条{filter} · ⏎ 前往",
        " · {shown} shown{filter} · ✘ fails --strict · ⏎ go to"
    ],
    ListMatching => [" · 符合「{filter}」", " · 符合“{filter}”", " · matching “{filter}”"],
    ListEmpty => [" 這裡沒有警示。", " 这里没有警示。", " No warnings here."],

    // An agenda item's reasons (the live screen's agenda).
    ReasonQuotaOver => [
        "⚠ {grade}：目前 {count} 人，配額為 {allowed} 人：需從 {grade} 移出 {n} 人（調整等級或取消調整）",
        "⚠ {grade}：当前 {count} 人，配额为 {allowed} 人：需从 {grade} 移出 {n} 人（调整等级或取消调整）",
        "⚠ {grade}: {count} now, the quota fills {allowed}: move {n} out of {grade} (override or clear overrides)"
    ],
    ReasonQuotaUnder => [
        "⚠ {grade}：目前 {count} 人，配額為 {allowed} 人：需再移入 {grade} {n} 人（調整等級或取消調整）",
        "⚠ {grade}：当前 {count} 人，配额为 {allowed} 人：需再移入 {grade} {n} 人（调整等级或取消调整）",
        "⚠ {grade}: {count} now, the quota fills {allowed}: move {n} into {grade} (override or clear overrides)"
    ],
    ReasonTie => [
        "≍ 第 {start}–{end} 名同分且跨越等級分界：請決定名次，或接受同分",
        "≍ 第 {start}–{end} 名同分且跨越等级分界：请决定名次，或接受同分",
        "≍ ranks {start}–{end} tie across a grade line: break the tie or accept it"
    ],
    ReasonFlagged => ["{flags}，共 {n} 筆評分{diff}", "{flags}，共 {n} 条评分{diff}", "{flags} on {n} ratings{diff}"],
    ReasonFlaggedDiff => ["，與他人相差 Δ {diff}", "，与他人相差 Δ {diff}", ", Δ {diff} vs others"],
    ReasonOverridden => [
        "✎ 已調整等級 {auto} → {grade}：請再確認",
        "✎ 已调整等级 {auto} → {grade}：请再确认",
        "✎ overridden {auto} → {grade}: a second look"
    ],
    ReasonBigMover => ["⇅ 等級變動大：上一期為 {previous}", "⇅ 等级变动大：上一期为 {previous}", "⇅ big mover: {previous} last cycle"],
    ReasonNearBoundary => [
        "{grade} 等級分界下的第一人，比分界內最後一人低 {gap}",
        "{grade} 等级分界下的第一人，比分界内最后一人低 {gap}",
        "first below the {grade} line, {gap} under the last one in"
    ],
}

impl Report {
    /// The word for a rater's flag (`lenient`, the engine's name, in English).
    pub fn flag(flag: BiasFlag) -> Report {
        match flag {
            BiasFlag::Lenient => Report::FlagLenient,
            BiasFlag::Severe => Report::FlagSevere,
            BiasFlag::Narrow => Report::FlagNarrow,
            BiasFlag::Wide => Report::FlagWide,
            BiasFlag::SmallSample => Report::FlagSmallSample,
        }
    }

    /// Why linking advice chose a pair (`same department`, the engine's
    /// words, in English).
    pub fn why(why: Why) -> Report {
        match why {
            Why::SameDepartment => Report::WhySameDepartment,
            Why::SamePool => Report::WhySamePool,
            Why::Any => Report::WhyAny,
        }
    }
}
