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
    TabGroups => ["群組與配額", "校准组与配额", "Groups & quotas"],
    TabPeople => ["人員", "人员", "People"],
    TabDecisions => ["決議紀錄", "决议记录", "Decisions"],
    TabAgenda => ["議程", "议程", "Agenda"],
    TabWarnings => ["警示", "警示", "Warnings"],
    TabSummary => ["摘要", "摘要", "Summary"],
    // Where the tab bar is short of room.
    ShortGroups => ["群組", "校准组", "Groups"],
    ShortDecisions => ["紀錄", "记录", "Record"],
    ShortWarnings => ["警示", "警示", "Warn"],
    // The inactive tabs of a narrow tab bar.
    TinyRaters => ["評分", "评分", "Rat"],
    TinyGroups => ["群組", "分组", "Grp"],
    TinyPeople => ["人員", "人员", "Ppl"],
    TinyDecisions => ["紀錄", "记录", "Rec"],
    TinyAgenda => ["議程", "议程", "Agd"],
    TinyWarnings => ["警示", "警示", "Wrn"],
    TinySummary => ["摘要", "摘要", "Sum"],
    FormatXlsx => ["Excel 活頁簿", "Excel 工作簿", "Excel workbook"],

    // The help overlay: one line per key.
    HelpRaterPrevNext => ["選上一位／下一位評分者", "选上一位/下一位评分人", "select the previous / next rater"],
    HelpZScore => ["將所選評分者標準化（對齊全體評分）", "将所选评分人标准化（对齐全体评分）", "z-score the selected rater to the pool"],
    HelpZScoreAll => ["一次將所有評分者標準化", "一次将所有评分人标准化", "z-score every rater at once"],
    HelpQuantile => ["將所選評分者依百分位對應到全體評分", "将所选评分人按分位数映射到全体评分", "quantile-map the selected rater onto the pool"],
    HelpShift => ["所選評分者的分數平移加／減 1 分", "所选评分人的分数平移加/减 1 分", "shift the selected rater's scores up / down one point"],
    HelpStretch => ["所選評分者的分數差距放大／縮小 10%", "所选评分人的分数差距放大/缩小 10%", "stretch / squeeze the selected rater's spread by 10%"],
    HelpReset => ["所選評分者恢復原始分數", "所选评分人恢复原始分数", "reset the selected rater to raw scores"],
    HelpCards => ["移動一排卡片（表格：一列）／一頁", "移动一行卡片（表格：一行）/一页", "move a row of cards (table: a row) / a page"],
    HelpRaterEnds => ["第一位／最後一位評分者", "第一位/最后一位评分人", "first / last rater"],
    HelpRaterSort => ["評分者依編號、偏差或人數排序", "评分人按编号、偏差或人数排序", "sort raters by id, bias or size"],
    HelpTable => ["切換卡片／全部評分者的表格", "切换卡片/全部评分人的表格", "cards / table of every rater"],
    HelpPropose => ["提議依連結評分平移（Enter 接受）", "提议按关联评分平移（Enter 接受）", "propose the linked-ratings offset (Enter accepts it)"],
    HelpProposeAll => ["為每位明顯偏嚴或偏寬的評分者提議平移", "为每位明显偏严或偏宽的评分人提议平移", "propose offsets for every clearly severe or lenient rater"],
    HelpRaterPeople => ["列出該評分者評過的人員", "列出该评分人评过的人员", "list the rater's people"],
    HelpNetwork => ["評分者的連結網路；哪些交叉評分可加強連結", "评分人的关联网络；哪些交叉评分可加强关联", "how raters are linked; cross-ratings that would link more"],
    HelpGroupPrevNext => ["選上一個／下一個校準群組", "选上一个/下一个校准组", "select the previous / next group"],
    HelpDepartment => ["選群組內的部門", "选组内的部门", "select a department within the group"],
    HelpDepartmentGrade => ["調高／調低部門等級（需填理由）", "调高/调低部门等级（需填理由）", "raise / lower the department's grade (asks for a reason)"],
    HelpGroupPage => ["上一頁／下一頁群組", "上一页/下一页校准组", "a page of groups"],
    HelpGroupEnds => ["第一個／最後一個群組", "第一个/最后一个校准组", "first / last group"],
    HelpTableMove => ["在表格中移動", "在表格中移动", "move through the table"],
    HelpRowEnds => ["第一列／最後一列", "第一行/最后一行", "first / last row"],
    HelpPerson => ["為什麼是這個等級：員工明細", "为什么是这个等级：员工明细", "why this grade: the person's detail"],
    HelpPeopleSort => ["依下一欄排序／反向排序", "按下一列排序/反向排序", "sort by the next column / reverse the order"],
    HelpOverride => ["調整等級：升／降一級（需填理由）", "调整等级：升/降一级（需填理由）", "override one grade up / down (asks for a reason)"],
    HelpClearOverride => ["取消所選員工的等級調整", "取消所选员工的等级调整", "clear the selected person's override"],
    HelpRecordMove => ["在決議紀錄中移動", "在决议记录中移动", "move through the record"],
    HelpRecordPage => ["決議紀錄的上一頁／下一頁", "决议记录的上一页/下一页", "a page of the record"],
    HelpRecordEnds => ["最新／最早的決議", "最新/最早的决议", "newest / oldest decision"],
    HelpRevoke => ["撤銷所選決議（需填理由）", "撤回所选决议（需填理由）", "revoke the selected decision (asks for a reason)"],
    HelpMoved => ["這項決議改變了誰的等級", "这项决议改变了谁的等级", "whose grades the decision moved"],
    HelpAgendaMove => ["在議程中移動", "在议程中移动", "move through the agenda"],
    HelpItemEnds => ["第一項／最後一項", "第一项/最后一项", "first / last item"],
    HelpAgendaGo => ["前往該項（評分者、員工或群組）", "前往该项（评分人、员工或校准组）", "go to the item (its rater, person or group)"],
    HelpWarningsMove => ["在警示中移動", "在警示中移动", "move through the warnings"],
    HelpWarningEnds => ["第一則／最後一則警示", "第一条/最后一条警示", "first / last warning"],
    HelpWarningGo => ["前往警示所指的對象", "前往警示所指的对象", "go to what the warning is about"],
    HelpAttribute => ["檢視 org.json 的下一個屬性", "检视 org.json 的下一个属性", "review the next attribute org.json carries"],
    HelpMoversMove => ["在「誰的等級變了」中移動", "在“谁的等级变了”中移动", "move through who moved"],
    HelpMoversEnds => ["「誰的等級變了」的第一列／最後一列", "“谁的等级变了”的第一行/最后一行", "first / last row of who moved"],
    HelpMoversOpen => ["等級變動的人與原因（再按 ⏎：決議紀錄）", "等级变动的人与原因（再按 ⏎：决议记录）", "who moved and the decisions behind (⏎ again: the record)"],
    HelpFind => ["搜尋評分者、員工、部門或群組；邊打邊篩選清單", "搜索评分人、员工、部门或校准组；边输入边筛选列表", "find a rater, person, dept or group; filters lists as typed"],
    HelpFocus => ["所有畫面聚焦於所選群組／回到全公司", "所有界面聚焦于所选校准组/回到全公司", "focus every screen on the selected group / widen back"],
    HelpEsc => ["清除篩選或評分者的名單，再取消聚焦", "清除筛选或评分人的名单，再取消聚焦", "clear a filter or a rater's list, then widen the focus"],
    HelpNextScreen => ["下一個畫面（1-8 依分頁編號直接切換）", "下一个界面（1-8 按标签编号直接切换）", "next screen (1-8 pick one, as numbered in the tab bar)"],
    HelpPrevScreen => ["上一個畫面", "上一个界面", "previous screen"],
    HelpDiscussed => ["所選評分者、員工或群組標為已討論／取消", "所选评分人、员工或校准组标为已讨论/取消", "mark the selected rater, person or group discussed / clear"],
    HelpSignOff => ["簽核本次校準（需填簽核人）；已簽核則重新開啟", "签核本次校准（需填签核人）；已签核则重新开启", "sign the session off (asks who); when signed off, reopen"],
    HelpAnnotate => ["為最後一項決議填寫理由", "为最后一项决议填写理由", "give the last decision a reason"],
    HelpUndo => ["復原最後一項決議（整批一起復原）", "撤销最后一项决议（整批一起撤销）", "undo the last decision (a batch as a whole)"],
    HelpRedo => ["重做剛才復原的決議", "重做刚才撤销的决议", "redo what was undone"],
    HelpBonus => ["獎金池依等級與部門分配：校準前與目前", "奖金池按等级与部门分配：校准前与当前", "the bonus pool by grade and department, before and now"],
    HelpPrivacy => ["隱私模式：只顯示編號，不顯示姓名", "隐私模式：只显示编号，不显示姓名", "privacy: show ids instead of names"],
    HelpExport => ["匯出最終等級（CSV、JSON 或 Excel）", "导出最终等级（CSV、JSON 或 Excel）", "export the final grades (CSV, JSON or Excel)"],
    HelpHelp => ["本說明", "本帮助", "this help"],
    HelpQuit => ["離開（決議都已儲存；若有未儲存的會先詢問）", "退出（决议都已保存；如有未保存的会先询问）", "quit (every decision is already saved; asks if one is not)"],
    // The status line's key hints, a word each.
    HintRater => ["評分者", "评分人", "rater"],
    HintZScore => ["標準化", "标准化", "z-score"],
    HintAll => ["全部", "全部", "all"],
    HintQuantile => ["百分位", "分位数", "quantile"],
    HintShift => ["平移", "平移", "shift"],
    HintStretch => ["伸縮", "伸缩", "stretch"],
    HintReset => ["重設", "重置", "reset"],
    HintTable => ["表格", "表格", "table"],
    HintPeople => ["人員", "人员", "people"],
    HintGroup => ["群組", "校准组", "group"],
    HintDept => ["部門", "部门", "dept"],
    HintDeptGrade => ["部門等級", "部门等级", "dept grade"],
    HintDetail => ["明細", "明细", "detail"],
    HintSort => ["排序", "排序", "sort"],
    HintOverride => ["調整等級", "调整等级", "override"],
    HintClear => ["取消調整", "取消调整", "clear"],
    HintScroll => ["捲動", "滚动", "scroll"],
    HintRevoke => ["撤銷", "撤回", "revoke"],
    HintMoved => ["變動", "变动", "moved"],
    HintItem => ["項目", "项目", "item"],
    HintGoTo => ["前往", "前往", "go to"],
    HintWarning => ["警示", "警示", "warning"],
    HintAttribute => ["屬性", "属性", "attribute"],
    HintRow => ["列", "行", "row"],
    HintFind => ["搜尋", "搜索", "find"],
    HintFocus => ["聚焦", "聚焦", "focus"],
    HintDiscussed => ["已討論", "已讨论", "discussed"],
    HintReason => ["理由", "理由", "reason"],
    HintUndo => ["復原", "撤销", "undo"],
    HintRedo => ["重做", "重做", "redo"],
    HintBonus => ["獎金", "奖金", "bonus"],
    HintExport => ["匯出", "导出", "export"],
    HintHelp => ["說明", "帮助", "help"],

    // The frame: a window too small, the tab bar, the status line.
    TooSmall => ["請放大視窗：calibra 需要 {needs}，目前是 {is}。", "请放大窗口：calibra 需要 {needs}，当前是 {is}。", "Enlarge the window: calibra needs {needs}, this is {is}."],
    FocusAll => ["全公司", "全公司", "all"],
    PrivacyOn => [" ◐ 隱私模式", " ◐ 隐私模式", " ◐ ids only"],
    StatusUnsaved => [" ⚠ 尚未儲存 ", " ⚠ 尚未保存 ", " ⚠ NOT SAVED "],
    StatusSignedOff => ["已由 {by} 簽核", "已由 {by} 签核", "SIGNED OFF by {by}"],
    StatusDecision => ["{n} 項決議", "{n} 项决议", "{n} decision"],
    StatusDecisions => ["{n} 項決議", "{n} 项决议", "{n} decisions"],
    StatusWarning => ["{n} 則警示", "{n} 条警示", "{n} warning"],
    StatusWarnings => ["{n} 則警示", "{n} 条警示", "{n} warnings"],
    StatusSavedIn => ["· 儲存於 {file} ", "· 保存在 {file} ", "· saved in {file} "],
    // No session file (English as it has always read).
    StatusNowhere => ["· 不儲存到檔案 ", "· 不保存到文件 ", "· saved in not saved "],

    // The help overlay around its lines.
    HelpTitle => [" 按鍵：{screen}（按其他鍵關閉） ", " 按键：{screen}（按其他键关闭） ", " Keys: {screen} (any other key closes) "],
    HelpMore => [" ↑↓ 更多：第 {from}–{to} 項，共 {of} 項 ", " ↑↓ 更多：第 {from}–{to} 项，共 {of} 项 ", " ↑↓ more: {from}–{to} of {of} "],
    HelpSaved => [" 每項決議一做出就會儲存。", " 每项决议一做出就会保存。", " Every decision is saved the moment it is made."],
    // The find prompt's hits.
    FindKindRater => ["評分者", "评分人", "rater"],
    FindKindGroup => ["群組", "校准组", "group"],
    FindKindDepartment => ["部門", "部门", "dept"],
    FindKindPerson => ["員工", "员工", "person"],
    FindNoRatings => ["沒有評分", "没有评分", "no ratings"],
    FindGraded => ["{n} 人評定等級", "{n} 人评定等级", "{n} graded"],
    FindInGroup => ["屬於 {group}", "属于 {group}", "in {group}"],
    FindUnrated => ["未評分", "未评分", "unrated"],
    FindFound => ["找到 {n} 筆", "找到 {n} 条", "{n} found"],
    FindFoundBest => ["找到 {n} 筆，顯示最相符的 {shown} 筆", "找到 {n} 条，显示最匹配的 {shown} 条", "{n} found, best {shown} shown"],
    // What a prompt's keys do, under its input.
    FooterExport => ["Enter：寫出 {format} · Tab：改為 {next} · Esc：取消", "Enter：写出 {format} · Tab：改为 {next} · Esc：取消", "Enter: write {format} · Tab: switch to {next} · Esc: cancel"],
    FooterFindFilter => ["Enter：保留篩選 · ↑↓ 再按 Enter：前往所選結果 · Esc：清除", "Enter：保留筛选 · ↑↓ 再按 Enter：前往所选结果 · Esc：清除", "Enter: keep the filter · ↑↓ then Enter: go to a hit · Esc: clear"],
    FooterFind => ["Enter：前往最相符的結果 · ↑↓：選擇 · Esc：取消", "Enter：前往最匹配的结果 · ↑↓：选择 · Esc：取消", "Enter: go to the best hit · ↑↓: choose · Esc: cancel"],
    FooterRefused => ["Enter 或 Esc：關閉", "Enter 或 Esc：关闭", "Enter or Esc: close"],
    FooterProposeAll => ["Enter：整批做成決議（按一次 u 即可復原） · Esc：不採用", "Enter：整批做成决议（按一次 u 即可撤销） · Esc：不采用", "Enter: make them, as one batch (one u undoes it) · Esc: decline"],
    FooterPropose => ["Enter：以此理由接受（可先修改） · Esc：不採用", "Enter：以此理由接受（可先修改） · Esc：不采用", "Enter: accept with this reason (edit it first if you like) · Esc: decline"],
    FooterConfirm => ["Enter：確認 · Esc：取消", "Enter：确认 · Esc：取消", "Enter: confirm · Esc: cancel"],
    // Quitting while decisions are not saved.
    QuitTitle => [" ⚠ 決議尚未儲存 ", " ⚠ 决议尚未保存 ", " ⚠ Decisions are NOT SAVED "],
    QuitLosesOne => [
        " 上次儲存失敗（{why}）。現在離開，紀錄上這 {n} 項決議中未寫入磁碟的部分將會遺失。",
        " 上次保存失败（{why}）。现在退出，记录中这 {n} 项决议里未写入磁盘的部分将会丢失。",
        " The last save failed ({why}). Quitting now loses what is not on disk of the {n} decision on the record."
    ],
    QuitLosesMany => [
        " 上次儲存失敗（{why}）。現在離開，紀錄上這 {n} 項決議中未寫入磁碟的部分將會遺失。",
        " 上次保存失败（{why}）。现在退出，记录中这 {n} 项决议里未写入磁盘的部分将会丢失。",
        " The last save failed ({why}). Quitting now loses what is not on disk of the {n} decisions on the record."
    ],
    QuitRetry => [" 再試一次儲存   ", " 再试一次保存   ", " try the save again   "],
    QuitSaveElsewhere => [" 另存到其他檔案   ", " 另存到其他文件   ", " save to another file   "],
    QuitAnyway => [" 離開並放棄未儲存的決議   ", " 退出并放弃未保存的决议   ", " quit and lose them   "],
    QuitStay => [" 留下", " 留下", " stay"],

    // What the status line says after a key.
    ReadOnlyRefused => [
        "唯讀：這個畫面只能檢視（不加 --read-only 重新開啟才能做決議）",
        "只读：这个界面只能查看（不加 --read-only 重新打开才能做决议）",
        "Read-only: this screen only looks (reopen without --read-only to decide)"
    ],
    SignedOffRefused => [
        "已由 {by} 簽核：本次校準已結束（按 O 並填理由可重新開啟）",
        "已由 {by} 签核：本次校准已结束（按 O 并填写理由可重新开启）",
        "Signed off by {by}: the session is closed (O reopens it, with a reason)"
    ],
    PrivacySaidOn => ["隱私模式開啟：只顯示編號，不顯示姓名", "隐私模式开启：只显示编号，不显示姓名", "Privacy on: ids instead of names"],
    PrivacySaidOff => ["隱私模式關閉：顯示姓名", "隐私模式关闭：显示姓名", "Privacy off: names shown"],
    NothingToUndo => ["沒有可復原的決議", "没有可撤销的决议", "Nothing to undo"],
    NothingToRedo => ["沒有可重做的決議", "没有可重做的决议", "Nothing to redo"],
    Redone => ["已重做", "已重做", "Redone"],
    UndoneOne => ["已復原：{what}", "已撤销：{what}", "Undone: {what}"],
    UndoneMany => ["已復原 {n} 項決議（{what} …）", "已撤销 {n} 项决议（{what} …）", "Undone {n} decisions ({what} …)"],
    NotApplied => ["未套用：{why}", "未应用：{why}", "Not applied: {why}"],
    RecordedNoMoves => ["{summary}（已記錄；等級沒有變動）", "{summary}（已记录；等级没有变动）", "{summary} (recorded; no grade moves)"],
    GradeMoved => ["{summary}：{n} 人等級變動", "{summary}：{n} 人等级变动", "{summary}: {n} grade moved"],
    GradesMoved => ["{summary}：{n} 人等級變動", "{summary}：{n} 人等级变动", "{summary}: {n} grades moved"],
    SavedAgain => ["已儲存：所有決議都已寫入 {path}", "已保存：所有决议都已写入 {path}", "Saved: every decision is on disk in {path}"],
    NotSaved => ["未能儲存到 {path}（決議仍保留在記憶體中）：{err}", "未能保存到 {path}（决议仍保留在内存中）：{err}", "NOT SAVED to {path} (the decision is kept in memory): {err}"],
    NotQuitting => ["沒有離開：決議都還在，但尚未儲存", "没有退出：决议都还在，但尚未保存", "Not quitting: the decisions are still here, NOT SAVED"],
    PressAgain => [
        "剛才有按鍵被拒絕，這個鍵可能是在打字：要執行請再按一次",
        "刚才有按键被拒绝，这个键可能是在打字：要执行请再按一次",
        "A key was just refused, so this one may be part of a sentence: press it again to go ahead"
    ],
    // The questions prompts ask.
    AskReopen => ["重新開啟已簽核的校準 — 理由（必填）：", "重新开启已签核的校准 — 理由（必填）：", "Reopen the signed-off session — reason (required):"],
    AskSignOff => [
        "簽核本次校準：簽核後即為唯讀，直到重新開啟。簽核人：",
        "签核本次校准：签核后即为只读，直到重新开启。签核人：",
        "Sign the session off: after this it is read-only until reopened. Signed by:"
    ],
    AskExport => ["匯出最終等級到（Tab：CSV / JSON / Excel）：", "导出最终等级到（Tab：CSV / JSON / Excel）：", "Export final grades to (Tab: CSV / JSON / Excel):"],
    NoDecisionToAnnotate => ["還沒有可以填寫理由的決議", "还没有可以填写理由的决议", "No decision to give a reason to yet"],
    AskReasonFor => ["理由：{change}", "理由：{change}", "Reason for: {change}"],
    SelectToDiscuss => ["請先選一位評分者、一位員工或一個群組，再標為已討論", "请先选一位评分人、一名员工或一个校准组，再标为已讨论", "Select a rater, a person or a group to mark it discussed"],
    AskDiscussed => ["{item}：已討論。附註（選填）：", "{item}：已讨论。备注（选填）：", "{item}: discussed. Note (optional):"],
    AskSaveAs => ["將本次校準（所有決議）儲存到：", "将本次校准（所有决议）保存到：", "Save the session (every decision) to:"],

    // Typing into a prompt, and submitting it.
    Refused => ["{why} — 按 Enter 或 Esc 關閉；在這裡輸入不會有作用", "{why} — 按 Enter 或 Esc 关闭；在这里输入不会有作用", "{why} — Enter or Esc closes; typing here does nothing"],
    PromptTooLong => ["輸入最多 {n} 個字元", "输入最多 {n} 个字符", "A prompt takes at most {n} characters"],
    Cancelled => ["已取消", "已取消", "Cancelled"],
    NeedSigner => ["請輸入簽核人，或按 Esc", "请输入签核人，或按 Esc", "Type who signs the session off, or Esc"],
    SignedOff => ["已簽核", "已签核", "Signed off"],
    NeedReopenReason => ["重新開啟需要理由：請輸入，或按 Esc", "重新开启需要理由：请输入，或按 Esc", "Reopening needs a reason: type one, or Esc"],
    Reopened => ["已重新開啟", "已重新开启", "Reopened"],
    NeedSavePath => ["請輸入要儲存的路徑，或按 Esc", "请输入要保存的路径，或按 Esc", "Type a path to save the session to, or Esc"],
    AcceptedOffsets => ["已接受 {n} 項連結評分的平移", "已接受 {n} 项关联评分的平移", "Accepted {n} linked-ratings offsets"],
    NeedProposalReason => ["提議需要理由：保留預填的理由，或按 Esc", "提议需要理由：保留预填的理由，或按 Esc", "A proposal needs a reason: keep the one given, or Esc"],
    Accepted => ["已接受：{change}", "已接受：{change}", "Accepted: {change}"],
    NeedOverrideReason => ["調整等級需要理由：請輸入，或按 Esc 取消", "调整等级需要理由：请输入，或按 Esc 取消", "An override needs a reason: type one, or Esc to cancel"],
    NeedRevokeReason => ["撤銷決議需要理由：請輸入，或按 Esc 取消", "撤回决议需要理由：请输入，或按 Esc 取消", "Revoking a decision needs a reason: type one, or Esc to cancel"],
    Revoked => ["已撤銷第 {n} 項決議", "已撤回第 {n} 项决议", "Revoked decision {n}"],
    ReasonRecorded => ["已記錄理由", "已记录理由", "Reason recorded"],
    NoDecisionToAmend => ["沒有可以填寫理由的決議", "没有可以填写理由的决议", "There is no decision to give a reason to"],
    ReasonCannotBeBlank => ["調整等級必須保留理由：不能空白", "调整等级必须保留理由：不能为空", "An override keeps its reason: it cannot be blank"],
    ExportNoPath => ["已取消匯出：沒有路徑", "已取消导出：没有路径", "Export cancelled: no path"],

    // Getting around: focus, find, the bonus panel.
    Widened => ["已從 {group} 回到全公司", "已从 {group} 回到全公司", "Widened from {group} to the whole company"],
    SelectToFocus => ["請先選一位評分者、一位員工或一個群組，再聚焦於其群組", "请先选一位评分人、一名员工或一个校准组，再聚焦于其校准组", "Select a rater, a person or a group to focus on its group"],
    Focused => [
        "聚焦於 {group}：{raters} 位評分者、{people} 位員工（按 f 或 Esc 回到全公司）",
        "聚焦于 {group}：{raters} 位评分人、{people} 名员工（按 f 或 Esc 回到全公司）",
        "Focus on {group}: {raters} raters, {people} people (f or Esc widens)"
    ],
    ShowingEveryone => ["顯示所有人員", "显示所有人员", "Showing everyone"],
    NoBonusPolicy => ["policy.json 沒有設定獎金：無可分配", "policy.json 没有设置奖金：无可分配", "policy.json has no bonus: nothing to allocate"],
    NoBonus => ["無法計算獎金：{why}", "无法计算奖金：{why}", "No bonus: {why}"],
    AskFindPeople => ["搜尋（邊打邊篩選人員）：", "搜索（边输入边筛选人员）：", "Find (filters the people as you type):"],
    AskFindWarnings => ["搜尋（邊打邊篩選警示）：", "搜索（边输入边筛选警示）：", "Find (filters the warnings as you type):"],
    AskFind => ["搜尋評分者、員工、部門或群組：", "搜索评分人、员工、部门或校准组：", "Find a rater, person, department or group:"],
    NothingFound => ["找不到符合的結果", "没有找到匹配的结果", "Nothing found"],
    NoRatings => ["{rater} 沒有任何評分", "{rater} 没有任何评分", "{rater} has no ratings"],
    NothingToGoTo => ["這則警示是針對整份輸入資料：沒有可前往的對象", "这条警示针对的是整份输入数据：没有可前往的对象", "This warning is about the input as a whole: there is nothing to go to"],
    NoDecisionToRevoke => ["還沒有可撤銷的決議", "还没有可撤回的决议", "No decision to revoke yet"],
    AskRevoke => ["撤銷第 {n} 項決議（{change}）— 理由（必填）：", "撤回第 {n} 项决议（{change}）— 理由（必填）：", "Revoke decision {n} ({change}) — reason (required):"],

    // Exporting.
    NotExported => ["未匯出：{why}", "未导出：{why}", "Not exported: {why}"],
    Exported => ["已匯出 {n} 位員工到 {path}", "已导出 {n} 名员工到 {path}", "Exported {n} employees to {path}"],
    ExportFailed => ["匯出失敗，未寫入任何內容：{path}：{err}", "导出失败，未写入任何内容：{path}：{err}", "Export failed, nothing written: {path}: {err}"],

    // The agenda.
    AgendaCompany => ["全公司", "全公司", "the company"],
    AgendaFor => [" {scope}的議程：", " {scope}的议程：", " Agenda for {scope}: "],
    AgendaProgress => ["已討論 {done} 項，共 {total} 項 ", "已讨论 {done} 项，共 {total} 项 ", "{done} of {total} discussed "],
    AgendaLegend => [
        " 最急的在前：配額不符與同分、被標記的評分者（n ≥ 5）、調整等級、接近等級線的人。d 已討論 · ⏎ 前往",
        " 最急的在前：配额不符与同分、被标记的评分人（n ≥ 5）、调整等级、接近等级线的人。d 已讨论 · ⏎ 前往",
        " Most urgent first: quota violations and ties, flagged raters (n ≥ 5), overrides, people at a grade line. d: discussed (note) · ⏎: go to"
    ],
    AgendaNothing => [" 這裡沒有需要討論的項目。", " 这里没有需要讨论的事项。", " Nothing to discuss here."],
    AgendaKind => ["類別", "类别", "kind"],
    AgendaWho => ["對象", "对象", "who"],
    AgendaWhy => ["原因", "原因", "why"],
    AgendaCorrected => ["已校正：{transform}", "已校正：{transform}", "corrected: {transform}"],
    ReasonsJoin => ["；", "；", "; "],
    AgendaNote => ["{why} — 附註：{note}", "{why} — 备注：{note}", "{why} — note: {note}"],

    // The record of decisions.
    RecordTitle => [
        " 決議紀錄：共 {n} 項，最新的在前（u 復原 · x 撤銷 · r 理由） ",
        " 决议记录：共 {n} 项，最新的在前（u 撤销 · x 撤回 · r 理由） ",
        " Decisions: {n} on the record, newest first (u undo · x revoke · r reason) "
    ],
    RecordEmpty => [
        " 還沒有決議。可調整評分者（畫面 1）、部門等級（2）或員工（3）。",
        " 还没有决议。可调整评分人（界面 1）、部门等级（2）或员工（3）。",
        " No decisions yet. Adjust a rater (screen 1), a department grade (2) or a person (3)."
    ],
    RecordTime => ["時間", "时间", "time"],
    RecordBy => ["決議人", "决议人", "by"],
    RecordDecision => ["決議", "决议", "decision"],
    RecordMoved => ["等級變動", "等级变动", "moved"],
    RecordReason => ["理由", "理由", "reason"],
    RecordBatch => ["同批 #{start}", "同批 #{start}", "batch #{start}"],
    RecordGrade => ["{n} 人", "{n} 人", "{n} grade"],
    RecordGrades => ["{n} 人", "{n} 人", "{n} grades"],
    RecordRevokes => ["（撤銷 #{n}）", "（撤回 #{n}）", " (revokes #{n})"],
    RecordReasonLine => [" 理由：{reason}", " 理由：{reason}", " reason: {reason}"],
    RecordHidden => ["（已隱藏）", "（已隐藏）", "(hidden)"],

    // The progress screen while a session opens.
    PhaseReading => ["讀取並檢查資料夾", "读取并检查文件夹", "reading the folder and checking it"],
    PhaseReplaying => ["重新套用本次校準的決議", "重新应用本次校准的决议", "replaying the session's decisions"],
    PhasePreparing => ["計算各畫面的數據", "计算各界面的数据", "computing the figures of every screen"],
    LoadingDemo => ["內建示範資料", "内置演示数据", "the built-in demo"],
    LoadingOpening => [" 正在開啟 {what}", " 正在打开 {what}", " Opening {what}"],
    LoadingElapsed => [" {bar} {seconds} 秒 · q 離開", " {bar} {seconds} 秒 · q 退出", " {bar} {seconds} s · q leaves"],

    // Opening a session: the notices the screen opens with, and why
    // nothing was opened (on the terminal after it is given back).
    ResumedOne => ["已接續本次校準：從 {path} 重新套用 {n} 項決議", "已继续本次校准：从 {path} 重新应用 {n} 项决议", "Resumed the session: {n} decision replayed from {path}"],
    ResumedMany => ["已接續本次校準：從 {path} 重新套用 {n} 項決議", "已继续本次校准：从 {path} 重新应用 {n} 项决议", "Resumed the session: {n} decisions replayed from {path}"],
    NoDataDirectory => [
        "沒有資料目錄：決議不會儲存（請用 --session 檔案）",
        "没有数据目录：决议不会保存（请用 --session 文件）",
        "No data directory: decisions are not saved (use --session FILE)"
    ],
    FingerprintUnread => [
        "{notice}；無法讀取輸入資料的指紋（{why}），已重新建立",
        "{notice}；无法读取输入数据的指纹（{why}），已重新生成",
        "{notice}; the input fingerprint could not be read ({why}) and was taken anew"
    ],
    FingerprintNotSaved => ["輸入資料的指紋未儲存：{err}", "输入数据的指纹未保存：{err}", "The input fingerprint was NOT SAVED: {err}"],
    ReadOnlyNotice => [
        "唯讀：可以檢視、排序和匯出；不接受決議，也不會儲存任何內容",
        "只读：可以查看、排序和导出；不接受决议，也不会保存任何内容",
        "Read-only: you can look, sort and export; decisions are refused and nothing is saved"
    ],
    ReadOnlyStaleOne => [
        "calibra：本次校準有 {n} 項決議已不適用於輸入資料；請不加 --read-only 開啟以檢視。",
        "calibra：本次校准有 {n} 项决议已不适用于输入数据；请不加 --read-only 打开以查看。",
        "calibra: {n} decision of the session no longer applies to the input; open it without --read-only to review it."
    ],
    ReadOnlyStaleMany => [
        "calibra：本次校準有 {n} 項決議已不適用於輸入資料；請不加 --read-only 開啟以檢視。",
        "calibra：本次校准有 {n} 项决议已不适用于输入数据；请不加 --read-only 打开以查看。",
        "calibra: {n} decisions of the session no longer apply to the input; open it without --read-only to review them."
    ],
    NothingOpened => ["calibra：{n} 個錯誤，未開啟任何內容。", "calibra：{n} 个错误，未打开任何内容。", "calibra: {n} error(s); nothing was opened."],
    LeftChanged => ["本次校準開始後，輸入資料有了變動", "本次校准开始后，输入数据有了变动", "the input changed since the session began"],
    LeftStaleOne => ["{n} 項決議已不適用於輸入資料", "{n} 项决议已不适用于输入数据", "{n} decision no longer applies to the input"],
    LeftStaleMany => ["{n} 項決議已不適用於輸入資料", "{n} 项决议已不适用于输入数据", "{n} decisions no longer apply to the input"],
    LeftAsItIs => ["calibra：{what}；未開啟本次校準，檔案保持原樣。", "calibra：{what}；未打开本次校准，文件保持原样。", "calibra: {what}; the session was not opened and is left as it is."],
    LeftAsItIsAt => ["calibra：{what}；未開啟本次校準，檔案保持原樣（{path}）。", "calibra：{what}；未打开本次校准，文件保持原样（{path}）。", "calibra: {what}; the session was not opened and is left as it is ({path})."],

    // The review of a changed input, before the session opens.
    StaleNoFile => ["未儲存", "未保存", "(not saved)"],
    StaleTitle => [" calibra · 本次校準開始後，輸入資料有了變動", " calibra · 本次校准开始后，输入数据有了变动", " calibra · the input changed under this session"],
    StaleSession => [" 校準檔案：{session}（{decisions}） · 輸入：{input}", " 校准文件：{session}（{decisions}） · 输入：{input}", " Session: {session} ({decisions}) · Input: {input}"],
    StaleDecision => ["{n} 項決議", "{n} 项决议", "{n} decision"],
    StaleDecisions => ["{n} 項決議", "{n} 项决议", "{n} decisions"],
    StaleChanged => [" 校準開始（{since}）後，輸入資料的變動：", " 校准开始（{since}）后，输入数据的变动：", " What changed in the input since the session began ({since}):"],
    StaleSame => [" 輸入資料與校準開始時相同。", " 输入数据与校准开始时相同。", " The input is the same as when the session began."],
    StaleNoFingerprint => [
        " 沒有保留校準開始時輸入資料的指紋，因此無法列出變動。",
        " 没有保留校准开始时输入数据的指纹，因此无法列出变动。",
        " No fingerprint of the input this session began on was kept, so what changed cannot be listed."
    ],
    StaleRenamedOne => [
        " {n} 項決議涉及校準開始後改了姓名的員工；在您確認前不會套用（k 保留、d 捨棄）：",
        " {n} 项决议涉及校准开始后改了姓名的员工；在您确认前不会应用（k 保留、d 舍弃）：",
        " {n} decision is about people whose name changed since the session began; it does not apply until you say so (k keeps, d drops):"
    ],
    StaleRenamedMany => [
        " {n} 項決議涉及校準開始後改了姓名的員工；在您確認前不會套用（k 保留、d 捨棄）：",
        " {n} 项决议涉及校准开始后改了姓名的员工；在您确认前不会应用（k 保留、d 舍弃）：",
        " {n} decisions are about people whose name changed since the session began; they do not apply until you say so (k keeps, d drops):"
    ],
    StaleAllApply => [
        " 所有決議仍然適用。按 Enter 以目前的輸入資料繼續。",
        " 所有决议仍然适用。按 Enter 以当前的输入数据继续。",
        " Every decision still applies. Enter goes on with the input as it is now."
    ],
    StaleListOne => [
        " {n} 項決議不再適用於目前的輸入資料，因此不會套用：",
        " {n} 项决议不再适用于当前的输入数据，因此不会应用：",
        " {n} decision no longer applies to the input as it is now, so it is not applied:"
    ],
    StaleListMany => [
        " {n} 項決議不再適用於目前的輸入資料，因此不會套用：",
        " {n} 项决议不再适用于当前的输入数据，因此不会应用：",
        " {n} decisions no longer apply to the input as it is now, so they are not applied:"
    ],
    StaleLine => ["第 {line} 行", "第 {line} 行", "line {line}"],
    StaleReason => ["  理由：「{reason}」", "  理由：“{reason}”", "  reason: “{reason}”"],
    StaleDropOne => [
        " 要捨棄 {n} 項決議嗎？會先把目前的校準檔案另存一份副本。 ",
        " 要舍弃 {n} 项决议吗？会先把当前的校准文件另存一份副本。 ",
        " Drop {n} decision? The session as it is now is kept as a copy first. "
    ],
    StaleDropMany => [
        " 要捨棄 {n} 項決議嗎？會先把目前的校準檔案另存一份副本。 ",
        " 要舍弃 {n} 项决议吗？会先把当前的校准文件另存一份副本。 ",
        " Drop {n} decisions? The session as it is now is kept as a copy first. "
    ],
    StaleYes => [" 捨棄  ", " 舍弃  ", " drop  "],
    StaleNo => [" 保留 ", " 保留 ", " keep them "],
    StaleKeyDropIt => [" 捨棄這項 ", " 舍弃这项 ", " drop it "],
    StaleKeyDropThese => [" 捨棄這些 ", " 舍弃这些 ", " drop these "],
    StaleKeyDropThem => [" 捨棄 ", " 舍弃 ", " drop them "],
    StaleKeyKeep => [" 保留：是同一批人 ", " 保留：是同一批人 ", " keep them: the same people "],
    StaleKeyScroll => [" 捲動 ", " 滚动 ", " scroll "],
    StaleKeyQuit => [" 離開 ", " 退出 ", " quit "],
    StaleKeyQuitAsIs => [" 離開，校準檔案保持原樣 ", " 退出，校准文件保持原样 ", " quit, leaving the session as it is "],
    StaleKeyGoOn => [" 繼續 ", " 继续 ", " go on "],

    StaleWhat => ["{kind}：{change}", "{kind}：{change}", "{kind}: {change}"],
    GateNothingToDrop => ["沒有需要捨棄的決議：按 Enter 繼續", "没有需要舍弃的决议：按 Enter 继续", "No decision needs dropping: Enter goes on"],
    GateStaleOne => ["{n} 項決議不再適用：d 捨棄，q 離開", "{n} 项决议不再适用：d 舍弃，q 退出", "{n} decision no longer applies: d drops it, q quits"],
    GateStaleMany => ["{n} 項決議不再適用：d 捨棄，q 離開", "{n} 项决议不再适用：d 舍弃，q 退出", "{n} decisions no longer apply: d drops them, q quits"],
    GateRenamedOne => [
        "{n} 項決議涉及改了姓名的員工：k 保留（是同一批人），d 捨棄，q 離開",
        "{n} 项决议涉及改了姓名的员工：k 保留（是同一批人），d 舍弃，q 退出",
        "{n} decision is about people whose name changed: k keeps it (the same people), d drops it, q quits"
    ],
    GateRenamedMany => [
        "{n} 項決議涉及改了姓名的員工：k 保留（是同一批人），d 捨棄，q 離開",
        "{n} 项决议涉及改了姓名的员工：k 保留（是同一批人），d 舍弃，q 退出",
        "{n} decisions are about people whose name changed: k keeps them (the same people), d drops them, q quits"
    ],
    // A decision's kind (in English, the session file's word for it).
    KindRaterScale => ["評分尺度", "评分尺度", "rater_scale"],
    KindDepartmentGrade => ["部門等級", "部门等级", "department_grade"],
    KindOverride => ["調整等級", "调整等级", "override"],
    KindClearOverride => ["取消等級調整", "取消等级调整", "clear_override"],
    KindDiscussed => ["已討論", "已讨论", "discussed"],
    KindClearDiscussed => ["取消已討論", "取消已讨论", "clear_discussed"],
    KindSignOff => ["簽核", "签核", "sign_off"],
    KindReopen => ["重新開啟", "重新开启", "reopen"],
}
