//! The fingerprint file: JSON, one employee, rater or department a line, read
//! back only if it says it is a fingerprint of the version this build writes.

use std::fmt::Write as _;

use super::Fingerprint;

/// The fingerprint file version this build writes: 2 adds each employee's
/// name hash. Version 1 is still read (without names).
pub const FINGERPRINT_VERSION: u64 = 2;

/// What the fingerprint file says it is (read back to refuse other files).
pub(super) const KIND: &str = "calibra input fingerprint";

impl Fingerprint {
    /// The fingerprint file: JSON, one employee, rater or department a line.
    pub fn to_json(&self) -> String {
        fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
            serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
        }
        fn list<T>(out: &mut String, name: &str, items: &[T], row: impl Fn(&T) -> String) {
            let _ = write!(out, "  {}: [", json(name));
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n    " } else { ",\n    " });
                out.push_str(&row(item));
            }
            out.push_str(if items.is_empty() { "]" } else { "\n  ]" });
        }
        let mut out = String::with_capacity(64 + self.employees.len() * 32);
        let _ = write!(
            out,
            "{{\n  \"version\": {},\n  \"kind\": {},\n  \"taken_at\": {},\n  \"input\": {},\n  \"policy\": {},\n  \"ratings\": {},\n",
            self.version,
            json(&self.kind),
            json(&self.taken_at),
            json(&self.input),
            json(&self.policy),
            self.ratings
        );
        list(&mut out, "departments", &self.departments, |d| {
            json(&(&d.0, &d.1, &d.2))
        });
        out.push_str(",\n");
        list(&mut out, "raters", &self.raters, |r| {
            json(&(&r.0, r.1, &r.2))
        });
        out.push_str(",\n");
        list(&mut out, "employees", &self.employees, |e| match &e.3 {
            Some(name) => json(&(&e.0, e.1, &e.2, name)),
            None => json(&(&e.0, e.1, &e.2)),
        });
        out.push_str("\n}\n");
        out
    }

    /// Reads a fingerprint file, or says in plain words why it cannot.
    pub fn parse(text: &str) -> Result<Fingerprint, String> {
        let mut print: Fingerprint = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|err| format!("not a calibra input fingerprint ({err})"))?;
        if print.kind != KIND {
            return Err(format!("\"kind\" is \"{}\", not \"{KIND}\"", print.kind));
        }
        if !(1..=FINGERPRINT_VERSION).contains(&print.version) {
            return Err(format!(
                "fingerprint version {} is not supported (this calibra reads version {FINGERPRINT_VERSION})",
                print.version
            ));
        }
        // Written sorted; sorted again in case someone edited it by hand.
        print.departments.sort_by(|a, b| a.0.cmp(&b.0));
        print.raters.sort_by(|a, b| a.0.cmp(&b.0));
        print.employees.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(print)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{ORG, RATINGS, input};
    use super::*;

    #[test]
    fn other_files_are_refused() {
        assert!(Fingerprint::parse("{}").is_err());
        let print = Fingerprint::of(&input(ORG, RATINGS), "x", "t0");
        let text = print.to_json().replace("\"version\": 2", "\"version\": 9");
        let err = Fingerprint::parse(&text).expect_err("version 9");
        assert!(err.contains("version 9"), "{err}");
    }
}
