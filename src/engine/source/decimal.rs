//! Exact decimals from JSON numbers, JSON strings and CSV cells: never
//! through a float, never silently rounded.

use std::fmt;

use rust_decimal::Decimal;
use serde::de;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use crate::engine::diagnostic::{Part, Said};
use crate::i18n::Load;

/// A decimal read exactly from a JSON number (`0.15`) or string (`"0.15"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dec(pub Decimal);

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw: &'de RawValue = Deserialize::deserialize(deserializer)?;
        let text = raw.get();
        let literal = if text.starts_with('"') {
            let unquoted: String = serde_json::from_str(text).map_err(de::Error::custom)?;
            parse_decimal(&unquoted).map_err(de::Error::custom)?
        } else if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            parse_decimal(text).map_err(de::Error::custom)?
        } else {
            return Err(de::Error::custom(format!(
                "wrong type: found {}, expected a decimal number",
                describe_json(text)
            )));
        };
        Ok(Dec(literal))
    }
}

fn describe_json(text: &str) -> String {
    match text.chars().next() {
        Some('t' | 'f') => format!("boolean `{text}`"),
        Some('n') => "null".to_string(),
        Some('[') => "a list".to_string(),
        Some('{') => "an object".to_string(),
        _ => format!("`{text}`"),
    }
}

/// Why a text is not a decimal number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotADecimal(Said);

impl fmt::Display for NotADecimal {
    /// In English (serde carries it as text).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl From<NotADecimal> for Part {
    fn from(err: NotADecimal) -> Self {
        Part::Said(err.0)
    }
}

/// Reads a decimal exactly: `-12.5`, `0.15`, `1e3`. No thousands separators,
/// no decimal commas, no `NaN`; more digits than a decimal can hold is an
/// error rather than a silent rounding.
pub fn parse_decimal(text: &str) -> Result<Decimal, NotADecimal> {
    let bad = || NotADecimal(Said::new(Load::NotADecimal, &[("text", &text)]));
    let bytes = text.as_bytes();
    let mut i = 0;
    if bytes.first() == Some(&b'-') {
        i += 1;
    }
    let int_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    if i == int_start {
        return Err(bad());
    }
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == frac_start {
            return Err(bad());
        }
    }
    let mantissa_end = i;
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            i += 1;
        }
        let exp_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return Err(bad());
        }
    }
    if i != bytes.len() {
        return Err(bad());
    }
    let too_big = || NotADecimal(Said::new(Load::TooManyDigits, &[("text", &text)]));
    if mantissa_end == bytes.len() {
        Decimal::from_str_exact(text).map_err(|_| too_big())
    } else {
        let value = Decimal::from_scientific(text).map_err(|_| too_big())?;
        // Reject exponents that silently lost digits (e.g. 1e-40 -> 0).
        if value.is_zero()
            && text[int_start..mantissa_end]
                .bytes()
                .any(|b| b > b'0' && b != b'.')
        {
            return Err(too_big());
        }
        Ok(value.normalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::source::{At, Positions, SourceFile};
    use rust_decimal_macros::dec;

    #[test]
    fn decimals_are_read_exactly() {
        assert_eq!(parse_decimal("0.15"), Ok(dec!(0.15)));
        assert_eq!(parse_decimal("-3"), Ok(dec!(-3)));
        assert_eq!(parse_decimal("1e2"), Ok(dec!(100)));
        assert_eq!(parse_decimal("2.5E-1"), Ok(dec!(0.25)));
        assert_eq!(
            parse_decimal("0.1000000000000000000000000001"),
            Ok(dec!(0.1000000000000000000000000001))
        );
        for bad in [
            "", "-", "12,5", "1.", ".5", "NaN", "1_000", " 1", "1 ", "+1", "0x10", "1e",
        ] {
            assert!(parse_decimal(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(parse_decimal("0.12345678901234567890123456789").is_err());
        assert!(parse_decimal("1e-40").is_err());
    }

    #[derive(Deserialize)]
    struct Doc {
        a: Dec,
        b: Dec,
        c: At<String>,
    }

    #[test]
    fn json_numbers_and_strings_both_read_exactly() {
        let file = SourceFile::new(
            "x.json",
            "{\"a\": 0.15,\n \"b\": \"0.30\",\n \"c\": \"id\"}",
        );
        let positions = Positions::new(&file);
        let doc: Doc = positions.parse().expect("valid");
        assert_eq!(doc.a.0, dec!(0.15));
        assert_eq!(doc.a.0.to_string(), "0.15");
        assert_eq!(doc.b.0.to_string(), "0.30");
        assert_eq!(doc.c.value, "id");
        assert_eq!(positions.at_addr(doc.c.addr).line, Some(3));
    }
}
