//! Locales the store speaks, how a request's locale is chosen, and how
//! translated fields fall back to the default locale's text.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    #[default]
    En,
    De,
}

impl Locale {
    /// The store's own language: product fields without a translation are
    /// shown in it.
    pub const DEFAULT: Locale = Locale::En;
    pub const ALL: [Locale; 2] = [Locale::En, Locale::De];

    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
        }
    }

    /// The language's name in itself, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::De => "Deutsch",
        }
    }

    /// Accepts "de", "DE", "de-AT", "de_CH"; anything else is unsupported.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The best supported language in an `Accept-Language` header, by
    /// quality; ties keep the header's order.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(Locale, u16)> = None;
        for entry in header.split(',').take(32) {
            let mut parts = entry.split(';');
            let tag = parts.next().unwrap_or("");
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map(|q| q.trim().parse::<f32>().unwrap_or(0.0))
                .unwrap_or(1.0);
            let quality = (quality.clamp(0.0, 1.0) * 1000.0) as u16;
            if quality == 0 {
                continue;
            }
            if let Some(locale) = Locale::parse(tag) {
                if best.is_none_or(|(_, q)| quality > q) {
                    best = Some((locale, quality));
                }
            }
        }
        best.map(|(locale, _)| locale)
    }

    /// The shopper's explicit choice wins, then the browser's preference,
    /// then the store default.
    pub fn negotiate(choice: Option<&str>, accept_language: Option<&str>) -> Locale {
        choice
            .and_then(Locale::parse)
            .or_else(|| accept_language.and_then(Locale::from_accept_language))
            .unwrap_or(Locale::DEFAULT)
    }
}

/// A translatable field: the translation when there is one, otherwise the
/// default locale's text. Blank translations count as missing.
pub fn localized(default: String, translated: Option<String>) -> String {
    translated
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_choice_beats_browser_preference() {
        assert_eq!(Locale::negotiate(Some("de"), Some("en-US,en")), Locale::De);
        assert_eq!(Locale::negotiate(Some("en"), Some("de")), Locale::En);
    }

    #[test]
    fn browser_preference_is_used_by_quality() {
        assert_eq!(
            Locale::negotiate(None, Some("fr-FR, de;q=0.8, en;q=0.5")),
            Locale::De
        );
        assert_eq!(
            Locale::negotiate(None, Some("en;q=0.4, de-AT;q=0.9")),
            Locale::De
        );
        assert_eq!(Locale::negotiate(None, Some("de;q=0, en")), Locale::En);
    }

    #[test]
    fn unknown_or_garbled_input_falls_back_to_the_default() {
        assert_eq!(
            Locale::negotiate(Some("xx"), Some("fr, it")),
            Locale::DEFAULT
        );
        assert_eq!(Locale::negotiate(None, Some(";;;q=,,")), Locale::DEFAULT);
        assert_eq!(Locale::negotiate(None, None), Locale::DEFAULT);
        assert_eq!(Locale::negotiate(Some("xx"), Some("de")), Locale::De);
    }

    #[test]
    fn translations_fall_back_field_by_field() {
        assert_eq!(
            localized("Pencil".into(), Some("Bleistift".into())),
            "Bleistift"
        );
        assert_eq!(localized("Pencil".into(), None), "Pencil");
        assert_eq!(localized("Pencil".into(), Some("  ".into())), "Pencil");
    }
}
