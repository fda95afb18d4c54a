//! `calibra stats --format json` on the contract's worked example (6.7):
//! the Shrout and Fleiss (1979) ratings in a linked design, written as an
//! input folder.

use std::fs;
use std::path::Path;

use serde_json::Value;

const POLICY: &str = r#"{
  "cycle": "linked",
  "score": { "min": 0, "max": 10, "decimals": 0 },
  "grades": [ { "id": "A" }, { "id": "B" } ],
  "department_grades": ["A"],
  "quotas": { "A": { "A": 0.5, "B": 0.5 } }
}"#;

const ORG: &str = r#"{
  "departments": [ { "id": "D1", "name": "One", "grade": "A" } ],
  "employees": [
    { "id": "T1", "name": "T1", "department": "D1" },
    { "id": "T2", "name": "T2", "department": "D1" },
    { "id": "T3", "name": "T3", "department": "D1" },
    { "id": "T4", "name": "T4", "department": "D1" },
    { "id": "T5", "name": "T5", "department": "D1" },
    { "id": "T6", "name": "T6", "department": "D1" },
    { "id": "U1", "name": "U1", "department": "D1" }
  ]
}"#;

/// J1..J4 of the worked example, and K1 alone with U1.
const RATINGS: [(&str, &[(&str, u32)]); 5] = [
    ("J1", &[("T3", 8), ("T4", 7), ("T5", 10), ("T6", 6)]),
    ("J2", &[("T5", 5), ("T6", 2)]),
    ("J3", &[("T1", 5), ("T2", 3)]),
    ("J4", &[("T1", 8), ("T2", 2), ("T3", 8), ("T4", 6)]),
    ("K1", &[("U1", 4)]),
];

fn write_folder(dir: &Path) {
    fs::write(dir.join("policy.json"), POLICY).expect("write policy");
    fs::write(dir.join("org.json"), ORG).expect("write org");
    let submissions = dir.join("submissions");
    fs::create_dir(&submissions).expect("create submissions");
    for (rater, ratings) in RATINGS {
        let rows: Vec<String> = ratings
            .iter()
            .map(|(e, x)| format!(r#"{{ "employee": "{e}", "score": {x} }}"#))
            .collect();
        let text = format!(
            r#"{{ "rater": {{ "id": "{rater}", "name": "{rater}" }}, "ratings": [{}] }}"#,
            rows.join(", ")
        );
        fs::write(submissions.join(format!("{rater}.json")), text).expect("write submission");
    }
}

#[test]
fn stats_json_carries_severities_components_and_agreement() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_folder(dir.path());
    let output = crate::support::binary()
        .args(["stats", "--format", "json"])
        .arg(dir.path())
        .output()
        .expect("run calibra");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc: Value = serde_json::from_slice(&output.stdout).expect("stats JSON");
    let raters = doc["raters"].as_array().expect("raters");
    let rater = |id: &str| -> &Value {
        raters
            .iter()
            .find(|r| r["id"] == id)
            .ok_or(format!("no rater {id}"))
            .expect("the rater is listed")
    };
    // 7/6, -10/3, -1/3, 2/3 and sqrt(1.5 * {11, 35, 35, 11} / 36), to 4 places.
    for (id, severity, se) in [
        ("J1", 1.1667, 0.6770),
        ("J2", -3.3333, 1.2076),
        ("J3", -0.3333, 1.2076),
        ("J4", 0.6667, 0.6770),
    ] {
        assert_eq!(rater(id)["severity"].as_f64(), Some(severity), "{id}");
        assert_eq!(rater(id)["severity_se"].as_f64(), Some(se), "{id}");
        assert_eq!(rater(id)["component"], "J1", "{id}");
    }
    let k1 = rater("K1");
    assert!(k1["severity"].is_null() && k1["severity_se"].is_null() && k1["component"].is_null());
    // The new keys come after the existing ones (serde_json's map sorts
    // keys, so look at the text).
    let raw = String::from_utf8_lossy(&output.stdout);
    let at = |key: &str| raw.find(&format!("\"{key}\":")).unwrap_or(usize::MAX);
    assert!(at("adjusted") < at("severity"));
    assert!(at("severity") < at("severity_se") && at("severity_se") < at("component"));
    assert!(at("max") < at("components") && at("components") < at("unlinked_raters"));
    let pool = &doc["pool"];
    assert_eq!(pool["n"], 13);
    assert_eq!(
        pool["components"],
        serde_json::json!([{ "id": "J1", "raters": 4, "employees": 6, "ratings": 12 }])
    );
    assert_eq!(pool["unlinked_raters"], 1);
    assert_eq!(pool["agreement"]["employees"], 6);
    assert_eq!(pool["agreement"]["ratings"], 12);
    for key in ["icc_1_1", "icc_2_1", "icc_3_1"] {
        assert!(pool["agreement"][key].is_number(), "{key}");
    }

    let text = crate::support::binary()
        .arg("stats")
        .arg(dir.path())
        .output()
        .expect("run calibra");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("+1.17 ± 0.68"), "{text}");
    assert!(text.contains("Linking: 1 part(s)"), "{text}");
}

#[test]
fn link_advice_names_a_cross_rating_in_json_and_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_folder(dir.path());
    let run = |format: &str| {
        let output = crate::support::binary()
            .args(["stats", "--link-advice", "3", "--format", format])
            .arg(dir.path())
            .output()
            .expect("run calibra");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let doc: Value = serde_json::from_str(&run("json")).expect("stats JSON");
    assert_eq!(
        doc["link_advice"],
        serde_json::json!([{
            "rater": "K1", "employee": "T1", "joins": ["J1", "K1"], "why": "same department"
        }])
    );
    let text = run("text");
    assert!(
        text.contains("K1 K1 should also rate T1 T1: joins K1 to J1 (same department)"),
        "{text}"
    );
    // Without the option the key is absent.
    let output = crate::support::binary()
        .args(["stats", "--format", "json"])
        .arg(dir.path())
        .output()
        .expect("run calibra");
    let doc: Value = serde_json::from_slice(&output.stdout).expect("stats JSON");
    assert!(doc.get("link_advice").is_none());
}

#[test]
fn peer_figures_equal_the_all_raters_ones_when_every_department_shares_a_grade() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_folder(dir.path());
    let output = crate::support::binary()
        .args(["stats", "--format", "json"])
        .arg(dir.path())
        .output()
        .expect("run calibra");
    let raw = String::from_utf8_lossy(&output.stdout);
    let at = |key: &str| raw.find(&format!("\"{key}\":")).unwrap_or(usize::MAX);
    assert!(at("component") < at("peer_grade") && at("peer_grade") < at("peer_mean_diff"));
    let doc: Value = serde_json::from_str(&raw).expect("stats JSON");
    for rater in doc["raters"].as_array().expect("raters") {
        assert_eq!(rater["peer_grade"], "A");
        for (all, peer) in [
            ("mean_diff", "peer_mean_diff"),
            ("ci_low", "peer_ci_low"),
            ("ci_high", "peer_ci_high"),
            ("effect_size", "peer_effect_size"),
        ] {
            assert_eq!(rater[all], rater[peer], "{}: {peer}", rater["id"]);
        }
    }
}

/// Pearson's correlation of paired figures.
fn pearson(pairs: &[(f64, f64)]) -> f64 {
    let n = pairs.len() as f64;
    let (mx, my) = pairs
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x / n, b + y / n));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx).powi(2);
        syy += (y - my).powi(2);
    }
    sxy / (sxx * syy).sqrt()
}

/// The issue's check on a linked folder of 10,000 people, 20% of them
/// rated twice (by their department's head or another team's manager),
/// where teams differ in ability by about as much as raters in severity:
/// the model finds the true severities; a rater's mean difference (the Δ
/// that z-scoring takes away) mixes them with their team's strength.
#[test]
fn the_model_recovers_the_generators_true_severities_and_the_mean_difference_does_not() {
    use calibra::engine::{bias, load, rater_model, session::Session};
    use calibra_synth::{self as synth, Spec};
    use std::collections::HashMap;

    let dir = tempfile::tempdir().expect("temp dir");
    let spec = Spec {
        second_ratings: Some(0.2),
        ..Spec::new(10_000, synth::DEFAULT_SEED)
    };
    let (_, truth) = synth::write_with_truth(&spec, dir.path()).expect("generated");
    let truth = truth.expect("a linked folder has a truth");
    let severity: HashMap<&str, f64> = truth
        .raters
        .iter()
        .map(|r| (r.id.as_str(), r.severity))
        .collect();
    let input = load::load(load::read_folder(dir.path()))
        .expect("a valid folder")
        .input;
    let model = rater_model::fit(&input);
    let true_of = |r: usize| severity[input.raters[r].id.as_str()];

    // Severities are identified up to a shift per part (the constraint):
    // centre the truth the same way before comparing.
    let mut centre = vec![(0.0, 0.0); model.components.len()];
    for (r, effect) in model.raters.iter().enumerate() {
        if let Some(c) = effect.component {
            let n = input.rater_ratings.of(r).len() as f64;
            centre[c].0 += n * true_of(r);
            centre[c].1 += n;
        }
    }
    let fitted: Vec<(f64, f64)> = (0..input.raters.len())
        .filter_map(|r| {
            let effect = model.raters[r];
            let (severity, c) = (effect.severity?, effect.component?);
            Some((severity, true_of(r) - centre[c].0 / centre[c].1))
        })
        .collect();
    let session = Session::new(input.clone());
    let identified: Vec<bool> = model.raters.iter().map(|e| e.severity.is_some()).collect();
    let mean_diff: Vec<(f64, f64)> = bias::rater_biases(&session)
        .iter()
        .filter(|b| identified[b.rater])
        .filter_map(|b| Some((b.mean_diff?, true_of(b.rater))))
        .collect();
    assert_eq!(mean_diff.len(), fitted.len(), "the same raters");
    // Nearly every rater is linked, most in one part.
    assert!(
        fitted.len() * 100 >= input.raters.len() * 95,
        "{}",
        fitted.len()
    );

    let model_corr = pearson(&fitted);
    let mean_diff_corr = pearson(&mean_diff);
    eprintln!(
        "recovery at 10,000 people, 20% second ratings, {} of {} raters identified in {} part(s): \
         corr(model severity, truth) = {model_corr:.3}, corr(mean difference, truth) = {mean_diff_corr:.3}",
        fitted.len(),
        input.raters.len(),
        model.components.len()
    );
    assert!(model_corr > 0.9, "{model_corr}");
    // The model knows how far it is off: its standard errors match the
    // errors against the truth.
    let rms = |x: &mut dyn Iterator<Item = f64>| {
        let (sum, n) = x.fold((0.0, 0.0), |(s, n), v| (s + v * v, n + 1.0));
        (sum / n).sqrt()
    };
    let error = rms(&mut fitted.iter().map(|(fitted, truth)| fitted - truth));
    let se = rms(&mut model.raters.iter().filter_map(|e| e.severity_se));
    eprintln!("rms error {error:.2} points, rms standard error {se:.2}");
    assert!((0.85..1.15).contains(&(error / se)), "{error} vs {se}");
    assert!(
        model_corr - mean_diff_corr > 0.15,
        "{model_corr} vs {mean_diff_corr}"
    );
}
