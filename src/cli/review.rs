//! `stats --by ATTR` (contract 6.8): the attribute review as text or JSON.
//! A value with fewer than 5 graded employees prints `fewer than 5` and
//! nothing else, in both forms.

use std::fmt::Write;

use serde_json::{Value, json};

use crate::engine::fairness::{ChiSquare, Review, Side};
use crate::engine::model::Policy;

const WITHHELD: &str = "fewer than 5";

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

fn side_text(out: &mut String, policy: &Policy, label: &str, side: &Side) {
    if side.withheld() {
        let _ = writeln!(out, "  {label:<7}{WITHHELD}");
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
    let flag = if side.adverse_impact {
        "  adverse impact"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "  {label:<7}n {}  {}  top rate {:.3}  impact ratio {ratio}{flag}",
        side.n,
        counts.join(" "),
        side.top_rate
    );
}

fn chi_text(out: &mut String, label: &str, chi: &ChiSquare) {
    let p = match chi.p_value {
        Some(p) => format!("{p:.3}"),
        None => "-".to_owned(),
    };
    let low = if chi.low_expected {
        "  (an expected count is below 5)"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "chi-square {label:<7}statistic {:.3}  df {}  p {p}{low}",
        chi.statistic, chi.df
    );
}

pub fn review_text(policy: &Policy, review: &Review) -> String {
    let mut out = String::new();
    let top: Vec<&str> = policy
        .grades
        .iter()
        .take(review.top_grades)
        .map(|g| g.id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "Attribute review by \"{}\" (top grades: {})",
        review.attribute,
        top.join(", ")
    );
    for v in &review.values {
        let _ = writeln!(out, "{}", v.value);
        side_text(&mut out, policy, "before", &v.before);
        side_text(&mut out, policy, "after", &v.after);
        if !v.withheld() {
            let _ = writeln!(out, "  moved  up {}  down {}", v.moved_up, v.moved_down);
        }
    }
    chi_text(&mut out, "before", &review.before);
    chi_text(&mut out, "after", &review.after);
    out
}
