//! Decisions, agenda reasons and warnings in words for the screen.

use crate::engine::agenda::Reason;
use crate::engine::decision::{Change, Item};
use crate::engine::model::Input;
use crate::engine::transform::Transform;
use crate::engine::warnings::{IdKind, Warning};
use crate::i18n::{Lang, Report, Ui, fill, t};
use crate::text;

/// A rater's scale correction in short, as the engine writes it in
/// English (`offset +2`, `z-score to pool`).
pub fn transform(lang: Lang, transform: &Transform) -> String {
    match transform {
        Transform::None => t(lang, Ui::ScaleNone).to_string(),
        Transform::Offset { delta } => {
            fill(lang, Ui::ScaleOffset, &[("delta", &format!("{delta:+}"))])
        }
        Transform::Linear { stretch, shift } => fill(
            lang,
            Ui::ScaleLinear,
            &[
                ("stretch", &stretch.to_string()),
                ("shift", &format!("{shift:+}")),
            ],
        ),
        Transform::ZScore {
            mean: None,
            sd: None,
        } => t(lang, Ui::ScaleZPool).to_string(),
        Transform::ZScore { mean, sd } => {
            let mut target = Vec::new();
            if let Some(mean) = mean {
                target.push(fill(lang, Ui::ScaleZMean, &[("mean", &mean.to_string())]));
            }
            if let Some(sd) = sd {
                target.push(fill(lang, Ui::ScaleZSd, &[("sd", &sd.to_string())]));
            }
            let separator = if lang == Lang::En { " " } else { "、" };
            fill(lang, Ui::ScaleZTo, &[("target", &target.join(separator))])
        }
        Transform::Quantile => t(lang, Ui::ScaleQuantile).to_string(),
    }
}

/// A decision's change in one line (`M07: z-score to pool`, `E0008 → S`),
/// ids made harmless for the terminal.
pub fn change(lang: Lang, change: &Change) -> String {
    let safe = |s: &str| text::safe(s).into_owned();
    match change {
        Change::RaterScale {
            rater,
            transform: how,
        } => fill(
            lang,
            Ui::ChangeScale,
            &[
                ("rater", &safe(rater)),
                ("transform", &transform(lang, how)),
            ],
        ),
        Change::DepartmentGrade { department, grade } => fill(
            lang,
            Ui::ChangeDepartmentGrade,
            &[("department", &safe(department)), ("grade", &safe(grade))],
        ),
        Change::Override { employee, grade } => fill(
            lang,
            Ui::ChangeOverride,
            &[("employee", &safe(employee)), ("grade", &safe(grade))],
        ),
        Change::ClearOverride { employee } => fill(
            lang,
            Ui::ChangeClearOverride,
            &[("employee", &safe(employee))],
        ),
        Change::Discussed { item, note } => {
            let item = self::item(lang, item);
            match note {
                Some(note) => fill(
                    lang,
                    Ui::ChangeDiscussedNote,
                    &[("item", &item), ("note", &safe(note))],
                ),
                None => fill(lang, Ui::ChangeDiscussed, &[("item", &item)]),
            }
        }
        Change::ClearDiscussed { item } => fill(
            lang,
            Ui::ChangeClearDiscussed,
            &[("item", &self::item(lang, item))],
        ),
        Change::SignOff => t(lang, Ui::ChangeSignOff).to_string(),
        Change::Reopen => t(lang, Ui::ChangeReopen).to_string(),
    }
}

/// An agenda item named by its kind and id (`rater M07`).
pub fn item(lang: Lang, item: &Item) -> String {
    let msg = match item {
        Item::Rater(_) => Ui::ItemRater,
        Item::Employee(_) => Ui::ItemEmployee,
        Item::Group(_) => Ui::ItemGroup,
    };
    fill(lang, msg, &[("id", &text::safe(item.id()))])
}

/// One reason an item is on the agenda, with what would resolve it.
pub fn reason(lang: Lang, input: &Input, reason: &Reason) -> String {
    let grades = &input.policy.grades;
    let grade = |g: usize| grades.get(g).map_or("?", |g| g.id.as_str());
    match reason {
        Reason::QuotaViolation {
            grade: g,
            allowed,
            count,
        } => {
            let (n, msg) = if count > allowed {
                (count - allowed, Report::ReasonQuotaOver)
            } else {
                (allowed - count, Report::ReasonQuotaUnder)
            };
            fill(
                lang,
                msg,
                &[
                    ("grade", grade(*g)),
                    ("count", &count.to_string()),
                    ("allowed", &allowed.to_string()),
                    ("n", &n.to_string()),
                ],
            )
        }
        Reason::BoundaryTie { start, end } => fill(
            lang,
            Report::ReasonTie,
            &[
                ("start", &(start + 1).to_string()),
                ("end", &end.to_string()),
            ],
        ),
        Reason::Flagged {
            flags,
            n,
            mean_diff,
        } => {
            let flags: Vec<String> = flags
                .iter()
                .map(|&f| format!("{}{}", f.symbol(), t(lang, Report::flag(f))))
                .collect();
            let diff = mean_diff.map_or(String::new(), |d| {
                fill(
                    lang,
                    Report::ReasonFlaggedDiff,
                    &[("diff", &format!("{d:+.1}"))],
                )
            });
            fill(
                lang,
                Report::ReasonFlagged,
                &[
                    ("flags", &flags.join(" ")),
                    ("n", &n.to_string()),
                    ("diff", &diff),
                ],
            )
        }
        Reason::Overridden { auto, grade: g } => fill(
            lang,
            Report::ReasonOverridden,
            &[
                ("auto", grade(usize::from(*auto))),
                ("grade", grade(usize::from(*g))),
            ],
        ),
        Reason::BigMover { previous } => fill(
            lang,
            Report::ReasonBigMover,
            &[("previous", &text::safe(previous))],
        ),
        Reason::NearBoundary { grade: g, gap } => fill(
            lang,
            Report::ReasonNearBoundary,
            &[("grade", grade(*g)), ("gap", &gap.to_string())],
        ),
    }
}

/// A warning without names, for privacy mode: its kind and the ids.
pub fn private_warning(lang: Lang, input: &Input, warning: &Warning) -> String {
    let group = |g: usize| text::safe(&input.groups[g].id).into_owned();
    let grade = |g: usize| input.policy.grades[g].id.as_str();
    let grades = &input.policy.department_grades;
    match *warning {
        Warning::Unrated { employee } => fill(
            lang,
            Report::PrivateUnrated,
            &[("id", &text::safe(&input.employees[employee].id))],
        ),
        Warning::SmallSample { rater, n } => fill(
            lang,
            Report::PrivateSmallSample,
            &[
                ("n", &n.to_string()),
                ("id", &text::safe(&input.raters[rater].id)),
            ],
        ),
        Warning::QuotaTable { better, worse } => fill(
            lang,
            Report::PrivateQuotaTable,
            &[("better", &grades[better]), ("worse", &grades[worse])],
        ),
        Warning::MixedPool { group: g } => {
            fill(lang, Report::PrivateMixedPool, &[("group", &group(g))])
        }
        Warning::QuotaViolation { group: g, grade: x } => fill(
            lang,
            Report::PrivateQuotaViolation,
            &[("group", &group(g)), ("grade", grade(x))],
        ),
        Warning::BoundaryTie {
            group: g,
            start,
            end,
        } => fill(
            lang,
            Report::PrivateBoundaryTie,
            &[
                ("group", &group(g)),
                ("start", &(start + 1).to_string()),
                ("end", &end.to_string()),
            ],
        ),
        Warning::LookAlike {
            kind,
            first,
            second,
        } => {
            let (a, b) = match kind {
                IdKind::Employee => (
                    input.employees[first].id.as_str(),
                    input.employees[second].id.as_str(),
                ),
                IdKind::Rater => (
                    input.raters[first].id.as_str(),
                    input.raters[second].id.as_str(),
                ),
                IdKind::Department => (
                    input.departments[first].id.as_str(),
                    input.departments[second].id.as_str(),
                ),
            };
            fill(
                lang,
                Report::PrivateLookAlike,
                &[
                    ("what", t(lang, kind.ids())),
                    ("first", &text::safe(a)),
                    ("second", &text::safe(b)),
                ],
            )
        }
        Warning::BonusNotAllocated => t(lang, Report::PrivateBonus).to_string(),
        Warning::ManagerMissing { manager } => fill(
            lang,
            Report::PrivateManager,
            &[("id", &text::safe(input.managers.word(manager)))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// In English the screen says what the engine says (the decisions file
    /// and the CLI use the engine's words).
    #[test]
    fn english_changes_read_as_the_engine_writes_them() {
        let changes = [
            Change::RaterScale {
                rater: "M07".into(),
                transform: Transform::ZScore {
                    mean: None,
                    sd: None,
                },
            },
            Change::RaterScale {
                rater: "M07".into(),
                transform: Transform::ZScore {
                    mean: Some(dec!(75)),
                    sd: Some(dec!(8)),
                },
            },
            Change::RaterScale {
                rater: "M07".into(),
                transform: Transform::Linear {
                    stretch: dec!(1.2),
                    shift: dec!(-3),
                },
            },
            Change::RaterScale {
                rater: "M07".into(),
                transform: Transform::Offset { delta: dec!(2) },
            },
            Change::RaterScale {
                rater: "M07".into(),
                transform: Transform::Quantile,
            },
            Change::RaterScale {
                rater: "M07".into(),
                transform: Transform::None,
            },
            Change::DepartmentGrade {
                department: "CS-RET".into(),
                grade: "A".into(),
            },
            Change::Override {
                employee: "E0008".into(),
                grade: "S".into(),
            },
            Change::ClearOverride {
                employee: "E0008".into(),
            },
            Change::Discussed {
                item: Item::Group("G1".into()),
                note: Some("seen".into()),
            },
            Change::ClearDiscussed {
                item: Item::Rater("M07".into()),
            },
            Change::SignOff,
            Change::Reopen,
        ];
        for c in &changes {
            assert_eq!(change(Lang::En, c), c.to_string());
        }
        assert_eq!(
            change(Lang::ZhHant, &changes[1]),
            "M07：標準化（平均 75、標準差 8）"
        );
        assert_eq!(change(Lang::ZhHans, &changes[6]), "CS-RET → 部门等级 A");
    }

    /// Agenda reasons and the private warnings speak the screen's
    /// language, English as before.
    #[test]
    fn reasons_and_private_warnings_in_each_language() {
        let input = crate::engine::load::load(crate::demo::files())
            .expect("the demo loads")
            .input;
        let over = Reason::QuotaViolation {
            grade: 0,
            allowed: 2,
            count: 3,
        };
        assert_eq!(
            reason(Lang::En, &input, &over),
            "⚠ S: 3 now, the quota fills 2: move 1 out of S (override or clear overrides)"
        );
        assert_eq!(
            reason(Lang::ZhHant, &input, &over),
            "⚠ S：目前 3 人，配額為 2 人：需從 S 移出 1 人（調整等級或取消調整）"
        );
        let tie = Warning::BoundaryTie {
            group: 0,
            start: 2,
            end: 4,
        };
        let group = &input.groups[0].id;
        assert_eq!(
            private_warning(Lang::En, &input, &tie),
            format!("boundary tie: {group} ranks 3–4")
        );
        assert_eq!(
            private_warning(Lang::ZhHans, &input, &tie),
            format!("等级分界同分：{group} 第 3–4 名")
        );
    }
}
