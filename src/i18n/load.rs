//! What calibra says about the input folder, a previous export and the
//! decisions file: the errors and warnings of loading them (see
//! `engine::diagnostic::Said`, which keeps a message and its values).
//!
//! Field names, column names, file names and the words of the JSON files
//! (`"bonus_base"`, `rater_scale`) are what the user types: they stay as
//! they are in every language.

super::table! {
    /// An error or warning about the input or the decisions.
    Load;

    // Where, inside a sentence, and at the start of a diagnostic's line.
    PlaceLine => ["{file} 第 {line} 行", "{file} 第 {line} 行", "{file} line {line}"],
    PlaceSheet => ["{file} 工作表「{sheet}」", "{file} 工作表“{sheet}”", "{file} sheet \"{sheet}\""],
    PlaceCell => [
        "{file} 工作表「{sheet}」儲存格 {cell}",
        "{file} 工作表“{sheet}”单元格 {cell}",
        "{file} sheet \"{sheet}\" cell {cell}"
    ],
    AtSheet => ["{file}：工作表「{sheet}」", "{file}：工作表“{sheet}”", "{file}: sheet \"{sheet}\""],
    AtCell => [
        "{file}：工作表「{sheet}」儲存格 {cell}",
        "{file}：工作表“{sheet}”单元格 {cell}",
        "{file}: sheet \"{sheet}\" cell {cell}"
    ],

    // Reading files.
    Utf16 => [
        "這個檔案是 UTF-16 文字（開頭是 UTF-16 位元組順序標記）：請另存為 UTF-8 後再試一次",
        "该文件是 UTF-16 文本（开头是 UTF-16 字节顺序标记）：请另存为 UTF-8 后重试",
        "the file is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8 and try again"
    ],
    NulByte => [
        "檔案中有 NUL 位元組，文字檔不會有這種內容（是 UTF-16 嗎？請另存為 UTF-8）",
        "文件中有 NUL 字节，文本文件不会有这种内容（是 UTF-16 吗？请另存为 UTF-8）",
        "the file contains a NUL byte, which text never does (is it UTF-16? save it as UTF-8)"
    ],
    NotUtf8 => [
        "這個檔案不是 UTF-8 文字（請另存為 UTF-8 後再試一次）",
        "该文件不是 UTF-8 文本（请另存为 UTF-8 后重试）",
        "the file is not UTF-8 text (save it as UTF-8 and try again)"
    ],
    IoDanglingLink => [
        "它是一個符號連結，指向不存在的東西",
        "它是一个符号链接，指向不存在的对象",
        "it is a symbolic link to something that does not exist"
    ],
    IoFolder => ["它是資料夾，不是檔案", "它是文件夹，不是文件", "it is a folder, not a file"],
    IoNotRegular => [
        "它不是一般檔案（是管道、通訊端或裝置？）：calibra 只讀取一般檔案",
        "它不是普通文件（是管道、套接字或设备？）：calibra 只读取普通文件",
        "it is not a regular file (a pipe, socket or device?): calibra reads only regular files"
    ],
    IoTooLarge => [
        "檔案大於 {mib} MiB，超過 calibra 對這個檔案的讀取上限",
        "文件大于 {mib} MiB，超过 calibra 对该文件的读取上限",
        "it is larger than {mib} MiB, more than calibra reads for this file"
    ],
    IoNotFound => ["檔案不存在", "文件不存在", "it does not exist"],
    IoPermission => ["沒有權限", "没有权限", "permission denied"],
    CannotRead => ["無法讀取檔案：{why}", "无法读取文件：{why}", "cannot read the file: {why}"],
    NoSuchFolder => [
        "找不到這個資料夾（輸入資料夾內應有 policy.json、org.json 和 submissions/）",
        "找不到该文件夹（输入文件夹中应有 policy.json、org.json 和 submissions/）",
        "no such folder (an input folder holds policy.json, org.json and submissions/)"
    ],
    CannotOpenSubmissions => [
        "無法開啟 submissions 資料夾：{why}",
        "无法打开 submissions 文件夹：{why}",
        "cannot open the submissions folder: {why}"
    ],
    LockFile => [
        "試算表程式的鎖定檔（該活頁簿正在某處開啟）；已略過",
        "电子表格程序的锁定文件（该工作簿正在某处打开）；已忽略",
        "a spreadsheet program's lock file (the workbook is open somewhere); ignored"
    ],
    NotASubmission => [
        "不是 .json 或 .csv 檔案；已略過（試算表請存成 .xlsx、.xlsm、.xls 或 .ods）",
        "不是 .json 或 .csv 文件；已忽略（电子表格请保存为 .xlsx、.xlsm、.xls 或 .ods）",
        "not a .json or .csv file; ignored (spreadsheets are read as .xlsx, .xlsm, .xls or .ods)"
    ],
    ReaderFailed => [
        "calibra 讀取評分表時發生內部錯誤（請回報這個問題）",
        "calibra 读取评分表时发生内部错误（请反馈此问题）",
        "calibra failed while reading the submissions (please report this)"
    ],
    Incomplete => ["輸入資料夾不完整", "输入文件夹不完整", "the input folder is incomplete"],

    // JSON.
    MissingField => ["缺少必填欄位 {field}", "缺少必填字段 {field}", "missing required field {field}"],
    FieldTwice => ["欄位 {field} 重複出現", "字段 {field} 重复出现", "field {field} is given twice"],
    WrongType => ["型別不符：{found}", "类型不符：{found}", "wrong type: found {found}"],
    WrongTypeObject => [
        "型別不符：這裡是{found}，應為物件",
        "类型不符：这里是{found}，应为对象",
        "wrong type: found {found}, expected an object"
    ],
    KindBoolean => ["布林值", "布尔值", "a boolean"],
    KindNull => ["null（空值）", "null（空值）", "null"],
    KindList => ["陣列", "数组", "a list"],
    KindObject => ["物件", "对象", "an object"],
    KindString => ["字串", "字符串", "a string"],
    KindNumber => ["數字", "数字", "a number"],
    EndsEarly => ["檔案提前結束（{why}）", "文件提前结束（{why}）", "the file ends too early ({why})"],
    NotJson => ["不是有效的 JSON：{why}", "不是有效的 JSON：{why}", "not valid JSON: {why}"],
    NotADecimal => [
        "「{text}」不是數字（請寫成像 82.5 這樣，用小數點、不加空格）",
        "“{text}”不是数字（请写成 82.5 这样的格式，使用小数点，不加空格）",
        "\"{text}\" is not a decimal number (write it like 82.5, with a dot and no spaces)"
    ],
    TooManyDigits => [
        "「{text}」的位數超過 calibra 能精確保存的上限（28 位有效數字）",
        "“{text}”的位数超过 calibra 能精确保存的上限（28 位有效数字）",
        "\"{text}\" has more digits than calibra can hold exactly (28 significant digits)"
    ],

    // org.json.
    DepartmentIdBlank => ["部門 id 是空白的", "部门 id 为空", "a department id is blank"],
    DepartmentGradeUnknown => [
        "部門「{id}」的等級為「{grade}」，不是 policy.json 中的部門等級（{grades}）",
        "部门“{id}”的等级为“{grade}”，不是 policy.json 中的部门等级（{grades}）",
        "department \"{id}\" has grade \"{grade}\", which is not one of the policy's department grades ({grades})"
    ],
    PoolBlank => [
        "校準群組的 id 是空白的（不需要時請直接省略 \"pool\"）",
        "校准组的 id 为空（不需要时请直接省略 \"pool\"）",
        "a pool id is blank (leave \"pool\" out instead)"
    ],
    DepartmentTwice => [
        "部門「{id}」重複列出（第一次在第 {line} 行）",
        "部门“{id}”重复列出（首次出现在第 {line} 行）",
        "department \"{id}\" is listed twice (first at line {line})"
    ],
    EmployeeIdBlank => ["員工 id 是空白的", "员工 id 为空", "an employee id is blank"],
    EmployeeDepartmentUnknown => [
        "員工「{id}」屬於部門「{department}」，但 \"departments\" 中沒有這個部門",
        "员工“{id}”属于部门“{department}”，但 \"departments\" 中没有这个部门",
        "employee \"{id}\" is in department \"{department}\", which is not in \"departments\""
    ],
    AttributeTwice => [
        "員工「{id}」的屬性「{key}」出現兩次：請只保留一個",
        "员工“{id}”的属性“{key}”出现两次：请只保留一个",
        "employee \"{id}\" has attribute \"{key}\" twice: keep one"
    ],
    BonusBaseNegative => [
        "員工「{id}」的 \"bonus_base\" 為「{value}」：必須是 0 或以上",
        "员工“{id}”的 \"bonus_base\" 为“{value}”：必须大于或等于 0",
        "employee \"{id}\" has \"bonus_base\" \"{value}\": it must be 0 or more"
    ],
    ManagerBlank => [
        "員工「{id}」的 \"manager\" 是空白的（請填入應為其評分的評分者 id，或省略 \"manager\"）",
        "员工“{id}”的 \"manager\" 为空（请填写应为其评分的评分人 id，或省略 \"manager\"）",
        "employee \"{id}\" has a blank \"manager\" (give the rater id of the person expected to rate them, or leave \"manager\" out)"
    ],
    EmployeeTwice => [
        "員工「{id}」重複列出（第一次在第 {line} 行）",
        "员工“{id}”重复列出（首次出现在第 {line} 行）",
        "employee \"{id}\" is listed twice (first at line {line})"
    ],
    PoolClash => [
        "部門「{department}」的校準群組「{pool}」與第 {line} 行的部門「{other}」同名，但該部門不在這個群組中：請為群組改名",
        "部门“{department}”的校准组“{pool}”与第 {line} 行的部门“{other}”同名，但该部门不在这个校准组中：请重命名校准组",
        "pool \"{pool}\" of department \"{department}\" has the same id as department \"{other}\" at line {line}, which is not in that pool: rename the pool"
    ],

    // policy.json.
    DepartmentGradesEmpty => [
        "\"department_grades\" 是空的：請至少列出一個部門等級",
        "\"department_grades\" 为空：请至少列出一个部门等级",
        "\"department_grades\" is empty: list at least one department grade"
    ],
    DepartmentGradesTooMany => [
        "\"department_grades\" 列了 {n} 個等級：calibra 最多接受 {max} 個",
        "\"department_grades\" 列了 {n} 个等级：calibra 最多接受 {max} 个",
        "\"department_grades\" lists {n} grades: calibra accepts at most {max}"
    ],
    DepartmentGradeBlank => ["有一個部門等級是空白的", "有一个部门等级为空", "a department grade is blank"],
    DepartmentGradeTwice => [
        "部門等級「{grade}」重複列出",
        "部门等级“{grade}”重复列出",
        "department grade \"{grade}\" is listed twice"
    ],
    ScoreDecimals => [
        "分數的 \"decimals\" 為「{value}」：必須是 0 到 6 的整數",
        "分数的 \"decimals\" 为“{value}”：必须是 0 到 6 的整数",
        "score \"decimals\" is \"{value}\": it must be a whole number from 0 to 6"
    ],
    ScoreBoundTooLarge => [
        "分數上下限「{value}」太大：calibra 接受的分數範圍是 -{limit} 到 {limit}",
        "分数上下限“{value}”太大：calibra 接受的分数范围是 -{limit} 到 {limit}",
        "score bound \"{value}\" is too large: calibra accepts scores from -{limit} to {limit}"
    ],
    ScoreMaxNotAboveMin => [
        "分數的 \"max\"（{max}）必須大於 \"min\"（{min}）",
        "分数的 \"max\"（{max}）必须大于 \"min\"（{min}）",
        "score \"max\" ({max}) must be greater than \"min\" ({min})"
    ],
    GradesEmpty => [
        "\"grades\" 是空的：請至少列出一個員工等級",
        "\"grades\" 为空：请至少列出一个员工等级",
        "\"grades\" is empty: list at least one employee grade"
    ],
    GradesTooMany => [
        "\"grades\" 列了 {n} 個等級：calibra 最多接受 {max} 個",
        "\"grades\" 列了 {n} 个等级：calibra 最多接受 {max} 个",
        "\"grades\" lists {n} grades: calibra accepts at most {max}"
    ],
    GradeIdBlank => ["有一個等級 id 是空白的", "有一个等级 id 为空", "a grade id is blank"],
    GradeTwice => ["等級「{id}」重複列出", "等级“{id}”重复列出", "grade \"{id}\" is listed twice"],
    MinScoreOutOfRange => [
        "\"min_score\" {value} 超出範圍",
        "\"min_score\" {value} 超出范围",
        "\"min_score\" {value} is out of range"
    ],
    MinScoreOutsideScale => [
        "等級「{id}」至少需要 {min_score} 分，但分數範圍是 {min} 到 {max}",
        "等级“{id}”至少需要 {min_score} 分，但分数范围是 {min} 到 {max}",
        "grade \"{id}\" needs at least {min_score} but scores run from {min} to {max}"
    ],
    BonusDecimals => [
        "獎金的 \"decimals\" 為「{value}」：必須是 0 到 {max} 的整數",
        "奖金的 \"decimals\" 为“{value}”：必须是 0 到 {max} 的整数",
        "bonus \"decimals\" is \"{value}\": it must be a whole number from 0 to {max}"
    ],
    BonusPoolNegative => [
        "獎金的 \"pool\" 為「{pool}」：必須是 0 或以上",
        "奖金的 \"pool\" 为“{pool}”：必须大于或等于 0",
        "bonus \"pool\" is \"{pool}\": it must be 0 or more"
    ],
    BonusPoolPlaces => [
        "獎金的 \"pool\"「{pool}」小數位數（{places} 位，不計結尾的 0）多於獎金的 \"decimals\"（{decimals}）",
        "奖金的 \"pool\"“{pool}”小数位数（{places} 位，不计末尾的 0）多于奖金的 \"decimals\"（{decimals}）",
        "bonus \"pool\" \"{pool}\" has more decimal places ({places}, trailing zeros aside) than bonus \"decimals\" ({decimals})"
    ],
    BonusTooLarge => [
        "無法精確計算獎金：pool × 10^decimals × bonus_base × 各乘數，加總所有員工後超過 38 位數（請減少 bonus_base 或乘數的小數位數，或改用較小的數值）",
        "无法精确计算奖金：pool × 10^decimals × bonus_base × 各乘数，汇总所有员工后超过 38 位数（请减少 bonus_base 或乘数的小数位数，或改用较小的数值）",
        "the bonus cannot be computed exactly: pool x 10^decimals x bonus_base x multipliers, summed over every employee, needs more than 38 digits (use fewer decimal places in bonus_base or the multipliers, or smaller values)"
    ],
    WordGrade => ["等級", "等级", "grade"],
    WordDepartmentGrade => ["部門等級", "部门等级", "department grade"],
    MultiplierTwice => [
        "獎金的 \"{table}\" 對{what}「{key}」給了兩次：請只保留一個",
        "奖金的 \"{table}\" 对{what}“{key}”给了两次：请只保留一个",
        "bonus \"{table}\" gives {what} \"{key}\" twice: keep one"
    ],
    MultiplierUnknown => [
        "獎金的 \"{table}\" 列出「{key}」，但它不是{what}；已略過",
        "奖金的 \"{table}\" 列出“{key}”，但它不是{what}；已忽略",
        "bonus \"{table}\" names \"{key}\", which is not a {what}; it is ignored"
    ],
    MultiplierNegative => [
        "{what}「{key}」的獎金乘數為「{value}」：必須是 0 或以上",
        "{what}“{key}”的奖金乘数为“{value}”：必须大于或等于 0",
        "bonus multiplier for {what} \"{key}\" is \"{value}\": it must be 0 or more"
    ],
    MultiplierMissing => [
        "獎金的 \"{table}\" 沒有{what}「{id}」的乘數",
        "奖金的 \"{table}\" 没有{what}“{id}”的乘数",
        "bonus \"{table}\" has no multiplier for {what} \"{id}\""
    ],
    MultiplierInverted => [
        "獎金的 \"{table}\"：{what}「{worse}」的乘數（{worse_value}）大於較好的{what}「{better}」（{better_value}）",
        "奖金的 \"{table}\"：{what}“{worse}”的乘数（{worse_value}）大于更好的{what}“{better}”（{better_value}）",
        "bonus \"{table}\": {what} \"{worse}\" has a larger multiplier ({worse_value}) than the better {what} \"{better}\" ({better_value})"
    ],
    QuotaRowTwice => [
        "配額表的「{key}」列出現兩次：請只保留一個",
        "配额表的“{key}”行出现两次：请只保留一个",
        "quota row \"{key}\" is given twice: keep one"
    ],
    QuotaRowUnknown => [
        "配額表的「{key}」列不是部門等級，已略過",
        "配额表的“{key}”行不是部门等级，已忽略",
        "quota row \"{key}\" is not a department grade and is ignored"
    ],
    QuotaRowMissing => [
        "\"quotas\" 沒有部門等級「{grade}」的配額列",
        "\"quotas\" 没有部门等级“{grade}”的配额行",
        "\"quotas\" has no row for department grade \"{grade}\""
    ],
    QuotaGradeTwice => [
        "配額表的「{row}」列對等級「{key}」給了兩次：請只保留一個",
        "配额表的“{row}”行对等级“{key}”给了两次：请只保留一个",
        "quota row \"{row}\" gives grade \"{key}\" twice: keep one"
    ],
    QuotaGradeUnknown => [
        "配額表的「{row}」列列出「{key}」，但它不是等級；已略過",
        "配额表的“{row}”行列出“{key}”，但它不是等级；已忽略",
        "quota row \"{row}\" names \"{key}\", which is not a grade; it is ignored"
    ],
    QuotaShareMissing => [
        "配額表的「{row}」列沒有等級「{grade}」的比例",
        "配额表的“{row}”行没有等级“{grade}”的比例",
        "quota row \"{row}\" has no share for grade \"{grade}\""
    ],
    QuotaShareRange => [
        "部門等級「{row}」、等級「{grade}」的配額比例為「{value}」：必須介於 0 與 1 之間",
        "部门等级“{row}”、等级“{grade}”的配额比例为“{value}”：必须介于 0 和 1 之间",
        "quota share for department grade \"{row}\", grade \"{grade}\" is \"{value}\": it must be between 0 and 1"
    ],
    QuotaRowSum => [
        "配額表的「{row}」列加總為「{sum}」：各等級比例加總必須剛好是 1",
        "配额表的“{row}”行合计为“{sum}”：各等级比例之和必须正好是 1",
        "quota row \"{row}\" adds up to \"{sum}\": the shares must add up to exactly 1"
    ],

    // Submissions.
    RatesUnknownEmployee => [
        "評分者「{rater}」評了員工「{employee}」，但 org.json 中沒有這位員工",
        "评分人“{rater}”评了员工“{employee}”，但 org.json 中没有这名员工",
        "rater \"{rater}\" rates employee \"{employee}\", who is not in org.json"
    ],
    RatesTwice => [
        "評分者「{rater}」對員工「{employee}」評了兩次（第一次在 {first}）",
        "评分人“{rater}”对员工“{employee}”评了两次（首次在 {first}）",
        "rater \"{rater}\" rates employee \"{employee}\" twice (first in {first})"
    ],
    RaterIdBlank => ["評分者 id 是空白的", "评分人 id 为空", "a rater id is blank"],
    RaterNamedTwice => [
        "評分者「{id}」在這裡名為「{name}」，在別處卻名為「{other}」（{place}）：同一個 id 只能有一個姓名",
        "评分人“{id}”在这里名为“{name}”，在别处却名为“{other}”（{place}）：同一个 id 只能对应一个姓名",
        "rater \"{id}\" is named \"{name}\" here but \"{other}\" in {place}: one id must have one name"
    ],
    ScoreOutOfRange => [
        "員工「{employee}」的分數「{score}」超出 policy.json 的範圍 {min} 到 {max}",
        "员工“{employee}”的分数“{score}”超出 policy.json 规定的范围 {min} 到 {max}",
        "score \"{score}\" for employee \"{employee}\" is outside the policy's range {min} to {max}"
    ],
    WeightOutOfRange => [
        "員工「{employee}」的權重「{weight}」必須大於 0（範圍 {min} 到 {max}）",
        "员工“{employee}”的权重“{weight}”必须大于 0（范围 {min} 到 {max}）",
        "weight \"{weight}\" for employee \"{employee}\" must be greater than 0 (from {min} to {max})"
    ],
    HeaderUnreadable => ["無法讀取標題列：{why}", "无法读取表头行：{why}", "the header row cannot be read: {why}"],
    CsvColumnsMissing => [
        "標題列缺少欄位 {columns}：評分表 CSV 需要 rater_id,rater_name,employee_id,score（weight 與 comment 可省略）",
        "表头行缺少列 {columns}：评分表 CSV 需要 rater_id,rater_name,employee_id,score（weight 和 comment 可省略）",
        "the header row lacks the column(s) {columns}: a submissions CSV needs rater_id,rater_name,employee_id,score (weight and comment are optional)"
    ],
    RowFieldCount => [
        "這一列有 {len} 個欄位，但標題列有 {expected} 個（請檢查是否多了逗號或引號沒有關上）",
        "该行有 {len} 个字段，但表头行有 {expected} 个（请检查是否多了逗号或引号未闭合）",
        "this row has {len} fields but the header has {expected} (check for a stray comma or an unclosed quote)"
    ],
    RowNotUtf8 => ["這一列不是 UTF-8 文字", "该行不是 UTF-8 文本", "this row is not UTF-8 text"],
    RowUnreadable => ["無法讀取這一列：{why}", "无法读取该行：{why}", "this row cannot be read: {why}"],
    ColumnValue => ["{column}：{why}", "{column}：{why}", "{column}: {why}"],
    QuoteUnclosed => [
        "這一列中以引號開頭的欄位沒有關上（少了一個 \"）",
        "该行中以引号开头的字段未闭合（缺少一个 \"）",
        "a quoted field opened in this row is never closed (a \" is missing)"
    ],
    SheetEmpty => [
        "工作表是空的：需要一列標題 rater_id,rater_name,employee_id,score（weight 與 comment 可省略）",
        "工作表为空：需要一行表头 rater_id,rater_name,employee_id,score（weight 和 comment 可省略）",
        "the sheet is empty: it needs a header row rater_id,rater_name,employee_id,score (weight and comment are optional)"
    ],
    SheetColumnsMissing => [
        "標題列缺少欄位 {columns}：評分表工作表需要 rater_id,rater_name,employee_id,score（weight 與 comment 可省略）",
        "表头行缺少列 {columns}：评分表工作表需要 rater_id,rater_name,employee_id,score（weight 和 comment 可省略）",
        "the header row lacks the column(s) {columns}: a submissions sheet needs rater_id,rater_name,employee_id,score (weight and comment are optional)"
    ],
    ScoreCellEmpty => [
        "score：儲存格是空的（每筆評分都需要分數）",
        "score：单元格为空（每条评分都需要分数）",
        "score: the cell is empty (every rating needs a score)"
    ],
    WorkbookDamaged => [
        "無法以活頁簿開啟這個檔案：檔案已損壞，或不是 .{kind} 檔案（請在試算表程式中重新儲存）",
        "无法作为工作簿打开该文件：文件已损坏，或不是 .{kind} 文件（请在电子表格程序中重新保存）",
        "the file cannot be opened as a workbook: it is damaged, or not an .{kind} file (save it again from the spreadsheet program)"
    ],
    WorkbookPassword => [
        "活頁簿有密碼保護（已加密）：請另存一份沒有密碼的副本",
        "工作簿受密码保护（已加密）：请另存一份没有密码的副本",
        "the workbook is password-protected (encrypted): save a copy without a password"
    ],
    NoWorksheet => ["活頁簿中沒有工作表", "工作簿中没有工作表", "the workbook has no worksheet"],
    WordNumber => ["數字", "数字", "a number"],
    WordText => ["文字", "文本", "text"],
    CellBoolean => [
        "儲存格是布林值 {value}，不是{wanted}",
        "单元格是布尔值 {value}，不是{wanted}",
        "the cell holds the boolean {value}, not {wanted}"
    ],
    CellDate => [
        "儲存格是日期或時間，不是{wanted}（請將這一欄設為數值或文字格式）",
        "单元格是日期或时间，不是{wanted}（请将该列设置为数值或文本格式）",
        "the cell holds a date or time, not {wanted} (format the column as a number or as text)"
    ],
    CellDuration => [
        "儲存格是時間長度，不是{wanted}（請將這一欄設為數值或文字格式）",
        "单元格是时长，不是{wanted}（请将该列设置为数值或文本格式）",
        "the cell holds a duration, not {wanted} (format the column as a number or as text)"
    ],
    CellError => [
        "儲存格是錯誤值 {error}，不是{wanted}（公式計算失敗？）",
        "单元格是错误值 {error}，不是{wanted}（公式计算出错？）",
        "the cell holds the error value {error}, not {wanted} (a formula that failed?)"
    ],
    CellNot => ["儲存格不是{wanted}", "单元格不是{wanted}", "the cell does not hold {wanted}"],

    // A previous export (--previous).
    PreviousTwice => [
        "員工「{id}」在上一期匯出檔中出現兩次（第一次在第 {line} 行）",
        "员工“{id}”在上一期导出文件中出现两次（首次出现在第 {line} 行）",
        "employee \"{id}\" appears twice in the previous export (first on line {line})"
    ],
    PreviousColumnsMissing => [
        "標題列缺少 \"employee_id\" 或 \"grade\"：--previous 需要 calibra 匯出的檔案（export --format csv 或 json）",
        "表头行缺少 \"employee_id\" 或 \"grade\"：--previous 需要 calibra 导出的文件（export --format csv 或 json）",
        "the header row lacks \"employee_id\" or \"grade\": --previous takes an export calibra wrote (export --format csv or json)"
    ],
    EmployeeIdEmpty => ["employee_id 是空的", "employee_id 为空", "employee_id is empty"],
    PreviousGradeUnknownOne => [
        "上一期的等級「{grade}」（{n} 位員工）不是本期 policy.json 中的等級：照原樣顯示，且不會標記 big_mover",
        "上一期的等级“{grade}”（{n} 名员工）不是本期 policy.json 中的等级：按原样显示，且不会标记 big_mover",
        "previous grade \"{grade}\" ({n} employee) is not a grade of this cycle's policy: it is shown as it is, and never flags big_mover"
    ],
    PreviousGradeUnknownMany => [
        "上一期的等級「{grade}」（{n} 位員工）不是本期 policy.json 中的等級：照原樣顯示，且不會標記 big_mover",
        "上一期的等级“{grade}”（{n} 名员工）不是本期 policy.json 中的等级：按原样显示，且不会标记 big_mover",
        "previous grade \"{grade}\" ({n} employees) is not a grade of this cycle's policy: it is shown as it is, and never flags big_mover"
    ],

    // The decisions file and its journal.
    SessionDamaged => [
        "calibra：決議紀錄檔 {path} 已損壞，因此沒有開啟：",
        "calibra：决议记录文件 {path} 已损坏，因此没有打开：",
        "calibra: the session file {path} is damaged, so it was not opened:"
    ],
    SessionCopyKept => [
        "calibra：已在 {copy} 保留一份副本；檔案本身維持原狀。",
        "calibra：已在 {copy} 保留一份副本；文件本身保持原样。",
        "calibra: a copy of it is kept in {copy}; the file itself is left as it is."
    ],
    SessionCopyFailed => [
        "calibra：無法保留副本（{why}）；檔案本身維持原狀。",
        "calibra：无法保留副本（{why}）；文件本身保持原样。",
        "calibra: no copy could be kept ({why}); the file itself is left as it is."
    ],
    SessionLeftAsIs => ["calibra：檔案維持原狀。", "calibra：文件保持原样。", "calibra: the file is left as it is."],
    SessionRepair => [
        "calibra：若要繼續，請修正檔案中標示的那一行、把檔案移走以開始新的決議紀錄，或用 --session FILE 開啟另一份。",
        "calibra：如需继续，请修正文件中标出的那一行、把文件移走以开始新的决议记录，或用 --session FILE 打开另一份。",
        "calibra: to go on, repair the file at the line shown, move it away to start a new session, or open another one with --session FILE."
    ],
    SessionEmpty => [
        "決議紀錄檔是空的（{bytes} 位元組）：沒有版本，也沒有任何決議",
        "决议记录文件为空（{bytes} 字节）：没有版本，也没有任何决议",
        "the session file is empty ({bytes} bytes): it has no version and no decisions"
    ],
    SessionVersion => [
        "不支援決議紀錄版本 {version}（這個 calibra 讀取的是版本 {supported}）",
        "不支持决议记录版本 {version}（此 calibra 读取的是版本 {supported}）",
        "session version {version} is not supported (this calibra reads version {supported})"
    ],
    RevokesLater => [
        "\"revokes\"：{n} 指向第 {n} 項決議，但它不在這項決議（第 {index} 項）之前",
        "\"revokes\"：{n} 指向第 {n} 项决议，但它不在本项决议（第 {index} 项）之前",
        "\"revokes\": {n} names decision {n}, which is not before this one (decision {index})"
    ],
    DecisionNeeds => [
        "\"{kind}\" 決議需要 \"{field}\"",
        "\"{kind}\" 决议需要 \"{field}\"",
        "a \"{kind}\" decision needs \"{field}\""
    ],
    MethodUnknown => [
        "無法辨識 method「{method}」（請用 none、offset、linear、zscore 或 quantile）",
        "无法识别 method“{method}”（请使用 none、offset、linear、zscore 或 quantile）",
        "method \"{method}\" is not known (use none, offset, linear, zscore or quantile)"
    ],
    OverrideNeedsReasonNotBlank => [
        "調整等級需要填寫理由，不可空白",
        "调整等级需要填写理由，不能为空",
        "an override needs a reason that is not blank"
    ],
    DiscussedNamesOne => [
        "\"{kind}\" 決議必須剛好指定 \"rater\"、\"employee\" 或 \"group\" 其中一項",
        "\"{kind}\" 决议必须恰好指定 \"rater\"、\"employee\" 或 \"group\" 中的一项",
        "a \"{kind}\" decision names exactly one of \"rater\", \"employee\" or \"group\""
    ],
    SignOffNeedsByNotBlank => [
        "簽核需要填寫 \"by\"，不可空白",
        "签核需要填写 \"by\"，不能为空",
        "a sign-off needs \"by\" that is not blank"
    ],
    ReopenNeedsReasonNotBlank => [
        "重新開啟需要填寫理由，不可空白",
        "重新打开需要填写理由，不能为空",
        "a reopen needs a reason that is not blank"
    ],
    KindUnknown => [
        "無法辨識決議種類「{kind}」（請用 rater_scale、department_grade、override、clear_override、discussed、clear_discussed、sign_off 或 reopen）",
        "无法识别决议类型“{kind}”（请使用 rater_scale、department_grade、override、clear_override、discussed、clear_discussed、sign_off 或 reopen）",
        "decision kind \"{kind}\" is not known (use rater_scale, department_grade, override, clear_override, discussed, clear_discussed, sign_off or reopen)"
    ],
    BatchPositive => [
        "\"batch\" 必須是正整數",
        "\"batch\" 必须是正整数",
        "\"batch\" must be a positive whole number"
    ],
    RevokesPositive => [
        "\"revokes\" 必須是先前某項決議的序號（1 或以上）",
        "\"revokes\" 必须是之前某项决议的序号（大于或等于 1）",
        "\"revokes\" must be the position of an earlier decision (1 or more)"
    ],
    JournalTorn => [
        "決議日誌的最後一行不完整（calibra 在儲存時中斷）：這一項變更沒有儲存，已略過；之前的變更都保留",
        "决议日志的最后一行不完整（calibra 在保存时中断）：这一项更改没有保存，已忽略；之前的更改全部保留",
        "the decision journal's last line was cut short (calibra stopped while saving it): that one change was not saved and is left out; every change before it is kept"
    ],
    NotJournalFirstLine => [
        "這不是決議日誌的第一行（{why}）",
        "这不是决议日志的第一行（{why}）",
        "this is not a decision journal's first line ({why})"
    ],
    JournalVersion => [
        "不支援決議日誌版本 {version}（這個 calibra 讀取的是版本 {supported}）",
        "不支持决议日志版本 {version}（此 calibra 读取的是版本 {supported}）",
        "decision journal version {version} is not supported (this calibra reads version {supported})"
    ],
    JournalKeepsMore => [
        "日誌要保留前 {keep} 項決議，但決議紀錄只有 {n} 項",
        "日志要保留前 {keep} 项决议，但决议记录只有 {n} 项",
        "the journal keeps the first {keep} decisions, but the record has only {n}"
    ],

    // Decisions that cannot apply.
    SignedOff => [
        "這份決議紀錄已簽核（簽核人：{by}）：之後只能附上理由重新開啟",
        "这份决议记录已签核（签核人：{by}）：之后只能附上理由重新打开",
        "the session is signed off (by {by}): only a reopen, with a reason, can follow"
    ],
    RaterNotInSubmissions => [
        "評分表中沒有評分者「{id}」",
        "评分表中没有评分人“{id}”",
        "rater \"{id}\" is not in the submissions"
    ],
    DepartmentNotInOrg => [
        "org.json 中沒有部門「{id}」",
        "org.json 中没有部门“{id}”",
        "department \"{id}\" is not in org.json"
    ],
    EmployeeNotInOrg => [
        "org.json 中沒有員工「{id}」",
        "org.json 中没有员工“{id}”",
        "employee \"{id}\" is not in org.json"
    ],
    GroupUnknown => [
        "「{id}」不是校準群組（應為 pool id，或不屬於任何 pool 的部門 id）",
        "“{id}”不是校准组（应为 pool id，或不属于任何 pool 的部门 id）",
        "group \"{id}\" is not a group (a pool id, or the id of a department in no pool)"
    ],
    NotADepartmentGrade => [
        "「{grade}」不是部門等級（policy.json 中有 {grades}）",
        "“{grade}”不是部门等级（policy.json 中有 {grades}）",
        "\"{grade}\" is not a department grade (the policy has {grades})"
    ],
    NotAGrade => [
        "「{grade}」不是等級（policy.json 中有 {grades}）",
        "“{grade}”不是等级（policy.json 中有 {grades}）",
        "\"{grade}\" is not a grade (the policy has {grades})"
    ],
    NoRatingToOverride => [
        "員工「{id}」沒有評分，因此沒有等級可以調整",
        "员工“{id}”没有评分，因此没有等级可以调整",
        "employee \"{id}\" has no rating, so has no grade to override"
    ],
    OverrideNeedsReason => ["調整等級需要填寫理由", "调整等级需要填写理由", "an override needs a reason"],
    SignOffNeedsBy => [
        "簽核需要填寫 \"by\"：由誰簽核這份決議紀錄",
        "签核需要填写 \"by\"：由谁签核这份决议记录",
        "a sign-off needs \"by\": who signs the session off"
    ],
    NotSignedOff => [
        "這份決議紀錄尚未簽核，因此無法重新開啟",
        "这份决议记录尚未签核，因此无法重新打开",
        "the session is not signed off, so it cannot be reopened"
    ],
    ReopenNeedsReason => ["重新開啟需要填寫理由", "重新打开需要填写理由", "a reopen needs a reason"],
    StretchNotPositive => [
        "stretch「{stretch}」必須大於 0（它是評分者分數分散程度的倍數）",
        "stretch“{stretch}”必须大于 0（它是评分人分数离散程度的倍数）",
        "stretch \"{stretch}\" must be greater than 0 (it multiplies the rater's spread)"
    ],
    StretchOutOfBounds => [
        "stretch「{stretch}」不在 0.1 到 10 之間（calibra 對評分者分散程度調整幅度的限制）",
        "stretch“{stretch}”不在 0.1 到 10 之间（calibra 对评分人离散程度调整幅度的限制）",
        "stretch \"{stretch}\" is outside 0.1 to 10 (calibra's bounds on how far a rater's spread is changed)"
    ],
    ShiftTooFar => [
        "平移「{shift}」超過分數範圍的寬度（{width}），不論往上或往下",
        "平移“{shift}”超过分数范围的宽度（{width}），无论向上还是向下",
        "a shift of \"{shift}\" is more than the score range's width ({width}) either way"
    ],
    TargetSdNotPositive => [
        "目標標準差「{sd}」必須大於 0",
        "目标标准差“{sd}”必须大于 0",
        "target sd \"{sd}\" must be greater than 0"
    ],
    TargetSdTooLarge => [
        "目標標準差「{sd}」超過分數範圍寬度（{width}）的十倍",
        "目标标准差“{sd}”超过分数范围宽度（{width}）的十倍",
        "target sd \"{sd}\" is more than ten times the score range's width ({width})"
    ],
    TargetMeanTooFar => [
        "目標平均「{mean}」落在分數範圍 {min} 到 {max} 之外，且超出一個範圍寬度以上",
        "目标平均值“{mean}”落在分数范围 {min} 到 {max} 之外，且超出一个范围宽度以上",
        "target mean \"{mean}\" is more than the range's width outside the score range {min} to {max}"
    ],

    // The live screen's refusals of an act.
    LastActNotSingle => [
        "最後一次操作不是單一項決議",
        "最后一次操作不是单一项决议",
        "the last act is not a single decision"
    ],

    // What changed in the input since a session began (the review of a
    // changed input, and check's notes).
    ChangeLine => ["{what}：{list}", "{what}：{list}", "{what}: {list}"],
    ChangeMore => ["…另有 {n} 個", "…另有 {n} 个", "… and {n} more"],
    ChangeMoved => ["{id}（{before} → {now}）", "{id}（{before} → {now}）", "{id} ({before} → {now})"],
    ChangeRaterSame => ["{id}（{n} 筆評分，有變動）", "{id}（{n} 条评分，有变动）", "{id} ({n} ratings, changed)"],
    ChangeRaterCount => ["{id}（{before} → {now} 筆評分）", "{id}（{before} → {now} 条评分）", "{id} ({before} → {now} ratings)"],
    EmployeesAddedOne => ["新增 {n} 位員工", "新增 {n} 名员工", "{n} employee added"],
    EmployeesAddedMany => ["新增 {n} 位員工", "新增 {n} 名员工", "{n} employees added"],
    EmployeesRemovedOne => ["移除 {n} 位員工", "移除 {n} 名员工", "{n} employee removed"],
    EmployeesRemovedMany => ["移除 {n} 位員工", "移除 {n} 名员工", "{n} employees removed"],
    ScoresChangedOne => [
        "{n} 位員工的評分有變動（評分者、分數或權重）",
        "{n} 名员工的评分有变动（评分人、分数或权重）",
        "{n} employee's ratings changed (rater, score or weight)"
    ],
    ScoresChangedMany => [
        "{n} 位員工的評分有變動（評分者、分數或權重）",
        "{n} 名员工的评分有变动（评分人、分数或权重）",
        "{n} employees' ratings changed (rater, score or weight)"
    ],
    RenamedOne => [
        "{n} 位員工的姓名與本次校準開始時不同（同一編號換了人？）",
        "{n} 名员工的姓名与本次校准开始时不同（同一编号换了人？）",
        "{n} employee has another name than when the session began (another person under the same id?)"
    ],
    RenamedMany => [
        "{n} 位員工的姓名與本次校準開始時不同（同一編號換了人？）",
        "{n} 名员工的姓名与本次校准开始时不同（同一编号换了人？）",
        "{n} employees have another name than when the session began (other people under the same ids?)"
    ],
    MovedDepartmentOne => ["{n} 位員工換了部門", "{n} 名员工换了部门", "{n} employee moved department"],
    MovedDepartmentMany => ["{n} 位員工換了部門", "{n} 名员工换了部门", "{n} employees moved department"],
    RatersAddedOne => ["新增 {n} 位評分者", "新增 {n} 位评分人", "{n} rater added"],
    RatersAddedMany => ["新增 {n} 位評分者", "新增 {n} 位评分人", "{n} raters added"],
    RatersRemovedOne => ["移除 {n} 位評分者", "移除 {n} 位评分人", "{n} rater removed"],
    RatersRemovedMany => ["移除 {n} 位評分者", "移除 {n} 位评分人", "{n} raters removed"],
    RatersChangedOne => ["{n} 位評分者的評分有新增或變動", "{n} 位评分人的评分有新增或变动", "{n} rater with new or changed ratings"],
    RatersChangedMany => ["{n} 位評分者的評分有新增或變動", "{n} 位评分人的评分有新增或变动", "{n} raters with new or changed ratings"],
    DepartmentsAddedOne => ["新增 {n} 個部門", "新增 {n} 个部门", "{n} department added"],
    DepartmentsAddedMany => ["新增 {n} 個部門", "新增 {n} 个部门", "{n} departments added"],
    DepartmentsRemovedOne => ["移除 {n} 個部門", "移除 {n} 个部门", "{n} department removed"],
    DepartmentsRemovedMany => ["移除 {n} 個部門", "移除 {n} 个部门", "{n} departments removed"],
    RegradedOne => ["org.json 中 {n} 個部門的等級改變", "org.json 中 {n} 个部门的等级改变", "{n} department regraded in org.json"],
    RegradedMany => ["org.json 中 {n} 個部門的等級改變", "org.json 中 {n} 个部门的等级改变", "{n} departments regraded in org.json"],
    RepooledOne => ["{n} 個部門換了校準群組", "{n} 个部门换了校准组", "{n} department changed pool"],
    RepooledMany => ["{n} 個部門換了校準群組", "{n} 个部门换了校准组", "{n} departments changed pool"],
    PolicyChanged => [
        "policy.json 有變動（等級、配額或分數範圍）",
        "policy.json 有变动（等级、配额或分数范围）",
        "policy.json changed (grades, quotas or score range)"
    ],
    NowNamed => [
        "員工「{employee}」現在的姓名是 {name}，與做出決議時不同：還是同一個人嗎？",
        "员工“{employee}”现在的姓名是 {name}，与做出决议时不同：还是同一个人吗？",
        "employee \"{employee}\" is now named {name}, not as when the decision was made: is it still about the same person?"
    ],
    NoteFingerprintUnread => [
        "注意：無法讀取輸入資料的指紋，因此無法列出輸入的變動：{why}",
        "注意：无法读取输入数据的指纹，因此无法列出输入的变动：{why}",
        "note: the input fingerprint cannot be read, so changes to the input cannot be listed: {why}"
    ],
    NoteInputChanged => [
        "注意：本次校準開始後輸入資料有變動（{since}，指紋檔 {fingerprint}）：",
        "注意：本次校准开始后输入数据有变动（{since}，指纹文件 {fingerprint}）：",
        "note: the input changed since the session began ({since}, fingerprint {fingerprint}):"
    ],
    NoteChange => ["注意：  {change}", "注意：  {change}", "note:   {change}"],

    // Going on after the review of a changed input.
    DroppedOne => ["已移除 {n} 項不再適用的決議", "已移除 {n} 项不再适用的决议", "Dropped {n} decision that no longer applied"],
    DroppedMany => ["已移除 {n} 項不再適用的決議", "已移除 {n} 项不再适用的决议", "Dropped {n} decisions that no longer applied"],
    DroppedUnsaved => ["{dropped}（未儲存：沒有校準檔案）", "{dropped}（未保存：没有校准文件）", "{dropped} (not saved: no session file)"],
    DroppedKept => ["{dropped}；原本的校準檔案保留在 {copy}", "{dropped}；原来的校准文件保留在 {copy}", "{dropped}; the session as it was is kept in {copy}"],
    DropNoRead => [
        "未移除任何決議：無法讀取 {path} 以保留副本：{err}",
        "未移除任何决议：无法读取 {path} 以保留副本：{err}",
        "Nothing dropped: cannot read {path} to keep a copy: {err}"
    ],
    DropNoCopy => [
        "未移除任何決議：無法保留校準檔案的副本：{err}",
        "未移除任何决议：无法保留校准文件的副本：{err}",
        "Nothing dropped: cannot keep a copy of the session: {err}"
    ],
    DropNotSaved => [
        "未移除任何決議：校準檔案「未儲存」（{err}）；副本在 {copy}",
        "未移除任何决议：校准文件“未保存”（{err}）；副本在 {copy}",
        "Nothing dropped: the session was NOT SAVED ({err}); the copy is {copy}"
    ],
    GoingOn => [
        "本次校準開始後輸入資料有變動（見上）；以目前的輸入資料繼續",
        "本次校准开始后输入数据有变动（见上）；以当前的输入数据继续",
        "The input changed since the session began (see above); going on with it as it is now"
    ],
    FingerprintNotSaved => [
        "；輸入資料的指紋「未儲存」：{err}",
        "；输入数据的指纹“未保存”：{err}",
        "; the input fingerprint was NOT SAVED: {err}"
    ],
}
