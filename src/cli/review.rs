//! `stats --by ATTR` (contract 6.8): the attribute review as text or JSON.
//! A value with fewer than 5 graded employees prints `fewer than 5` and
//! nothing else, in both forms.

use std::fmt::Write;

use serde_json::{Value, json};

use crate::engine::fairness::{ChiSquare, Review, Side};
use crate::engine::model::Policy;
use crate::i18n::{Lang, Report, fill, t};
use crate::text::pad_right;

/// What JSON says of a value with too few people (text says it in words).
const WITHHELD: &str = "fewer than 5";

/// Columns of the labels `before`, `after` and `moved` in text.
const LABEL: usize = 7;

fn side_json(policy: &Policy, side: &Side) -> Value {
    if side.withheld() {
        return json!(WITHHELD);
    }
    let counts: serde_json::Map<String, Value> = policy
        .grades
        .iter()
        .zip(&side.counts)
        .map(|(g, &c)| (g.id.clone(), json!(c)))
        .collect();
    json!({
        "n": side.n,
        "counts": counts,
        "top_rate": side.top_rate,
        "impact_ratio": side.impact_ratio,
        "adverse_impact": side.adverse_impact,
    })
}

fn chi_json(chi: &ChiSquare) -> Value {
    json!({
        "statistic": chi.statistic,
        "df": chi.df,
        "p_value": chi.p_value,
        "low_expected": chi.low_expected,
    })
}

pub fn review_json(policy: &Policy, review: &Review) -> String {
    let values: Vec<Value> = review
        .values
        .iter()
        .map(|v| {
            let moved = if v.withheld() {
                json!(WITHHELD)
            } else {
                json!({ "moved_up": v.moved_up, "moved_down": v.moved_down })
            };
            json!({
                "value": v.value,
                "before": side_json(policy, &v.before),
                "after": side_json(policy, &v.after),
                "moved": moved,
            })
        })
        .collect();
    let top: Vec<&str> = policy
        .grades
        .iter()
        .take(review.top_grades)
        .map(|g| g.id.as_str())
        .collect();
    let doc = json!({
        "attribute": review.attribute,
        "top_grades": top,
        "values": values,
        "chi_square": { "before": chi_json(&review.before), "after": chi_json(&review.after) },
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn side_text(out: &mut String, policy: &Policy, label: &str, side: &Side, lang: Lang) {
    let label = pad_right(label, LABEL);
    if side.withheld() {
        let _ = writeln!(out, "  {label}{}", t(lang, Report::ReviewWithheld));
        return;
    }
    let counts: Vec<String> = policy
        .grades
        .iter()
        .zip(&side.counts)
        .map(|(g, c)| format!("{} {c}", g.id))
        .collect();
    let ratio = match side.impact_ratio {
        Some(r) => format!("{r:.3}"),
        None => "-".to_owned(),
    };
    let adverse = if side.adverse_impact {
        t(lang, Report::ReviewAdverse)
    } else {
        ""
    };
    let figures = fill(
        lang,
        Report::ReviewSide,
        &[
            ("n", &side.n.to_string()),
            ("counts", &counts.join(" ")),
            ("top", &format!("{:.3}", side.top_rate)),
            ("ratio", &ratio),
            ("adverse", adverse),
        ],
    );
    let _ = writeln!(out, "  {label}{figures}");
}

fn chi_text(out: &mut String, label: &str, chi: &ChiSquare, lang: Lang) {
    let p = match chi.p_value {
        Some(p) => format!("{p:.3}"),
        None => "-".to_owned(),
    };
    let low = if chi.low_expected {
        t(lang, Report::ReviewLowExpected)
    } else {
        ""
    };
    let line = fill(
        lang,
        Report::ReviewChi,
        &[
            ("side", &pad_right(label, LABEL)),
            ("statistic", &format!("{:.3}", chi.statistic)),
            ("df", &chi.df.to_string()),
            ("p", &p),
            ("low", low),
        ],
    );
    let _ = writeln!(out, "{line}");
}

pub fn review_text(policy: &Policy, review: &Review, lang: Lang) -> String {
    let mut out = String::new();
    let top: Vec<&str> = policy
        .grades
        .iter()
        .take(review.top_grades)
        .map(|g| g.id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "{}",
        fill(
            lang,
            Report::ReviewHead,
            &[
                ("attribute", &review.attribute),
                ("grades", &top.join(t(lang, Report::ListSeparator))),
            ],
        )
    );
    let (before, after) = (t(lang, Report::ReviewBefore), t(lang, Report::ReviewAfter));
    for v in &review.values {
        let _ = writeln!(out, "{}", v.value);
        side_text(&mut out, policy, before, &v.before, lang);
        side_text(&mut out, policy, after, &v.after, lang);
        if !v.withheld() {
            let moved = fill(
                lang,
                Report::ReviewUpDown,
                &[
                    ("up", &v.moved_up.to_string()),
                    ("down", &v.moved_down.to_string()),
                ],
            );
            let label = pad_right(t(lang, Report::ReviewMoved), LABEL);
            let _ = writeln!(out, "  {label}{moved}");
        }
    }
    chi_text(&mut out, before, &review.before, lang);
    chi_text(&mut out, after, &review.after, lang);
    out
}
