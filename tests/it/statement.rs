//! `calibra statement` through the binary: --all writes 78 owner-only
//! files named by id, --lang, and the input folder refused.

use crate::support::{fixture, names, run, text};

#[test]
fn all_statements_are_owner_only_files_named_by_id() {
    let out = tempfile::tempdir().expect("tempdir");
    let folder = out.path().join("statements");
    let demo = fixture("demo");
    let output = run([
        "statement".as_ref(),
        demo.as_os_str(),
        "--lang".as_ref(),
        "zh-Hans".as_ref(),
        "--session".as_ref(),
        demo.join("session.json").as_os_str(),
        "--all".as_ref(),
        "--format".as_ref(),
        "html".as_ref(),
        "--out".as_ref(),
        folder.as_os_str(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let files = names(&folder);
    assert_eq!(files.len(), 78);
    assert_eq!(files[0], "E0001.html");
    let page = std::fs::read_to_string(folder.join("E0008.html")).expect("E0008");
    assert!(page.contains("<html lang=\"zh-Hans\">"));
    assert!(page.contains("委员会调整等级"), "E0008 was overridden to S");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode =
            |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&folder.join("E0008.html")), 0o600);
    }
}

#[test]
fn one_statement_in_english_and_never_inside_the_input() {
    let out = tempfile::tempdir().expect("tempdir");
    let file = out.path().join("e0001.md");
    let demo = fixture("demo");
    let output = run([
        "statement".as_ref(),
        demo.as_os_str(),
        "--employee".as_ref(),
        "E0001".as_ref(),
        "--out".as_ref(),
        file.as_os_str(),
        "--lang".as_ref(),
        "en".as_ref(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let md = std::fs::read_to_string(&file).expect("statement");
    assert!(md.starts_with("# Calibration statement"), "{md}");
    let inside = run([
        "statement".as_ref(),
        demo.as_os_str(),
        "--all".as_ref(),
        "--out".as_ref(),
        demo.join("statements").as_os_str(),
    ]);
    assert_eq!(inside.status.code(), Some(2));
    assert!(!demo.join("statements").exists());
    let unknown = run([
        "statement".as_ref(),
        demo.as_os_str(),
        "--employee".as_ref(),
        "E9999".as_ref(),
        "--out".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    let bad_lang = run(["check", "x", "--lang", "fr"]);
    assert_eq!(bad_lang.status.code(), Some(2));
}
