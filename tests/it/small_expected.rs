//! fixtures/small/EXPECTED.md, "Attribute review by gender": the binary's
//! figures against the hand-checked ones (the statement section is checked
//! by the statement unit tests).

use crate::support::{fixture, run, text};

#[test]
fn the_small_attribute_review_by_gender_matches_expected_md() {
    let small = fixture("small");
    let output = run([
        "stats".as_ref(),
        small.as_os_str(),
        "--session".as_ref(),
        small.join("statement-session.json").as_os_str(),
        "--by".as_ref(),
        "gender".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let value = |v: &str| {
        doc["values"]
            .as_array()
            .expect("values")
            .iter()
            .find(|x| x["value"] == v)
            .cloned()
            .expect(v)
    };
    let counts = |side: &serde_json::Value| -> Vec<u64> {
        ["S", "A", "B", "C", "D"]
            .iter()
            .map(|g| side["counts"][g].as_u64().expect("count"))
            .collect()
    };
    let (f, m) = (value("F"), value("M"));
    assert_eq!(f["after"]["n"], 6);
    assert_eq!(counts(&f["before"]), [0, 3, 1, 2, 0]);
    assert_eq!(counts(&f["after"]), [0, 3, 1, 2, 0]);
    assert_eq!(f["after"]["top_rate"], 0.5);
    assert_eq!(f["after"]["impact_ratio"], 1.0);
    assert_eq!(m["after"]["n"], 5);
    assert_eq!(counts(&m["before"]), [0, 1, 3, 0, 1]);
    assert_eq!(counts(&m["after"]), [0, 1, 3, 1, 0]);
    assert_eq!(m["after"]["top_rate"], 0.2);
    assert_eq!(m["after"]["impact_ratio"], 0.4);
    assert_eq!(m["after"]["adverse_impact"], true);
    assert_eq!(
        (
            m["moved"]["moved_up"].as_u64(),
            m["moved"]["moved_down"].as_u64()
        ),
        (Some(1), Some(0))
    );
    let chi = &doc["chi_square"]["after"];
    let statistic = chi["statistic"].as_f64().expect("statistic");
    assert!((statistic - 891.0 / 840.0).abs() < 1e-9, "{statistic}");
    assert_eq!(chi["df"], 1);
    let p = chi["p_value"].as_f64().expect("p");
    assert_eq!(format!("{p:.3}"), "0.303");
    assert_eq!(chi["low_expected"], true);
}
