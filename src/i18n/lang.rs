//! Which language calibra speaks: chosen with `--lang`, or taken from the
//! locale the environment names (LC_ALL, then LC_MESSAGES, then LANG, as
//! POSIX orders them).

use std::fmt;
use std::str::FromStr;

/// A language calibra's messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Traditional Chinese, as HR staff in Taiwan write it.
    ZhHant,
    /// Simplified Chinese, as HR staff in mainland China write it.
    ZhHans,
    #[default]
    En,
}

impl Lang {
    /// Every language, in the order of a message's texts.
    pub const ALL: [Lang; 3] = [Lang::ZhHant, Lang::ZhHans, Lang::En];

    /// The `--lang` value, also the BCP 47 tag written in an HTML page.
    pub fn code(self) -> &'static str {
        match self {
            Lang::ZhHant => "zh-Hant",
            Lang::ZhHans => "zh-Hans",
            Lang::En => "en",
        }
    }

    /// The position of this language's text in a message (see [`Lang::ALL`]).
    pub fn index(self) -> usize {
        match self {
            Lang::ZhHant => 0,
            Lang::ZhHans => 1,
            Lang::En => 2,
        }
    }

    /// The language of a locale name such as `zh_TW.UTF-8`: `zh_TW`,
    /// `zh_HK` and `zh_MO` are Traditional, `zh_CN` and `zh_SG`
    /// Simplified, any other Chinese Traditional (a script subtag,
    /// `zh_Hans`, decides first), everything else English. `None` when the
    /// name is empty (the variable does not choose).
    pub fn from_locale(locale: &str) -> Option<Lang> {
        // language[_territory][.codeset][@modifier]
        let name = locale.split(['.', '@']).next().unwrap_or("").trim();
        if name.is_empty() {
            return None;
        }
        let mut parts = name.split(['_', '-']).map(str::to_ascii_lowercase);
        if parts.next().as_deref() != Some("zh") {
            return Some(Lang::En);
        }
        for part in parts {
            match part.as_str() {
                "hans" | "cn" | "sg" => return Some(Lang::ZhHans),
                "hant" | "tw" | "hk" | "mo" => return Some(Lang::ZhHant),
                _ => {}
            }
        }
        Some(Lang::ZhHant)
    }

    /// The language the environment asks for: the first of LC_ALL,
    /// LC_MESSAGES and LANG that is set and not empty decides; English
    /// when none is.
    pub fn from_env() -> Lang {
        Lang::from_vars(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] over any source of variables (for tests).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| var(name).as_deref().and_then(Lang::from_locale))
            .unwrap_or_default()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A `--lang` value that is not one of the three.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a language calibra speaks: use zh-Hant, zh-Hans or en")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    /// `zh-Hant`, `zh-Hans` or `en`, in any letter case (`zh_Hant` too).
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        let wanted = s.trim().replace('_', "-");
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(&wanted))
            .ok_or_else(|| UnknownLang(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_values_parse_in_any_case() {
        assert_eq!("zh-Hant".parse(), Ok(Lang::ZhHant));
        assert_eq!("zh-hans".parse(), Ok(Lang::ZhHans));
        assert_eq!("zh_Hant".parse(), Ok(Lang::ZhHant));
        assert_eq!("EN".parse(), Ok(Lang::En));
        assert!("zh".parse::<Lang>().is_err());
        assert!("fr".parse::<Lang>().is_err());
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse(), Ok(lang));
            assert_eq!(Lang::ALL[lang.index()], lang);
        }
    }

    #[test]
    fn locales_map_to_the_script_their_region_reads() {
        let cases = [
            ("zh_TW.UTF-8", Some(Lang::ZhHant)),
            ("zh_HK.UTF-8", Some(Lang::ZhHant)),
            ("zh_MO", Some(Lang::ZhHant)),
            ("zh_CN.UTF-8", Some(Lang::ZhHans)),
            ("zh_SG.GB2312", Some(Lang::ZhHans)),
            ("zh_Hans_HK", Some(Lang::ZhHans)),
            ("zh_MY", Some(Lang::ZhHant)),
            ("zh", Some(Lang::ZhHant)),
            ("en_US.UTF-8", Some(Lang::En)),
            ("C", Some(Lang::En)),
            ("C.UTF-8", Some(Lang::En)),
            ("POSIX", Some(Lang::En)),
            ("ja_JP.UTF-8", Some(Lang::En)),
            ("", None),
        ];
        for (locale, lang) in cases {
            assert_eq!(Lang::from_locale(locale), lang, "{locale}");
        }
    }

    #[test]
    fn lc_all_wins_then_lc_messages_then_lang() {
        fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
            move |name| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        }
        let all = [
            ("LC_ALL", "zh_CN.UTF-8"),
            ("LC_MESSAGES", "en_US"),
            ("LANG", "zh_TW.UTF-8"),
        ];
        assert_eq!(Lang::from_vars(env(&all)), Lang::ZhHans);
        assert_eq!(Lang::from_vars(env(&all[1..])), Lang::En);
        assert_eq!(Lang::from_vars(env(&all[2..])), Lang::ZhHant);
        // An empty variable does not choose.
        let empty = [("LC_ALL", ""), ("LANG", "zh_HK.UTF-8")];
        assert_eq!(Lang::from_vars(env(&empty)), Lang::ZhHant);
        assert_eq!(Lang::from_vars(env(&[])), Lang::En);
    }
}
