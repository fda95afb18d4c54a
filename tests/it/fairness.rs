//! `stats --by gender` on the demo (contract 6.8) against figures checked by
//! hand: counts from org.json and the export, the chi-square computed apart
//! with Python's math.erfc (for df 1, p = erfc(sqrt(X2 / 2))).

use crate::support::{fixture, run, text};

#[test]
fn demo_gender_review_matches_hand_checked_figures() {
    let demo = fixture("demo");
    let out = run([
        "stats".into(),
        demo.clone().into_os_string(),
        "--session".into(),
        demo.join("session.json").into_os_string(),
        "--by".into(),
        "gender".into(),
        "--format".into(),
        "json".into(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let values = doc["values"].as_array().expect("values");
    assert_eq!(values.len(), 2);
    let f = &values[0];
    let m = &values[1];
    assert_eq!(f["value"], "F");
    assert_eq!(f["before"]["n"], 43);
    assert_eq!(m["before"]["n"], 33);
    // Top (S + A): F 13 -> 14 of 43, M 11 -> 13 of 33.
    let close = |v: &serde_json::Value, x: f64| (v.as_f64().unwrap_or(f64::NAN) - x).abs() < 5e-4;
    assert!(close(&f["before"]["top_rate"], 13.0 / 43.0));
    assert!(close(&f["after"]["top_rate"], 14.0 / 43.0));
    assert!(close(&m["after"]["top_rate"], 13.0 / 33.0));
    assert!(close(&f["before"]["impact_ratio"], 0.907));
    assert!(close(&f["after"]["impact_ratio"], 0.826));
    assert_eq!(f["after"]["adverse_impact"], false);
    assert_eq!(f["moved"]["moved_up"], 8);
    assert_eq!(f["moved"]["moved_down"], 4);
    assert_eq!(m["moved"]["moved_up"], 6);
    assert_eq!(m["moved"]["moved_down"], 4);
    let chi = &doc["chi_square"];
    assert_eq!(chi["after"]["df"], 1);
    assert!(close(&chi["before"]["statistic"], 0.083));
    assert!(close(&chi["before"]["p_value"], 0.773));
    assert!(close(&chi["after"]["statistic"], 0.381));
    assert!(close(&chi["after"]["p_value"], 0.537));
}
